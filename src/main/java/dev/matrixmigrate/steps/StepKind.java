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
import java.util.ArrayList;
import java.util.List;

/**
 * A kind of step, each in a file of its own: its id (the name in the journal and in {@code status}), how it is
 * planned (title, server, what it changes, its commands by name, and its text, the template fragment
 * {@code templates/steps/<id>.md.ftl}), the plays the plan renders for it, and how it runs ({@link #runtime}).
 * {@link StepList} puts them in order.
 */
public abstract class StepKind implements StepId {
    private final String id;
    private final Traits traits;

    protected StepKind(String id, Traits traits) {
        this.id = id;
        this.traits = traits;
    }

    @Override
    public final String id() {
        return id;
    }

    public abstract PlannedStep plan(StepInputs in);

    /** The plays of its own the plan renders for it (the plays they include are rendered for every plan). */
    public List<Play> plays(StepInputs in) {
        return traits.plays.stream().map(Play::named).toList();
    }

    /** The object the engine runs, from the step as the run recorded it: by default its commands in order. */
    protected Step runtime(RecordedStep step) {
        return new CommandStep(step.id(), step.title(), step.commands(), traits.service, step.progress(), null);
    }

    /** --force with --rollback passes {@code matrix_migrate_force=true} to its commands. */
    public boolean forceable() {
        return traits.forceable;
    }

    /** The step the engine runs: its runtime, explained by its play and cleaning up as its kind says. */
    public final Step step(RecordedStep recorded) {
        Step own = runtime(recorded);
        Step explained = traits.explainedBy == null ? own
                : new ExplainedStep(own, recorded.planFile(traits.explainedBy), traits.refuses);
        return traits.cleansUpAfter == null ? explained : new CleanupStep(explained, traits.cleansUpAfter);
    }

    protected PlannedStep.Builder planned(String title, String target) {
        return PlannedStep.of(id, title, target);
    }

    /** Its text: the fragment {@code steps/<id>.md.ftl}, which sees {@code inputs} and the values named here. */
    protected String text(StepInputs in, Object... namedValues) {
        return in.text("steps/" + id + ".md.ftl", namedValues);
    }

    protected static Traits runs() {
        return new Traits();
    }

    /** How a kind runs beyond its commands, and the plays it runs. */
    protected static final class Traits {
        private final List<String> plays = new ArrayList<>();
        private ServiceEffect service = ServiceEffect.UNCHANGED;
        private String explainedBy;
        private boolean refuses;
        private StepKind cleansUpAfter;
        private boolean forceable;

        /** The plays of its own, rendered from the templates of their names. */
        Traits plays(String... files) {
            plays.addAll(List.of(files));
            return this;
        }

        /** What finishing it means for the service, recorded in the journal for the downtime. */
        Traits service(ServiceEffect effect) {
            service = effect;
            return this;
        }

        /** The plan file its play writes why it failed in. */
        Traits explainedBy(String file) {
            explainedBy = file;
            return this;
        }

        /** A failure its play explains in that file is a refusal (exit 2, nothing was changed). */
        Traits refusingWith(String file) {
            refuses = true;
            return explainedBy(file);
        }

        /** The step whose leftovers it removes; it runs also after a later step failed. */
        Traits cleaningUpAfter(StepKind earlier) {
            cleansUpAfter = earlier;
            return this;
        }

        /** --force with --rollback reaches its commands. */
        Traits forceable() {
            forceable = true;
            return this;
        }
    }
}
