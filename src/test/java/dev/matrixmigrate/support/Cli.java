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

    /**
     * Runs with System.out captured too (the migrate command streams Ansible's output there), still
     * showing it in the test's own output.
     */
    public static synchronized Result runShowingOutput(String... args) {
        java.io.PrintStream original = System.out;
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        java.io.PrintStream both = new java.io.PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                buffer.write(b);
                original.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                buffer.write(b, off, len);
                original.write(b, off, len);
            }
        }, true, java.nio.charset.StandardCharsets.UTF_8);
        System.setOut(both);
        try {
            Result result = run(args);
            both.flush();
            return new Result(result.exitCode(), buffer.toString(java.nio.charset.StandardCharsets.UTF_8) + result.out(),
                    result.err());
        } finally {
            System.setOut(original);
        }
    }

    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = MatrixMigrate.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
