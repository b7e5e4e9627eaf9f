package dev.matrixmigrate.steps;

import dev.matrixmigrate.plan.PlannedStep;
import dev.matrixmigrate.plan.StepInputs;
import dev.matrixmigrate.playbook.PlanFiles;

/** The rollback's first: what the new server has that the old one lacks refuses it, unless --force. */
public final class CheckNew extends StepKind {
    public static final CheckNew KIND = new CheckNew();

    private CheckNew() {
        super("check-new", runs().plays(PlanFiles.CHECK_NEW_WRITES).refusingWith(PlanFiles.ROLLBACK_REFUSAL).forceable());
    }

    @Override
    public PlannedStep plan(StepInputs in) {
        return planned("find what the new server has that the old one lacks", in.newTarget())
                .text(text(in))
                .runs("check", in.commands().hostPlayOnNew(PlanFiles.CHECK_NEW_WRITES))
                .build();
    }
}
