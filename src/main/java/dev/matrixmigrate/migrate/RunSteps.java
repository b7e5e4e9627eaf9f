package dev.matrixmigrate.migrate;

import dev.matrixmigrate.plan.PlanFiles;
import dev.matrixmigrate.plan.StepIds;
import dev.matrixmigrate.process.CommandSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Turns a recorded run into the step objects the engine runs. */
public final class RunSteps {
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
            Step plain = new CommandStep(plan.id(), plan.title(), commands, CommandStep.Marks.NOTHING, null, null);
            steps.add(switch (plan.id()) {
                case StepIds.DNS -> new DnsStep(plan, List.of(record.host()), record.newAddress(), waitDns);
                case StepIds.PREFLIGHT -> new ExplainedStep(plain, run.planDir().resolve(PlanFiles.PREFLIGHT_REFUSAL), true);
                case StepIds.HEALTH -> new ExplainedStep(plain, run.planDir().resolve(PlanFiles.HEALTH_RESULT), false);
                case StepIds.SWITCH_INVENTORY -> new SwitchInventoryStep(plan, record.playbookDir(), run.planDir());
                case StepIds.CLEANUP -> new CleanupStep(plain, StepIds.CUTOVER);
                default -> new CommandStep(plan.id(), plan.title(), commands,
                        switch (plan.id()) {
                            case StepIds.CUTOVER -> CommandStep.Marks.SERVICES_STOPPED;
                            case StepIds.START -> CommandStep.Marks.SERVICES_STARTED;
                            default -> CommandStep.Marks.NOTHING;
                        }, plan.progressSpec(record.playbookDir()),
                        run.planDir().resolve(PlanFiles.CUTOVER_NOTES));
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
