package dev.matrixmigrate.steps;

import dev.matrixmigrate.plan.PlannedStep;
import dev.matrixmigrate.plan.StepInputs;
import dev.matrixmigrate.playbook.PlanFiles;

/**
 * The run's key removed from both servers: the migration's cleanup once the cutover left it, and the rollback's
 * remove-key, wherever it still is. Each also runs after a later step failed.
 */
public final class Cleanup extends StepKind {
    public static final Cleanup KIND = new Cleanup("cleanup", Cutover.KIND);
    public static final Cleanup ROLLBACK_KIND = new Cleanup("remove-key", CheckNew.KIND);

    private Cleanup(String id, StepKind after) {
        super(id, runs().plays(PlanFiles.CLEANUP).cleaningUpAfter(after));
    }

    @Override
    public PlannedStep plan(StepInputs in) {
        return planned("remove the copy's key", in.both())
                .changes("the copy's key removed")
                .text(text(in))
                .runs("cleanup", in.commands().migrationPlayAfterSwitch(PlanFiles.CLEANUP))
                .build();
    }
}
