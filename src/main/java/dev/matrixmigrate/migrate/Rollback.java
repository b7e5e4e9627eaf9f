package dev.matrixmigrate.migrate;

import dev.matrixmigrate.engine.ConnectionRetry;
import dev.matrixmigrate.engine.Journal;
import dev.matrixmigrate.engine.MigrationEngine;
import dev.matrixmigrate.engine.RunEvents;
import dev.matrixmigrate.engine.RunFolder;
import dev.matrixmigrate.engine.RunRecord;
import dev.matrixmigrate.engine.Step;
import dev.matrixmigrate.engine.StepRecord;
import dev.matrixmigrate.engine.StepState;
import dev.matrixmigrate.failure.Failure;
import dev.matrixmigrate.playbook.PlanFiles;
import dev.matrixmigrate.process.ProcessRunner;
import dev.matrixmigrate.steps.CheckNew;
import dev.matrixmigrate.steps.Cutover;
import dev.matrixmigrate.steps.RestoreInventory;
import dev.matrixmigrate.steps.RestoreInventoryStep;
import dev.matrixmigrate.steps.Standby;
import dev.matrixmigrate.steps.StopNew;
import dev.matrixmigrate.terminal.Terminal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts the old server of a run back in service with the rollback steps the run planned, in a journal
 * of their own (so an interrupted rollback resumes where it stopped). Whether there is anything to roll
 * back, and whether inventory/hosts can be put back, is checked before any step runs.
 */
public final class Rollback {
    private final RunFolder run;
    private final RunRecord record;

    private Rollback(RunFolder run, RunRecord record) {
        this.run = run;
        this.record = record;
    }

    /** The rollback of this run, refused (exit 2, nothing touched) when there is nothing to roll back. */
    public static Rollback of(RunFolder run) {
        RunRecord record = RunRecord.read(run.dir());
        RollbackState state = RollbackState.of(run);
        if (record.rollbackSteps().isEmpty()) {
            throw Failure.invalidInput("run " + run.id() + " was made by an earlier matrix-migrate, which planned no"
                    + " rollback: start the old server by hand (the playbook's --tags=start with "
                    + run.planDir().resolve(PlanFiles.INVENTORY_OLD_HOSTS) + ")");
        }
        if (state.migration().servicesStoppedAt().isEmpty()
                && state.migration().step(Cutover.KIND).state() == StepState.PENDING
                // the stream route's standby step leaves a slot on the old server, a tunnel and a standby to remove
                && state.migration().stateOf(Standby.KIND).filter(step -> step != StepState.PENDING).isEmpty()) {
            throw Failure.invalidInput("run " + run.id() + " never stopped the old server, so there is nothing to roll"
                    + " back: the old server still serves (matrix-migrate status shows where the run stopped)");
        }
        if (state.rollback().map(j -> j.step(RestoreInventory.KIND).state() != StepState.DONE).orElse(true)) {
            RestoreInventoryStep.problem(record.inventory(), run.planDir()).ifPresent(problem -> {
                throw Failure.invalidInput(problem + (state.nothingServes() ? " (meanwhile nothing serves: this rollback"
                        + " stopped the new server and has not started the old one yet)" : ""));
            });
        }
        return new Rollback(run, record);
    }

    public boolean complete() {
        return RollbackState.of(run).complete();
    }

    public RunRecord record() {
        return record;
    }

    /** Runs the rollback's steps that are not done yet. */
    public void run(ProcessRunner runner, Terminal terminal, List<String> runtimeArguments, boolean force,
            MigrationEngine.Confirmation confirmation, String resumeCommand, ConnectionRetry retry, RunEvents events) {
        Journal journal = Journal.rollback(run.dir()).orElseGet(() -> Journal.createRollback(run.dir(),
                record.rollbackSteps().stream().map(RunRecord.StepPlan::id).toList()));
        if (journal.step(StopNew.KIND).state() != StepState.DONE) {
            // what the check found holds only while the new server does not run on: check again until it stopped
            journal.update(StepRecord.pending(CheckNew.KIND.id()));
        }
        List<Step> steps = RunSteps.rollback(record, run, runtimeArguments, force);
        new MigrationEngine(run, journal, runner, terminal, confirmation, resumeCommand, null, retry, events).run(steps);
    }

    /** What a finished rollback tells its user: how long the old server was down, what stayed on the new one. */
    public List<String> summary() {
        List<String> lines = new ArrayList<>();
        RollbackState.of(run).oldServerDown().ifPresent(d -> lines.add("The old server was down for "
                + MigrationEngine.seconds(d) + " (stopped by the migration until started again by the rollback)."));
        Path written = run.planDir().resolve(PlanFiles.WRITTEN_ON_NEW);
        try {
            List<String> found = Files.isRegularFile(written)
                    ? Files.readAllLines(written, StandardCharsets.UTF_8) : List.of();
            if (found.size() > 1) {
                lines.add("Left behind on the new server (on its disk, not carried back): " + found.get(0)
                        + " (listed in " + written + ").");
            }
        } catch (IOException e) {
            lines.add("warning: cannot read " + written + ": " + e.getMessage());
        }
        return lines;
    }
}
