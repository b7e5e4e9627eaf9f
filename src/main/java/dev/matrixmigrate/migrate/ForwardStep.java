package dev.matrixmigrate.migrate;

import dev.matrixmigrate.forward.ForwardSchedule;
import dev.matrixmigrate.forward.ForwardingFile;
import dev.matrixmigrate.forward.ForwardingState;
import dev.matrixmigrate.plan.PlanFiles;
import dev.matrixmigrate.plan.PlayVariable;
import dev.matrixmigrate.plan.StepRuns;
import dev.matrixmigrate.process.CommandSpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Starts the old server's forwarding to the new one for as long as caches may hold the old address (or
 * --forward-for): the forward play with the unit's runtime, then a note of its end for status, then a check from
 * here that each forwarded port of the old server answers (its firewall is the user's: a closed port is named).
 */
final class ForwardStep extends PlannedLocalStep {
    private static final int PROBE_MILLIS = 3000;
    private final CommandSpec forward;
    private final Path planDir;
    private final String oldAddress;

    ForwardStep(RunRecord.StepPlan plan, CommandSpec forward, Path planDir, String oldAddress) {
        super(plan);
        this.forward = forward;
        this.planDir = planDir;
        this.oldAddress = oldAddress;
    }

    @Override
    public void run(StepContext context) throws StepFailed {
        ForwardingFile file;
        try {
            file = ForwardingFile.read(planDir.resolve(PlanFiles.FORWARDING));
        } catch (IOException e) {
            throw new StepFailed(e.getMessage(), null, null);
        }
        ForwardSchedule schedule = ForwardSchedule.of(file.length(), cachesExpire(), Instant.now());
        schedule.warning().ifPresent(warning -> context.out().println("warning: " + warning));
        CommandSpec command = forward.plus(List.of(PlayVariable.FORWARD_SECONDS.argument(schedule.seconds()),
                PlayVariable.FORWARD_UNTIL.argument("'" + ForwardingState.clock(schedule.until()) + "'")));
        new CommandStep(id(), title(), List.of(command), StepRuns.Service.UNCHANGED, null, null).run(context);
        try {
            ForwardingState.started(planDir, schedule.until());
        } catch (IOException e) {
            throw new StepFailed("the forwarder runs, but its end could not be noted for status: " + e.getMessage(),
                    null, null);
        }
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

    private Optional<Instant> cachesExpire() {
        Path file = planDir.resolve(PlanFiles.CACHES_EXPIRE);
        try {
            return Files.isRegularFile(file) ? Optional.of(Instant.parse(Files.readString(file,
                    StandardCharsets.UTF_8).strip())) : Optional.empty();
        } catch (IOException | DateTimeParseException e) {
            return Optional.empty();
        }
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
