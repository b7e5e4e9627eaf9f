package dev.matrixmigrate.steps;

import dev.matrixmigrate.engine.Step;
import dev.matrixmigrate.plan.PlannedStep;
import dev.matrixmigrate.plan.Play;
import dev.matrixmigrate.plan.StepInputs;
import dev.matrixmigrate.playbook.PlanFiles;
import java.util.List;

/** The copy given to the new server's matrix user. */
public final class Chown extends StepKind {
    public static final Chown KIND = new Chown();

    private Chown() {
        super("chown");
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

    @Override
    public List<Play> plays(StepInputs in) {
        return List.of(Play.named(PlanFiles.FIX_OWNERSHIP));
    }

    @Override
    protected Step runtime(RecordedStep step) {
        return commands(step);
    }
}
