package dev.matrixmigrate.process;

import java.time.Duration;
import java.time.Instant;

/** How a command ended. {@code output} holds what it printed when the output was captured. */
public record ProcessResult(CommandSpec command, int exitCode, Instant started, Duration duration, boolean timedOut,
        String output) {
    public boolean succeeded() {
        return exitCode == 0 && !timedOut;
    }
}
