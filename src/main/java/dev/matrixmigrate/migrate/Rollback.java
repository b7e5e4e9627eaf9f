package dev.matrixmigrate.migrate;

import dev.matrixmigrate.failure.Failure;
import dev.matrixmigrate.plan.PlanFiles;
import dev.matrixmigrate.plan.StepIds;
import dev.matrixmigrate.process.ProcessRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Puts the old server of a run back in service with the rollback steps the run planned, in a journal
 * of their own (so an interrupted rollback resumes where it stopped). Whether there is anything to roll
 * back, and whether inventory/hosts can be put back, is checked before any step runs.
 */
public final class Rollback {
    private final RunFolder run;
    private final RunRecord record;
    private final Journal migration;

    private Rollback(RunFolder run, RunRecord record, Journal migration) {
        this.run = run;
        this.record = record;
        this.migration = migration;
    }

    /** The rollback of this run, refused (exit 2, nothing touched) when there is nothing to roll back. */
    public static Rollback of(RunFolder run) {
        RunRecord record = RunRecord.read(run.dir());
        Journal migration = Journal.load(run.dir());
        if (record.rollbackSteps().isEmpty()) {
            throw Failure.invalidInput("run " + run.id() + " was made by an earlier matrix-migrate, which planned no"
                    + " rollback: start the old server by hand (the playbook's --tags=start with "
                    + run.planDir().resolve(PlanFiles.INVENTORY_OLD_HOSTS) + ")");
        }
        if (migration.servicesStoppedAt().isEmpty() && migration.step(StepIds.CUTOVER).state() == StepState.PENDING) {
            throw Failure.invalidInput("run " + run.id() + " never stopped the old server, so there is nothing to roll"
                    + " back: the old server still serves (matrix-migrate status shows where the run stopped)");
        }
        Optional<Journal> earlier = Journal.rollback(run.dir());
        if (earlier.map(j -> j.step(StepIds.RESTORE_INVENTORY).state() != StepState.DONE).orElse(true)) {
            RestoreInventoryStep.problem(record.playbookDir(), run.planDir()).ifPresent(problem -> {
                throw Failure.invalidInput(problem);
            });
        }
        return new Rollback(run, record, migration);
    }

    /** Whether a rollback of the run changed anything yet (a refused check changes nothing). */
    public static boolean begun(RunFolder run) {
        return Journal.rollback(run.dir()).map(journal -> journal.steps().stream()
                .anyMatch(step -> !step.id().equals(StepIds.CHECK_NEW) && step.state() != StepState.PENDING)).orElse(false);
    }

    public boolean complete() {
        return Journal.rollback(run.dir()).map(Journal::complete).orElse(false);
    }

    public RunRecord record() {
        return record;
    }

    /** Runs the rollback's steps that are not done yet. */
    public void run(ProcessRunner runner, PrintStream out, List<String> runtimeArguments, boolean force,
            MigrationEngine.Confirmation confirmation, String resumeCommand) {
        Journal journal = Journal.rollback(run.dir()).orElseGet(() -> Journal.createRollback(run.dir(),
                record.rollbackSteps().stream().map(RunRecord.StepPlan::id).toList()));
        List<Step> steps = RunSteps.rollback(record, run, runtimeArguments, force);
        new MigrationEngine(run, journal, runner, out, confirmation, resumeCommand, null).run(steps);
    }

    /** From the migration's stop of the old server to the rollback's start of it, once both happened. */
    public static Optional<Duration> oldServerDown(Journal migration, Journal rollback) {
        return migration.servicesStoppedAt().flatMap(stopped -> rollback.servicesStartedAt()
                .map(started -> Duration.between(stopped, started)));
    }

    /** What a finished rollback tells its user: how long the old server was down, what stayed on the new one. */
    public List<String> summary() {
        List<String> lines = new ArrayList<>();
        Journal.rollback(run.dir()).flatMap(journal -> oldServerDown(migration, journal)).ifPresent(d -> lines.add("The old server was down for " + MigrationEngine.seconds(d)
                + " (stopped by the migration until started again by the rollback)."));
        Path written = run.planDir().resolve(PlanFiles.WRITTEN_ON_NEW);
        try {
            if (Files.isRegularFile(written)) {
                String found = Files.readString(written, StandardCharsets.UTF_8).lines().findFirst().orElse("");
                lines.add("What the new server had that the old one lacks: " + found + " (listed in " + written
                        + "); it stays on the new server's disk, not carried back.");
            }
        } catch (IOException e) {
            lines.add("warning: cannot read " + written + ": " + e.getMessage());
        }
        return lines;
    }
}
