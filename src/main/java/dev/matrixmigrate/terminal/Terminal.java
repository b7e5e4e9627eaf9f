package dev.matrixmigrate.terminal;

import dev.matrixmigrate.failure.Failure;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Where a command talks to its person: its output and error streams (picocli's, so that tests read
 * them without touching System.out) and the one way it asks before it takes a server down.
 *
 * @param yes the person said yes beforehand (--yes): nothing is asked
 */
public record Terminal(PrintStream out, PrintStream err, boolean yes) {

    /** Byte streams over picocli's writers: the processes a run starts write bytes, which go on as text. */
    public static Terminal of(PrintWriter out, PrintWriter err, boolean yes) {
        return new Terminal(stream(out), stream(err), yes);
    }

    private static PrintStream stream(PrintWriter writer) {
        return new PrintStream(new WriterOutputStream(writer), true, StandardCharsets.UTF_8);
    }

    /**
     * Refuses before anything runs when a confirmation will be needed and nobody can give it.
     *
     * @param action what --yes would do without asking, as in "run with --yes to {action} without asking"
     */
    public void requireAnswerable(String action) {
        if (!yes && System.console() == null) {
            throw Failure.invalidInput("no terminal to confirm on: run with --yes to " + action + " without asking"
                    + " (or --dry-run to see what would run)");
        }
    }

    /**
     * Asks for a typed "yes" unless --yes was given; anything else refuses (exit 2).
     *
     * @param declined the refusal's message: what was not done, and when to come back
     */
    public void confirm(String question, String declined) {
        if (!yes) {
            TypedYes.require(System.lineSeparator() + question + System.lineSeparator() + "Type yes to go on: ",
                    "no terminal to confirm on: run with --yes", declined);
        }
    }
}
