package dev.matrixmigrate.steps;

import dev.matrixmigrate.engine.CleanupStep;
import dev.matrixmigrate.engine.CommandStep;
import dev.matrixmigrate.engine.ExplainedStep;
import dev.matrixmigrate.engine.ServiceEffect;
import dev.matrixmigrate.engine.Step;
import dev.matrixmigrate.engine.StepId;
import dev.matrixmigrate.plan.PlannedStep;
import dev.matrixmigrate.plan.Play;
import dev.matrixmigrate.plan.StepInputs;
import java.util.List;
import java.util.Optional;

/**
 * A kind of step, each in a file of its own: its id (the name in the journal and in {@code status}), how it is
 * planned (title, server, what it changes, its commands by name, and its text, the template fragment
 * {@code templates/steps/<id>.md.ftl}), the plays the plan renders for it, and how it runs ({@link #runtime}).
 * {@link StepList} puts them in order.
 */
public abstract class StepKind implements StepId {
    private final String id;

    protected StepKind(String id) {
        this.id = id;
    }

    @Override
    public final String id() {
        return id;
    }

    public abstract PlannedStep plan(StepInputs in);

    /** The plays of its own the plan renders for it (the plays they include are rendered for every plan). */
    public List<Play> plays(StepInputs in) {
        return List.of();
    }

    /** The object the engine runs, from the step as the run recorded it. */
    protected abstract Step runtime(RecordedStep step);

    /** The plan file its play writes why it failed in. */
    protected Optional<String> explainedBy() {
        return Optional.empty();
    }

    /** A failure explained there is a refusal (exit 2, nothing was changed). */
    protected boolean refuses() {
        return false;
    }

    /** The step whose leftovers this one removes; it runs also after a later step failed. */
    protected Optional<StepKind> cleansUpAfter() {
        return Optional.empty();
    }

    /** --force with --rollback passes {@code matrix_migrate_force=true} to its commands. */
    public boolean forceable() {
        return false;
    }

    /** The step the engine runs: its runtime, explained by its play and cleaning up as its kind says. */
    public final Step step(RecordedStep recorded) {
        Step own = runtime(recorded);
        Step explained = explainedBy().<Step>map(file -> new ExplainedStep(own, recorded.planFile(file), refuses()))
                .orElse(own);
        return cleansUpAfter().<Step>map(earlier -> new CleanupStep(explained, earlier)).orElse(explained);
    }

    protected PlannedStep.Builder planned(String title, String target) {
        return PlannedStep.of(id, title, target);
    }

    /** Its text: the fragment {@code steps/<id>.md.ftl}, which sees {@code inputs} and the values named here. */
    protected String text(StepInputs in, Object... namedValues) {
        return in.text("steps/" + id + ".md.ftl", namedValues);
    }

    /** Its commands in order, the copy's progress shown while the first runs. */
    protected static Step commands(RecordedStep step) {
        return commands(step, ServiceEffect.UNCHANGED);
    }

    protected static Step commands(RecordedStep step, ServiceEffect effect) {
        return new CommandStep(step.id(), step.title(), step.commands(), effect, step.progress(), null);
    }
}
