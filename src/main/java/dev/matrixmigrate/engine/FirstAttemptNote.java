package dev.matrixmigrate.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * A step that notes this machine's clock (seconds since the epoch) in a file of the plan folder, when
 * its first attempt begins or when it ends (also by failing); a resumed attempt keeps the first moment.
 * The start step notes so from when the new server's services may have run on their own: what changes
 * on the new server after that moment is the new server's, which a rollback would leave behind.
 */
public record FirstAttemptNote(Step step, Path file, Moment moment) implements DelegatingStep {
    /** Whether the moment is the first attempt's beginning or its end. */
    public enum Moment { BEGINNING, END }

    @Override
    public void run(StepContext context) throws StepFailed {
        if (moment == Moment.BEGINNING) {
            note();
        }
        try {
            step.run(context);
        } finally {
            if (moment == Moment.END) {
                note();
            }
        }
    }

    private void note() throws StepFailed {
        if (Files.exists(file)) {
            return;
        }
        Instant now = Instant.now();
        try {
            Files.writeString(file, String.format("%d.%09d%n", now.getEpochSecond(), now.getNano()),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StepFailed("could not note the moment in " + file + ": " + e.getMessage(), null, null);
        }
    }
}
