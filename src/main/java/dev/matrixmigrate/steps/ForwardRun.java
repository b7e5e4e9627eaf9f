package dev.matrixmigrate.steps;

import dev.matrixmigrate.dns.DnsChanges;
import dev.matrixmigrate.engine.EarlyRun;
import dev.matrixmigrate.engine.HeldRun;
import dev.matrixmigrate.engine.RunFolder;
import dev.matrixmigrate.engine.StepFailed;
import dev.matrixmigrate.forward.ForwardSchedule;
import dev.matrixmigrate.forward.ForwardingState;
import dev.matrixmigrate.playbook.PlanFiles;
import dev.matrixmigrate.process.CommandSpec;
import dev.matrixmigrate.process.ProcessRunner;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The old server's forwarding, begun with the cutover and held at its gate until the old server stopped: it then
 * binds the old server's ports while the new server starts, so that a client holding the old address waits no
 * longer than one that has the new. The forward step awaits it. When the migration ends before that step, a run
 * still held is ended once it reached its gate (it bound nothing); one past its gate is awaited, as it may have
 * started the forwarder (its end was noted when the gate opened).
 */
public final class ForwardRun implements EarlyRun, AutoCloseable {
    /** The run begun early, and the end it was given. */
    public record Begun(ProcessRunner.Launched run, ForwardSchedule schedule) {
    }

    /** How long a run closed before its gate may take to reach it (a package install on the old server). */
    private static final Duration BEFORE_GATE = Duration.ofMinutes(3);
    /** What a forwarding's run ended at its gate printed, in the run's logs folder. */
    static final String HELD_LOG = "forward-ended-at-its-gate.log";
    private final Path planDir;
    private final Path heldLog;
    private final HeldRun held;
    private ForwardSchedule schedule;

    public ForwardRun(RunFolder run) {
        this.planDir = run.planDir();
        this.heldLog = run.logsDir().resolve(HELD_LOG);
        this.held = new HeldRun(planDir.resolve(PlanFiles.FORWARD_GATE), heldLog, "the forwarding's run begins now and"
                + " waits at its gate until the old server stopped: ");
    }

    /** Begins the forwarding's run with its gate closed. */
    @Override
    public void launch(ProcessRunner runner, CommandSpec command, PrintStream out) {
        held.launch(runner, command, out);
    }

    /**
     * The old server stopped: the forwarding's end is reckoned now (the dns step has not run yet, so caches may hold
     * the old address until the longest time it may wait for the zone's servers plus the records' old TTL from now),
     * and the gate opens.
     */
    @Override
    public void stepDone() throws StepFailed {
        Optional<Instant> expire = Optional.empty();
        try {
            Path changes = planDir.resolve(PlanFiles.DNS_CHANGES);
            if (Files.isRegularFile(changes)) {
                DnsChanges dns = DnsChanges.read(changes);
                if (dns.updates()) {
                    expire = Optional.of(Instant.now().plus(dns.waitFor()).plusSeconds(dns.longestTtlBefore()));
                }
            }
        } catch (IOException e) {
            // without the records' TTL the forwarding lasts the shortest default
        }
        openWith(ForwardSchedule.of(ForwardStep.file(planDir).length(), expire, Instant.now()));
    }

    /**
     * Notes the forwarding's end (the run reads it past its gate, status shows it), then opens the gate: a run begun
     * early binds the old server's ports now, one begun later passes it at once.
     */
    public void openWith(ForwardSchedule given) throws StepFailed {
        try {
            ForwardingState.started(planDir, given.until());
        } catch (IOException e) {
            throw new StepFailed("cannot note the forwarding's end in the plan folder: " + e.getMessage(), null, null);
        }
        schedule = given;
        held.openGate();
    }

    /** The run begun with the cutover, its output from now on going to {@code live}; empty: none (a resumed run). */
    public Optional<Begun> take(OutputStream live) {
        ForwardSchedule given = schedule;
        return held.take(live).map(run -> new Begun(run, given));
    }

    @Override
    public void close() {
        if (!held.passing()) {
            // its work before the gate installs and configures HAProxy: let it reach the gate before it is ended
            held.awaitGateOrEnd(BEFORE_GATE);
            held.close();
            return;
        }
        try (OutputStream log = Files.newOutputStream(heldLog)) {
            take(log).ifPresent(begun -> begun.run().await());
        } catch (IOException e) {
            // the migration's own failure is what is reported; the forward step, on resume, starts it again
        }
    }
}
