package dev.matrixmigrate.support;

import dev.matrixmigrate.cli.MatrixMigrate;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;

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

    /** Runs, still showing what it prints in the test's own output (a run streams Ansible's output). */
    public static Result runShowingOutput(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = MatrixMigrate.commandLine(new PrintWriter(new Both(out, System.out), true),
                new PrintWriter(new Both(err, System.err), true)).execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Text kept and shown at once. */
    private static final class Both extends Writer {
        private final StringWriter kept;
        private final PrintStream shown;

        Both(StringWriter kept, PrintStream shown) {
            this.kept = kept;
            this.shown = shown;
        }

        @Override
        public void write(char[] chars, int offset, int length) {
            kept.write(chars, offset, length);
            shown.print(new String(chars, offset, length));
        }

        @Override
        public void flush() {
            shown.flush();
        }

        @Override
        public void close() {
            flush();
        }
    }

    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = MatrixMigrate.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
