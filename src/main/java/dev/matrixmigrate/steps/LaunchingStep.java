package dev.matrixmigrate.steps;

import dev.matrixmigrate.engine.DelegatingStep;
import dev.matrixmigrate.engine.EarlyRun;
import dev.matrixmigrate.engine.Step;
import dev.matrixmigrate.engine.StepContext;
import dev.matrixmigrate.engine.StepFailed;
import dev.matrixmigrate.process.CommandSpec;
import java.util.List;

/**
 * The cutover, which first begins runs held at their gates, in order: the forwarding's ({@link ForwardRun}), whose
 * gate opens once the cutover stopped the old server and copied, and the start run ({@code HeldRun}), whose gate
 * the start step opens.
 */
record LaunchingStep(Step step, List<Early> early) implements DelegatingStep {
    /** A run to begin, with its command. */
    record Early(EarlyRun run, CommandSpec command) {
    }

    @Override
    public void run(StepContext context) throws StepFailed {
        for (Early run : early) {
            run.run().launch(context.runner(), run.command(), context.out());
        }
        step.run(context);
        for (Early run : early) {
            run.run().stepDone();
        }
    }
}
