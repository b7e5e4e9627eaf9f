package dev.matrixmigrate.steps;

import dev.matrixmigrate.engine.DelegatingStep;
import dev.matrixmigrate.engine.HeldRun;
import dev.matrixmigrate.engine.Step;
import dev.matrixmigrate.engine.StepContext;
import dev.matrixmigrate.engine.StepFailed;
import dev.matrixmigrate.process.CommandSpec;
import dev.matrixmigrate.process.ProcessResult;
import dev.matrixmigrate.process.ProcessRunner;
import java.time.Instant;
import java.util.Optional;

/**
 * The start step of a warm migration: it opens the start run's gate. The run begun with the cutover then
 * goes on and is awaited; without one (a resumed run), the step's own command passes the open gate at once.
 */
public record GatedStartStep(Step step, HeldRun gate, CommandSpec command) implements DelegatingStep {
    @Override
    public void run(StepContext context) throws StepFailed {
        Optional<ProcessRunner.Launched> early = gate.open(context.out());
        if (early.isEmpty()) {
            step.run(context);
            return;
        }
        context.out().println("$ " + command.display() + "  # begun with the cutover, its gate opened now");
        ProcessResult result = early.get().await();
        StepFailed.unlessSucceeded(result, command, context.out(), " since it began");
        context.servicesStarted(Instant.now());
    }
}
