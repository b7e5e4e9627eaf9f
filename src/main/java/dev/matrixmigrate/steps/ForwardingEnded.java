package dev.matrixmigrate.steps;

import dev.matrixmigrate.engine.DelegatingStep;
import dev.matrixmigrate.engine.Step;
import dev.matrixmigrate.engine.StepContext;
import dev.matrixmigrate.engine.StepFailed;
import dev.matrixmigrate.forward.ForwardingState;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/** The step that ends the forwarding, noting for status that it ended before its time. */
public record ForwardingEnded(Step step, Path planDir) implements DelegatingStep {
    @Override
    public void run(StepContext context) throws StepFailed {
        step.run(context);
        try {
            ForwardingState.ended(planDir, Instant.now());
        } catch (IOException e) {
            context.out().println("warning: the forwarding ended, but status cannot be told: " + e.getMessage());
        }
    }
}
