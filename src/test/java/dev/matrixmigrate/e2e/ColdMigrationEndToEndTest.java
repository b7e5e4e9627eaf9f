package dev.matrixmigrate.e2e;

import static dev.matrixmigrate.e2e.TwoHosts.FIXTURE;
import static dev.matrixmigrate.e2e.TwoHosts.NEW;
import static dev.matrixmigrate.e2e.TwoHosts.NEW_ADDRESS;
import static dev.matrixmigrate.e2e.TwoHosts.OLD;
import static dev.matrixmigrate.e2e.TwoHosts.OLD_ADDRESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.matrixmigrate.engine.Journal;
import dev.matrixmigrate.engine.RunFolder;
import dev.matrixmigrate.engine.StepRecord;

import dev.matrixmigrate.support.Cli;
import dev.matrixmigrate.support.Programs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** --cold (the guide's own order) through a sudo user, with the oldest ansible-core the playbook supports. */
class ColdMigrationEndToEndTest extends FreshHostsTest {
    @Test
    void aColdMigrationToASudoUserWithAHostKeyAcceptedOnRequestWhoseRoomCheckCountsRealBlocks() throws IOException {
        // new's data path: a 48 MiB filesystem; the fixture's sparse file is 64 MiB long and holds a few bytes
        hosts.exec(NEW, "mount", "-t", "tmpfs", "-o", "size=48m,mode=755", "tmpfs", "/matrix");
        hosts.makeTree(OLD, FIXTURE, 100);
        Programs.ok(TwoHosts.E2E, TwoHosts.E2E.resolve("testhost.sh").toString(), "add-sudo-user", NEW,
                hosts.state.toString(), "deploy");
        Path knownHosts = hosts.state.resolve("known_hosts");
        String newKeyPrefix = "[" + NEW_ADDRESS + "]:2222 ";
        Files.writeString(knownHosts, Files.readString(knownHosts).lines().filter(l -> !l.startsWith(newKeyPrefix))
                .map(l -> l + "\n").collect(Collectors.joining()));
        String hostsBefore = Files.readString(hosts.hostsFile());

        Cli.Result refused = hosts.migrate("--to", NEW_ADDRESS, "--to-user", "deploy", "--to-become", "--yes");
        assertEquals(2, refused.exitCode(), refused.err());
        assertTrue(refused.err().contains("host key of the new server") && refused.err().contains("--accept-new-host-key"),
                refused.err());
        assertTrue(refused.out().contains("SHA256:"), "the fingerprint must be shown: " + refused.out());
        assertEquals(hostsBefore, Files.readString(hosts.hostsFile()));
        assertFalse(Files.exists(RunFolder.runsDir(hosts.playbook)), "nothing may be started");
        assertNotNull(TwoHosts.versions(OLD_ADDRESS));

        List<String> arguments = new ArrayList<>(List.of("--to", NEW_ADDRESS, "--to-user", "deploy", "--to-become",
                "--yes", "--accept-new-host-key", "--cold", "--verify=checksum", "-v"));
        Optional<String> oldest = OtherAnsible.OLDEST.program(hosts.playbook);
        oldest.ifPresent(program -> arguments.addAll(List.of("--ansible-playbook", program)));
        Cli.Result result = hosts.migrate(arguments.toArray(String[]::new));
        assertEquals(0, result.exitCode(), result.err());
        oldest.ifPresent(program -> assertTrue(result.out().lines()
                .filter(line -> line.startsWith("$ ") && line.contains("ansible-playbook"))
                .allMatch(line -> line.contains(program + " -i")), "every step ran the oldest ansible-playbook:\n"
                + result.out()));
        RunFolder run = RunFolder.find(hosts.playbook, null, "resume");
        Journal journal = Journal.load(run.dir());
        String syncLog = Files.readString(run.dir().resolve(journal.step("cutover").log()));
        assertTrue(syncLog.contains("\"deploy@127.0.0.3:/matrix/\"") && !syncLog.contains("--rsync-path"),
                "the copy logs in as the SSH user (not root, which become makes of the facts); the key's forced command"
                        + " runs the receiver through sudo there, whatever the client asks: " + syncLog);
        assertFalse(hosts.exec(NEW, "cat", "/root/.ssh/authorized_keys").contains("matrix-migrate-" + run.id()));
        List<String> ids = journal.steps().stream().map(StepRecord::id).toList();
        assertEquals(List.of("preflight", "cutover", "dns", "switch-inventory", "setup-system-user", "chown",
                "start", "health", "cleanup"), ids, "--cold copies once, after the stop, as the manual procedure does");
        assertTrue(Files.readString(run.dir().resolve(journal.step("start").log())).contains("--tags=install-all,start"),
                "--cold installs and starts after the copy, as the guide does");
        assertFalse(Files.exists(run.planDir().resolve("installed-on-new.txt")), "a cold copy leaves nothing out");
        // the guide's tags, each run noted by the test playbook on its host: stop on old (then disable --now),
        // setup-system-user and install-all,start on new (the current guide's)
        assertTrue(hosts.exec(OLD, "cat", "/var/log/matrix-test-playbook.log").lines().anyMatch(l -> l.endsWith(" begin stop")),
                "--cold stops the old server with the playbook's --tags=stop first");
        // the copy prepared first and waited at its gate before the old server's stop, until --tags=stop had run
        assertTrue(syncLog.indexOf("setup.yml --tags=stop") < syncLog.indexOf("TASK [Stop the old server for good")
                && syncLog.contains("matrix-migrate: the gate opened after"), syncLog);
        assertEquals("disabled", hosts.tryExec(OLD, "systemctl", "is-enabled", "matrix-synapse.service").stdout().strip());
        List<String> onNew = hosts.exec(NEW, "cat", "/var/log/matrix-test-playbook.log").lines()
                .filter(l -> l.contains(" begin ")).map(l -> java.util.Arrays.stream(l.substring(l.indexOf(" begin ") + 7)
                        .split(",")).sorted().collect(java.util.stream.Collectors.joining(","))).toList();
        assertTrue(onNew.contains("setup-system-user") && onNew.lastIndexOf("setup-system-user")
                < onNew.lastIndexOf("install-all,start"), "the guide's runs on new (tags sorted), in its order: " + onNew);
        assertTrue(Files.readString(knownHosts).contains(newKeyPrefix + "ssh-ed25519 "));
        assertTrue(Files.readString(hosts.hostsFile()).contains("matrix.example.com ansible_host=127.0.0.3 ansible_port=2222"
                + " ansible_ssh_user=deploy ansible_become=true ansible_become_user=root\n"));
        assertEquals(hosts.manifest(OLD, FIXTURE), hosts.manifest(NEW, FIXTURE));
        assertTrue(TwoHosts.versions(NEW_ADDRESS).contains("\"server\": \"new\""));
        assertFalse(hosts.exec(NEW, "cat", "/home/deploy/.ssh/authorized_keys")
                .contains("matrix-migrate-" + RunFolder.find(hosts.playbook, null, "resume").id()));
        assertEquals("67108864", hosts.exec(NEW, "stat", "-c", "%s", FIXTURE + "/sparse.img").strip());
        long blocks = Long.parseLong(hosts.exec(NEW, "stat", "-c", "%b", FIXTURE + "/sparse.img").strip());
        assertTrue(blocks * 512 < 1024 * 1024, "the copy keeps the sparse file sparse: " + blocks + " blocks");

        // Going back: the new server served, so what its service wrote since refuses the rollback; what the
        // start's own install rendered there (its configuration) is the run's and is not counted.
        Cli.Result refusedBack = hosts.migrate("--rollback", "--yes");
        assertEquals(2, refusedBack.exitCode(), refusedBack.toString());
        assertTrue(refusedBack.err().contains("/synapse/data/writes.log"), refusedBack.err());
        String written = Files.readString(run.planDir().resolve("written-on-new.txt"));
        assertFalse(written.contains("/synapse/config/"), "the install's configuration is the run's own: " + written);
        Cli.Result back = hosts.migrate("--rollback", "--yes", "--force");
        assertEquals(0, back.exitCode(), back.toString());
        assertNotNull(TwoHosts.versions(OLD_ADDRESS));
        assertEquals("disabled", hosts.unitState(NEW, "is-enabled"), "stopped through sudo on new");
        assertEquals(hostsBefore, Files.readString(hosts.hostsFile()));
    }
}
