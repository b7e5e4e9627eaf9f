package dev.matrixmigrate.migrate;

import dev.matrixmigrate.forward.ForwardSchedule;
import dev.matrixmigrate.forward.ForwardingState;
import dev.matrixmigrate.plan.PlanFiles;
import dev.matrixmigrate.process.CommandSpec;
import dev.matrixmigrate.process.ProcessResult;
import dev.matrixmigrate.process.ProcessRunner;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The old server's forwarding, begun with the cutover and held at its gate until the old server stopped: it then
 * binds the old server's ports while the new server starts, so that a client holding the old address waits no
 * longer than one that has the new. The forward step awaits it. When the migration ends before that step, a run
 * still held is ended (it bound nothing); one past its gate is awaited, as it may have started the forwarder.
 */
final class ForwardRun implements AutoCloseable {
    /** The run begun early, and the end it was given. */
    record Begun(ProcessRunner.Launched run, ForwardSchedule schedule) {
    }

    private final Path planDir;
    private final Path heldLog;
    private final HeldRun held;
    private ForwardSchedule schedule;

    ForwardRun(RunFolder run) {
        this.planDir = run.planDir();
        this.heldLog = run.logsDir().resolve(HeldRun.FORWARD_HELD_LOG);
        this.held = new HeldRun(planDir.resolve(PlanFiles.FORWARD_GATE), heldLog);
    }

    /** Begins the forwarding's run with its gate closed, with the end the schedule gives it now. */
    void launch(ProcessRunner runner, CommandSpec command, PrintStream out) throws StepFailed {
        schedule = ForwardStep.scheduleAtLaunch(planDir);
        held.launch(runner, ForwardStep.scheduled(command, schedule), out,
                "the forwarding's run begins now and waits at its gate until the old server stopped: ");
    }

    /** The old server stopped: the forwarding binds its ports now. */
    void open() {
        held.openGate();
    }

    /** The run begun with the cutover, its output from now on going to {@code live}; empty: none (a resumed run). */
    Optional<Begun> take(OutputStream live) {
        ForwardSchedule given = schedule;
        return held.take(live).map(run -> new Begun(run, given));
    }

    @Override
    public void close() {
        if (!held.passing()) {
            held.close();
            return;
        }
        try (OutputStream log = Files.newOutputStream(heldLog)) {
            Optional<Begun> begun = take(log);
            if (begun.isPresent()) {
                ProcessResult result = begun.get().run().await();
                if (result.exitCode() == 0 && !result.timedOut()) {
                    ForwardingState.started(planDir, begun.get().schedule().until());
                }
            }
        } catch (IOException e) {
            // the migration's own failure is what is reported; the forward step, on resume, starts it again
        }
    }
}
