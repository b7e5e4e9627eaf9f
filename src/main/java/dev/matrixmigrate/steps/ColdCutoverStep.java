package dev.matrixmigrate.steps;

import dev.matrixmigrate.engine.CommandStep;
import dev.matrixmigrate.engine.HeldRun;
import dev.matrixmigrate.engine.Step;
import dev.matrixmigrate.engine.StepContext;
import dev.matrixmigrate.engine.StepFailed;
import dev.matrixmigrate.process.CommandSpec;
import dev.matrixmigrate.process.ProcessOutput;
import dev.matrixmigrate.process.ProcessResult;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The cutover of --cold, in the guide's order with the copy prepared beforehand: the copy's run begins
 * first, gathers facts and puts its key in place while the old server still serves, and waits at its gate
 * before the stop; then the playbook's --tags=stop runs, whose stop tasks start the downtime; then the gate
 * opens and the copy disables the units (the guide's {@code systemctl disable --now matrix*}), copies and
 * verifies. A failure of the stop ends the waiting copy, which has changed nothing on the old server.
 */
record ColdCutoverStep(String id, String title, CommandSpec stop, CommandSpec copy, CommandSpec progress, Path gate,
        Path heldLog) implements Step {
    private static final Duration PREPARATION = Duration.ofMinutes(30);

    @Override
    public boolean stopsService() {
        return true;
    }

    @Override
    public void run(StepContext context) throws StepFailed {
        try (HeldRun held = new HeldRun(gate, heldLog, "the copy begins now and waits before the stop: ")) {
            held.launch(context.runner(), copy, context.out());
            awaitWaiting(held);
            if (held.ended()) {
                finish(context, held, "ended before its gate");
                throw StepFailed.of("the copy's run ended before it reached the old server's stop", copy, null);
            }
            context.out().println("$ " + stop.display());
            context.out().flush();
            context.servicesStopped(Instant.now());
            ProcessResult stopped = context.runner().run(stop, ProcessOutput.logged(context.log(), context.terminal()));
            StepFailed.unlessSucceeded(stopped, stop, context.out(), "");
            finish(context, held, "its gate opened now");
        }
    }

    /** Opens the gate and awaits the copy, its output (what it printed so far first) into the log. */
    private void finish(StepContext context, HeldRun held, String moment) throws StepFailed {
        context.out().println("$ " + copy.display() + "  # begun first, " + moment);
        ProcessResult result = CommandStep.showingProgress(context, id(), progress,
                () -> held.open(context.out()).orElseThrow().await());
        StepFailed.unlessSucceeded(result, copy, context.out(), " since it began");
    }

    private static void awaitWaiting(HeldRun held) throws StepFailed {
        Instant end = Instant.now().plus(PREPARATION);
        while (!held.waiting() && !held.ended()) {
            if (Instant.now().isAfter(end)) {
                throw new StepFailed("the copy did not reach its gate within " + PREPARATION.toMinutes() + " minutes",
                        null, null);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StepFailed("interrupted", null, null);
            }
        }
    }
}
