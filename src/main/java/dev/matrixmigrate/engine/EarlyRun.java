package dev.matrixmigrate.engine;

import dev.matrixmigrate.process.CommandSpec;
import dev.matrixmigrate.process.ProcessRunner;
import java.io.PrintStream;

/** A run a step begins before its own work, held at its gate: the start run, or the forwarding's. */
public interface EarlyRun {
    /** Begins the run with its gate closed. */
    void launch(ProcessRunner runner, CommandSpec command, PrintStream out);

    /** The step that began it is done: a run that goes on from then opens its gate. */
    default void stepDone() throws StepFailed {
    }
}
