package dev.matrixmigrate.migrate;

import dev.matrixmigrate.engine.MigrationEngine;
import dev.matrixmigrate.engine.RunEvents;
import dev.matrixmigrate.engine.RunFolder;
import dev.matrixmigrate.engine.RunLock;
import dev.matrixmigrate.engine.RunRecord;
import dev.matrixmigrate.engine.Step;
import dev.matrixmigrate.engine.StepFailed;
import dev.matrixmigrate.events.EventLog;
import dev.matrixmigrate.events.LiveEvents;
import dev.matrixmigrate.failure.ExitCode;
import dev.matrixmigrate.failure.Failure;
import dev.matrixmigrate.files.Stamp;
import dev.matrixmigrate.forward.ForwardingState;
import dev.matrixmigrate.process.ProcessRunner;
import dev.matrixmigrate.terminal.BecomePassword;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * `migrate --stop-forwarding`: ends a run's forwarding before its time, with the command its rollback planned for
 * that, under the playbook folder's run lock, its commands in the run's events.
 */
final class ForwardingEnd {
    private final RunFolder run;
    private final RunRecord record;
    private final PrintStream out;

    /** The forwarding of this run; refused (exit 2) when the run was planned without one. */
    ForwardingEnd(RunFolder run, PrintStream out) {
        this.run = run;
        this.record = RunRecord.read(run.dir());
        this.out = out;
        step(List.of());
    }

    RunRecord record() {
        return record;
    }

    int run(MigrateRequest request, LiveEvents live) {
        ForwardingState state = ForwardingState.of(run.planDir()).orElseThrow(() -> Failure.invalidInput("run "
                + run.id() + " has not started its forwarding (its forward step did not run): there is nothing to end"));
        Instant now = Instant.now();
        if (!state.running(now)) {
            out.println("The forwarding of run " + run.id() + " " + state.describe(now, true) + ".");
            return ExitCode.OK;
        }
        try (RunLock lock = RunLock.take(request.playbookDir(), run.id());
                BecomePassword password = request.becomePassword();
                EventLog log = RunInvocation.open(live, run, record, "stop-forwarding", request)) {
            Path stepLog = run.logsDir().resolve("stop-forwarding-" + Stamp.now() + ".log");
            RunInvocation.ended(log, "stop-forwarding", () -> end(password, stepLog, log), null);
        }
        out.println("The old server no longer forwards (run " + run.id() + ").");
        return ExitCode.OK;
    }

    /** Runs the step that ends the forwarding, its commands as the run's events. */
    private void end(BecomePassword password, Path stepLog, EventLog log) {
        RunEvents events = new RunEvents(log, run.dir(), Map.of());
        try {
            MigrationEngine.runLogged(step(password.arguments()), stepLog,
                    events.runnerFor(new ProcessRunner(), "stop-forwarding", stepLog), out, null, events);
        } catch (StepFailed failed) {
            throw Failure.whileRunning("ending the forwarding of run " + run.id() + " failed: " + failed.getMessage()
                    + " (log: " + stepLog + "); run migrate --stop-forwarding again", null);
        } catch (IOException e) {
            throw Failure.whileRunning("cannot write " + stepLog + ": " + e.getMessage(), e);
        }
    }

    /** The run's step that ends its forwarding; refused when the run does not forward. */
    private Step step(List<String> runtimeArguments) {
        return RunSteps.stopForwarding(record, run, runtimeArguments).orElseThrow(() -> Failure.invalidInput("run "
                + run.id() + " does not forward to the new server (it was planned without forwarding): there is nothing"
                + " to end"));
    }
}
