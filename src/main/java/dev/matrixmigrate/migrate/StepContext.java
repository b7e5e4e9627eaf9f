package dev.matrixmigrate.migrate;

import dev.matrixmigrate.process.ProcessRunner;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * What a running step may use: the process runner, its own log file, {@code out} (the terminal and
 * the log), {@code terminal} (the terminal alone, for output that goes into the log another way) and
 * the journal.
 */
public record StepContext(ProcessRunner runner, Path log, PrintStream out, PrintStream terminal, Journal journal) {
}
