package dev.matrixmigrate.migrate;

/** A step did not complete: what failed, and the command when a command failed. */
public final class StepFailed extends Exception {
    private final String command;
    private final Integer exitCode;

    public StepFailed(String message, String command, Integer exitCode) {
        super(message);
        this.command = command;
        this.exitCode = exitCode;
    }

    public String command() {
        return command;
    }

    public Integer exitCode() {
        return exitCode;
    }
}
