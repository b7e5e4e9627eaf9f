package dev.matrixmigrate.engine;

import dev.matrixmigrate.config.Validate;
import dev.matrixmigrate.failure.Failure;
import dev.matrixmigrate.files.SafeYaml;
import dev.matrixmigrate.plan.MigrationPlan;
import dev.matrixmigrate.plan.PlannedStep;
import dev.matrixmigrate.process.CommandSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run needs to be resumed without planning again (the inventory may already point at the
 * new server by then): its steps with their exact commands, the steps that roll it back, and the facts
 * the tool's own steps use.
 * Written once as run.yml when the run starts.
 */
public record RunRecord(String runId, Path playbookDir, Path inventory, String host, String summary, String oldAddress,
        String newAddress, List<StepPlan> steps, List<StepPlan> rollbackSteps) {
    public static final String FILE = "run.yml";

    /** A command as recorded: the name its step knows it by, its argument list and extra environment. */
    public record RecordedCommand(String name, List<String> argv, Map<String, String> environment) {
        CommandSpec spec(Path workingDir) {
            CommandSpec spec = CommandSpec.of(workingDir, argv);
            for (Map.Entry<String, String> e : environment.entrySet()) {
                spec = spec.withEnvironment(e.getKey(), e.getValue());
            }
            return spec;
        }
    }

    /** A step as recorded: id, title, target, commands, and the command that follows its progress (or null). */
    public record StepPlan(String id, String title, String target, List<RecordedCommand> commands,
            RecordedCommand progress) {
        /** Whether this is that kind of step. */
        public boolean is(StepId kind) {
            return kind.named(id);
        }

        public List<CommandSpec> commandSpecs(Path workingDir) {
            return commands.stream().map(c -> c.spec(workingDir)).toList();
        }

        /** The commands by the names their step gave them, in order. */
        public Map<String, CommandSpec> namedSpecs(Path workingDir) {
            Map<String, CommandSpec> named = new LinkedHashMap<>();
            commands.forEach(c -> named.put(c.name(), c.spec(workingDir)));
            return named;
        }

        public CommandSpec progressSpec(Path workingDir) {
            return progress == null ? null : progress.spec(workingDir);
        }
    }

    public RunRecord {
        steps = List.copyOf(steps);
        rollbackSteps = List.copyOf(rollbackSteps);
    }

    public static RunRecord of(MigrationPlan plan) {
        return new RunRecord(plan.runId(), plan.settings().playbookDir(), plan.settings().inventory(), plan.host(),
                plan.summary(),
                plan.oldServer().address(), plan.newServer().address(), recorded(plan.steps()),
                recorded(plan.rollbackSteps()));
    }

    private static List<StepPlan> recorded(List<PlannedStep> planned) {
        return planned.stream().map(step -> new StepPlan(step.id(), step.title(), step.target(),
                step.named().stream().map(c -> recorded(c.name(), c.spec())).toList(),
                step.progress() == null ? null : recorded("progress", step.progress()))).toList();
    }

    private static RecordedCommand recorded(String name, CommandSpec spec) {
        return new RecordedCommand(name, spec.argv(), spec.environment());
    }

    public void write(Path runDir) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("run", runId);
        data.put("playbook", playbookDir.toString());
        data.put("inventory", inventory.toString());
        data.put("host", host);
        data.put("summary", summary);
        data.put("old-address", oldAddress);
        data.put("new-address", newAddress);
        data.put("steps", data(steps));
        data.put("rollback", data(rollbackSteps));
        try {
            Files.writeString(runDir.resolve(FILE), SafeYaml.dumper().dump(data), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw Failure.whileRunning("could not write " + runDir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    private static List<Map<String, Object>> data(List<StepPlan> steps) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (StepPlan step : steps) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", step.id());
            entry.put("title", step.title());
            entry.put("target", step.target());
            entry.put("commands", step.commands().stream().map(RunRecord::data).toList());
            if (step.progress() != null) {
                entry.put("progress", data(step.progress()));
            }
            list.add(entry);
        }
        return list;
    }

    private static Map<String, Object> data(RecordedCommand command) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", command.name());
        c.put("argv", command.argv());
        c.put("environment", new java.util.TreeMap<>(command.environment()));
        return c;
    }

    @SuppressWarnings("unchecked")
    private static RecordedCommand command(Object data) {
        Map<String, Object> c = (Map<String, Object>) data;
        return new RecordedCommand((String) c.get("name"), (List<String>) c.get("argv"),
                (Map<String, String>) c.get("environment"));
    }

    @SuppressWarnings("unchecked")
    private static List<StepPlan> steps(Object data) {
        List<StepPlan> steps = new ArrayList<>();
        for (Map<String, Object> s : (List<Map<String, Object>>) data) {
            List<RecordedCommand> commands = ((List<Object>) s.get("commands")).stream().map(RunRecord::command).toList();
            steps.add(new StepPlan((String) s.get("id"), (String) s.get("title"), (String) s.get("target"),
                    commands, s.get("progress") == null ? null : command(s.get("progress"))));
        }
        return steps;
    }

    public static RunRecord read(Path runDir) {
        Path file = runDir.resolve(FILE);
        try {
            Map<String, Object> data = SafeYaml.readMapping(file);
            Path playbook = Path.of((String) data.get("playbook"));
            // runs written before --inventory used the playbook's inventory/hosts
            Path inventory = data.get("inventory") instanceof String path ? Path.of(path)
                    : playbook.resolve(Validate.DEFAULT_INVENTORY);
            return new RunRecord((String) data.get("run"), playbook, inventory, (String) data.get("host"), (String) data.get("summary"), (String) data.get("old-address"),
                    (String) data.get("new-address"),
                    steps(data.get("steps")), steps(data.getOrDefault("rollback", List.of())));
        } catch (IOException | RuntimeException e) {
            throw Failure.invalidInput(file + " cannot be read (" + e.getMessage() + "): this run cannot be resumed");
        }
    }
}
