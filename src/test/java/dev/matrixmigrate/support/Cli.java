package dev.matrixmigrate.support;

import dev.matrixmigrate.cli.MatrixMigrate;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the real command line in this process and keeps what it printed. */
public final class Cli {
    public record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private Cli() {
    }

    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = MatrixMigrate.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
