package dev.matrixmigrate.process;

import java.time.Duration;

/** How a command ended. {@code output} holds what it printed when the output was captured. */
public record ProcessResult(int exitCode, Duration duration, boolean timedOut, String output) {
    public boolean succeeded() {
        return exitCode == 0 && !timedOut;
    }
}
