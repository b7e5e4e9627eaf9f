package dev.matrixmigrate.steps;

import dev.matrixmigrate.engine.CommandStep;
import dev.matrixmigrate.engine.ServiceEffect;
import dev.matrixmigrate.engine.Step;
import dev.matrixmigrate.plan.PlannedStep;
import dev.matrixmigrate.plan.StepInputs;
import dev.matrixmigrate.playbook.PlanFiles;
import dev.matrixmigrate.playbook.PlayVariable;
import dev.matrixmigrate.playbook.Playbook;
import dev.matrixmigrate.process.CommandSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The downtime's start: the old server stopped for good, the final pass and its verification. After the install
 * (by default) it first begins the start run and the forwarding's, held at their gates; with --cold it runs the
 * guide's --tags=stop first, the copy begun beforehand and held until then ({@link ColdCutoverStep}).
 */
public final class Cutover extends StepKind {
    public static final Cutover KIND = new Cutover();
    /** Its commands by name: --cold's --tags=stop run, and the copy. */
    private static final String STOP = "stop";
    private static final String COPY = "cutover";
    /** What --cold's copy ended at its gate printed, in the run's logs folder. */
    static final String COPY_HELD_LOG = "cutover-copy-ended-at-its-gate.log";

    private Cutover() {
        super("cutover", runs().plays(PlanFiles.SYNC));
    }

    @Override
    public PlannedStep plan(StepInputs in) {
        boolean afterInstall = !in.settings().cold();
        List<String> variables = new ArrayList<>(List.of(CopyPass.FINAL.variables(in,
                afterInstall ? in.values().owner() : null)));
        variables.add(PlayVariable.STOP.is(true));
        if (afterInstall) {
            variables.add(PlayVariable.KEEP_INSTALLED.is(true));
            variables.add(PlayVariable.DATABASE_BY_CONTENT.is(true));
        }
        PlannedStep.Builder step = planned("stop the old server for good, copy " + (afterInstall ? "what changed"
                        : in.data()) + ", verify", in.oldTarget() + " -> " + in.newTarget())
                .changes("old stopped and disabled; " + in.data() + " on new").inDowntime(true)
                .text(text(in, "afterInstall", afterInstall, "rsync", CopyPass.RSYNC));
        CommandSpec copy = in.commands().migrationPlay(PlanFiles.SYNC, variables.toArray(String[]::new));
        if (!afterInstall) {
            step.runs(STOP, in.commands().setup(Playbook.TAG_STOP));
            copy = in.commands().heldBeforeStop(copy);
        }
        return step.runs(COPY, copy).progress(in.progress().apply(CopyPass.FINAL.label())).build();
    }

    @Override
    protected Step runtime(RecordedStep step) {
        Map<String, CommandSpec> named = step.named();
        Step cutover = step.runHas(Install.KIND)
                ? new CommandStep(step.id(), step.title(), step.commands(), ServiceEffect.STOPS, step.progress(),
                        step.planFile(PlanFiles.CUTOVER_NOTES))
                : new ColdCutoverStep(step.id(), step.title(), named.get(STOP), named.get(COPY), step.progress(),
                        step.planFile(PlanFiles.COPY_GATE), step.run().logsDir().resolve(COPY_HELD_LOG));
        List<LaunchingStep.Early> early = new ArrayList<>();
        if (step.forward() != null) {
            step.gated(Forward.KIND).ifPresent(command -> early.add(new LaunchingStep.Early(step.forward(), command)));
        }
        if (step.gate() != null) {
            step.gated(Start.KIND).ifPresent(command -> early.add(new LaunchingStep.Early(step.gate(), command)));
        }
        return early.isEmpty() ? cutover : new LaunchingStep(cutover, early);
    }
}
