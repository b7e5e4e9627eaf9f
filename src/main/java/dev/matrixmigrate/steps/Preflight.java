package dev.matrixmigrate.steps;

import dev.matrixmigrate.plan.PlannedStep;
import dev.matrixmigrate.plan.StepInputs;
import dev.matrixmigrate.playbook.PlanFiles;
import dev.matrixmigrate.playbook.PlayVariable;

/** Both servers checked, nothing changed: a refusal names what to fix. */
public final class Preflight extends StepKind {
    public static final Preflight KIND = new Preflight();

    private Preflight() {
        super("preflight", runs().plays(PlanFiles.PREFLIGHT, PlanFiles.HEALTH).refusingWith(PlanFiles.PREFLIGHT_REFUSAL));
    }

    @Override
    public PlannedStep plan(StepInputs in) {
        long wait = in.settings().preflightTimeout().toSeconds();
        return planned("check both servers", in.both())
                .text(text(in, "wait", wait))
                .runs("checks", in.commands().migrationPlay(PlanFiles.PREFLIGHT))
                .runs("playbook-checks-old", in.commands().playbookChecks(false))
                .runs("playbook-checks-new", in.commands().playbookChecks(true))
                .runs("old-answers", in.commands().hostPlay(PlanFiles.HEALTH, PlayVariable.HEALTH_RECORD.is(true),
                        PlayVariable.HEALTH_TIMEOUT.is(wait)))
                .build();
    }
}
