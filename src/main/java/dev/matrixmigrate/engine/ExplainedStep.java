package dev.matrixmigrate.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A step whose play writes, when it fails, why in one sentence beside itself: the failure then says
 * that sentence instead of an exit code. For the preflight that sentence is a refusal (a server that
 * is no fit for the migration, such as a new server that is the old one): the user's input to fix,
 * not a failure to resume; the run ends with exit 2.
 *
 * @param explanation where the play writes why it failed
 * @param refusal whether that is a refusal (exit 2) rather than a failure
 */
public record ExplainedStep(Step step, Path explanation, boolean refusal) implements DelegatingStep {
    @Override
    public void run(StepContext context) throws StepFailed {
        try {
            Files.deleteIfExists(explanation);
            step.run(context);
        } catch (StepFailed failed) {
            String why = reason();
            if (why.isEmpty()) {
                throw failed;
            }
            throw refusal ? StepFailed.refused(why) : new StepFailed(why, failed.command(), failed.exitCode());
        } catch (IOException e) {
            throw new StepFailed("cannot clear " + explanation + ": " + e.getMessage(), null, null);
        }
    }

    private String reason() {
        try {
            return Files.exists(explanation)
                    ? String.join(" ", Files.readString(explanation).strip().split("\\s*\n\\s*")) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
