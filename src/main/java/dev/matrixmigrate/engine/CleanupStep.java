package dev.matrixmigrate.engine;

/**
 * A step that removes what another step left behind for it (the key the final pass leaves in place),
 * and that also runs when a step between the two fails.
 */
public record CleanupStep(Step step, StepId leftBy) implements DelegatingStep {
    @Override
    public boolean cleansUpAfterFailure(Journal journal) {
        return journal.step(leftBy).state() == StepState.DONE && journal.step(id()).state() != StepState.DONE;
    }
}
