package dev.matrixmigrate.steps;

import dev.matrixmigrate.engine.DelegatingStep;
import dev.matrixmigrate.engine.HeldRun;
import dev.matrixmigrate.engine.Step;
import dev.matrixmigrate.engine.StepContext;
import dev.matrixmigrate.engine.StepFailed;
import dev.matrixmigrate.process.CommandSpec;

/** The cutover, which first begins the start run held at its gate ({@link HeldRun}). */
public final class LaunchingStep extends DelegatingStep {
    private final HeldRun gate;
    private final CommandSpec start;

    public LaunchingStep(Step step, HeldRun gate, CommandSpec start) {
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
