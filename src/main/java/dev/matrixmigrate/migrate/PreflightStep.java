package dev.matrixmigrate.migrate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The preflight: its play checks both servers and changes nothing. A check it refuses (a server that
 * is no fit for the migration, such as a new server that is the old one) is the user's input to fix,
 * not a failure to resume: the play writes the refusal beside itself and the run ends with exit 2.
 */
public final class PreflightStep implements Step {
    private final Step step;
    private final Path refusal;

    /** @param refusal where the play writes the message of the check it refused */
    public PreflightStep(Step step, Path refusal) {
        this.step = step;
        this.refusal = refusal;
    }

    @Override
    public String id() {
        return step.id();
    }

    @Override
    public String title() {
        return step.title();
    }

    @Override
    public void run(StepContext context) throws StepFailed {
        try {
            Files.deleteIfExists(refusal);
            step.run(context);
        } catch (StepFailed failed) {
            String message = refusalMessage();
            throw message.isEmpty() ? failed : StepFailed.refused(message);
        } catch (IOException e) {
            throw new StepFailed("cannot clear " + refusal + ": " + e.getMessage(), null, null);
        }
    }

    private String refusalMessage() {
        try {
            return Files.exists(refusal) ? String.join(" ", Files.readString(refusal).strip().split("\\s*\n\\s*")) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
