package dev.matrixmigrate.e2e;

import static dev.matrixmigrate.e2e.TwoHosts.FIXTURE;
import static dev.matrixmigrate.e2e.TwoHosts.NEW;
import static dev.matrixmigrate.e2e.TwoHosts.NEW_ADDRESS;
import static dev.matrixmigrate.e2e.TwoHosts.OLD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.matrixmigrate.engine.Journal;
import dev.matrixmigrate.engine.RunFolder;
import dev.matrixmigrate.engine.StepRecord;
import dev.matrixmigrate.engine.StepState;

import dev.matrixmigrate.support.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs that fail after the stop (at the start, at the health check) and are resumed. */
class ResumeEndToEndTest extends FreshHostsTest {
    @Test
    void aFailedStartIsResumedWithoutStoppingOrCopyingAgain() throws IOException {
        hosts.makeTree(OLD, FIXTURE, 50);
        hosts.injectFailure(NEW_ADDRESS, "fail-start", true);

        Cli.Result failed = hosts.migrate("--to", NEW_ADDRESS, "--yes");
        assertEquals(1, failed.exitCode(), failed.err());
        RunFolder run = RunFolder.find(hosts.playbook, null, "resume");
        Journal journal = Journal.load(run.dir());
        List<StepRecord> steps = journal.steps();
        StepRecord start = journal.step("start");
        assertEquals(StepState.FAILED, start.state());
        assertEquals(StepState.PENDING, journal.step("health").state(), "nothing to check before a start");
        assertEquals("cleanup", steps.get(steps.size() - 1).id());
        assertEquals(StepState.DONE, steps.get(steps.size() - 1).state(), "the key is removed when a later step fails");
        String runKey = "matrix-migrate-" + run.id();
        assertFalse(hosts.exec(NEW, "cat", "/root/.ssh/authorized_keys").contains(runKey),
                "the key the final pass left must be removed when a later step fails");
        assertEquals("", hosts.exec(OLD, "find", "/root/.matrix-migrate", "-mindepth", "1"));
        assertTrue(failed.out().contains("after the failure:"), failed.out());
        assertTrue(failed.err().indexOf("step 'start' failed") >= 0, "the first failure is what is reported");
        Path startLog = run.dir().resolve(start.log());
        String message = failed.err();
        assertTrue(message.contains("step 'start' failed"), message);
        assertTrue(message.contains("/plan/inventory-new/hosts setup.yml --tags=start"), message);
        assertTrue(message.contains(startLog.toString()), message);
        assertTrue(message.contains("--resume --run " + run.id()), message);
        assertTrue(Files.readString(startLog).contains("start failure injected"));
        List<StepRecord> before = steps.stream().takeWhile(step -> !step.id().equals("start")).toList();
        before.forEach(step -> assertEquals(StepState.DONE, step.state(), step.id()));
        assertTrue(before.stream().anyMatch(s -> s.id().equals("cutover")), "warm mode stops old in cutover");
        Cli.Result status = Cli.run("status", "--playbook", hosts.playbook.toString());
        assertTrue(status.out().contains("[failed at start]"), status.out());

        hosts.injectFailure(NEW_ADDRESS, "fail-start", false);
        Cli.Result resumed = hosts.migrate("--resume", "--yes");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("cutover: stop the old server for good, copy what changed, verify"
                + " (done earlier, not run again)"), resumed.out());

        Journal after = Journal.load(run.dir());
        assertTrue(after.complete());
        assertEquals(steps.get(steps.size() - 1).started(), after.step("cleanup").started(),
                "the cleanup done after the failure is not run again");
        for (StepRecord step : before) {
            assertEquals(step.started(), after.step(step.id()).started(), step.id() + " must not run again");
            assertEquals(step.ended(), after.step(step.id()).ended(), step.id() + " must not run again");
        }
        assertTrue(TwoHosts.versions(NEW_ADDRESS).contains("\"server\": \"new\""));
        assertEquals(hosts.manifest(OLD, FIXTURE), hosts.manifest(NEW, FIXTURE));
    }

    @Test
    void aNewServerThatStartsButDoesNotAnswerFailsTheHealthStepNamingTheEndpointAndTheRunResumes() throws IOException {
        hosts.exec(NEW, "touch", "/etc/matrix-test-broken");  // its proxy answers 502, as with a server that does not run
        Cli.Result failed = hosts.migrate("--to", NEW_ADDRESS, "--yes", "--health-timeout", "4", "--no-self-check");
        assertEquals(1, failed.exitCode(), failed.toString());
        assertTrue(failed.err().contains("step 'health' failed: The server does not serve Matrix as expected: the client API"
                + " (http://matrix.example.com:8008/_matrix/client/versions at 127.0.0.3) answered 502: {\"error\": \"Bad Gateway\"}"),
                failed.err());
        assertTrue(failed.err().contains("--resume"), failed.err());
        RunFolder run = RunFolder.find(hosts.playbook, null, "resume");
        Journal journal = Journal.load(run.dir());
        assertEquals(StepState.FAILED, journal.step("health").state());
        assertEquals(StepState.DONE, journal.step("cleanup").state(), "the key is removed after the failure");
        assertFalse(failed.out().contains("Check the services (the real playbook's self-check"), "--no-self-check: " + failed.out());

        hosts.exec(NEW, "rm", "/etc/matrix-test-broken");
        Cli.Result resumed = hosts.migrate("--resume", "--yes");
        assertEquals(0, resumed.exitCode(), resumed.toString());
        assertTrue(Journal.load(run.dir()).complete());
    }
}
