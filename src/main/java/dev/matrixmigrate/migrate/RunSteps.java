package dev.matrixmigrate.migrate;

import dev.matrixmigrate.plan.PlanFiles;
import dev.matrixmigrate.plan.StepIds;
import dev.matrixmigrate.process.CommandSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Turns a recorded run into the step objects the engine runs: its migration, or its rollback. */
public final class RunSteps {
    /** Makes the rollback's check go on when the new server has data the old one lacks. */
    static final String FORCE_VARIABLE = "--extra-vars=matrix_migrate_force=true";

    private RunSteps() {
    }

    /**
     * @param runtimeArguments appended to every ansible-playbook command of this invocation only
     *        (for example a become password file that exists only while this process runs)
     */
    public static List<Step> of(RunRecord record, RunFolder run, List<String> runtimeArguments, Duration waitDns) {
        List<Step> steps = new ArrayList<>();
        for (RunRecord.StepPlan plan : record.steps()) {
            List<CommandSpec> commands = commands(plan, record, runtimeArguments);
            Step step = new CommandStep(plan.id(), plan.title(), commands, switch (plan.id()) {
                case StepIds.CUTOVER -> CommandStep.Marks.SERVICES_STOPPED;
                case StepIds.START -> CommandStep.Marks.SERVICES_STARTED;
                default -> CommandStep.Marks.NOTHING;
            }, plan.progressSpec(record.playbookDir()), run.planDir().resolve(PlanFiles.CUTOVER_NOTES));
            steps.add(switch (plan.id()) {
                case StepIds.DNS -> new DnsStep(plan, List.of(record.host()), record.newAddress(), waitDns);
                case StepIds.PREFLIGHT -> new ExplainedStep(step, run.planDir().resolve(PlanFiles.PREFLIGHT_REFUSAL), true);
                case StepIds.HEALTH -> new ExplainedStep(step, run.planDir().resolve(PlanFiles.HEALTH_RESULT), false);
                case StepIds.SWITCH_INVENTORY -> new SwitchInventoryStep(plan, record.playbookDir(), run.planDir());
                case StepIds.START -> new FirstAttemptNote(step, run.planDir().resolve(PlanFiles.START_BEGAN_AT));
                case StepIds.CLEANUP -> new CleanupStep(step, StepIds.CUTOVER);
                default -> step;
            });
        }
        return steps;
    }

    /**
     * The rollback's steps. The new server stops (the step asked about, like the old server's stop) before
     * the old one starts.
     *
     * @param force go back even when the new server has data the old one lacks
     */
    public static List<Step> rollback(RunRecord record, RunFolder run, List<String> runtimeArguments, boolean force) {
        List<Step> steps = new ArrayList<>();
        for (RunRecord.StepPlan plan : record.rollbackSteps()) {
            List<CommandSpec> commands = commands(plan, record, runtimeArguments);
            if (force && plan.id().equals(StepIds.CHECK_NEW)) {
                commands = commands.stream().map(c -> c.plus(List.of(FORCE_VARIABLE))).toList();
            }
            Step step = new CommandStep(plan.id(), plan.title(), commands, switch (plan.id()) {
                case StepIds.STOP_NEW -> CommandStep.Marks.SERVICES_STOPPED;
                case StepIds.START_OLD -> CommandStep.Marks.SERVICES_STARTED;
                default -> CommandStep.Marks.NOTHING;
            }, null, null);
            steps.add(switch (plan.id()) {
                case StepIds.CHECK_NEW -> new ExplainedStep(step, run.planDir().resolve(PlanFiles.ROLLBACK_REFUSAL), true);
                case StepIds.RESTORE_INVENTORY -> new RestoreInventoryStep(plan, record.playbookDir(), run.planDir());
                case StepIds.HEALTH_OLD -> new ExplainedStep(step, run.planDir().resolve(PlanFiles.HEALTH_RESULT), false);
                default -> step;
            });
        }
        return steps;
    }

    private static List<CommandSpec> commands(RunRecord.StepPlan plan, RunRecord record, List<String> runtimeArguments) {
        return plan.commandSpecs(record.playbookDir()).stream()
                .map(c -> c.program().endsWith("ansible-playbook") ? c.plus(runtimeArguments) : c)
                .toList();
    }
}
