package dev.matrixmigrate.migrate;

import dev.matrixmigrate.plan.PlanFiles;
import dev.matrixmigrate.plan.PlaybookCommands;
import dev.matrixmigrate.plan.StepIds;
import dev.matrixmigrate.process.CommandSpec;
import java.util.ArrayList;
import java.util.List;

/** Turns a recorded run into the step objects the engine runs: its migration, or its rollback. */
public final class RunSteps {

    private RunSteps() {
    }

    /**
     * @param runtimeArguments appended to every ansible-playbook command of this invocation only
     *        (for example a become password file that exists only while this process runs)
     */
    public static List<Step> of(RunRecord record, RunFolder run, List<String> runtimeArguments) {
        List<Step> steps = new ArrayList<>();
        // Without an install step of its own (--cold) the start installs too: what it writes is the run's.
        boolean separateInstall = record.steps().stream().anyMatch(step -> step.id().equals(StepIds.INSTALL));
        for (RunRecord.StepPlan plan : record.steps()) {
            List<CommandSpec> commands = commands(plan, record, runtimeArguments);
            Step step = new CommandStep(plan.id(), plan.title(), commands, switch (plan.id()) {
                case StepIds.CUTOVER -> CommandStep.Marks.SERVICES_STOPPED;
                case StepIds.START -> CommandStep.Marks.SERVICES_STARTED;
                default -> CommandStep.Marks.NOTHING;
            }, plan.progressSpec(record.playbookDir()), run.planDir().resolve(PlanFiles.CUTOVER_NOTES));
            steps.add(switch (plan.id()) {
                case StepIds.DNS_CHECK -> dns(plan, commands, run, record, false, true);
                case StepIds.DNS -> dns(plan, commands, run, record, false, false);
                case StepIds.PREFLIGHT -> new ExplainedStep(step, run.planDir().resolve(PlanFiles.PREFLIGHT_REFUSAL), true);
                case StepIds.HEALTH -> new ExplainedStep(step, run.planDir().resolve(PlanFiles.HEALTH_RESULT), false);
                case StepIds.SWITCH_INVENTORY -> new SwitchInventoryStep(plan, record.playbookDir(), run.planDir());
                case StepIds.IMPORT_DATABASE -> new ExplainedStep(new DatabaseImportStep(plan.id(), plan.title(), commands,
                        run.planDir()), run.planDir().resolve(PlanFiles.IMPORT_FAILURE), false);
                case StepIds.START -> new FirstAttemptNote(step, run.planDir().resolve(PlanFiles.NEW_ON_ITS_OWN_FROM),
                        separateInstall ? FirstAttemptNote.Moment.BEGINNING : FirstAttemptNote.Moment.END);
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
                // the check then goes on when the new server has data the old one lacks
                commands = commands.stream().map(c -> c.plus(List.of(PlaybookCommands.extraVariable(
                        "matrix_migrate_force=true")))).toList();
            }
            Step step = new CommandStep(plan.id(), plan.title(), commands, switch (plan.id()) {
                case StepIds.STOP_NEW -> CommandStep.Marks.SERVICES_STOPPED;
                case StepIds.START_OLD -> CommandStep.Marks.SERVICES_STARTED;
                default -> CommandStep.Marks.NOTHING;
            }, null, null);
            steps.add(switch (plan.id()) {
                case StepIds.CHECK_NEW -> new ExplainedStep(step, run.planDir().resolve(PlanFiles.ROLLBACK_REFUSAL), true);
                case StepIds.RESTORE_INVENTORY -> new RestoreInventoryStep(plan, record.playbookDir(), run.planDir());
                case StepIds.DNS_BACK -> dns(plan, commands, run, record, true, false);
                case StepIds.HEALTH_OLD -> new ExplainedStep(step, run.planDir().resolve(PlanFiles.HEALTH_OLD_RESULT), false);
                case StepIds.REMOVE_KEY -> new CleanupStep(step, StepIds.CHECK_NEW);
                default -> step;
            });
        }
        return steps;
    }

    /** A DNS step; when its play fails, the reason the play wrote beside itself is the failure's message. */
    private static Step dns(RunRecord.StepPlan plan, List<CommandSpec> commands, RunFolder run, RunRecord record,
            boolean back, boolean checkOnly) {
        DnsStep.Target target = new DnsStep.Target(back ? "the old server" : "the new server", back,
                List.of(record.host()), back ? record.oldAddress() : record.newAddress());
        return new ExplainedStep(new DnsStep(plan, commands, run.planDir(), target, checkOnly),
                run.planDir().resolve(PlanFiles.DNS_FAILURE), false);
    }

    private static List<CommandSpec> commands(RunRecord.StepPlan plan, RunRecord record, List<String> runtimeArguments) {
        return plan.commandSpecs(record.playbookDir()).stream()
                .map(c -> c.program().endsWith("ansible-playbook") ? c.plus(runtimeArguments) : c)
                .toList();
    }
}
