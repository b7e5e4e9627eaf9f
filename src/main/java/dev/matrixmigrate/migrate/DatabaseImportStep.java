package dev.matrixmigrate.migrate;

import dev.matrixmigrate.plan.PlanFiles;
import dev.matrixmigrate.plan.PlaybookCommands;
import dev.matrixmigrate.plan.StepIds;
import dev.matrixmigrate.process.CommandSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
    private final List<CommandSpec> importAndCheck;
    private final Path planDir;

    /** @param commands as planned: the preparation, setup-postgres, then the import and its checks */
    public DatabaseImportStep(String id, String title, List<CommandSpec> commands, Path planDir) {
        if (commands.size() < 3) {
            throw new IllegalArgumentException("the import step needs its preparation, setup-postgres and the import");
        }
        this.id = id;
        this.title = title;
        this.prepare = commands.get(0);
        this.setupPostgres = commands.get(1);
        this.importAndCheck = List.copyOf(commands.subList(2, commands.size()));
        this.planDir = planDir;
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
            context.out().println("Nothing to import: the database travels as raw files (" + route.why() + ").");
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
        commands(cleanupAlreadyRan(context) ? withDumpRemoved(importAndCheck) : importAndCheck).run(context);
    }

    /** The cleanup removes the dump; when it already ran after an earlier failure, it will not run again. */
    private static boolean cleanupAlreadyRan(StepContext context) {
        return context.journal().step(StepIds.CLEANUP).state() == StepState.DONE;
    }

    private static List<CommandSpec> withDumpRemoved(List<CommandSpec> commands) {
        List<CommandSpec> changed = new ArrayList<>(commands);
        int last = changed.size() - 1;
        changed.set(last, changed.get(last).plus(List.of(PlaybookCommands.extraVariable("matrix_migrate_remove_dump=true"))));
        return changed;
    }

    private CommandStep commands(List<CommandSpec> commands) {
        return new CommandStep(id, title, commands, CommandStep.Marks.NOTHING, null, null);
    }
}
