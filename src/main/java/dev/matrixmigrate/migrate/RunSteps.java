package dev.matrixmigrate.migrate;

import dev.matrixmigrate.engine.HeldRun;
import dev.matrixmigrate.engine.RunFolder;
import dev.matrixmigrate.engine.RunRecord;
import dev.matrixmigrate.engine.Step;
import dev.matrixmigrate.failure.Failure;
import dev.matrixmigrate.playbook.PlayVariable;
import dev.matrixmigrate.process.CommandSpec;
import dev.matrixmigrate.steps.ForwardRun;
import dev.matrixmigrate.steps.RecordedStep;
import dev.matrixmigrate.steps.StepKind;
import dev.matrixmigrate.steps.StepList;
import dev.matrixmigrate.steps.StopForwarding;
import java.util.List;
import java.util.Optional;

/** Turns a recorded run into the step objects the engine runs, each as its kind says: its migration, or its rollback. */
public final class RunSteps implements RecordedStep.Invocation {
    private final RunRecord record;
    private final RunFolder run;
    private final List<String> runtimeArguments;
    private final boolean force;
    private final HeldRun gate;
    private final ForwardRun forward;

    /**
     * @param runtimeArguments appended to every ansible-playbook command of this invocation only
     *        (for example a become password file that exists only while this process runs)
     * @param force a rollback goes back even when the new server has data the old one lacks
     * @param gate the start run's gate, when the start step is planned with one (null in a rollback)
     */
    private RunSteps(RunRecord record, RunFolder run, List<String> runtimeArguments, boolean force, HeldRun gate,
            ForwardRun forward) {
        this.record = record;
        this.run = run;
        this.runtimeArguments = runtimeArguments;
        this.force = force;
        this.gate = gate;
        this.forward = forward;
    }

    /**
     * The migration's steps; a start run held at its gate is ended when {@code gate} is closed, and the forwarding's
     * run when {@code forward} is.
     */
    static List<Step> of(RunRecord record, RunFolder run, List<String> runtimeArguments, HeldRun gate,
            ForwardRun forward) {
        RunSteps steps = new RunSteps(record, run, runtimeArguments, false, gate, forward);
        return record.steps().stream().map(steps::step).toList();
    }

    /** The rollback's steps. The new server stops (the step asked about, like the old server's stop) before the old one starts. */
    public static List<Step> rollback(RunRecord record, RunFolder run, List<String> runtimeArguments, boolean force) {
        RunSteps steps = new RunSteps(record, run, runtimeArguments, force, null, null);
        return record.rollbackSteps().stream().map(steps::step).toList();
    }

    /** The step that ends the run's forwarding early, as its rollback planned it (migrate --stop-forwarding). */
    static Optional<Step> stopForwarding(RunRecord record, RunFolder run, List<String> runtimeArguments) {
        RunSteps steps = new RunSteps(record, run, runtimeArguments, false, null, null);
        return record.rollbackSteps().stream().filter(s -> s.is(StopForwarding.KIND)).findFirst().map(steps::step);
    }

    private Step step(RunRecord.StepPlan plan) {
        StepKind kind = StepList.byId(plan.id()).orElseThrow(() -> Failure.invalidInput("run " + record.runId()
                + " has a step '" + plan.id() + "' that this matrix-migrate does not know: use the version that"
                + " started it"));
        return kind.step(new RecordedStep(kind, plan, record, run, this, gate, forward));
    }

    @Override
    public CommandSpec adjust(CommandSpec command, StepKind kind) {
        if (!command.program().endsWith("ansible-playbook")) {
            return command;
        }
        CommandSpec withArguments = command.plus(runtimeArguments);
        return force && kind.forceable() ? withArguments.plus(List.of(PlayVariable.FORCE.argument(true)))
                : withArguments;
    }
}
