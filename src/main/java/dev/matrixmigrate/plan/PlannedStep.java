package dev.matrixmigrate.plan;

import dev.matrixmigrate.process.CommandSpec;
import java.util.List;

/**
 * One step of a migration as planned: its id (the name in the journal), what it does, on which
 * server, the external commands it runs (none for steps the tool performs itself), and the command
 * that follows the copy's progress while it runs (or null).
 */
public record PlannedStep(String id, String title, String target, String explanation, List<CommandSpec> commands,
        CommandSpec progress) {
    public PlannedStep {
        commands = List.copyOf(commands);
    }

    public PlannedStep(String id, String title, String target, String explanation, List<CommandSpec> commands) {
        this(id, title, target, explanation, commands, null);
    }
}
