package dev.matrixmigrate.steps;

import dev.matrixmigrate.engine.Step;
import dev.matrixmigrate.plan.PlannedStep;
import dev.matrixmigrate.plan.PlaybookCommands;
import dev.matrixmigrate.plan.StepInputs;
import dev.matrixmigrate.playbook.PlanFiles;
import dev.matrixmigrate.playbook.Playbook;
import java.util.List;

/** The dump route's import into the new server's fresh Postgres, checked row by row ({@link DatabaseImportStep}). */
public final class ImportDatabase extends StepKind {
    public static final ImportDatabase KIND = new ImportDatabase();
    /** Its commands its runtime picks by name. */
    static final String PREPARE = "prepare";
    static final String SETUP_POSTGRES = "setup-postgres";
    static final String ROWS = "rows";

    private ImportDatabase() {
        super("import-database", runs().plays(PlanFiles.PREPARE_IMPORT, PlanFiles.DATABASE_ROWS).explainedBy(PlanFiles.IMPORT_FAILURE));
    }

    @Override
    public PlannedStep plan(StepInputs in) {
        PlaybookCommands commands = in.commands();
        return planned("import the database into the new server's fresh Postgres", in.newTarget())
                .changes("Postgres on new").inDowntime(true)
                .text(text(in))
                .runs(PREPARE, commands.hostPlay(PlanFiles.PREPARE_IMPORT))
                .runs(SETUP_POSTGRES, commands.setup(Playbook.TAG_SETUP_POSTGRES))
                .runs("import", commands.setup(Playbook.TAG_IMPORT_POSTGRES).plus(List.of(
                        Playbook.extraVariable(Playbook.VAR_POSTGRES_DUMP, in.dumpFile()),
                        Playbook.extraVariable(Playbook.VAR_IMPORT_DATABASE, Playbook.IMPORT_DATABASE))))
                .runs("vacuum", commands.setup(Playbook.TAG_RUN_POSTGRES_VACUUM).plus(List.of(
                        Playbook.extraVariable(Playbook.VAR_VACUUM_PRESET, Playbook.VACUUM_PRESET))))
                .runs(ROWS, commands.hostPlay(PlanFiles.DATABASE_ROWS))
                .build();
    }

    @Override
    protected Step runtime(RecordedStep step) {
        return new DatabaseImportStep(step.plan(), step.named(), step.run().planDir());
    }
}
