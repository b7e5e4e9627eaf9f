package dev.matrixmigrate.engine;

/** A step the tool carries out itself rather than through a command, named as the run recorded it. */
public abstract class PlannedLocalStep implements Step {
    private final RunRecord.StepPlan plan;

    public PlannedLocalStep(RunRecord.StepPlan plan) {
        this.plan = plan;
    }

    @Override
    public final String id() {
        return plan.id();
    }

    @Override
    public final String title() {
        return plan.title();
    }
}
