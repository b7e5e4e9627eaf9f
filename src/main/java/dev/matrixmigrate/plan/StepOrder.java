package dev.matrixmigrate.plan;

import java.util.List;

/** The steps a plan holds in the order they run, the migration's and the rollback's, and the plays they run. */
public interface StepOrder {
    List<PlannedStep> migration(StepInputs in);

    List<PlannedStep> rollback(StepInputs in);

    /** The plays the steps of both lists run, each once. */
    List<Play> plays(StepInputs in);
}
