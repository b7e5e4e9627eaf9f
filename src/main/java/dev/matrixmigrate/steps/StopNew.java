package dev.matrixmigrate.steps;

import dev.matrixmigrate.engine.ServiceEffect;
import dev.matrixmigrate.plan.PlannedStep;
import dev.matrixmigrate.plan.StepInputs;
import dev.matrixmigrate.playbook.PlanFiles;

/** The rollback's: the new server stopped for good before the old one starts. */
public final class StopNew extends StepKind {
    public static final StopNew KIND = new StopNew();

    private StopNew() {
        super("stop-new", runs().plays(PlanFiles.STOP_NEW).service(ServiceEffect.STOPS));
    }

    @Override
    public PlannedStep plan(StepInputs in) {
        return planned("stop the new server for good", in.newTarget())
                .changes("new stopped and disabled").inDowntime(true)
                .text(text(in))
                .runs("stop", in.commands().hostPlayOnNew(PlanFiles.STOP_NEW))
                .build();
    }
}
