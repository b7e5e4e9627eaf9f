package dev.matrixmigrate.steps;

import dev.matrixmigrate.engine.FirstAttemptNote;
import dev.matrixmigrate.engine.HeldRun;
import dev.matrixmigrate.engine.RunFolder;
import dev.matrixmigrate.engine.ServiceEffect;
import dev.matrixmigrate.engine.Step;
import dev.matrixmigrate.plan.PlannedStep;
import dev.matrixmigrate.plan.StepInputs;
import dev.matrixmigrate.playbook.PlanFiles;

/**
 * The playbook's start on the new server: the downtime ends. By default the run was begun with the cutover and waits
 * at its gate, which this step opens ({@link GatedStartStep}); with --cold it installs too.
 */
public final class Start extends StepKind {
    public static final Start KIND = new Start();

    /** What a start run ended at its gate printed, in the run's logs folder. */
    public static final String HELD_LOG = "start-ended-at-its-gate.log";

    private Start() {
        super("start", runs().service(ServiceEffect.STARTS));
    }

    /** The start run's gate: the cutover begins the run, this step opens its gate. */
    public static HeldRun gate(RunFolder run) {
        return new HeldRun(run.planDir().resolve(PlanFiles.START_GATE), run.logsDir().resolve(HELD_LOG),
                "the start run begins now and waits at its gate until the copy is verified: ");
    }

    @Override
    public PlannedStep plan(StepInputs in) {
        String tags = in.settings().startTagsArgument();
        boolean cold = in.settings().cold();
        return planned(cold ? "install and start everything" : "start everything", in.newTarget())
                .changes("the new server's services start").inDowntime(true)
                .text(text(in, "tags", tags))
                .runs("start", in.trustingForwarder(cold ? in.commands().setup(tags)
                        : in.commands().gatedSetupOnNew(tags)))
                .build();
    }

    @Override
    protected Step runtime(RecordedStep step) {
        Step commands = super.runtime(step);
        Step start = step.gate() == null ? commands : step.gated(KIND)
                .<Step>map(command -> new GatedStartStep(commands, step.gate(), command)).orElse(commands);
        // Without an install step of its own (--cold) the start installs too: what it writes is the run's.
        return new FirstAttemptNote(start, step.planFile(PlanFiles.NEW_ON_ITS_OWN_FROM), step.runHas(Install.KIND)
                ? FirstAttemptNote.Moment.BEGINNING : FirstAttemptNote.Moment.END);
    }
}
