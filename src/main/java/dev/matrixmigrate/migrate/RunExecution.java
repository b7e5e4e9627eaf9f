package dev.matrixmigrate.migrate;

import dev.matrixmigrate.engine.HeldRun;
import dev.matrixmigrate.engine.Journal;
import dev.matrixmigrate.engine.MigrationEngine;
import dev.matrixmigrate.engine.RunFolder;
import dev.matrixmigrate.engine.RunRecord;
import dev.matrixmigrate.engine.StepState;
import dev.matrixmigrate.events.EventLog;
import dev.matrixmigrate.events.LiveEvents;
import dev.matrixmigrate.failure.ExitCode;
import dev.matrixmigrate.failure.Failure;
import dev.matrixmigrate.process.ProcessRunner;
import dev.matrixmigrate.steps.Forward;
import dev.matrixmigrate.steps.ForwardRun;
import dev.matrixmigrate.steps.Start;
import dev.matrixmigrate.terminal.BecomePassword;
import dev.matrixmigrate.terminal.Terminal;

/**
 * A run's steps from where its journal stands, for a new run and a resumed one: the engine asks before the old
 * server stops; a failure after that rolls back at once with --rollback-on-failure.
 */
record RunExecution(Terminal terminal, LiveEvents live) {

    /** @param action the invocation's name in the events: start or resume */
    int execute(MigrateRequest request, RunRecord record, RunFolder run, Journal journal, String action) {
        try (EventLog log = RunInvocation.open(live, run, record, action, request)) {
            return execute(request, record, run, journal, action, log);
        }
    }

    private int execute(MigrateRequest request, RunRecord record, RunFolder run, Journal journal, String action,
            EventLog log) {
        MigrationEngine engine = new MigrationEngine(run, journal, new ProcessRunner(), terminal,
                () -> terminal.confirm("About to stop the old server for good and migrate " + record.summary() + ".",
                        "not confirmed: the old server was not stopped; resume when ready"),
                request.goOn(record, run, "--resume"),
                record.rollbackSteps().isEmpty() ? null : request.goOn(record, run, "--rollback"),
                request.retry(record), RunInvocation.events(log, run, record.steps()));
        try (BecomePassword password = request.becomePassword(); HeldRun gate = Start.gate(run);
                ForwardRun forward = new ForwardRun(run)) {
            RunInvocation.ended(log, action, () -> engine.run(RunSteps.of(record, run, password.arguments(), gate,
                    forward)), journal);
        } catch (Failure failure) {
            // a failed forwarding leaves a new server that passed its health check: no reason to go back
            if (!request.options().rollbackOnFailure() || failure.exitCode() != ExitCode.FAILURE
                    || engine.interrupted() || journal.servicesStoppedAt().isEmpty()
                    || record.rollbackSteps().isEmpty()
                    || journal.steps().stream().anyMatch(step -> step.is(Forward.KIND)
                            && step.state() == StepState.FAILED)) {
                throw failure;
            }
            String failed = MigrationEngine.withoutWaysOut(failure.getMessage());
            terminal.out().println();
            terminal.out().println("Rolling back at once (--rollback-on-failure) after: " + failed);
            new RollbackRun(terminal, live).rollBack(request, Rollback.of(run), run, () -> { }, log);
            throw Failure.whileRunning(failed + "; rolled back at once (--rollback-on-failure): the old server"
                    + " serves again");
        }
        terminal.out().println();
        terminal.out().println("Migration complete: " + record.summary());
        RunSummary.lines(run, journal).forEach(terminal.out()::println);
        terminal.out().println("Logs and journal: " + run.dir());
        return ExitCode.OK;
    }
}
