package dev.matrixmigrate.steps;

import dev.matrixmigrate.engine.Step;
import dev.matrixmigrate.forward.ForwardPlan;
import dev.matrixmigrate.plan.PlannedStep;
import dev.matrixmigrate.plan.StepInputs;
import dev.matrixmigrate.playbook.PlanFiles;

/** The rollback's, and migrate --stop-forwarding's: the old server's forwarding ended. */
public final class StopForwarding extends StepKind {
    public static final StopForwarding KIND = new StopForwarding();

    private StopForwarding() {
        super("stop-forwarding", runs().plays(PlanFiles.STOP_FORWARDING));
    }

    @Override
    public PlannedStep plan(StepInputs in) {
        return planned("end the old server's forwarding", in.oldTarget())
                .changes("the transient unit " + ForwardPlan.UNIT + " stopped")
                .text(text(in))
                .runs("stop", in.commands().hostPlayOnOld(PlanFiles.STOP_FORWARDING))
                .build();
    }

    @Override
    protected Step runtime(RecordedStep step) {
        return new ForwardingEnded(super.runtime(step), step.run().planDir());
    }
}
