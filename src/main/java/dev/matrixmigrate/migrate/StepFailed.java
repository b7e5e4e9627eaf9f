package dev.matrixmigrate.migrate;

/**
 * A step did not complete: what failed, and the command when a command failed. A refusal is a check
 * that found the input unfit (exit 2, nothing changed), not a failure to resume.
 */
public final class StepFailed extends Exception {
    private final String command;
    private final Integer exitCode;
    private final boolean refusal;

    public StepFailed(String message, String command, Integer exitCode) {
        this(message, command, exitCode, false);
    }

    private StepFailed(String message, String command, Integer exitCode, boolean refusal) {
        super(message);
        this.command = command;
        this.exitCode = exitCode;
        this.refusal = refusal;
    }

    public static StepFailed refused(String message) {
        return new StepFailed(message, null, null, true);
    }

    public String command() {
        return command;
    }

    public Integer exitCode() {
        return exitCode;
    }

    public boolean refusal() {
        return refusal;
    }
}
