package dev.matrixmigrate.migrate;

import dev.matrixmigrate.engine.Journal;
import dev.matrixmigrate.engine.RunFolder;
import dev.matrixmigrate.engine.StepState;
import dev.matrixmigrate.steps.CheckNew;
import java.time.Duration;
import java.util.Optional;

/** Where the rollback of a run stands, read from its two journals. */
public record RollbackState(Journal migration, Optional<Journal> rollback) {
    public static RollbackState of(RunFolder run) {
        return new RollbackState(Journal.load(run.dir()), Journal.rollback(run.dir()));
    }

    /** Whether the rollback changed anything yet (its check changes nothing). */
    public boolean begun() {
        return rollback.map(journal -> journal.steps().stream()
                .anyMatch(step -> !step.is(CheckNew.KIND) && step.state() != StepState.PENDING)).orElse(false);
    }

    public boolean complete() {
        return rollback.map(Journal::complete).orElse(false);
    }

    /** Whether the rollback stopped the new server, so that nothing serves until it started the old one. */
    public boolean nothingServes() {
        return rollback.map(journal -> journal.servicesStoppedAt().isPresent() && journal.servicesStartedAt().isEmpty())
                .orElse(false);
    }

    /** From the migration's stop of the old server to the rollback's start of it, once both happened. */
    public Optional<Duration> oldServerDown() {
        return migration.servicesStoppedAt().flatMap(stopped -> rollback.flatMap(Journal::servicesStartedAt)
                .map(started -> Duration.between(stopped, started)));
    }
}
