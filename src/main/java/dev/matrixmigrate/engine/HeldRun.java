package dev.matrixmigrate.engine;

import dev.matrixmigrate.failure.Failure;
import dev.matrixmigrate.playbook.PlanFiles;
import dev.matrixmigrate.process.CommandSpec;
import dev.matrixmigrate.process.ProcessRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A run begun before its time and held at its gate (the plan's {@link PlanFiles#GATE_PLUGIN}) until it is
 * opened: the start run of a warm migration, begun with the cutover so that it parses the playbook, connects
 * and gathers facts while the final pass and its verification run; with --cold, the copy, prepared while the
 * old server serves. Closing it ends a run still held: its gate never opened, so it did nothing past it;
 * what it printed is kept in the logs.
 */
public final class HeldRun implements EarlyRun, AutoCloseable {
    private final Path gateFile;
    private final Path heldLog;
    private final String saying;
    private ProcessRunner.Launched launched;
    private HeldOutput output;

    /**
     * @param gateFile the gate the plan's plugin waits for
     * @param heldLog where what a run ended at its gate printed is kept
     * @param saying what is said when the run begins, before its command line
     */
    public HeldRun(Path gateFile, Path heldLog, String saying) {
        this.gateFile = gateFile;
        this.heldLog = heldLog;
        this.saying = saying;
    }

    /** Whether the run waits at its gate now (the plugin notes it beside the gate). */
    public boolean waiting() {
        return Files.exists(waitingFile());
    }

    /** Waits, at most {@code limit}, until the run begun early waits at its gate or has ended. */
    public void awaitGateOrEnd(Duration limit) {
        Instant deadline = Instant.now().plus(limit);
        while (launched != null && !launched.ended() && !waiting() && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Whether the run begun early has ended before its gate opened. */
    public boolean ended() {
        return launched != null && launched.ended();
    }

    /** Begins the run with its gate closed. */
    @Override
    public void launch(ProcessRunner runner, CommandSpec command, PrintStream out) {
        close();
        try {
            Files.deleteIfExists(gateFile);
            Files.deleteIfExists(waitingFile());
        } catch (IOException e) {
            throw Failure.whileRunning("could not close the gate " + gateFile + ": " + e.getMessage(), e);
        }
        output = new HeldOutput();
        launched = runner.launch(command, output);
        out.println(saying + command.display());
    }

    /**
     * Opens the gate: the start run begun early, if there is one, goes on, its output (what it printed so far
     * first) now going to {@code live}; without one, a start run begun now passes the gate at once.
     */
    public Optional<ProcessRunner.Launched> open(OutputStream live) {
        openGate();
        return take(live);
    }

    /** Opens the gate: the run begun early goes on, its output kept until {@link #take} passes it on. */
    public void openGate() {
        try {
            Files.writeString(gateFile, "open\n");
        } catch (IOException e) {
            throw Failure.whileRunning("could not open the gate " + gateFile + ": " + e.getMessage(), e);
        }
    }

    /** Whether a run begun early and not taken yet passed its open gate. */
    public boolean passing() {
        return launched != null && Files.exists(gateFile);
    }

    /** The run begun early, if there is one, its output (what it printed so far first) now going to {@code live}. */
    public Optional<ProcessRunner.Launched> take(OutputStream live) {
        Optional<ProcessRunner.Launched> early = Optional.ofNullable(launched);
        early.ifPresent(ignored -> output.attach(live));
        launched = null;
        return early;
    }

    /** Ends a run still held at its gate, keeping what it printed in the logs. */
    @Override
    public void close() {
        if (launched == null) {
            return;
        }
        launched.close();
        launched = null;
        try {
            Files.createDirectories(heldLog.getParent());
            Files.write(heldLog, output.held());
        } catch (IOException e) {
            // the run's failure is reported anyway; this log only adds the held run's own output
        }
    }

    private Path waitingFile() {
        return gateFile.resolveSibling(gateFile.getFileName() + ".waiting");
    }

    /** Output kept until someone reads it live, then passed on as it comes. */
    private static final class HeldOutput extends OutputStream {
        private final ByteArrayOutputStream held = new ByteArrayOutputStream();
        private OutputStream live;

        synchronized void attach(OutputStream to) {
            try {
                to.write(held.toByteArray());
                to.flush();
            } catch (IOException e) {
                // the terminal or log went away: the step's result still counts
            }
            live = to;
        }

        synchronized byte[] held() {
            return held.toByteArray();
        }

        @Override
        public synchronized void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
            if (live != null) {
                live.write(bytes, offset, length);
                live.flush();
            } else {
                held.write(bytes, offset, length);
            }
        }
    }
}
