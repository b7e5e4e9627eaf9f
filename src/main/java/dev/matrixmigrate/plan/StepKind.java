package dev.matrixmigrate.plan;

import java.util.Optional;
import java.util.stream.Stream;

/**
 * A kind of step, in one place: its id (the name in the journal and in {@code status}), how it is
 * planned (title, server, what it changes, its text and its named commands) and how the engine runs it.
 */
public interface StepKind {
    String id();

    /** How the engine runs it, beyond its commands. */
    StepRuns runs();

    PlannedStep plan(StepInputs in);

    /** The kind a recorded run names. */
    static Optional<StepKind> byId(String id) {
        return Stream.concat(Stream.of(MigrationStep.values()), Stream.of(RollbackStep.values()))
                .map(StepKind.class::cast).filter(kind -> kind.id().equals(id)).findFirst();
    }
}
