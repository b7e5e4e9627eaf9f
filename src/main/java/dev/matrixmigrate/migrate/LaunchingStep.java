package dev.matrixmigrate.migrate;

import dev.matrixmigrate.process.CommandSpec;

/** The cutover, which first begins the start run held at its gate ({@link StartGate}). */
final class LaunchingStep extends DelegatingStep {
    private final StartGate gate;
    private final CommandSpec start;

    LaunchingStep(Step step, StartGate gate, CommandSpec start) {
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
