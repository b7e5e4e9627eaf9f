package dev.matrixmigrate.migrate;

import dev.matrixmigrate.process.CommandSpec;

/** The cutover, which first begins the start run held at its gate ({@link HeldRun}). */
final class LaunchingStep extends DelegatingStep {
    private final HeldRun gate;
    private final CommandSpec start;

    LaunchingStep(Step step, HeldRun gate, CommandSpec start) {
        super(step);
        this.gate = gate;
        this.start = start;
    }

    @Override
    public void run(StepContext context) throws StepFailed {
        gate.launch(context.runner(), start, context.out());
        step.run(context);
    }
}
