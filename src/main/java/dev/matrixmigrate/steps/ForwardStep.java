package dev.matrixmigrate.steps;

import dev.matrixmigrate.engine.CommandStep;
import dev.matrixmigrate.engine.PlannedLocalStep;
import dev.matrixmigrate.engine.RunRecord;
import dev.matrixmigrate.engine.StepContext;
import dev.matrixmigrate.engine.StepFailed;
import dev.matrixmigrate.forward.ForwardSchedule;
import dev.matrixmigrate.forward.ForwardingFile;
import dev.matrixmigrate.forward.ForwardingState;
import dev.matrixmigrate.forward.Times;
import dev.matrixmigrate.playbook.PlanFiles;
import dev.matrixmigrate.process.CommandSpec;
import dev.matrixmigrate.process.ProcessResult;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The old server forwards to the new one for as long as caches may hold the old address (or --forward-for): the
 * forwarding's run begun with the cutover is awaited (a resumed run opens the gate with its own end and runs the play
 * here), and each forwarded port of the old server is tried from here (its firewall is the user's: a closed port
 * is named).
 */
record ForwardStep(RunRecord.StepPlan plan, CommandSpec forward, Path planDir, String oldAddress, ForwardRun begun)
        implements PlannedLocalStep {
    private static final int PROBE_MILLIS = 3000;

    @Override
    public void run(StepContext context) throws StepFailed {
        ForwardingFile file = file(planDir);
        ForwardSchedule schedule;
        Optional<ForwardRun.Begun> early = begun.take(context.out());
        if (early.isPresent()) {
            schedule = early.get().schedule();
            context.out().println("$ " + forward.display() + "  # begun with the cutover, past its gate since the old"
                    + " server stopped");
            ProcessResult result = early.get().run().await();
            StepFailed.unlessSucceeded(result, forward, context.out(), " since it began");
        } else {
            schedule = ForwardSchedule.of(file.length(), ForwardingState.instant(planDir.resolve(PlanFiles.CACHES_EXPIRE)),
                    Instant.now());
            begun.openWith(schedule);
            CommandStep.plain(id(), title(), List.of(forward)).run(context);
        }
        schedule.warning().ifPresent(warning -> context.out().println("warning: " + warning));
        context.out().println("The old server forwards ports " + String.join(", ", file.ports().stream()
                .map(String::valueOf).toList()) + " to the new server until " + Times.clock(schedule.until())
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

    public static ForwardingFile file(Path planDir) throws StepFailed {
        try {
            return ForwardingFile.read(planDir.resolve(PlanFiles.FORWARDING));
        } catch (IOException e) {
            throw new StepFailed(e.getMessage(), null, null);
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
