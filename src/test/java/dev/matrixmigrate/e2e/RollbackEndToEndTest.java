package dev.matrixmigrate.e2e;

import static dev.matrixmigrate.e2e.TwoHosts.FIXTURE;
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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rollbacks: after a failed start (killed and resumed), and at once with --rollback-on-failure. */
class RollbackEndToEndTest extends FreshHostsTest {
    @Test
    void aFailedStartIsRolledBackAndARollbackKilledWithKillNineResumes() throws Exception {
        hosts.makeTree(OLD, FIXTURE, 50);
        String oldBefore = hosts.oldServerState();
        String hostsBefore = Files.readString(hosts.playbook.resolve("inventory/hosts"));
        hosts.injectFailure(NEW_ADDRESS, "fail-start", true);
        Cli.Result failed = hosts.migrate("--to", NEW_ADDRESS, "--yes");
        assertEquals(1, failed.exitCode(), failed.toString());
        RunFolder run = RunFolder.find(hosts.playbook, null, "resume");
        assertTrue(failed.err().contains("--resume --run " + run.id() + "; or put the old server back in service with:"
                + " matrix-migrate migrate --playbook " + hosts.playbook + " --rollback --run " + run.id()), failed.err());

        Path log = root.resolve("rollback.log");
        Process tool = tools.start(log, "migrate", "--playbook", hosts.playbook.toString(), "--rollback", "--yes");
        tools.awaitRollbackStep(tool, run, "start-old", log);
        tool.destroyForcibly().waitFor();
        assertEquals(StepState.RUNNING, Journal.rollback(run.dir()).orElseThrow().step("start-old").state());
        assertTrue(Files.readString(log).contains("Point these DNS records at the old server"), Files.readString(log));

        Cli.Result resumed = hosts.migrate("--rollback", "--yes");
        assertEquals(0, resumed.exitCode(), resumed.toString());
        for (String done : List.of("check-new", "stop-new", "restore-inventory")) {
            assertTrue(resumed.out().contains(done + ": ") && resumed.out().contains("(done earlier, not run again)"),
                    done + ": " + resumed.out());
        }
        assertTrue(Files.readString(log).contains("0 files (0 bytes) under /matrix changed on the new server since its"
                + " services could run; no health check ran since its start"), "the check, in the killed run");
        assertTrue(resumed.out().contains("Rollback complete: the old server serves again"), resumed.out());
        assertTrue(resumed.out().contains("The old server was down for "), resumed.out());
        assertTrue(Journal.rollback(run.dir()).orElseThrow().complete());
        assertNotNull(TwoHosts.versions(OLD_ADDRESS), "old answers again (health-old compared its signing key)");
        assertEquals("enabled", hosts.unitState(OLD, "is-enabled"));
        assertEquals(oldBefore, hosts.oldServerState(), "old's data, owners, units and keys are as before the migration");
        assertEquals(hostsBefore, Files.readString(hosts.playbook.resolve("inventory/hosts")), "byte for byte");
        assertFalse(hosts.exec(NEW, "cat", "/root/.ssh/authorized_keys").contains("matrix-migrate-" + run.id()));
        assertEquals("disabled", hosts.unitState(NEW, "is-enabled"));
        assertNotEquals("active", hosts.unitState(NEW, "is-active"));

        Cli.Result status = Cli.run("status", "--playbook", hosts.playbook.toString());
        assertTrue(status.out().contains("rollback [complete]") && status.out().contains("old server down: "),
                status.out());
        Cli.Result resume = hosts.migrate("--resume", "--yes");
        assertEquals(2, resume.exitCode(), resume.toString());
        assertTrue(resume.err().contains("was rolled back, so it cannot go on"), resume.err());
    }

    @Test
    void aNewServerThatNeverAnswersIsRolledBackInTheSameRunWithRollbackOnFailure() throws IOException {
        hosts.exec(NEW, "touch", "/etc/matrix-test-broken");
        Cli.Result failed = hosts.migrate("--to", NEW_ADDRESS, "--yes", "--health-timeout", "4", "--no-self-check",
                "--rollback-on-failure");
        assertEquals(1, failed.exitCode(), failed.toString());
        assertTrue(failed.err().contains("step 'health' failed: The server does not serve Matrix as expected: the client API"
                + " (http://matrix.example.com:8008/_matrix/client/versions at 127.0.0.3) answered 502"), failed.err());
        assertTrue(failed.out().contains("Rolling back at once (--rollback-on-failure) after: step 'health' failed"),
                failed.out());
        assertTrue(failed.err().contains("/logs/11-health.log; rolled back at once (--rollback-on-failure): the old server"
                + " serves again"), failed.err());
        assertFalse(failed.err().contains("resume with"), "a rolled-back run cannot be resumed: " + failed.err());
        RunFolder run = RunFolder.find(hosts.playbook, null, "resume");
        assertTrue(Journal.rollback(run.dir()).orElseThrow().complete());
        // its service wrote its own files, but no user can have written to a server that never answered
        assertTrue(failed.out().matches("(?s).*[1-9][0-9]* files \\([0-9]+ bytes\\) under /matrix changed on the new server since"
                + " its services could run: .*its client API answered neither the health check nor now.*"), failed.out());
        assertNotNull(TwoHosts.versions(OLD_ADDRESS));
        assertEquals("disabled", hosts.unitState(NEW, "is-enabled"));
        assertNotEquals("active", hosts.unitState(NEW, "is-active"));
    }
}
