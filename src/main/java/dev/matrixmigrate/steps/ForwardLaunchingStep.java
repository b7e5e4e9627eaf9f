package dev.matrixmigrate.steps;

import dev.matrixmigrate.engine.DelegatingStep;
import dev.matrixmigrate.engine.Step;
import dev.matrixmigrate.engine.StepContext;
import dev.matrixmigrate.engine.StepFailed;
import dev.matrixmigrate.process.CommandSpec;

/**
 * The cutover, which first begins the forwarding's run held at its gate ({@link ForwardRun}), and opens the gate
 * once it stopped the old server and copied: the forwarder then takes the old server's ports.
 */
public final class ForwardLaunchingStep extends DelegatingStep {
    private final ForwardRun forward;
    private final CommandSpec command;

    public ForwardLaunchingStep(Step step, ForwardRun forward, CommandSpec command) {
        super(step);
        this.forward = forward;
        this.command = command;
    }

    @Override
    public void run(StepContext context) throws StepFailed {
        forward.launch(context.runner(), command, context.out());
        step.run(context);
        forward.open();
    }
}
