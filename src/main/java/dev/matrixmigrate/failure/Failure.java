package dev.matrixmigrate.failure;

/**
 * The one exception the tool throws on purpose: it carries the exit code and a message
 * that is shown to the user as one line.
 */
public final class Failure extends RuntimeException {
    private final int exitCode;

    private Failure(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** Bad input or a refused action: exit 2, nothing touched. */
    public static Failure invalidInput(String message) {
        return new Failure(ExitCode.INVALID_INPUT, message, null);
    }

    /** A failure while running: exit 1. */
    public static Failure whileRunning(String message) {
        return new Failure(ExitCode.FAILURE, message, null);
    }

    public static Failure whileRunning(String message, Throwable cause) {
        return new Failure(ExitCode.FAILURE, message, cause);
    }

    public int exitCode() {
        return exitCode;
    }
}
