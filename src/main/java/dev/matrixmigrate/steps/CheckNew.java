package dev.matrixmigrate.steps;

import dev.matrixmigrate.engine.Step;
import dev.matrixmigrate.plan.PlannedStep;
import dev.matrixmigrate.plan.Play;
import dev.matrixmigrate.plan.StepInputs;
import dev.matrixmigrate.playbook.PlanFiles;
import java.util.List;
import java.util.Optional;

/** The rollback's first: what the new server has that the old one lacks refuses it, unless --force. */
public final class CheckNew extends StepKind {
    public static final CheckNew KIND = new CheckNew();

    private CheckNew() {
        super("check-new");
    }

    @Override
    public PlannedStep plan(StepInputs in) {
        return planned("find what the new server has that the old one lacks", in.newTarget())
                .text(text(in))
                .runs("check", in.commands().hostPlayOnNew(PlanFiles.CHECK_NEW_WRITES))
                .build();
    }

    @Override
    public List<Play> plays(StepInputs in) {
        return List.of(Play.named(PlanFiles.CHECK_NEW_WRITES));
    }

    @Override
    protected Step runtime(RecordedStep step) {
        return commands(step);
    }

    @Override
    protected Optional<String> explainedBy() {
        return Optional.of(PlanFiles.ROLLBACK_REFUSAL);
    }

    @Override
    protected boolean refuses() {
        return true;
    }

    @Override
    public boolean forceable() {
        return true;
    }
}
