package dev.matrixmigrate.failure;

/** The exit codes of every command, as documented in the README. */
public final class ExitCode {
    public static final int OK = 0;
    /** Something failed while running; the message says how to resume. */
    public static final int FAILURE = 1;
    /** Invalid input or a refused action; nothing was touched. */
    public static final int INVALID_INPUT = 2;
    /** status --run: the run is still running (another process holds its lock). */
    public static final int RUNNING = 3;

    private ExitCode() {
    }
}
