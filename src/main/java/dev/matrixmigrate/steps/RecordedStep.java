package dev.matrixmigrate.steps;

import dev.matrixmigrate.engine.HeldRun;
import dev.matrixmigrate.engine.RunFolder;
import dev.matrixmigrate.engine.RunRecord;
import dev.matrixmigrate.playbook.PlanFiles;
import dev.matrixmigrate.process.CommandSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A step as its run recorded it, with what this invocation runs it with.
 *
 * @param invocation what this invocation adds to a recorded command
 * @param gate the start run's gate, when this invocation begins the start run with the cutover (null: it does not)
 * @param forward the forwarding's run, when this invocation begins it with the cutover (null: it does not)
 */
public record RecordedStep(StepKind kind, RunRecord.StepPlan plan, RunRecord record, RunFolder run,
        Invocation invocation, HeldRun gate, ForwardRun forward) {

    /** What an invocation adds to a recorded command of a step of this kind (its become password file, --force). */
    public interface Invocation {
        CommandSpec adjust(CommandSpec recorded, StepKind kind);
    }

    public String id() {
        return plan.id();
    }

    public String title() {
        return plan.title();
    }

    public List<CommandSpec> commands() {
        return plan.commandSpecs(record.playbookDir()).stream().map(c -> invocation.adjust(c, kind)).toList();
    }

    /** The commands by the names the step gave them, in order. */
    public Map<String, CommandSpec> named() {
        Map<String, CommandSpec> named = new LinkedHashMap<>();
        plan.namedSpecs(record.playbookDir()).forEach((name, c) -> named.put(name, invocation.adjust(c, kind)));
        return named;
    }

    /** The command that follows the copy's progress, or null. */
    public CommandSpec progress() {
        return plan.progressSpec(record.playbookDir());
    }

    public Path planFile(String name) {
        return run.planDir().resolve(name);
    }

    /** Whether the run has a step of that kind. */
    public boolean runHas(StepKind other) {
        return record.steps().stream().anyMatch(s -> s.is(other));
    }

    /** The one command of the run's step of that kind, when the plan holds it at a gate. */
    public Optional<CommandSpec> gated(StepKind other) {
        return record.steps().stream().filter(s -> s.is(other)).findFirst()
                .map(s -> new RecordedStep(other, s, record, run, invocation, gate, forward).commands())
                .filter(commands -> commands.size() == 1
                        && commands.get(0).environment().containsKey(PlanFiles.GATE_VARIABLE))
                .map(commands -> commands.get(0));
    }
}
