package dev.matrixmigrate.cli;

import dev.matrixmigrate.failure.ExitCode;
import dev.matrixmigrate.ansible.AnsibleTools;
import dev.matrixmigrate.ansible.HostKeyCheck;
import dev.matrixmigrate.ansible.SshSettings;
import dev.matrixmigrate.config.ConfigFileDefaults;
import dev.matrixmigrate.config.MigrationSettings;
import dev.matrixmigrate.config.Validate;
import dev.matrixmigrate.failure.Failure;
import dev.matrixmigrate.files.Stamp;
import dev.matrixmigrate.migrate.Journal;
import dev.matrixmigrate.migrate.MigrationEngine;
import dev.matrixmigrate.migrate.RunFolder;
import dev.matrixmigrate.migrate.Rollback;
import dev.matrixmigrate.migrate.RollbackState;
import dev.matrixmigrate.migrate.RunLock;
import dev.matrixmigrate.migrate.RunRecord;
import dev.matrixmigrate.migrate.RunSteps;
import dev.matrixmigrate.migrate.RunSummary;
import dev.matrixmigrate.plan.DatabaseRouteNote;
import dev.matrixmigrate.plan.MigrationPlan;
import dev.matrixmigrate.plan.PlanBuilder;
import dev.matrixmigrate.plan.PlanWriter;
import dev.matrixmigrate.plan.PlannedStep;
import dev.matrixmigrate.process.CommandSpec;
import dev.matrixmigrate.process.ProcessRunner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "migrate", mixinStandardHelpOptions = true, sortOptions = false,
        defaultValueProvider = ConfigFileDefaults.class,
        description = {"Moves the server: preflight, dns-check (with --dns-provider), sync-warm (while the old server serves), setup-system-user,"
                + " chown, install, cutover (stop and disable old, final pass, verify), dns, switch-inventory, start, health,"
                + " cleanup. With --cold: preflight, (dns-check,) cutover, dns, switch-inventory, setup-system-user, chown, start,"
                + " health, cleanup.",
                "Each step is recorded in a journal under DIR/.matrix-migrate/runs/<id>/; --resume continues"
                + " a failed or interrupted run at the first step that did not complete. One run at a time per"
                + " playbook folder.",
                "--rollback puts the old server of a run that stopped it back in service: check-new, stop-new,"
                + " restore-inventory, dns-back, start-old, remove-key, health-old (journaled; run it again to resume)."})
final class MigrateCommand implements Callable<Integer> {
    @Mixin
    MigrationOptions options;

    @Option(names = "--yes", description = "Do not ask before stopping the old server.")
    boolean yes;

    @Option(names = "--dry-run", description = "Print each step and its commands; run nothing.")
    boolean dryRun;

    @Option(names = "--resume", description = "Continue the latest run (or --run ID) where it stopped.")
    boolean resume;

    @Option(names = "--run", paramLabel = "ID", description = "The run to resume or roll back (default: the latest).")
    String runId;

    @Option(names = "--rollback", description = "Put the old server of the latest run (or --run ID) back in service;"
            + " run it again to resume an interrupted rollback.")
    boolean rollback;

    @Option(names = "--rollback-on-failure", description = "When a step after the old server's stop fails, roll"
            + " back at once (the run still ends with exit code 1).")
    boolean rollbackOnFailure;

    @Option(names = "--force", description = "With --rollback: go back even when the new server may have served users"
            + " and has data the old one lacks (it stays on the new server's disk).")
    boolean force;

    @Option(names = "--accept-new-host-key", description = "Trust a server's SSH host key that is not known yet"
            + " (its fingerprint is printed).")
    boolean acceptNewHostKey;

    @Option(names = {"-K", "--ask-become-pass"}, description = "Ask for the sudo password; Ansible gets it through a"
            + " private temporary file, never on a command line.")
    boolean askBecomePass;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        if (rollback && resume) {
            throw Failure.invalidInput("--rollback and --resume go opposite ways: choose one");
        }
        if (force && !rollback && !rollbackOnFailure) {
            throw Failure.invalidInput("--force only goes with --rollback or --rollback-on-failure: leave it out");
        }
        if (rollback) {
            return rollback(out);
        }
        if (resume || runId != null) {
            return resume(out);
        }
        AnsibleTools tools = AnsibleTools.locate(options.ansiblePlaybook);
        MigrationSettings settings = options.settings(null);
        if (askBecomePass && settings.ansible().becomePasswordFile() != null) {
            throw Failure.invalidInput("--ask-become-pass and --become-password-file both give the sudo password:"
                    + " keep one of them");
        }
        String id = Stamp.now();
        RunFolder run = RunFolder.of(settings.playbookDir(), id);
        ProcessRunner runner = new ProcessRunner();
        SshSettings ssh = SshSettings.read(runner, tools, settings.playbookDir());
        if (dryRun) {
            printDryRun(PlanBuilder.of(settings, tools, runner, ssh).build(settings, id, run.planDir()), out);
            return ExitCode.OK;
        }
        if (!yes && System.console() == null) {
            throw Failure.invalidInput("no terminal to confirm on: run with --yes to migrate without asking"
                    + " (or --dry-run to see what would run)");
        }
        try (RunLock lock = RunLock.take(settings.playbookDir(), id)) {
            return start(settings, tools, runner, ssh, run, out);
        }
    }

    private int start(MigrationSettings settings, AnsibleTools tools, ProcessRunner runner, SshSettings ssh,
            RunFolder run, PrintStream out) {
        String id = run.id();
        MigrationPlan plan = PlanBuilder.of(settings, tools, runner, ssh).build(settings, id, run.planDir());
        plan.dns().lines().forEach(out::println);
        if (!settings.dns().acceptTtl()) {
            plan.dns().ttlTooLong().ifPresent(refusal -> {
                throw Failure.invalidInput("preflight refused: " + refusal + " (nothing was changed)");
            });
        }
        HostKeyConfirmation hostKeys = new HostKeyConfirmation(
                new HostKeyCheck(runner, ssh, settings.playbookDir()),
                acceptNewHostKey, out);
        hostKeys.ensureKnown(plan.oldServer(), "old");
        hostKeys.ensureKnown(plan.newServer(), "new");
        new PlanWriter().write(plan);
        RunRecord record = RunRecord.of(plan);
        record.write(run.dir());
        Journal journal = Journal.create(run.dir(), record.steps().stream().map(RunRecord.StepPlan::id).toList());
        out.println("Migration " + id + " of " + plan.summary());
        out.println("Run folder: " + run.dir());
        return execute(record, run, journal, runner, out);
    }

    private int resume(PrintStream out) {
        if (options.newServer.to != null || options.config != null) {
            throw Failure.invalidInput("--resume continues a run with its own settings: leave out --to and --config");
        }
        Path playbookDir = Validate.playbookDir(options.playbook);
        RunFolder run = RunFolder.find(playbookDir, runId, "resume");
        if (dryRun) {
            return resumeDryRun(run, out);
        }
        try (RunLock lock = RunLock.take(playbookDir, run.id())) {
            return resumeLocked(run, out);
        }
    }

    private int rollback(PrintStream out) {
        if (options.newServer.to != null || options.config != null) {
            throw Failure.invalidInput("--rollback uses the run's own settings: leave out --to and --config");
        }
        Path playbookDir = Validate.playbookDir(options.playbook);
        RunFolder run = RunFolder.find(playbookDir, runId, "roll back");
        Rollback back = Rollback.of(run);
        if (dryRun) {
            out.println("Dry run of the rollback of run " + run.id() + " (" + back.record().summary() + "):");
            back.record().rollbackSteps().forEach(step -> printRecorded(step, step.title(), playbookDir, out));
            return ExitCode.OK;
        }
        if (back.complete()) {
            out.println("Run " + run.id() + " was rolled back already; the old server serves.");
            return ExitCode.OK;
        }
        if (!yes && System.console() == null) {
            throw Failure.invalidInput("no terminal to confirm on: run with --yes to roll back without asking");
        }
        try (RunLock lock = RunLock.take(playbookDir, run.id())) {
            return rollBack(back, run, out, this::confirmRollback);
        }
    }

    private int rollBack(Rollback back, RunFolder run, PrintStream out, MigrationEngine.Confirmation confirmation) {
        out.println("Rolling back run " + run.id() + " of " + back.record().summary());
        try (BecomePassword password = askBecomePass ? BecomePassword.ask() : BecomePassword.none()) {
            back.run(new ProcessRunner(), out, password.arguments(), force, confirmation,
                    runCommand(back.record(), run, "--rollback"));
        }
        out.println();
        out.println("Rollback complete: the old server serves again (" + back.record().summary() + ").");
        back.summary().forEach(out::println);
        out.println("Logs and journals: " + run.dir());
        return ExitCode.OK;
    }

    /** The command that goes on with this run one way or the other: {@code --resume} or {@code --rollback}. */
    private String runCommand(RunRecord record, RunFolder run, String way) {
        return "matrix-migrate migrate --playbook " + CommandSpec.quote(record.playbookDir().toString())
                + " " + way + " --run " + run.id() + (askBecomePass ? " --ask-become-pass" : "");
    }

    private void confirmRollback() {
        if (!yes) {
            TypedYes.require(String.format("%nAbout to stop the new server for good and start the old one again.%n"
                    + "Type yes to go on: "), "no terminal to confirm on: run with --yes",
                    "not confirmed: nothing was stopped; roll back when ready");
        }
    }

    private int resumeDryRun(RunFolder run, PrintStream out) {
        RunRecord record = RunRecord.read(run.dir());
        Journal journal = Journal.load(run.dir());
        out.println("Dry run of the rest of run " + run.id() + " (" + record.summary() + "):");
        record.steps().forEach(step -> printRecorded(step, journal.step(step.id()).state().label(),
                record.playbookDir(), out));
        return ExitCode.OK;
    }

    /** A recorded step for a dry run: its id, what is said of it, and its commands. */
    private static void printRecorded(RunRecord.StepPlan step, String said, Path playbookDir, PrintStream out) {
        out.println("- " + step.id() + ": " + said);
        step.commandSpecs(playbookDir).forEach(c -> out.println("    " + c.display()));
    }

    private int resumeLocked(RunFolder run, PrintStream out) {
        RunRecord record = RunRecord.read(run.dir());
        Journal journal = Journal.load(run.dir());
        if (RollbackState.of(run).begun()) {
            throw Failure.invalidInput("run " + run.id() + " was rolled back, so it cannot go on: finish the rollback"
                    + " with --rollback, or start a new migration");
        }
        if (journal.complete()) {
            out.println("Run " + run.id() + " is complete; nothing to resume.");
            return ExitCode.OK;
        }
        if (!yes && System.console() == null) {
            throw Failure.invalidInput("no terminal to confirm on: run with --yes to resume without asking");
        }
        out.println("Resuming run " + run.id() + " of " + record.summary());
        return execute(record, run, journal, new ProcessRunner(), out);
    }

    private int execute(RunRecord record, RunFolder run, Journal journal, ProcessRunner runner, PrintStream out) {
        MigrationEngine engine = new MigrationEngine(run, journal, runner, out, () -> confirm(record),
                runCommand(record, run, "--resume"),
                record.rollbackSteps().isEmpty() ? null : runCommand(record, run, "--rollback"));
        try (BecomePassword password = askBecomePass ? BecomePassword.ask() : BecomePassword.none()) {
            engine.run(RunSteps.of(record, run, password.arguments()));
        } catch (Failure failure) {
            if (!rollbackOnFailure || failure.exitCode() != ExitCode.FAILURE || engine.interrupted()
                    || journal.servicesStoppedAt().isEmpty() || record.rollbackSteps().isEmpty()) {
                throw failure;
            }
            out.println();
            out.println("Rolling back at once (--rollback-on-failure) after: "
                    + MigrationEngine.withoutWaysOut(failure.getMessage()));
            rollBack(Rollback.of(run), run, out, () -> { });
            throw Failure.whileRunning(MigrationEngine.withoutWaysOut(failure.getMessage())
                    + "; rolled back at once (--rollback-on-failure): the old server serves again");
        }
        out.println();
        out.println("Migration complete: " + record.summary());
        RunSummary.lines(run, journal).forEach(out::println);
        out.println("Logs and journal: " + run.dir());
        return ExitCode.OK;
    }

    private void confirm(RunRecord record) {
        if (yes) {
            return;
        }
        TypedYes.require(String.format("%nAbout to stop the old server for good and migrate %s.%nType yes to go on: ",
                record.summary()), "no terminal to confirm on: run with --yes",
                "not confirmed: the old server was not stopped; resume when ready");
    }

    private static void printDryRun(MigrationPlan plan, PrintStream out) {
        out.println("Dry run: nothing runs and nothing is written. Migration of " + plan.summary());
        out.println("Database: " + DatabaseRouteNote.of(plan.settings().procedure()));
        plan.dns().lines().forEach(out::println);
        plan.dns().ttlTooLong().ifPresent(why -> out.println("warning: migrate would refuse (unless --accept-ttl): "
                + why));
        int number = 1;
        for (PlannedStep step : plan.steps()) {
            out.println();
            out.println(number++ + ". " + step.id() + ": " + step.title() + " (on " + step.target() + ")");
            if (step.commands().isEmpty()) {
                out.println("   " + step.explanation());
            }
            step.commands().forEach(c -> out.println("   $ " + c.display()));
        }
        out.println();
        out.println("The plays named above are rendered when the run starts; `matrix-migrate plan` writes them for review.");
    }
}
