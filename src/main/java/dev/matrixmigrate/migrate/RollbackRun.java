package dev.matrixmigrate.migrate;

import dev.matrixmigrate.engine.MigrationEngine;
import dev.matrixmigrate.engine.RunFolder;
import dev.matrixmigrate.engine.RunLock;
import dev.matrixmigrate.events.EventLog;
import dev.matrixmigrate.events.LiveEvents;
import dev.matrixmigrate.failure.ExitCode;
import dev.matrixmigrate.process.ProcessRunner;
import dev.matrixmigrate.terminal.BecomePassword;
import dev.matrixmigrate.terminal.Terminal;

/** The old server of a run back in service (--rollback), or at once after a failure (--rollback-on-failure). */
record RollbackRun(Terminal terminal, LiveEvents live) {

    int rollback(MigrateRequest request) {
        RunFolder run = request.run("roll back");
        Rollback back = Rollback.of(run);
        if (back.complete()) {
            terminal.out().println("Run " + run.id() + " was rolled back already; the old server serves.");
            return ExitCode.OK;
        }
        terminal.requireAnswerable("roll back");
        try (RunLock lock = RunLock.take(request.playbookDir(), run.id());
                EventLog log = RunInvocation.open(live, run, back.record(), "rollback", request)) {
            rollBack(request, back, run, () -> terminal.confirm("About to stop the new server for good and start"
                    + " the old one again.", "not confirmed: nothing was stopped; roll back when ready"), log);
        }
        return ExitCode.OK;
    }

    /** Runs the rollback's steps, asking {@code confirmation} before the new server stops; its events go to {@code log}. */
    void rollBack(MigrateRequest request, Rollback back, RunFolder run, MigrationEngine.Confirmation confirmation,
            EventLog log) {
        terminal.out().println("Rolling back run " + run.id() + " of " + back.record().summary());
        try (BecomePassword password = request.becomePassword()) {
            RunInvocation.ended(log, "rollback", () -> back.run(new ProcessRunner(), terminal, password.arguments(),
                    request.options().force(), confirmation, request.goOn(back.record(), run, "--rollback"),
                    request.retry(back.record()), RunInvocation.events(log, run, back.record().rollbackSteps())),
                    null);
        }
        terminal.out().println();
        terminal.out().println("Rollback complete: the old server serves again (" + back.record().summary() + ").");
        back.summary().forEach(terminal.out()::println);
        terminal.out().println("Logs and journals: " + run.dir());
    }
}
