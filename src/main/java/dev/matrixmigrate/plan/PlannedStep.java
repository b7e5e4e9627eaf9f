package dev.matrixmigrate.plan;

import dev.matrixmigrate.process.CommandSpec;
import java.util.List;

/**
 * One step of a migration as planned: its id (the name in the journal), what it does, on which
 * server, and the external commands it runs (none for steps the tool performs itself).
 */
public record PlannedStep(String id, String title, String target, String explanation, List<CommandSpec> commands) {
    public PlannedStep {
        commands = List.copyOf(commands);
    }
}
