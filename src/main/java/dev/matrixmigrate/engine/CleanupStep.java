package dev.matrixmigrate.engine;

/**
 * A step that removes what another step left behind for it (the key the final pass leaves in place),
 * and that also runs when a step between the two fails.
 */
public final class CleanupStep extends DelegatingStep {
    private final StepId leftBy;

    public CleanupStep(Step step, StepId leftBy) {
        super(step);
        this.leftBy = leftBy;
    }

    @Override
    public boolean cleansUpAfterFailure(Journal journal) {
        return journal.step(leftBy).state() == StepState.DONE && journal.step(id()).state() != StepState.DONE;
    }
}
