package dev.matrixmigrate.steps;

import dev.matrixmigrate.plan.PlannedStep;
import dev.matrixmigrate.plan.StepInputs;
import dev.matrixmigrate.playbook.PlanFiles;
import dev.matrixmigrate.playbook.PlayVariable;
import dev.matrixmigrate.playbook.Playbook;

/** The new server asked what the old one answered in the preflight. */
public final class Health extends StepKind {
    public static final Health KIND = new Health();

    private Health() {
        super("health", runs().plays(PlanFiles.HEALTH).explainedBy(PlanFiles.HEALTH_RESULT));
    }

    @Override
    public PlannedStep plan(StepInputs in) {
        long wait = in.settings().healthTimeout().toSeconds();
        PlannedStep.Builder step = planned("check that the new server serves Matrix", in.newTarget())
                .changes("notes in the plan folder")
                .text(text(in, "wait", wait))
                .runs("answers", in.commands().hostPlay(PlanFiles.HEALTH, PlayVariable.HEALTH_TIMEOUT.is(wait),
                        PlayVariable.HEALTH_NOTE_SERVED.is(true)));
        if (in.settings().selfCheck()) {
            step.runs("self-check", in.commands().setup(Playbook.TAG_SELF_CHECK));
        }
        return step.build();
    }
}
