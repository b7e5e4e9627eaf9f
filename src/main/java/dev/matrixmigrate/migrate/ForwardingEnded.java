package dev.matrixmigrate.migrate;

import dev.matrixmigrate.forward.ForwardingState;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/** The step that ends the forwarding, noting for status that it ended before its time. */
final class ForwardingEnded extends DelegatingStep {
    private final Path planDir;

    ForwardingEnded(Step step, Path planDir) {
        super(step);
        this.planDir = planDir;
    }

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
