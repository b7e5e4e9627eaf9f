package dev.matrixmigrate.migrate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * A step that notes this machine's clock (seconds since the epoch) in a file of the plan folder the
 * first time it begins; a resumed attempt keeps the first moment. The start step notes so when the new
 * server's services may first have run: what changed on the new server after that moment is the new
 * server's own, which a rollback would leave behind.
 */
public final class FirstAttemptNote extends DelegatingStep {
    private final Path file;

    public FirstAttemptNote(Step step, Path file) {
        super(step);
        this.file = file;
    }

    @Override
    public void run(StepContext context) throws StepFailed {
        if (!Files.exists(file)) {
            Instant now = Instant.now();
            try {
                Files.writeString(file, String.format("%d.%09d%n", now.getEpochSecond(), now.getNano()),
                        StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new StepFailed("could not note the moment in " + file + ": " + e.getMessage(), null, null);
            }
        }
        step.run(context);
    }
}
