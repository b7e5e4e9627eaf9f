package dev.matrixmigrate.engine;

import dev.matrixmigrate.process.ProcessRunner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;

/**
 * What a running step may use: the process runner, its own log file, {@code out} (the terminal and
 * the log), {@code terminal} (the terminal alone, for output that goes into the log another way), the journal
 * and the run's events.
 */
public record StepContext(ProcessRunner runner, Path log, PrintStream out, PrintStream terminal, Journal journal,
        RunEvents events) {

    /** The services stopped (on old in a migration): journaled, and the downtime's start told once. */
    public void servicesStopped(Instant when) {
        boolean first = journal.servicesStoppedAt().isEmpty();
        journal.servicesStopped(when);
        if (first) {
            events.downtimeStarted(when);
        }
    }

    /** The services started (on new in a migration): journaled, and the downtime's end told with its length. */
    public void servicesStarted(Instant when) {
        journal.servicesStarted(when);
        journal.downtime().ifPresent(downtime -> events.downtimeEnded(when, downtime));
    }
}
