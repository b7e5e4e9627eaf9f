package dev.matrixmigrate.steps;

import dev.matrixmigrate.engine.Step;
import dev.matrixmigrate.plan.PlannedStep;
import dev.matrixmigrate.plan.Play;
import dev.matrixmigrate.plan.StepInputs;
import dev.matrixmigrate.playbook.PlanFiles;
import dev.matrixmigrate.playbook.PlayVariable;
import java.util.List;
import java.util.Optional;

/** Both servers checked, nothing changed: a refusal names what to fix. */
public final class Preflight extends StepKind {
    public static final Preflight KIND = new Preflight();

    private Preflight() {
        super("preflight");
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

    @Override
    public List<Play> plays(StepInputs in) {
        return List.of(Play.named(PlanFiles.PREFLIGHT), Play.named(PlanFiles.HEALTH));
    }

    @Override
    protected Step runtime(RecordedStep step) {
        return commands(step);
    }

    @Override
    protected Optional<String> explainedBy() {
        return Optional.of(PlanFiles.PREFLIGHT_REFUSAL);
    }

    @Override
    protected boolean refuses() {
        return true;
    }
}
