package dev.matrixmigrate.process;

import java.io.PrintStream;
import java.nio.file.Path;

/** Where a command's output goes: kept in memory for the caller, or streamed to a log and a terminal. */
public record ProcessOutput(boolean capture, Path logFile, PrintStream live) {
    /** Keeps stdout in memory (for output the tool parses) and stderr apart, for error messages. */
    public static ProcessOutput captured() {
        return new ProcessOutput(true, null, null);
    }

    /** Appends stdout and stderr to a log file and shows them live. */
    public static ProcessOutput logged(Path logFile, PrintStream live) {
        return new ProcessOutput(false, logFile, live);
    }

}
