package dev.matrixmigrate.engine;

/** A step the tool carries out itself rather than through a command, named as the run recorded it. */
public interface PlannedLocalStep extends Step {
    RunRecord.StepPlan plan();

    @Override
    default String id() {
        return plan().id();
    }

    @Override
    default String title() {
        return plan().title();
    }
}
