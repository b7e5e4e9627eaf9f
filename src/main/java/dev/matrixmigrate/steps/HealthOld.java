package dev.matrixmigrate.steps;

import dev.matrixmigrate.plan.PlannedStep;
import dev.matrixmigrate.plan.StepInputs;
import dev.matrixmigrate.playbook.PlanFiles;
import dev.matrixmigrate.playbook.PlayVariable;

/** The rollback's: the old server asked what it answered in the preflight. */
public final class HealthOld extends StepKind {
    public static final HealthOld KIND = new HealthOld();

    private HealthOld() {
        super("health-old", runs().plays(PlanFiles.HEALTH).explainedBy(PlanFiles.HEALTH_OLD_RESULT));
    }

    @Override
    public PlannedStep plan(StepInputs in) {
        long wait = in.settings().healthTimeout().toSeconds();
        return planned("check that the old server serves Matrix again", in.oldTarget())
                .text(text(in, "wait", wait))
                .runs("answers", in.commands().hostPlayOnOld(PlanFiles.HEALTH, PlayVariable.HEALTH_TIMEOUT.is(wait),
                        PlayVariable.HEALTH_RESULT.is(PlanFiles.HEALTH_OLD_RESULT)))
                .build();
    }
}
