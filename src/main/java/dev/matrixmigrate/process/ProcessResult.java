package dev.matrixmigrate.process;

import java.time.Duration;

/**
 * How a command ended. When its output was captured, {@code output} holds what it printed on stdout, the
 * machine output the tool reads, and {@code errors} what it printed on stderr (warnings, messages).
 */
public record ProcessResult(int exitCode, Duration duration, boolean timedOut, String output, String errors) {
    public boolean succeeded() {
        return exitCode == 0 && !timedOut;
    }

    /** Everything it printed, stderr first: for the message that says why it failed. */
    public String messages() {
        return errors.isEmpty() ? output : output.isEmpty() ? errors : errors.stripTrailing() + "\n" + output;
    }
}
