package dev.matrixmigrate.migrate;

/**
 * A step that removes what another step left behind for it (the key the final pass leaves in place),
 * and that also runs when a step between the two fails.
 */
public final class CleanupStep implements Step {
    private final Step step;
    private final String leftBy;

    public CleanupStep(Step step, String leftBy) {
        this.step = step;
        this.leftBy = leftBy;
    }

    @Override
    public String id() {
        return step.id();
    }

    @Override
    public String title() {
        return step.title();
    }

    @Override
    public boolean cleansUpAfterFailure(Journal journal) {
        return journal.step(leftBy).state() == StepState.DONE && journal.step(id()).state() != StepState.DONE;
    }

    @Override
    public void run(StepContext context) throws StepFailed {
        step.run(context);
    }
}
