package dev.matrixmigrate.steps;

import dev.matrixmigrate.engine.CommandStep;
import dev.matrixmigrate.engine.RunRecord;
import dev.matrixmigrate.engine.Step;
import dev.matrixmigrate.engine.StepContext;
import dev.matrixmigrate.engine.StepFailed;
import dev.matrixmigrate.engine.StepState;
import dev.matrixmigrate.failure.Failure;
import dev.matrixmigrate.playbook.PlanFiles;
import dev.matrixmigrate.playbook.PlayVariable;
import dev.matrixmigrate.process.CommandSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dump route's import on the new server: the preparation, the playbook's setup-postgres only when the
 * preparation emptied a failed earlier import's database, then the import, the statistics and the row check.
 * On the copy route, which the preflight may have chosen, it has nothing to do.
 */
public final class DatabaseImportStep implements Step {
    private final String id;
    private final String title;
    private final CommandSpec prepare;
    private final CommandSpec setupPostgres;
    /** The import, the statistics and the row check, by name. */
    private final Map<String, CommandSpec> importAndCheck;
    private final Path planDir;

    /** @param commands as planned, by name: the preparation, setup-postgres, then the import and its checks */
    public DatabaseImportStep(RunRecord.StepPlan plan, Map<String, CommandSpec> commands, Path planDir) {
        this.id = plan.id();
        this.title = plan.title();
        Map<String, CommandSpec> rest = new LinkedHashMap<>(commands);
        this.prepare = take(rest, ImportDatabase.PREPARE);
        this.setupPostgres = take(rest, ImportDatabase.SETUP_POSTGRES);
        if (!rest.containsKey(ImportDatabase.ROWS)) {
            throw missing(ImportDatabase.ROWS);
        }
        this.importAndCheck = rest;
        this.planDir = planDir;
    }

    private static CommandSpec take(Map<String, CommandSpec> commands, String name) {
        CommandSpec command = commands.remove(name);
        if (command == null) {
            throw missing(name);
        }
        return command;
    }

    private static Failure missing(String name) {
        return Failure.invalidInput("the recorded import step has no command named '" + name + "': it was planned by"
                + " an earlier matrix-migrate; finish it with that version");
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public void run(StepContext context) throws StepFailed {
        ChosenRoute route = ChosenRoute.read(planDir.resolve(PlanFiles.DATABASE_ROUTE));
        if (!route.dumps()) {
            context.out().println("Nothing to import: the database travels " + (route.streams()
                    ? "by streaming replication" : "as raw files") + " (" + route.why() + ").");
            return;
        }
        Path emptied = planDir.resolve(PlanFiles.IMPORT_EMPTIED);
        try {
            Files.deleteIfExists(emptied);
        } catch (IOException e) {
            throw new StepFailed("cannot clear " + emptied + ": " + e.getMessage(), null, null);
        }
        commands(List.of(prepare)).run(context);
        if (Files.exists(emptied)) {
            context.out().println("An earlier import did not end: the new server's Postgres was emptied, so the"
                    + " playbook makes its roles and databases again before the import.");
            commands(List.of(setupPostgres)).run(context);
        }
        commands(List.copyOf(importAndCheck(cleanupAlreadyRan(context)).values())).run(context);
    }

    /** The cleanup removes the dump; when it already ran after an earlier failure, it will not run again. */
    private static boolean cleanupAlreadyRan(StepContext context) {
        return context.journal().step(Cleanup.KIND).state() == StepState.DONE;
    }

    /** The row check removes the dump itself when the cleanup, which would have, already ran. */
    private Map<String, CommandSpec> importAndCheck(boolean removeDump) {
        Map<String, CommandSpec> commands = new LinkedHashMap<>(importAndCheck);
        if (removeDump) {
            commands.computeIfPresent(ImportDatabase.ROWS, (name, rows) -> rows.plus(List.of(
                    PlayVariable.REMOVE_DUMP.argument(true))));
        }
        return commands;
    }

    private CommandStep commands(List<CommandSpec> commands) {
        return CommandStep.plain(id, title, commands);
    }
}
