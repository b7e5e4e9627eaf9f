package dev.matrixmigrate.migrate;

/** One step of a migration, run by the {@link MigrationEngine}. */
public interface Step {
    String id();

    String title();

    /** True for the step that takes the old server down: the engine asks before it. */
    default boolean stopsService() {
        return false;
    }

    void run(StepContext context) throws StepFailed;
}
