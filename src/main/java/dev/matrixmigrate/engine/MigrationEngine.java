package dev.matrixmigrate.engine;

import dev.matrixmigrate.failure.Failure;
import dev.matrixmigrate.process.ProcessRunner;
import dev.matrixmigrate.process.TeeOutputStream;
import dev.matrixmigrate.terminal.Terminal;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Runs the steps of a run in order and records each one in the journal. A step the journal has as
 * done is never run again; a failure ends the run naming the step, the command, its log and the
 * resume command, after the later steps that clean up (the copy's key) have run; an
 * interruption (Ctrl-C, SIGTERM) stops the whole process tree and leaves the step marked interrupted.
 */
public final class MigrationEngine {
    /** Asked once before the step that takes a server down (the old one in a migration, the new one in a rollback). */
    public interface Confirmation {
        void confirm();
    }

    /** Where a failure's message turns from what failed to the ways out of it. */
    private static final String WAYS_OUT = "; after fixing the cause, resume with: ";

    private final RunFolder run;
    private final Journal journal;
    private final ProcessRunner runner;
    private final PrintStream out;
    private final PrintStream err;
    private final Confirmation confirmation;
    private final String resumeCommand;
    private final String rollbackCommand;
    private final ConnectionRetry retry;
    private final RunEvents events;
    private volatile boolean interrupted;
    private volatile List<Step> steps = List.of();

    /**
     * @param rollbackCommand offered beside the resume command once the old server has stopped, or null
     * @param retry how a step that lost its connection runs again by itself
     */
    public MigrationEngine(RunFolder run, Journal journal, ProcessRunner runner, Terminal terminal,
            Confirmation confirmation, String resumeCommand, String rollbackCommand, ConnectionRetry retry,
            RunEvents events) {
        this.run = run;
        this.journal = journal;
        this.runner = runner;
        this.out = terminal.out();
        this.err = terminal.err();
        this.confirmation = confirmation;
        this.resumeCommand = resumeCommand;
        this.rollbackCommand = rollbackCommand;
        this.retry = retry;
        this.events = events;
    }

    public void run(List<Step> steps) {
        this.steps = List.copyOf(steps);
        Thread hook = new Thread(this::onInterrupt, "matrix-migrate-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        TaskEventRelay tasks = TaskEventRelay.start(run.dir().resolve(RunEvents.TASK_EVENTS_DIR), events.log());
        try {
            for (int i = 0; i < steps.size(); i++) {
                Step step = steps.get(i);
                if (step.stopsService() && journal.step(step.id()).state() != StepState.DONE) {
                    confirmation.confirm();
                }
                try {
                    runStep(step, i + 1, steps.size());
                } catch (Failure failure) {
                    if (!interrupted) {
                        cleanUpAfter(steps, i);
                    }
                    throw failure;
                }
            }
        } finally {
            tasks.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it records the interruption
            }
        }
    }

    private void runStep(Step step, int number, int total) {
        StepRecord record = journal.step(step.id());
        String heading = "[" + number + "/" + total + "] " + step.id() + ": " + step.title();
        if (record.state() == StepState.DONE) {
            out.println(heading + " (done earlier, not run again)");
            return;
        }
        Path log = logFile(number, step.id());
        out.println();
        out.println(heading);
        journal.update(record.running(Instant.now(), run.dir().relativize(log).toString()));
        events.stepStarted(step, number, total, log);
        try {
            runRetrying(step, log);
        } catch (StepFailed failed) {
            StepState state = interrupted ? StepState.INTERRUPTED : StepState.FAILED;
            StepRecord ended = journal.step(step.id()).ended(state, Instant.now(), failed.exitCode(), failed.getMessage());
            journal.update(ended);
            if (!interrupted) {
                events.stepFailed(step.id(), failed.getMessage(), failed.spec(), failed.exitCode(), log,
                        Duration.between(ended.started(), ended.ended()));
            }
            if (failed.refusal() && !interrupted) {
                throw Failure.invalidInput(step.id() + " refused: " + failed.getMessage() + " (nothing was changed; log: "
                        + log + ")");
            }
            throw Failure.whileRunning("step '" + step.id() + "' " + (interrupted ? "was interrupted" : "failed") + ": "
                    + failed.getMessage() + (failed.command() == null ? "" : "; command: " + failed.command())
                    + "; log: " + log + WAYS_OUT + resumeCommand + wayBack());
        } catch (RuntimeException | IOException e) {
            StepRecord ended = journal.step(step.id()).ended(StepState.FAILED, Instant.now(), null, e.getMessage());
            journal.update(ended);
            events.stepFailed(step.id(), e.getMessage(), null, null, log, Duration.between(ended.started(), ended.ended()));
            throw Failure.whileRunning("step '" + step.id() + "' failed: " + e.getMessage() + "; log: " + log
                    + WAYS_OUT + resumeCommand + wayBack(), e);
        }
        StepRecord done = journal.step(step.id());
        journal.update(done.ended(StepState.DONE, Instant.now(), 0, null));
        events.stepDone(step.id(), Duration.between(done.started(), Instant.now()));
        out.println("done: " + step.id() + " (" + seconds(Duration.between(done.started(), Instant.now())) + ")");
    }

    /**
     * Runs a step, and again by itself while its connection is lost for less than the retry's bound: each retry
     * shown, noted in the step's log and journaled. After the bound, the failure names the lost connection.
     */
    private void runRetrying(Step step, Path log) throws StepFailed, IOException {
        Instant firstLoss = null;
        for (int retries = 0; ; retries++) {
            long attemptStart = Files.exists(log) ? Files.size(log) : 0;
            try {
                runLogged(step, log);
                return;
            } catch (StepFailed failed) {
                if (interrupted || failed.refusal()) {
                    throw failed;
                }
                Optional<LostConnection> lost = retry.lost(attemptOutput(log, attemptStart));
                if (lost.isEmpty()) {
                    throw failed;
                }
                Instant now = Instant.now();
                firstLoss = firstLoss == null ? now : firstLoss;
                Optional<Duration> wait = retry.waitBefore(retries + 1, Duration.between(firstLoss, now));
                if (wait.isEmpty()) {
                    throw failed.withMessage(lost.get() + ", and still did after "
                            + seconds(Duration.between(firstLoss, now)) + " (--reconnect-for " + retry.bound().toSeconds()
                            + "s); " + failed.getMessage());
                }
                String note = lost.get() + "; retrying " + step.id() + " in " + wait.get().toSeconds() + " s, "
                        + (retries + 2) + " of at most " + (retry.mostRetries() + 1) + inDowntime();
                out.println(note);
                Files.writeString(log, "# " + now + " " + note + "\n", StandardOpenOption.APPEND);
                journal.update(journal.step(step.id()).retried(now + " " + note));
                events.stepRetry(step.id(), note, wait.get(), retries + 2);
                try {
                    Thread.sleep(wait.get().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw failed;
                }
                if (interrupted) {
                    throw failed;
                }
            }
        }
    }

    /** Inside the downtime every second counts: a retry there says so. */
    private String inDowntime() {
        return journal.servicesStoppedAt().isPresent() && journal.servicesStartedAt().isEmpty()
                ? " (the old server is stopped: the downtime goes on meanwhile)" : "";
    }

    private static String attemptOutput(Path log, long from) throws IOException {
        byte[] all = Files.readAllBytes(log);
        return new String(all, (int) Math.min(from, all.length), (int) Math.max(0, all.length - from),
                StandardCharsets.UTF_8);
    }

    /** Whether the run ended by Ctrl-C or SIGTERM rather than by a failure. */
    public boolean interrupted() {
        return interrupted;
    }

    /** A failure's message without the ways out of it, once another way was taken. */
    public static String withoutWaysOut(String message) {
        int end = message.indexOf(WAYS_OUT);
        return end < 0 ? message : message.substring(0, end);
    }

    /** Once the old server stopped, the other way out of a failure: back to it. */
    private String wayBack() {
        return rollbackCommand != null && journal.servicesStoppedAt().isPresent()
                ? "; or put the old server back in service with: " + rollbackCommand : "";
    }

    /**
     * Runs the cleanup steps after the failed one, recorded like any step: done ones are not run again
     * on resume (nothing can bring back what they removed once the step that left it is done).
     */
    private void cleanUpAfter(List<Step> steps, int failed) {
        for (int i = failed + 1; i < steps.size(); i++) {
            Step step = steps.get(i);
            if (!step.cleansUpAfterFailure(journal)) {
                continue;
            }
            out.println();
            out.println("after the failure:");
            try {
                runStep(step, i + 1, steps.size());
            } catch (Failure alsoFailed) {
                out.println("warning: " + alsoFailed.getMessage());
            }
        }
    }

    /** Runs a step with its output on the terminal and appended to its log. */
    private void runLogged(Step step, Path log) throws StepFailed, IOException {
        runLogged(step, log, events.runnerFor(runner, step.id(), log), out, journal, events);
    }

    /** Runs a step with its output on {@code out} and appended to {@code log}; {@code journal}: null outside a run's. */
    public static void runLogged(Step step, Path log, ProcessRunner runner, PrintStream out, Journal journal, RunEvents events)
            throws StepFailed, IOException {
        try (PrintStream both = new PrintStream(new TeeOutputStream(Files.newOutputStream(log, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND), out), true, StandardCharsets.UTF_8)) {
            step.run(new StepContext(runner, log, both, out, journal, events));
        }
    }

    private Path logFile(int number, String id) {
        try {
            Files.createDirectories(run.logsDir());
        } catch (IOException e) {
            throw Failure.whileRunning("could not create " + run.logsDir() + ": " + e.getMessage(), e);
        }
        return run.logsDir().resolve(String.format("%02d-%s.log", number, id));
    }

    /** Runs on Ctrl-C or SIGTERM: stop every child process, record the step as interrupted. */
    private void onInterrupt() {
        interrupted = true;
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroy);
        try {
            Thread.sleep(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
        journal.running().ifPresent(step -> {
            journal.update(step.ended(StepState.INTERRUPTED, Instant.now(), null, "interrupted"));
            events.stepInterrupted(step.id(), run.dir().resolve(step.log()));
            err.println();
            err.println("interrupted during step '" + step.id() + "' (log: " + run.dir().resolve(step.log())
                    + "); resume with: " + resumeCommand + wayBack());
        });
        pendingCleanups(steps, journal).forEach(err::println);
    }

    /** What an interruption leaves behind: the cleanup steps that are due and have not run. */
    public static List<String> pendingCleanups(List<Step> steps, Journal journal) {
        return steps.stream().filter(s -> s.cleansUpAfterFailure(journal))
                .map(s -> "not done yet: " + s.id() + " (" + s.title() + "); it runs when the run is resumed")
                .toList();
    }

    public static String seconds(Duration duration) {
        return String.format("%.1f s", duration.toMillis() / 1000.0);
    }
}
