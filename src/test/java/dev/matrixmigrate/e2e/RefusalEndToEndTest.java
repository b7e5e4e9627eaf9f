package dev.matrixmigrate.e2e;

import static dev.matrixmigrate.e2e.TwoHosts.FIXTURE;
import static dev.matrixmigrate.e2e.TwoHosts.NEW;
import static dev.matrixmigrate.e2e.TwoHosts.NEW_ADDRESS;
import static dev.matrixmigrate.e2e.TwoHosts.OLD;
import static dev.matrixmigrate.e2e.TwoHosts.OLD_ADDRESS;
import static dev.matrixmigrate.e2e.TwoHosts.OLD_OTHER_ADDRESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.matrixmigrate.engine.Journal;
import dev.matrixmigrate.engine.RunFolder;

import dev.matrixmigrate.support.Cli;
import dev.matrixmigrate.support.Programs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the migrate command refuses before it changes anything, against one pair of real hosts shared by
 * every test here: each checks that nothing changed and puts back what it set up. The order matters
 * where a test needs what the ones before left: no run before the refusals that must start none, and
 * the old server stopped only by the last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RefusalEndToEndTest {
    @TempDir
    static Path root;
    TwoHosts hosts;
    /** The shared hosts' ansible-playbook runs before the current test (the first test's include the set-up). */
    int runsBefore;

    @BeforeAll
    void startHosts() {
        Assumptions.assumeTrue(TwoHosts.available(), "end-to-end tests need root (see the test output)");
        hosts = TwoHosts.startServing(root);
        hosts.makeTree(OLD, FIXTURE, 20);
    }

    @AfterEach
    void countRuns(TestInfo test) {
        if (hosts != null) {
            runsBefore = hosts.recordPlaybookRuns(test, runsBefore);
        }
    }

    @AfterAll
    void stopHosts() {
        if (hosts != null) {
            hosts.close();
        }
    }

    @Test
    @Order(1)
    void aDryRunChangesNothingOnEitherHost() throws IOException {
        String oldBefore = hosts.snapshot(OLD);
        String newBefore = hosts.snapshot(NEW);
        String hostsBefore = Files.readString(hosts.hostsFile());

        Cli.Result result = hosts.migrate("--to", NEW_ADDRESS, "--dry-run");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("ansible-playbook -i inventory/hosts -i .matrix-migrate/runs/"), result.out());
        assertTrue(result.out().contains("--extra-vars=matrix_migrate_stop=true"), result.out());
        assertTrue(result.out().contains("sync.yml --extra-vars=matrix_migrate_pass=warm"), result.out());

        assertEquals(oldBefore, hosts.snapshot(OLD));
        assertEquals(newBefore, hosts.snapshot(NEW));
        assertEquals(hostsBefore, Files.readString(hosts.hostsFile()));
        assertFalse(Files.exists(hosts.playbook.resolve(".matrix-migrate")), "a dry run writes nothing");
        assertNotNull(TwoHosts.versions(OLD_ADDRESS));
    }

    @Test
    @Order(2)
    void aChangedHostKeyIsRefusedEvenWithAcceptNewHostKeyAndNothingRuns() throws IOException {
        Path knownHosts = hosts.state.resolve("known_hosts");
        String known = Files.readString(knownHosts);
        String newKeyPrefix = "[" + NEW_ADDRESS + "]:2222 ";
        Path impostor = root.resolve("impostor");
        Programs.ok(root, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", impostor.toString());
        String impostorKey = Files.readString(root.resolve("impostor.pub")).split(" ")[1];
        try {
            Files.writeString(knownHosts, Files.readString(knownHosts).lines().filter(l -> !l.startsWith(newKeyPrefix))
                    .map(l -> l + "\n").collect(Collectors.joining()) + newKeyPrefix + "ssh-ed25519 " + impostorKey + "\n");
            String knownBefore = Files.readString(knownHosts);
            String hostsBefore = Files.readString(hosts.hostsFile());

            Cli.Result refused = hosts.migrate("--to", NEW_ADDRESS, "--yes", "--accept-new-host-key");
            assertEquals(2, refused.exitCode(), refused.err());
            assertTrue(refused.err().contains("SSH host key of the new server") && refused.err().contains("is not the one"
                    + " known_hosts has"), refused.err());
            assertEquals(1, refused.err().strip().lines().count(), "one line: " + refused.err());
            assertEquals(knownBefore, Files.readString(knownHosts), "a changed key is never replaced");
            assertEquals(hostsBefore, Files.readString(hosts.hostsFile()));
            assertFalse(Files.exists(RunFolder.runsDir(hosts.playbook)), "nothing may be started");
            assertNotNull(TwoHosts.versions(OLD_ADDRESS));
        } finally {
            Files.writeString(knownHosts, known);
        }
    }

    @Test
    @Order(3)
    void badInputIsRefusedWithExitTwoAndTouchesNothing() throws IOException {
        String hostsBefore = Files.readString(hosts.hostsFile());
        String oldBefore = hosts.snapshot(OLD);
        List<List<String>> cases = List.of(
                List.of("--to", NEW_ADDRESS),
                List.of("--to", "127.0.0.9", "--yes"),
                List.of("--to", NEW_ADDRESS, "--host", "matrix.unknown.org", "--yes"),
                List.of("--to", NEW_ADDRESS, "--yes", "--ansible-playbook", "/nonexistent/ansible-playbook"),
                List.of("--resume", "--yes"),
                List.of("--to", NEW_ADDRESS, "--yes", "--ask-become-pass", "--become-password-file",
                        hosts.hostsFile().toString()));
        List<String> expected = List.of("no terminal to confirm on", "cannot reach", "is not in [matrix_servers]",
                "is not an executable file", "no run to resume", "both give the sudo password");
        for (int i = 0; i < cases.size(); i++) {
            Cli.Result result = hosts.migrate(cases.get(i).toArray(String[]::new));
            assertEquals(2, result.exitCode(), cases.get(i) + ": " + result.err());
            assertEquals(1, result.err().strip().lines().count(), result.err());
            assertTrue(result.err().contains(expected.get(i)), result.err());
            assertEquals(hostsBefore, Files.readString(hosts.hostsFile()));
            assertFalse(Files.exists(RunFolder.runsDir(hosts.playbook)));
        }
        assertEquals(oldBefore, hosts.snapshot(OLD));
        assertNotNull(TwoHosts.versions(OLD_ADDRESS));
    }

    @Test
    @Order(4)
    void aNewServerThatIsTheOldOneIsRefusedWhateverItsAddressAlsoWithForceTarget() throws IOException {
        String before = hosts.snapshot(OLD);
        for (String to : List.of(OLD_ADDRESS, OLD_OTHER_ADDRESS)) {
            for (boolean force : List.of(false, true)) {
                List<String> args = new ArrayList<>(List.of("--to", to, "--yes"));
                if (force) {
                    args.add("--force-target");
                }
                Cli.Result refused = hosts.migrate(args.toArray(String[]::new));
                assertEquals(2, refused.exitCode(), refused.toString());
                String message = refused.err().strip();
                // the inventory's own address is refused before anything runs; another of its addresses by the preflight
                assertTrue(to.equals(OLD_ADDRESS) ? message.equals("error: --to " + to + " is the old server's own address"
                        + " (inventory/hosts names it for matrix.example.com): give the new server's address")
                        : message.startsWith("error: preflight refused: The new server " + to + " is the old server")
                        && message.contains("machine id") && message.contains("SSH host key")
                        && message.contains("nothing was changed") && message.lines().count() == 1, message);
                assertEquals("enabled", hosts.unitState(OLD, "is-enabled"));
            }
        }
        assertEquals(before, hosts.snapshot(OLD), "old's data, ownership, units and keys stay as they were");
        assertNotNull(TwoHosts.versions(OLD_ADDRESS));
    }

    @Test
    @Order(5)
    void aPreflightRefusesAnOldServerWhoseEndpointsCannotBeAskedFromHere() throws IOException {
        hosts.exec(OLD, "touch", "/etc/matrix-test-broken");
        try {
            Cli.Result refused = hosts.migrate("--to", NEW_ADDRESS, "--yes", "--preflight-timeout", "2");
            assertEquals(2, refused.exitCode(), refused.toString());
            assertTrue(refused.err().contains("preflight refused: The old server does not answer what the health check"
                    + " after the start will ask") && refused.err().contains("answered 502"), refused.err());
            assertEquals("enabled", hosts.unitState(OLD, "is-enabled"));
            assertEquals("", hosts.exec(NEW, "find", "/matrix", "-mindepth", "1"), "nothing is copied");
            RunFolder run = RunFolder.find(hosts.playbook, null, "resume");
            String preflightLog = Files.readString(run.dir().resolve(Journal.load(run.dir()).step("preflight").log()));
            assertTrue(preflightLog.contains("--extra-vars=matrix_migrate_health_timeout=2"),
                    "the old server's endpoints are polled for --preflight-timeout: " + preflightLog);
        } finally {
            hosts.exec(OLD, "rm", "/etc/matrix-test-broken");
        }
    }

    /**
     * A configuration the playbook itself refuses is refused by the preflight with the playbook's own message, before
     * anything is copied, and with --cold before the old server stops (the test playbook's roles check as the real
     * one's: matrix_playbook_migration's version and removed components).
     */
    @Test
    @Order(6)
    void whatThePlaybookItselfRefusesIsRefusedBeforeAnythingIsCopiedOrStopped() throws IOException {
        Path vars = hosts.playbook.resolve("inventory/host_vars/matrix.example.com/vars.yml");
        String good = Files.readString(vars);
        String oldBefore = hosts.snapshot(OLD);
        try {
            Files.writeString(vars, good.replace("matrix_playbook_migration_validated_version: v2026.05.18.0",
                    "matrix_playbook_migration_validated_version: ''"));
            Cli.Result refused = hosts.migrate("--to", NEW_ADDRESS, "--yes");
            assertEquals(2, refused.exitCode(), refused.toString());
            String message = refused.err().strip();
            assertTrue(message.startsWith("error: preflight refused: The playbook's own check \"")
                    && message.contains("refuses matrix.example.com on the old server: ")
                    && message.contains("add to your vars.yml: matrix_playbook_migration_validated_version: v2026.05.18.0")
                    && message.lines().count() == 1, message);
            assertEquals("", hosts.exec(NEW, "find", "/matrix", "-mindepth", "1"), "nothing is copied");

            Files.writeString(vars, good + "matrix_conduwuit_enabled: true\n");
            Cli.Result cold = hosts.migrate("--to", NEW_ADDRESS, "--yes", "--cold");
            assertEquals(2, cold.exitCode(), cold.toString());
            assertTrue(cold.err().contains("Remove these variables from your vars.yml: matrix_conduwuit_enabled"),
                    cold.err());
            assertEquals("enabled", hosts.unitState(OLD, "is-enabled"), "--cold stops nothing before the checks");
            assertEquals("active", hosts.unitState(OLD, "is-active"));
            assertEquals("", hosts.exec(NEW, "find", "/matrix", "-mindepth", "1"), "nothing is copied");
        } finally {
            Files.writeString(vars, good);
        }
        assertEquals(oldBefore, hosts.snapshot(OLD));
        assertNotNull(TwoHosts.versions(OLD_ADDRESS));
    }

    /** The other half, that a sparse file counts by its blocks, is the cold migration's (CopyRouteEndToEndTest). */
    @Test
    @Order(7)
    void theRoomCheckCountsTheTemporaryCopyOfTheLargestFile() throws IOException {
        // new's data path: a 48 MiB filesystem; old's largest file, 60 MiB, needs that much again while it is copied
        hosts.exec(NEW, "mount", "-t", "tmpfs", "-o", "size=48m,mode=755", "tmpfs", "/matrix");
        hosts.exec(OLD, "fallocate", "-l", "60M", FIXTURE + "/really-big.bin");
        try {
            Cli.Result refused = hosts.migrate("--to", NEW_ADDRESS, "--yes");
            assertEquals(2, refused.exitCode(), refused.toString());
            assertTrue(refused.err().contains("error: preflight refused: The new server has ")
                    && refused.err().contains(" free for /matrix; the copy needs ")
                    && refused.err().contains("temporary copy of the largest file 60.00 MB"), refused.err());
            assertEquals("", hosts.exec(NEW, "find", "/matrix", "-mindepth", "1"), "nothing is copied");
        } finally {
            hosts.exec(OLD, "rm", FIXTURE + "/really-big.bin");
            hosts.exec(NEW, "umount", "/matrix");
        }
    }


    /** Last: it stops the old server. */
    @Test
    @Order(8)
    void theCleanupTakesTheKeyOffTheNewServerEvenWhenTheOldOneIsGone() throws IOException {
        Path planDir = root.resolve("plan");
        assertEquals(0, Cli.run("plan", "--playbook", hosts.playbook.toString(), "--to", NEW_ADDRESS, "--output",
                planDir.toString()).exitCode());
        String comment = Files.readString(planDir.resolve("key-vars.yml")).lines()
                .filter(l -> l.startsWith("matrix_migrate_key_comment: ")).findFirst().orElseThrow()
                .substring("matrix_migrate_key_comment: ".length());
        Path key = root.resolve("left-key");
        Programs.ok(root, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", key.toString());
        String line = "from=\"127.0.0.1\",no-pty " + Files.readString(root.resolve("left-key.pub")).strip();
        hosts.exec(NEW, "sh", "-c", "printf '%s\\n' \"$1\" >> /root/.ssh/authorized_keys", "sh", line);
        hosts.stop(OLD);

        Programs.Output cleanup = Programs.run(hosts.playbook, List.of("env", "ANSIBLE_HOST_KEY_CHECKING=True",
                "ansible-playbook", "-i", planDir.resolve("inventory-old/hosts").toString(), "-i",
                planDir.resolve("migration-inventory").toString(), planDir.resolve("cleanup.yml").toString()));
        assertNotEquals(0, cleanup.exitCode(), "an old server that cannot be reached fails the cleanup: "
                + cleanup.stdout());
        assertTrue(cleanup.stdout().contains("UNREACHABLE"), cleanup.stdout());
        String authorized = hosts.exec(NEW, "cat", "/root/.ssh/authorized_keys");
        assertFalse(authorized.contains(comment), "the key must be off the new server: " + authorized);
        assertTrue(authorized.contains("matrix-migrate-test-client"), "only the run's key is removed: " + authorized);
    }
}
