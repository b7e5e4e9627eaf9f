package dev.matrixmigrate.e2e;

import static dev.matrixmigrate.e2e.TwoHosts.FIXTURE;
import static dev.matrixmigrate.e2e.TwoHosts.HOST;
import static dev.matrixmigrate.e2e.TwoHosts.NEW;
import static dev.matrixmigrate.e2e.TwoHosts.NEW_ADDRESS;
import static dev.matrixmigrate.e2e.TwoHosts.OLD;
import static dev.matrixmigrate.e2e.TwoHosts.OLD_ADDRESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.matrixmigrate.engine.Journal;
import dev.matrixmigrate.engine.RunFolder;
import dev.matrixmigrate.engine.StepState;

import dev.matrixmigrate.support.Cli;
import dev.matrixmigrate.support.Programs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The copy route: a full warm migration, a checksum verification, a cold one through sudo. */
class CopyRouteEndToEndTest extends FreshHostsTest {
    @Test
    void aFullMigrationMovesEverythingWithARunningPostgresLeavesTheOldDataAloneAndARollbackAfterWritesNeedsForce()
            throws IOException {
        String databaseBefore = postgres.withData();
        hosts.makeTree(OLD, FIXTURE, 3000);
        String oldBefore = hosts.manifest(OLD, FIXTURE, "--owners", "--ctime");
        String hostsBefore = Files.readString(hosts.hostsFile());

        Cli.Result result = hosts.migrate("--to", NEW_ADDRESS, "--yes");
        assertEquals(0, result.exitCode(), result.err());

        assertEquals(oldBefore, hosts.manifest(OLD, FIXTURE, "--owners", "--ctime"), "the old server's data must not change");
        assertEquals(hosts.manifest(OLD, FIXTURE), hosts.manifest(NEW, FIXTURE),
                "content, modes, times, links, hard links, sparse files, ACLs and xattrs must be equal");
        assertEquals("", hosts.exec(NEW, "find", "/matrix", "(", "!", "-user", "matrix", "-o", "!", "-group", "matrix",
                ")", "-print"), "everything on new must belong to new's matrix user");
        assertNotEquals(hosts.exec(OLD, "id", "-u", "matrix"), hosts.exec(NEW, "id", "-u", "matrix"),
                "the test hosts must give matrix different ids, or chown would prove nothing");
        String oldWrites = hosts.exec(OLD, "cat", "/matrix/synapse/data/writes.log");
        assertFalse(oldWrites.isEmpty());
        assertTrue(hosts.exec(NEW, "cat", "/matrix/synapse/data/writes.log").startsWith(oldWrites),
                "every write the old service made must be on new, which continues the log");

        assertTrue(TwoHosts.versions(NEW_ADDRESS).contains("\"server\": \"new\""));
        assertEquals("disabled", hosts.unitState(OLD, "is-enabled"));
        assertEquals("inactive", hosts.unitState(OLD, "is-active"));
        assertEquals("enabled", hosts.unitState(NEW, "is-enabled"));
        assertEquals("active", hosts.unitState(NEW, "is-active"));

        Map<String, Object> host = new Yaml().load(Programs.ok(hosts.playbook, "ansible-inventory", "-i",
                "inventory/hosts", "--host", HOST));
        assertEquals(NEW_ADDRESS, host.get("ansible_host"));
        assertEquals(hostsBefore.replace("ansible_host=127.0.0.2", "ansible_host=127.0.0.3"),
                Files.readString(hosts.hostsFile()), "only the migrated host's line changes");
        try (Stream<Path> files = Files.list(hosts.hostsFile().getParent())) {
            List<Path> backups = files.filter(p -> p.getFileName().toString().startsWith("hosts.bak-")).toList();
            assertEquals(1, backups.size());
            assertEquals(hostsBefore, Files.readString(backups.get(0)));
        }

        String runKey = "matrix-migrate-" + RunFolder.find(hosts.playbook, null, "resume").id();
        assertFalse(hosts.exec(NEW, "cat", "/root/.ssh/authorized_keys").contains(runKey),
                "the migration key must be removed from new");
        assertEquals("", hosts.exec(OLD, "find", "/root/.matrix-migrate", "-mindepth", "1"),
                "the migration key must be removed from old");
        assertTrue(result.out().contains("copied "), "the copy's progress must be shown: " + result.out());
        Path planDir = RunFolder.find(hosts.playbook, null, "resume").planDir();
        assertFalse(Files.exists(planDir.resolve("verify-result.txt")), "differences are kept only when there are any");
        assertTrue(Files.readString(planDir.resolve("cutover-notes.yml")).contains("differences: 0\n"));
        for (String server : List.of(OLD, NEW)) {
            assertEquals("", hosts.exec(server, "find", "/root", "/home", "/tmp", "/matrix", "-name", "id_ed25519*"),
                    "no copy of the run's key (made in its folder on old) is left on " + server);
        }

        RunFolder run = RunFolder.find(hosts.playbook, null, "resume");
        Journal journal = Journal.load(run.dir());
        assertTrue(journal.complete());
        assertTrue(journal.downtime().isPresent());
        assertNothingButTheStartRanOnNewInsideTheDowntime(run);
        assertTrue(result.out().contains("Inside it: stop ") && result.out().contains(", final pass ")
                && result.out().contains(", verification ") && result.out().contains(", start "),
                "the summary lists the parts of the downtime: " + result.out());

        assertEquals("MATRIX_TEST_HOSTNAME=new", hosts.exec(NEW, "grep", "HOSTNAME", "/matrix/synapse/config/host.env").strip(),
                "what the install rendered from new's facts stays new's");
        assertEquals("MATRIX_TEST_HOSTNAME=old", hosts.exec(OLD, "grep", "HOSTNAME", "/matrix/synapse/config/host.env").strip());
        assertEquals(List.of("/synapse/config/homeserver.yaml", "/synapse/config/host.env"),
                Files.readString(run.planDir().resolve("installed-on-new.txt")).lines().sorted().toList(),
                "exactly the files the install rendered differently for new are left out of the final pass");
        assertTrue(result.out().contains("2 files the install wrote for the new server were left as it wrote them"),
                result.out());
        assertEquals(withoutLiveOrRendered(hosts.manifest(OLD, "/matrix")), withoutLiveOrRendered(hosts.manifest(NEW, "/matrix")),
                "everything else under the data path equals old's");
        assertFalse(journal.step("cleanup").started().isBefore(journal.step("start").ended()),
                "the key is removed after the start, outside the downtime");
        assertEquals(StepState.DONE, journal.step("health").state());
        String identity = Files.readString(run.planDir().resolve("server-identity.json"));
        String signingKey = hosts.exec(OLD, "sh", "-c", "cat /matrix/synapse/config/*.signing.key").split(" ")[1];
        assertTrue(identity.contains("\"server_name\": \"example.com\"") && identity.contains("ed25519:" + signingKey + " "),
                "the preflight keeps the server name and signing key old answered, which new answered too: " + identity);
        assertTrue(result.out().contains("Check the services (the real playbook's self-check"), "the playbook's self-check runs: " + result.out());
        Cli.Result status = Cli.run("status", "--playbook", hosts.playbook.toString());
        assertTrue(status.out().contains("[complete]"), status.out());
        assertTrue(status.out().contains("downtime:"), status.out());

        // the playbook's Postgres, running on old when the migration began, moved with its raw files
        assertEquals("active", hosts.exec(NEW, "systemctl", "is-active", "matrix-postgres").strip());
        assertEquals("inactive", hosts.tryExec(OLD, "systemctl", "is-active", "matrix-postgres").stdout().strip(),
                "the old server's Postgres stopped with the rest");
        assertEquals(databaseBefore, postgres.dumpAll(NEW), "every role, database, row, byte and sequence value must be on new");
        assertEquals("5000", postgres.psql(NEW, "synapse", "SELECT count(*) FROM events"));
        assertEquals("message 4999 — héllo wörld ✓ 🎉", postgres.psql(NEW, "synapse", "SELECT body FROM events WHERE id = 4999"));

        // going back after the new server served and got writes
        hosts.exec(NEW, "sh", "-c", "echo 'an upload' > /matrix/synapse/data/upload-1");
        String hostsAfterMigration = Files.readString(hosts.playbook.resolve("inventory/hosts"));

        Cli.Result refused = hosts.migrate("--rollback", "--yes");
        assertEquals(2, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("check-new refused: the new server may have served users, and going back"
                + " leaves behind"), refused.err());
        // the message names the first few (here new's Postgres files) and where all are listed
        Path writtenOnNew = run.planDir().resolve("written-on-new.txt");
        assertTrue(refused.err().contains(" more (all listed in " + writtenOnNew + ")"), refused.err());
        assertTrue(Files.readString(writtenOnNew).contains("/synapse/data/upload-1\n"), Files.readString(writtenOnNew));
        assertTrue(refused.err().contains("roll back with --force"), refused.err());
        assertEquals("active", hosts.unitState(NEW, "is-active"), "nothing was changed");
        assertEquals(hostsAfterMigration, Files.readString(hosts.playbook.resolve("inventory/hosts")));

        Cli.Result forced = hosts.migrate("--rollback", "--yes", "--force");
        assertEquals(0, forced.exitCode(), forced.toString());
        assertTrue(forced.out().contains("Left behind on the new server (on its disk, not carried back): "), forced.out());
        assertTrue(forced.out().contains("(listed in " + writtenOnNew + ")"), forced.out());
        assertNotNull(TwoHosts.versions(OLD_ADDRESS));
        assertNotEquals("active", hosts.unitState(NEW, "is-active"));
        assertEquals("an upload", hosts.exec(NEW, "cat", "/matrix/synapse/data/upload-1").strip(), "kept on new's disk");
        assertEquals("enabled", hosts.unitState(OLD, "is-enabled"), "old is in service again, for good");
        assertEquals("active", hosts.exec(OLD, "systemctl", "is-active", "matrix-postgres").strip(),
                "old's Postgres runs again with the rest");
        assertEquals(databaseBefore, postgres.dumpAll(OLD), "old's database is as it was when the migration began");
    }

    /**
     * The manifest without the services' live data (new continues it, and its Postgres rewrites its raw files)
     * and the files rendered for each host.
     */
    private static String withoutLiveOrRendered(String manifest) {
        return manifest.lines().filter(line -> !line.startsWith("synapse/data") && !line.startsWith("synapse/config/host")
                && !TwoHosts.writtenByPostgres(line) && !line.startsWith("synapse/config/homeserver.yaml")).collect(Collectors.joining("\n"));
    }

    /**
     * The test playbook notes each run on the host it runs on: from the cutover to the start, new sees only
     * the start run, never setup-all or install-all; that run began with the cutover, before the verification
     * ended, and waited at its gate until then.
     */
    private void assertNothingButTheStartRanOnNewInsideTheDowntime(RunFolder run) throws IOException {
        Journal journal = Journal.load(run.dir());
        double cutoverBegan = journal.step("cutover").started().toEpochMilli() / 1000.0;
        double cutoverEnded = journal.step("cutover").ended().toEpochMilli() / 1000.0;
        Map<String, Object> noted = new Yaml().load(Files.readString(run.dir().resolve(Journal.FILE)));
        double started = Instant.parse(noted.get("services-started").toString()).toEpochMilli() / 1000.0;
        List<String> inside = hosts.exec(NEW, "cat", "/var/log/matrix-test-playbook.log").lines()
                .filter(line -> {
                    double at = Double.parseDouble(line.split(" ")[0]);
                    return at > cutoverBegan && at < started;
                }).toList();
        assertEquals(1, inside.size(), "one playbook run inside the downtime: " + inside);
        assertTrue(inside.get(0).endsWith(" begin start"), "only the start tag: " + inside);
        assertTrue(Double.parseDouble(inside.get(0).split(" ")[0]) < cutoverEnded,
                "the start run began before the copy was verified: " + inside + ", cutover ended at " + cutoverEnded);
        String startLog = Files.readString(run.dir().resolve(journal.step("start").log()));
        assertTrue(startLog.contains("begun with the cutover, its gate opened now")
                && startLog.contains("matrix-migrate: the gate opened after"), startLog);
    }

    @Test
    void aChecksumVerificationFindsWhatTheQuickFinalPassCannotSee() throws IOException {
        hosts.makeTree(OLD, FIXTURE, 20);
        // Paused before the install: what changes on new while the install runs is taken as the install's.
        hosts.injectFailure(NEW_ADDRESS, "fail-system-user", true);
        Cli.Result paused = hosts.migrate("--to", NEW_ADDRESS, "--yes", "--verify=checksum");
        assertEquals(1, paused.exitCode(), paused.err());
        assertTrue(paused.err().contains("step 'setup-system-user' failed"), paused.err());
        assertNotNull(TwoHosts.versions(OLD_ADDRESS), "before the cutover the old server still serves");

        // Damage on the new server that sizes and times do not show: same size, same time, other bytes.
        hosts.exec(NEW, "sh", "-c", "f=/matrix/fixture/secret/key; t=$(stat -c %y \"$f\");"
                + " printf 'PRIVATE\\n' > \"$f\"; touch -d \"$t\" \"$f\"");
        hosts.injectFailure(NEW_ADDRESS, "fail-system-user", false);
        Cli.Result failed = hosts.migrate("--resume", "--yes");
        assertEquals(1, failed.exitCode(), failed.err());
        assertTrue(failed.err().contains("step 'cutover' failed"), failed.err());
        RunFolder run = RunFolder.find(hosts.playbook, null, "resume");
        String differences = Files.readString(run.planDir().resolve("verify-result.txt"));
        assertTrue(differences.contains("fixture/secret/key"), differences);
        String log = Files.readString(run.dir().resolve(Journal.load(run.dir()).step("cutover").log()));
        assertTrue(log.contains("The new server differs from the old one") && log.contains("fixture/secret/key"), log);
        assertEquals(StepState.FAILED, Journal.load(run.dir()).step("cutover").state());
        // the start run begun with the cutover was ended at its gate: nothing started on new
        assertTrue(Files.exists(run.logsDir().resolve("start-ended-at-its-gate.log")), "the start run had begun");
        assertEquals("inactive", hosts.tryExec(NEW, "systemctl", "is-active", "matrix-synapse.service").stdout().strip());
        assertEquals(List.of(), ProcessHandle.current().descendants().map(p -> p.info().commandLine().orElse(""))
                .filter(line -> line.contains("ansible-playbook")).toList(), "no ansible-playbook is left waiting");

        // the cause fixed (the damaged file gone from new), the resumed cutover begins a new start run, which starts
        hosts.exec(NEW, "rm", "/matrix/fixture/secret/key");
        Cli.Result resumed = hosts.migrate("--resume", "--yes");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertEquals(hosts.manifest(OLD, FIXTURE), hosts.manifest(NEW, FIXTURE));
        assertTrue(Files.readString(run.dir().resolve(Journal.load(run.dir()).step("start").log()))
                .contains("begun with the cutover, its gate opened now"));
        assertNotNull(TwoHosts.versions(NEW_ADDRESS), "new serves after the resume");
    }
}
