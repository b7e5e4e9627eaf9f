package dev.matrixmigrate.events;

import dev.matrixmigrate.failure.Failure;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where a run's events go live besides its events.jsonl ({@code --events}): nowhere, standard output, or a file
 * (appended to, never replaced; a named pipe works too), opened only once the run begins.
 */
public final class LiveEvents {
    private final Path file;
    private Writer writer;

    private LiveEvents(Path file, Writer writer) {
        this.file = file;
        this.writer = writer;
    }

    public static LiveEvents none() {
        return new LiveEvents(null, null);
    }

    public static LiveEvents to(Writer writer) {
        return new LiveEvents(null, writer);
    }

    public static LiveEvents toFile(Path file) {
        return new LiveEvents(file, null);
    }

    /** The writer the events go to, or null for none; the file is opened once. */
    public synchronized Writer open() {
        if (file == null || writer != null) {
            return writer;
        }
        try {
            writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            return writer;
        } catch (IOException e) {
            throw Failure.invalidInput("--events " + file + " cannot be written (" + e.getMessage()
                    + "): give a file in a folder that exists, or - for standard output");
        }
    }
}
