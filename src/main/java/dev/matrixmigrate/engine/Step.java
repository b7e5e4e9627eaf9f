package dev.matrixmigrate.engine;

/** One step of a migration, run by the {@link MigrationEngine}. */
public interface Step {
    public String id();

    public String title();

    /** True for the step that takes a server down (old in a migration, new in a rollback): the engine asks before it. */
    default boolean stopsService() {
        return false;
    }

    /**
     * True for a step that undoes what an earlier step left behind (the copy's key), once that step is
     * done and while this one is not: when a step between the two fails, the engine runs it anyway,
     * before reporting the failure.
     */
    default boolean cleansUpAfterFailure(Journal journal) {
        return false;
    }

    public void run(StepContext context) throws StepFailed;
}
