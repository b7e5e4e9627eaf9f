package dev.matrixmigrate.engine;

/** What the journal and the run's record know a step by: its kind's id, e.g. setup-system-user. */
public interface StepId {
    String id();

    /** Whether a step recorded by this id (in the journal, run.yml or a plan) is of this kind. */
    default boolean named(String recorded) {
        return id().equals(recorded);
    }
}
