package dev.matrixmigrate.migrate;

import dev.matrixmigrate.engine.Journal;
import dev.matrixmigrate.engine.RunFolder;
import dev.matrixmigrate.engine.RunRecord;
import dev.matrixmigrate.plan.DatabaseRouteNote;
import dev.matrixmigrate.plan.MigrationPlan;
import dev.matrixmigrate.plan.PlannedStep;
import dev.matrixmigrate.steps.Forward;
import dev.matrixmigrate.steps.StopForwarding;
import java.io.PrintStream;
import java.nio.file.Path;

/** What `migrate --dry-run` prints: each step that would run and its exact commands. */
final class DryRun {
    private final PrintStream out;

    DryRun(PrintStream out) {
        this.out = out;
    }

    void newRun(MigrationPlan plan) {
        out.println("Dry run: nothing runs and nothing is written. Migration of " + plan.summary());
        out.println("Database: " + DatabaseRouteNote.of(plan.settings().procedure()));
        plan.dns().lines().forEach(out::println);
        plan.dns().ttlTooLong().ifPresent(why -> out.println("warning: migrate would refuse (unless --accept-ttl): "
                + why));
        int number = 1;
        for (PlannedStep step : plan.steps()) {
            out.println();
            out.println(number++ + ". " + step.id() + ": " + step.title() + " (on " + step.target() + ")");
            if (step.commands().isEmpty() || Forward.KIND.named(step.id())) {
                out.println("   " + step.explanation());
            }
            step.commands().forEach(c -> out.println("   $ " + c.display()));
        }
        out.println();
        out.println("The plays named above are rendered when the run starts; `matrix-migrate plan` writes them for"
                + " review.");
    }

    /** The rest of a recorded run: every step with its state in the journal. */
    void rest(RunFolder run) {
        RunRecord record = RunRecord.read(run.dir());
        Journal journal = Journal.load(run.dir());
        out.println("Dry run of the rest of run " + run.id() + " (" + record.summary() + "):");
        record.steps().forEach(step -> recorded(step, journal.step(step.id()).state().label(), record.playbookDir()));
    }

    void rollback(Rollback back) {
        RunRecord record = back.record();
        out.println("Dry run of the rollback of run " + record.runId() + " (" + record.summary() + "):");
        record.rollbackSteps().forEach(step -> recorded(step, step.title(), record.playbookDir()));
    }

    void stopForwarding(RunRecord record) {
        out.println("Dry run of ending the forwarding of run " + record.runId() + " (" + record.summary() + "):");
        record.rollbackSteps().stream().filter(step -> step.is(StopForwarding.KIND))
                .forEach(step -> recorded(step, step.title(), record.playbookDir()));
    }

    private void recorded(RunRecord.StepPlan step, String said, Path playbookDir) {
        out.println("- " + step.id() + ": " + said);
        step.commandSpecs(playbookDir).forEach(c -> out.println("    " + c.display()));
    }
}
