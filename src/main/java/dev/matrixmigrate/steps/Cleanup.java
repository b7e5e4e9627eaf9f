package dev.matrixmigrate.steps;

import dev.matrixmigrate.engine.Step;
import dev.matrixmigrate.plan.PlannedStep;
import dev.matrixmigrate.plan.Play;
import dev.matrixmigrate.plan.StepInputs;
import dev.matrixmigrate.playbook.PlanFiles;
import java.util.List;
import java.util.Optional;

/** The copy's key removed from both servers, also after a failure once the cutover left it. */
public final class Cleanup extends StepKind {
    public static final Cleanup KIND = new Cleanup();

    private Cleanup() {
        super("cleanup");
    }

    @Override
    public PlannedStep plan(StepInputs in) {
        return planned("remove the copy's key", in.both())
                .changes("the copy's key removed")
                .text(text(in))
                .runs("cleanup", in.commands().migrationPlayAfterSwitch(PlanFiles.CLEANUP))
                .build();
    }

    @Override
    public List<Play> plays(StepInputs in) {
        return List.of(Play.named(PlanFiles.CLEANUP));
    }

    @Override
    protected Step runtime(RecordedStep step) {
        return commands(step);
    }

    @Override
    protected Optional<StepKind> cleansUpAfter() {
        return Optional.of(Cutover.KIND);
    }
}
