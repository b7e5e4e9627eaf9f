package dev.matrixmigrate.migrate;

import dev.matrixmigrate.engine.Journal;
import dev.matrixmigrate.engine.RunFolder;
import dev.matrixmigrate.engine.RunLock;
import dev.matrixmigrate.engine.RunRecord;
import dev.matrixmigrate.events.LiveEvents;
import dev.matrixmigrate.failure.ExitCode;
import dev.matrixmigrate.failure.Failure;
import dev.matrixmigrate.terminal.Terminal;

/** The rest of a failed or interrupted run, from the step it stopped at (--resume). */
record ResumedRun(Terminal terminal, LiveEvents live) {

    int resume(MigrateRequest request) {
        RunFolder run = request.run("resume");
        try (RunLock lock = RunLock.take(request.playbookDir(), run.id())) {
            RunRecord record = RunRecord.read(run.dir());
            Journal journal = Journal.load(run.dir());
            if (RollbackState.of(run).begun()) {
                throw Failure.invalidInput("run " + run.id() + " was rolled back, so it cannot go on: finish the"
                        + " rollback with --rollback, or start a new migration");
            }
            if (journal.complete()) {
                terminal.out().println("Run " + run.id() + " is complete; nothing to resume.");
                return ExitCode.OK;
            }
            terminal.requireAnswerable("resume");
            terminal.out().println("Resuming run " + run.id() + " of " + record.summary());
            return new RunExecution(terminal, live).execute(request, record, run, journal, "resume");
        }
    }
}
