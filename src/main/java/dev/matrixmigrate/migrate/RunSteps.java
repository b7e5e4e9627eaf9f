package dev.matrixmigrate.migrate;

import dev.matrixmigrate.engine.CleanupStep;
import dev.matrixmigrate.engine.CommandStep;
import dev.matrixmigrate.engine.ExplainedStep;
import dev.matrixmigrate.engine.FirstAttemptNote;
import dev.matrixmigrate.engine.HeldRun;
import dev.matrixmigrate.engine.RunFolder;
import dev.matrixmigrate.engine.RunRecord;
import dev.matrixmigrate.engine.Step;
import dev.matrixmigrate.failure.Failure;
import dev.matrixmigrate.playbook.PlanFiles;
import dev.matrixmigrate.playbook.PlayVariable;
import dev.matrixmigrate.process.CommandSpec;
import dev.matrixmigrate.steps.ColdCutoverStep;
import dev.matrixmigrate.steps.DatabaseImportStep;
import dev.matrixmigrate.steps.DnsStep;
import dev.matrixmigrate.steps.ForwardLaunchingStep;
import dev.matrixmigrate.steps.ForwardRun;
import dev.matrixmigrate.steps.ForwardStep;
import dev.matrixmigrate.steps.ForwardingEnded;
import dev.matrixmigrate.steps.GatedStartStep;
import dev.matrixmigrate.steps.LaunchingStep;
import dev.matrixmigrate.steps.RestoreInventoryStep;
import dev.matrixmigrate.steps.StepKind;
import dev.matrixmigrate.steps.StepRuns;
import dev.matrixmigrate.steps.SwitchInventoryStep;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a recorded run into the step objects the engine runs, each as its kind's {@link StepRuns} says:
 * its migration, or its rollback.
 */
public final class RunSteps {
    private final RunRecord record;
    private final RunFolder run;
    private final List<String> runtimeArguments;
    private final boolean force;
    private final HeldRun gate;
    private final ForwardRun forward;
    /** The start step's command, when the plan holds it at a gate and this run has one. */
    private final Optional<CommandSpec> gatedStart;
    /** The forward step's command, when the plan begins it with the cutover and this run has a ForwardRun. */
    private final Optional<CommandSpec> gatedForward;

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
        this.gatedStart = gatedStart();
        this.gatedForward = forward == null ? Optional.empty() : gated(StepKind.FORWARD);
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

    private Step step(RunRecord.StepPlan plan) {
        StepKind kind = StepKind.byId(plan.id()).orElseThrow(() -> Failure.invalidInput("run " + record.runId()
                + " has a step '" + plan.id() + "' that this matrix-migrate does not know: use the version that"
                + " started it"));
        StepRuns runs = kind.runs();
        List<CommandSpec> commands = commands(plan, runs);
        Map<String, CommandSpec> named = named(plan, runs);
        Step step = switch (runs.way()) {
            case COMMANDS, START -> kind == StepKind.CUTOVER && named.containsKey(StepKind.STOP)
                    ? new ColdCutoverStep(plan.id(), plan.title(), named.get(StepKind.STOP), named.get(StepKind.COPY),
                            plan.progressSpec(record.playbookDir()), run.planDir().resolve(PlanFiles.COPY_GATE),
                            run.logsDir().resolve(HeldRun.COPY_HELD_LOG))
                    : commandStep(plan, commands, runs);
            case DNS_CHECK -> dns(plan, commands, false, true);
            case DNS -> dns(plan, commands, false, false);
            case DNS_BACK -> dns(plan, commands, true, false);
            case SWITCH_INVENTORY -> new SwitchInventoryStep(plan, record.inventory(), run.planDir());
            case RESTORE_INVENTORY -> new RestoreInventoryStep(plan, record.inventory(), run.planDir());
            case IMPORT_DATABASE -> new DatabaseImportStep(plan, named, run.planDir());
            case FORWARD -> new ForwardStep(plan, commands.get(0), run.planDir(), record.oldAddress(), forward);
        };
        if (gatedStart.isPresent() && kind == StepKind.CUTOVER) {
            step = new LaunchingStep(step, gate, gatedStart.get());
        }
        if (gatedForward.isPresent() && kind == StepKind.CUTOVER) {
            step = new ForwardLaunchingStep(step, forward, gatedForward.get());
        }
        if (gatedStart.isPresent() && runs.way() == StepRuns.Way.START) {
            step = new GatedStartStep(step, gate, gatedStart.get());
        }
        if (runs.way() == StepRuns.Way.START) {
            // Without an install step of its own (--cold) the start installs too: what it writes is the run's.
            boolean separateInstall = record.steps().stream().anyMatch(s -> s.is(StepKind.INSTALL));
            step = new FirstAttemptNote(step, run.planDir().resolve(PlanFiles.NEW_ON_ITS_OWN_FROM),
                    separateInstall ? FirstAttemptNote.Moment.BEGINNING : FirstAttemptNote.Moment.END);
        }
        if (kind == StepKind.STOP_FORWARDING) {
            step = new ForwardingEnded(step, run.planDir());
        }
        if (runs.explainedBy() != null) {
            step = new ExplainedStep(step, run.planDir().resolve(runs.explainedBy()), runs.refuses());
        }
        if (runs.cleansUpAfter() != null) {
            step = new CleanupStep(step, runs.cleansUpAfter().id());
        }
        return step;
    }

    /** The step that ends the run's forwarding early, as its rollback planned it (migrate --stop-forwarding). */
    static Optional<Step> stopForwarding(RunRecord record, RunFolder run, List<String> runtimeArguments) {
        RunSteps steps = new RunSteps(record, run, runtimeArguments, false, null, null);
        return record.rollbackSteps().stream().filter(s -> s.is(StepKind.STOP_FORWARDING)).findFirst()
                .map(steps::step);
    }

    private Optional<CommandSpec> gatedStart() {
        return gate == null ? Optional.empty() : gated(StepKind.START);
    }

    /** The one command of the step of this kind, when the plan holds it at a gate. */
    private Optional<CommandSpec> gated(StepKind kind) {
        return record.steps().stream().filter(s -> s.is(kind))
                .findFirst().map(step -> commands(step, kind.runs())).filter(commands -> commands.size() == 1
                        && commands.get(0).environment().containsKey(PlanFiles.GATE_VARIABLE))
                .map(commands -> commands.get(0));
    }

    private CommandStep commandStep(RunRecord.StepPlan plan, List<CommandSpec> commands, StepRuns runs) {
        return new CommandStep(plan.id(), plan.title(), commands, runs.service(), plan.progressSpec(record.playbookDir()),
                runs.stopNotes() == null ? null : run.planDir().resolve(runs.stopNotes()));
    }

    /** A DNS step; when its play fails, the reason the play wrote beside itself is the failure's message. */
    private Step dns(RunRecord.StepPlan plan, List<CommandSpec> commands, boolean back, boolean checkOnly) {
        DnsStep.Target target = new DnsStep.Target(back ? "the old server" : "the new server", back,
                List.of(record.host()), back ? record.oldAddress() : record.newAddress());
        return new DnsStep(plan, commands, run.planDir(), target, checkOnly);
    }

    private List<CommandSpec> commands(RunRecord.StepPlan plan, StepRuns runs) {
        return plan.commandSpecs(record.playbookDir()).stream().map(c -> runtime(c, runs)).toList();
    }

    private Map<String, CommandSpec> named(RunRecord.StepPlan plan, StepRuns runs) {
        Map<String, CommandSpec> named = new LinkedHashMap<>();
        plan.namedSpecs(record.playbookDir()).forEach((name, c) -> named.put(name, runtime(c, runs)));
        return named;
    }

    private CommandSpec runtime(CommandSpec command, StepRuns runs) {
        if (!command.program().endsWith("ansible-playbook")) {
            return command;
        }
        CommandSpec withArguments = command.plus(runtimeArguments);
        return force && runs.forceable()
                ? withArguments.plus(List.of(PlayVariable.FORCE.argument(true)))
                : withArguments;
    }
}
