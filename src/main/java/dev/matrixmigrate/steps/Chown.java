package dev.matrixmigrate.steps;

import dev.matrixmigrate.plan.PlannedStep;
import dev.matrixmigrate.plan.StepInputs;
import dev.matrixmigrate.playbook.PlanFiles;

/** The copy given to the new server's matrix user. */
public final class Chown extends StepKind {
    public static final Chown KIND = new Chown();

    private Chown() {
        super("chown", runs().plays(PlanFiles.FIX_OWNERSHIP));
    }

    @Override
    public PlannedStep plan(StepInputs in) {
        boolean cold = in.settings().cold();
        return planned(cold ? "give " + in.data() + " to the matrix user" : "give the warm copy to the matrix user",
                        in.newTarget())
                .changes("owners under " + in.data() + " on new").inDowntime(cold)
                .text(text(in))
                .runs("chown", cold ? in.commands().hostPlay(PlanFiles.FIX_OWNERSHIP)
                        : in.commands().hostPlayOnNew(PlanFiles.FIX_OWNERSHIP))
                .build();
    }
}
