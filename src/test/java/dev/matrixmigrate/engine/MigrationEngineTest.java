package dev.matrixmigrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.matrixmigrate.failure.Failure;
import dev.matrixmigrate.process.ProcessRunner;
import java.io.ByteArrayOutputStream;
import dev.matrixmigrate.terminal.Terminal;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationEngineTest {
    @TempDir
    Path dir;
    final List<String> ran = new ArrayList<>();
    final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    /** A step that notes that it ran, and fails when told to. */
    private Step step(String id, boolean fails) {
        return failing(id, fails ? Integer.MAX_VALUE : 0, null, new StepFailed(id + " broke", "cmd-" + id, 3));
    }

    /** A step that notes that it ran and fails its first {@code failures} runs, writing {@code output} first. */
    private Step failing(String id, int failures, String output, StepFailed failure) {
        return new Step() {
            private int runs;

            @Override
            public String id() {
                return id;
            }

            @Override
            public String title() {
                return "step " + id;
            }

            @Override
            public void run(StepContext context) throws StepFailed {
                ran.add(id);
                if (++runs <= failures) {
                    if (output != null) {
                        context.out().println(output);
                    }
                    throw failure;
                }
            }
        };
    }

    private Terminal terminal() {
        PrintStream stream = new PrintStream(printed, true, StandardCharsets.UTF_8);
        return new Terminal(stream, stream, true);
    }

    private MigrationEngine engine(Journal journal) {
        return engine(journal, ConnectionRetry.off());
    }

    private MigrationEngine engine(Journal journal, ConnectionRetry retry) {
        return new MigrationEngine(new RunFolder(dir), journal, new ProcessRunner(), terminal(),
                () -> { }, "matrix-migrate migrate --resume",
                "matrix-migrate migrate --rollback", retry, runEvents());
    }

    /** The run's events, into the run folder's events.jsonl as a real run writes them. */
    private RunEvents runEvents() {
        return new RunEvents(dev.matrixmigrate.events.EventLog.open(dir, "test-run",
                null, dev.matrixmigrate.events.SecretMask.none()), dir, java.util.Map.of("copy", "old"));
    }

    /** A step that fails the first {@code failures} times with what its command wrote, then succeeds. */
    private Step failing(String id, int failures, String output) {
        return failing(id, failures, output, new StepFailed("the command exited with code 4", "ansible-playbook sync.yml", 4));
    }

    private static final String UNREACHABLE = "fatal: [matrix.example.com -> matrix.example.com-new]: UNREACHABLE! =>"
            + " {\"changed\": false, \"msg\": \"Failed to connect to the host via ssh: ssh: connect to host 192.0.2.20"
            + " port 2222: Connection timed out\", \"unreachable\": true}";

    @Test
    void aStepThatLostItsConnectionRunsAgainByItselfAndEachRetryIsShownAndJournaled() throws Exception {
        Journal journal = Journal.create(dir, List.of("sync-warm"));
        engine(journal, new ConnectionRetry(Duration.ofSeconds(20), "192.0.2.10", "192.0.2.20"))
                .run(List.of(failing("sync-warm", 1, UNREACHABLE)));
        assertEquals(List.of("sync-warm", "sync-warm"), ran);
        String shown = printed.toString(StandardCharsets.UTF_8);
        assertTrue(shown.contains("the new server (192.0.2.20 port 2222) stopped answering over SSH (UNREACHABLE!);"
                + " retrying sync-warm in 2 s, 2 of at most 4"), shown);
        StepRecord record = Journal.load(dir).step("sync-warm");
        assertEquals(StepState.DONE, record.state());
        assertEquals(1, record.retries().size(), record.toString());
        assertTrue(record.retries().get(0).contains("retrying sync-warm in 2 s"), record.toString());
        assertTrue(Files.readString(dir.resolve(record.log())).contains("# ") , "the log notes the retry");
        assertEquals(List.of("step-start sync-warm", "step-retry sync-warm", "step-end sync-warm"), events(),
                "the retry is an event between the step's start and end");
    }

    /** The run's events as "type step", in order. */
    private List<String> events() {
        return dev.matrixmigrate.events.EventFile.read(dir.resolve(dev.matrixmigrate.events.EventLog.FILE)).stream()
                .map(e -> e.path("type").asText() + " " + e.path("step").asText()).toList();
    }

    @Test
    void aTaskThatFailedOnAServerThatAnsweredIsNeverRunAgain() {
        Journal journal = Journal.create(dir, List.of("install"));
        Failure failure = assertThrows(Failure.class, () -> engine(journal, new ConnectionRetry(Duration.ofMinutes(5),
                "192.0.2.10", "192.0.2.20")).run(List.of(failing("install", 1,
                "fatal: [matrix.example.com]: FAILED! => {\"msg\": \"the image could not be pulled\"}"))));
        assertEquals(List.of("install"), ran);
        assertTrue(failure.getMessage().contains("step 'install' failed: the command exited with code 4"),
                failure.getMessage());
    }

    @Test
    void afterItsBoundTheRunStopsNamingTheLostConnectionAndBothWaysOut() {
        Journal journal = Journal.create(dir, List.of("cutover"));
        journal.servicesStopped(java.time.Instant.now());
        Failure failure = assertThrows(Failure.class, () -> engine(journal, new ConnectionRetry(Duration.ofSeconds(3),
                "192.0.2.10", "192.0.2.20")).run(List.of(failing("cutover", 99, UNREACHABLE))));
        assertEquals(List.of("cutover", "cutover"), ran, "one retry fits in 3 s (2 s), the next (4 s) does not");
        assertTrue(failure.getMessage().contains("step 'cutover' failed: the new server (192.0.2.20 port 2222) stopped"
                + " answering over SSH (UNREACHABLE!), and still did after ") && failure.getMessage().contains(
                "(--reconnect-for 3s)") && failure.getMessage().contains("resume with: matrix-migrate migrate --resume")
                && failure.getMessage().contains("--rollback"), failure.getMessage());
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("(the old server is stopped: the downtime goes on"
                + " meanwhile)"), printed.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aFailureRunsTheLaterCleanupStepAndResumeDoesNotRunItAgain() {
        List<String> ids = List.of("copy", "start", "other", "cleanup");
        Journal journal = Journal.create(dir, ids);
        Failure failure = assertThrows(Failure.class, () -> engine(journal).run(List.of(step("copy", false),
                step("start", true), step("other", false), new CleanupStep(step("cleanup", false), () -> "copy"))));

        assertEquals(List.of("copy", "start", "cleanup"), ran, "the cleanup runs, the other later step does not");
        assertTrue(failure.getMessage().contains("step 'start' failed: start broke; command: cmd-start"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("resume with: matrix-migrate migrate --resume"), failure.getMessage());
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("after the failure:"));
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("[4/4] cleanup: step cleanup"));
        assertEquals(List.of("step-start copy", "step-end copy", "step-start start", "step-failed start",
                "step-start cleanup", "step-end cleanup"), events(), "the events tell the same, in order");
        var failed = dev.matrixmigrate.events.EventFile.read(dir.resolve(dev.matrixmigrate.events.EventLog.FILE)).get(3);
        assertEquals("start broke", failed.path("message").asText());
        assertEquals("old", events().isEmpty() ? null : dev.matrixmigrate.events.EventFile.read(
                dir.resolve(dev.matrixmigrate.events.EventLog.FILE)).get(0).path("server").asText(),
                "a step's server comes from the run's record");
        Journal after = Journal.load(dir);
        assertEquals(StepState.DONE, after.step("copy").state());
        assertEquals(StepState.FAILED, after.step("start").state());
        assertEquals(StepState.DONE, after.step("cleanup").state());
        assertEquals(StepState.PENDING, after.step("other").state());

        ran.clear();
        engine(after).run(List.of(step("copy", false), step("start", false), step("other", false),
                new CleanupStep(step("cleanup", false), () -> "copy")));
        assertEquals(List.of("start", "other"), ran);
        assertTrue(Journal.load(dir).complete());
    }

    @Test
    void aFailureOffersTheRollbackOnlyOnceTheOldServerStopped() {
        Journal journal = Journal.create(dir, List.of("copy", "cutover", "start"));
        Failure before = assertThrows(Failure.class, () -> engine(journal).run(List.of(step("copy", true))));
        assertTrue(!before.getMessage().contains("--rollback"), "nothing to go back to yet: " + before.getMessage());

        journal.servicesStopped(java.time.Instant.now());
        Failure after = assertThrows(Failure.class, () -> engine(journal).run(List.of(step("copy", false),
                step("cutover", false), step("start", true))));
        assertTrue(after.getMessage().contains("resume with: matrix-migrate migrate --resume; or put the old server back"
                + " in service with: matrix-migrate migrate --rollback"), after.getMessage());
    }

    @Test
    void aRefusedConfirmationRunsNeitherTheStepNorTheCleanup() {
        Journal journal = Journal.create(dir, List.of("copy", "cutover", "cleanup"));
        Step cutover = new Step() {
            @Override
            public String id() {
                return "cutover";
            }

            @Override
            public String title() {
                return "stop old";
            }

            @Override
            public boolean stopsService() {
                return true;
            }

            @Override
            public void run(StepContext context) {
                ran.add("cutover");
            }
        };
        MigrationEngine refusing = new MigrationEngine(new RunFolder(dir), journal, new ProcessRunner(), terminal(),
                () -> {
                    throw Failure.invalidInput("not confirmed");
                }, "resume", null, ConnectionRetry.off(), RunEvents.none());
        assertThrows(Failure.class, () -> refusing.run(List.of(step("copy", false), cutover,
                new CleanupStep(step("cleanup", false), () -> "copy"))));
        assertEquals(List.of("copy"), ran);
        assertEquals(StepState.PENDING, Journal.load(dir).step("cutover").state());
    }

    @Test
    void anInterruptionNamesTheCleanupThatIsDueOnceTheStepThatNeedsItIsDone() {
        Journal journal = Journal.create(dir, List.of("copy", "start", "cleanup"));
        List<Step> all = List.of(step("copy", false), step("start", false),
                new CleanupStep(step("cleanup", false), () -> "copy"));
        assertEquals(List.of(), MigrationEngine.pendingCleanups(all, journal), "nothing is due before the copy");
        journal.update(journal.step("copy").running(java.time.Instant.now(), "logs/01-copy.log"));
        journal.update(journal.step("copy").ended(StepState.DONE, java.time.Instant.now(), 0, null));
        assertEquals(List.of("not done yet: cleanup (step cleanup); it runs when the run is resumed"),
                MigrationEngine.pendingCleanups(all, journal));
    }

    @Test
    void nothingIsCleanedUpWhenTheStepThatLeavesSomethingBehindHasNotRun() {
        Journal journal = Journal.create(dir, List.of("preflight", "copy", "cleanup"));
        assertThrows(Failure.class, () -> engine(journal).run(List.of(step("preflight", true), step("copy", false),
                new CleanupStep(step("cleanup", false), () -> "copy"))));
        assertEquals(List.of("preflight"), ran);
    }

    @Test
    void aCleanupThatFailsAfterAFailureIsReportedAndTheFirstFailureStands() {
        Journal journal = Journal.create(dir, List.of("copy", "start", "cleanup"));
        Failure failure = assertThrows(Failure.class, () -> engine(journal).run(List.of(step("copy", false),
                step("start", true), new CleanupStep(step("cleanup", true), () -> "copy"))));
        assertTrue(failure.getMessage().contains("step 'start' failed"), failure.getMessage());
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("warning: step 'cleanup' failed: cleanup broke"),
                printed.toString(StandardCharsets.UTF_8));
        assertEquals(StepState.FAILED, Journal.load(dir).step("cleanup").state(), "so that resume runs it again");
    }
}
