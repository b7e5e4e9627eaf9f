package dev.matrixmigrate.migrate;

import dev.matrixmigrate.dns.DnsChanges;
import dev.matrixmigrate.forward.ForwardSchedule;
import dev.matrixmigrate.forward.ForwardingFile;
import dev.matrixmigrate.forward.ForwardingState;
import dev.matrixmigrate.plan.PlanFiles;
import dev.matrixmigrate.plan.StepRuns;
import dev.matrixmigrate.process.CommandSpec;
import dev.matrixmigrate.process.ProcessResult;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The old server forwards to the new one for as long as caches may hold the old address (or --forward-for): the
 * forwarding's run begun with the cutover is awaited (a resumed run runs the play here), its end is noted for
 * status, and each forwarded port of the old server is tried from here (its firewall is the user's: a closed port
 * is named).
 */
final class ForwardStep extends PlannedLocalStep {
    private static final int PROBE_MILLIS = 3000;
    private final CommandSpec forward;
    private final Path planDir;
    private final String oldAddress;
    private final ForwardRun begun;

    ForwardStep(RunRecord.StepPlan plan, CommandSpec forward, Path planDir, String oldAddress, ForwardRun begun) {
        super(plan);
        this.forward = forward;
        this.planDir = planDir;
        this.oldAddress = oldAddress;
        this.begun = begun;
    }

    /**
     * The end a forwarding begun with the cutover gets when its gate opens: the dns step has not run yet, so caches
     * may hold the old address until the longest time it may wait for the zone's servers plus the records' old TTL
     * from now.
     */
    static ForwardSchedule scheduleAtOpening(Path planDir) throws StepFailed {
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
        return ForwardSchedule.of(file(planDir).length(), expire, Instant.now());
    }

    /** Notes the forwarding's end before its run takes the ports: the run reads it, status shows it. */
    static void note(Path planDir, ForwardSchedule schedule) throws StepFailed {
        try {
            ForwardingState.started(planDir, schedule.until());
        } catch (IOException e) {
            throw new StepFailed("cannot note the forwarding's end in the plan folder: " + e.getMessage(), null, null);
        }
    }

    @Override
    public void run(StepContext context) throws StepFailed {
        ForwardingFile file = file(planDir);
        ForwardSchedule schedule;
        Optional<ForwardRun.Begun> early = begun == null ? Optional.empty() : begun.take(context.out());
        if (early.isPresent()) {
            schedule = early.get().schedule();
            context.out().println("$ " + forward.display() + "  # begun with the cutover, past its gate since the old"
                    + " server stopped");
            ProcessResult result = early.get().run().await();
            StepFailed.unlessSucceeded(result, forward, context.out(), " since it began");
        } else {
            schedule = ForwardSchedule.of(file.length(), cachesExpire(), Instant.now());
            note(planDir, schedule);
            try {
                Files.writeString(planDir.resolve(PlanFiles.FORWARD_GATE), "open\n");
            } catch (IOException e) {
                throw new StepFailed("cannot open the forwarding's gate: " + e.getMessage(), null, null);
            }
            new CommandStep(id(), title(), List.of(forward), StepRuns.Service.UNCHANGED, null, null).run(context);
        }
        schedule.warning().ifPresent(warning -> context.out().println("warning: " + warning));
        context.out().println("The old server forwards ports " + String.join(", ", file.ports().stream()
                .map(String::valueOf).toList()) + " to the new server until " + ForwardingState.clock(schedule.until())
                + " (the transient unit " + file.unit() + " ends then by itself; migrate --stop-forwarding ends it"
                + " earlier).");
        for (int port : file.ports()) {
            if (!answers(port)) {
                context.out().println("warning: port " + port + " of the old server (" + oldAddress + ") does not"
                        + " answer from here, though the forwarder listens there: is it closed in the old server's"
                        + " firewall? Clients holding the old address cannot reach it then.");
            }
        }
    }

    private static ForwardingFile file(Path planDir) throws StepFailed {
        try {
            return ForwardingFile.read(planDir.resolve(PlanFiles.FORWARDING));
        } catch (IOException e) {
            throw new StepFailed(e.getMessage(), null, null);
        }
    }

    private Optional<Instant> cachesExpire() {
        return ForwardingState.instant(planDir.resolve(PlanFiles.CACHES_EXPIRE));
    }

    private boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(oldAddress, port), PROBE_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
