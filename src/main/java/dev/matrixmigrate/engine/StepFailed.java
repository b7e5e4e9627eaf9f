package dev.matrixmigrate.engine;

import dev.matrixmigrate.process.CommandSpec;
import dev.matrixmigrate.process.ProcessResult;
import java.io.PrintStream;

/**
 * A step did not complete: what failed, and the command when a command failed. A refusal is a check
 * that found the input unfit (exit 2, nothing changed), not a failure to resume.
 */
public final class StepFailed extends Exception {
    private final String command;
    private final CommandSpec spec;
    private final Integer exitCode;
    private final boolean refusal;

    public StepFailed(String message, String command, Integer exitCode) {
        this(message, command, null, exitCode, false);
    }

    /** A command that failed, known as data (its argument list goes into the run's events). */
    public static StepFailed of(String message, CommandSpec spec, Integer exitCode) {
        return new StepFailed(message, spec.display(), spec, exitCode, false);
    }

    private StepFailed(String message, String command, CommandSpec spec, Integer exitCode, boolean refusal) {
        super(message);
        this.command = command;
        this.spec = spec;
        this.exitCode = exitCode;
        this.refusal = refusal;
    }

    public static StepFailed refused(String message) {
        return new StepFailed(message, null, null, null, true);
    }

    /** The same failure told otherwise (a lost connection past its bound). */
    public StepFailed withMessage(String message) {
        return new StepFailed(message, command, spec, exitCode, refusal);
    }

    /** The failed command as data, when the step knew it so. */
    public CommandSpec spec() {
        return spec;
    }

    /**
     * Notes how a step's command ended in its output ({@code # exit code N after M ms}, {@code since} naming
     * from when, when not from the line above), and fails the step unless it succeeded.
     */
    public static void unlessSucceeded(ProcessResult result, CommandSpec command, PrintStream out, String since)
            throws StepFailed {
        out.println("# exit code " + result.exitCode() + (result.timedOut() ? " (timed out)" : "") + " after "
                + result.duration().toMillis() + " ms" + since);
        if (!result.succeeded()) {
            throw StepFailed.of(result.timedOut() ? "the command timed out" : "the command exited with code "
                    + result.exitCode(), command, result.exitCode());
        }
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
