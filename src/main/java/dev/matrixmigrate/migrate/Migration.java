package dev.matrixmigrate.migrate;

import dev.matrixmigrate.ansible.AnsibleTools;
import dev.matrixmigrate.ansible.HostKeyCheck;
import dev.matrixmigrate.ansible.SshSettings;
import dev.matrixmigrate.config.MigrationSettings;
import dev.matrixmigrate.engine.ConnectionRetry;
import dev.matrixmigrate.engine.HeldRun;
import dev.matrixmigrate.engine.Journal;
import dev.matrixmigrate.engine.MigrationEngine;
import dev.matrixmigrate.engine.RunFolder;
import dev.matrixmigrate.engine.RunLock;
import dev.matrixmigrate.engine.RunRecord;
import dev.matrixmigrate.engine.StepState;
import dev.matrixmigrate.events.EventLog;
import dev.matrixmigrate.events.LiveEvents;
import dev.matrixmigrate.failure.ExitCode;
import dev.matrixmigrate.failure.Failure;
import dev.matrixmigrate.files.Stamp;
import dev.matrixmigrate.plan.MigrationPlan;
import dev.matrixmigrate.plan.PlanBuilder;
import dev.matrixmigrate.plan.PlanWriter;
import dev.matrixmigrate.plan.ReviewedPlan;
import dev.matrixmigrate.process.CommandSpec;
import dev.matrixmigrate.process.ProcessRunner;
import dev.matrixmigrate.steps.ForwardRun;
import dev.matrixmigrate.steps.StepKind;
import dev.matrixmigrate.terminal.BecomePassword;
import dev.matrixmigrate.terminal.HostKeyConfirmation;
import dev.matrixmigrate.terminal.Terminal;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The `migrate` command's core: a new run, the rest of a recorded run, its rollback, or (with --dry-run)
 * what any of them would run. Each one holds the playbook folder's run lock while it runs.
 */
public final class Migration {
    private final Terminal terminal;
    private final PrintStream out;
    private final LiveEvents live;

    /** @param live where the run's events go live besides its events.jsonl (--events) */
    public Migration(Terminal terminal, LiveEvents live) {
        this.terminal = terminal;
        this.out = terminal.out();
        this.live = live;
    }

    public int run(MigrateRequest request) {
        if (request.dryRun()) {
            return describe(request);
        }
        return switch (request.action()) {
            case START -> start(request);
            case RESUME -> resume(request);
            case ROLLBACK -> rollback(request);
            case STOP_FORWARDING -> stopForwarding(request);
        };
    }

    /** What the request would run, step by step with its commands; runs and writes nothing. */
    public int describe(MigrateRequest request) {
        DryRun dryRun = new DryRun(out);
        switch (request.action()) {
            case START -> {
                dryRun.newRun(newPlan(planner(request), request, newRunId(request)));
            }
            case RESUME -> dryRun.rest(find(request, "resume"));
            case ROLLBACK -> dryRun.rollback(Rollback.of(find(request, "roll back")));
            case STOP_FORWARDING -> dryRun.stopForwarding(new ForwardingEnd(find(request, "end the forwarding of"),
                    out).record());
        }
        return ExitCode.OK;
    }

    public int start(MigrateRequest request) {
        MigrationSettings settings = request.settings().orElseThrow();
        Planner planner = planner(request);
        terminal.requireAnswerable("migrate");
        String id = newRunId(request);
        RunFolder run = RunFolder.of(settings.playbookDir(), id);
        try (RunLock lock = RunLock.take(settings.playbookDir(), id)) {
            request.reviewedPlan().filter(dir -> Files.exists(run.dir())).ifPresent(dir -> {
                throw Failure.invalidInput("--plan " + dir + " ran already, as run " + id + ": continue it with --resume"
                        + " --run " + id + ", or make a new plan");
            });
            MigrationPlan plan = newPlan(planner, request, id);
            plan.dns().lines().forEach(out::println);
            if (!settings.dns().acceptTtl()) {
                plan.dns().ttlTooLong().ifPresent(refusal -> {
                    throw Failure.invalidInput("preflight refused: " + refusal + " (nothing was changed)");
                });
            }
            HostKeyConfirmation hostKeys = new HostKeyConfirmation(planner.hostKeys(),
                    request.options().acceptNewHostKey(), out);
            hostKeys.ensureKnown(plan.oldServer(), "old");
            hostKeys.ensureKnown(plan.newServer(), "new");
            if (request.reviewedPlan().isPresent()) {
                linkReviewedPlan(run, request.reviewedPlan().get());
            } else {
                new PlanWriter().write(plan);
            }
            RunRecord record = RunRecord.of(plan);
            record.write(run.dir());
            Journal journal = Journal.create(run.dir(), record.steps().stream().map(RunRecord.StepPlan::id).toList());
            out.println("Migration " + id + " of " + plan.summary());
            out.println("Run folder: " + run.dir());
            return execute(request, record, run, journal);
        }
    }

    /** A new run's id: the reviewed plan's (--plan), or now. */
    private static String newRunId(MigrateRequest request) {
        return request.reviewedPlan().map(ReviewedPlan::runId).orElseGet(Stamp::now);
    }

    /**
     * A new run's plan: built into the reviewed folder and refused unless it is the one there (--plan), or built
     * into the run's own folder.
     */
    private static MigrationPlan newPlan(Planner planner, MigrateRequest request, String id) {
        MigrationSettings settings = request.settings().orElseThrow();
        MigrationPlan plan = planner.build(settings, id, request.reviewedPlan()
                .orElse(RunFolder.of(settings.playbookDir(), id).planDir()));
        request.reviewedPlan().ifPresent(dir -> ReviewedPlan.requireSame(plan, dir));
        return plan;
    }

    /** The run's plan folder is the reviewed one: what its commands name, and where its plays write. */
    private static void linkReviewedPlan(RunFolder run, Path dir) {
        try {
            Files.createDirectories(run.dir());
            Files.createSymbolicLink(run.planDir(), dir);
        } catch (IOException e) {
            throw Failure.whileRunning("could not link " + run.planDir() + " to " + dir + ": " + e.getMessage(), e);
        }
    }

    public int resume(MigrateRequest request) {
        RunFolder run = find(request, "resume");
        try (RunLock lock = RunLock.take(request.playbookDir(), run.id())) {
            RunRecord record = RunRecord.read(run.dir());
            Journal journal = Journal.load(run.dir());
            if (RollbackState.of(run).begun()) {
                throw Failure.invalidInput("run " + run.id() + " was rolled back, so it cannot go on: finish the"
                        + " rollback with --rollback, or start a new migration");
            }
            if (journal.complete()) {
                out.println("Run " + run.id() + " is complete; nothing to resume.");
                return ExitCode.OK;
            }
            terminal.requireAnswerable("resume");
            out.println("Resuming run " + run.id() + " of " + record.summary());
            return execute(request, record, run, journal);
        }
    }

    public int rollback(MigrateRequest request) {
        RunFolder run = find(request, "roll back");
        Rollback back = Rollback.of(run);
        if (back.complete()) {
            out.println("Run " + run.id() + " was rolled back already; the old server serves.");
            return ExitCode.OK;
        }
        terminal.requireAnswerable("roll back");
        try (RunLock lock = RunLock.take(request.playbookDir(), run.id());
                EventLog log = RunInvocation.open(live, run, back.record(), "rollback", request)) {
            rollBack(request, back, run, () -> terminal.confirm("About to stop the new server for good and start"
                    + " the old one again.", "not confirmed: nothing was stopped; roll back when ready"), log);
        }
        return ExitCode.OK;
    }

    /** Ends a run's forwarding before its time, with the command its rollback planned for that. */
    public int stopForwarding(MigrateRequest request) {
        return new ForwardingEnd(find(request, "end the forwarding of"), out).run(request, live);
    }

    private void rollBack(MigrateRequest request, Rollback back, RunFolder run,
            MigrationEngine.Confirmation confirmation, EventLog log) {
        out.println("Rolling back run " + run.id() + " of " + back.record().summary());
        try (BecomePassword password = becomePassword(request)) {
            RunInvocation.ended(log, "rollback", () -> back.run(new ProcessRunner(), terminal, password.arguments(),
                    request.options().force(), confirmation, runCommand(request, back.record(), run, "--rollback"),
                    retry(request, back.record()), RunInvocation.events(log, run, back.record().rollbackSteps())),
                    null);
        }
        out.println();
        out.println("Rollback complete: the old server serves again (" + back.record().summary() + ").");
        back.summary().forEach(out::println);
        out.println("Logs and journals: " + run.dir());
    }

    /** How the run's steps ride through a lost connection to either server (--reconnect-for). */
    private static ConnectionRetry retry(MigrateRequest request, RunRecord record) {
        return new ConnectionRetry(request.options().reconnectFor(), record.oldAddress(), record.newAddress());
    }

    private int execute(MigrateRequest request, RunRecord record, RunFolder run, Journal journal) {
        try (EventLog log = RunInvocation.open(live, run, record, request.action() == MigrateRequest.Action.START
                ? "start" : "resume", request)) {
            return execute(request, record, run, journal, log);
        }
    }

    private int execute(MigrateRequest request, RunRecord record, RunFolder run, Journal journal, EventLog log) {
        MigrationEngine engine = new MigrationEngine(run, journal, new ProcessRunner(), terminal,
                () -> terminal.confirm("About to stop the old server for good and migrate " + record.summary() + ".",
                        "not confirmed: the old server was not stopped; resume when ready"),
                runCommand(request, record, run, "--resume"),
                record.rollbackSteps().isEmpty() ? null : runCommand(request, record, run, "--rollback"),
                retry(request, record), RunInvocation.events(log, run, record.steps()));
        try (BecomePassword password = becomePassword(request); HeldRun gate = new HeldRun(run);
                ForwardRun forward = new ForwardRun(run)) {
            RunInvocation.ended(log, request.action() == MigrateRequest.Action.START ? "start" : "resume",
                    () -> engine.run(RunSteps.of(record, run, password.arguments(), gate, forward)), journal);
        } catch (Failure failure) {
            // a failed forwarding leaves a new server that passed its health check: no reason to go back
            if (!request.options().rollbackOnFailure() || failure.exitCode() != ExitCode.FAILURE
                    || engine.interrupted() || journal.servicesStoppedAt().isEmpty()
                    || record.rollbackSteps().isEmpty()
                    || journal.steps().stream().anyMatch(step -> step.is(StepKind.FORWARD)
                            && step.state() == StepState.FAILED)) {
                throw failure;
            }
            String failed = MigrationEngine.withoutWaysOut(failure.getMessage());
            out.println();
            out.println("Rolling back at once (--rollback-on-failure) after: " + failed);
            rollBack(request, Rollback.of(run), run, () -> { }, log);
            throw Failure.whileRunning(failed + "; rolled back at once (--rollback-on-failure): the old server"
                    + " serves again");
        }
        out.println();
        out.println("Migration complete: " + record.summary());
        RunSummary.lines(run, journal).forEach(out::println);
        out.println("Logs and journal: " + run.dir());
        return ExitCode.OK;
    }

    private static BecomePassword becomePassword(MigrateRequest request) {
        return request.options().askBecomePass() ? BecomePassword.ask() : BecomePassword.none();
    }

    private static RunFolder find(MigrateRequest request, String purpose) {
        return RunFolder.find(request.playbookDir(), request.runId().orElse(null), purpose);
    }

    /** The command that goes on with this run one way or the other: {@code --resume} or {@code --rollback}. */
    private static String runCommand(MigrateRequest request, RunRecord record, RunFolder run, String way) {
        return "matrix-migrate migrate --playbook " + CommandSpec.quote(record.playbookDir().toString())
                + " " + way + " --run " + run.id() + (request.options().askBecomePass() ? " --ask-become-pass" : "");
    }

    private static Planner planner(MigrateRequest request) {
        MigrationSettings settings = request.settings().orElseThrow();
        AnsibleTools tools = AnsibleTools.locate(request.ansiblePlaybook());
        ProcessRunner runner = new ProcessRunner();
        SshSettings ssh = SshSettings.read(runner, tools, settings.playbookDir());
        return new Planner(PlanBuilder.of(settings, tools, runner, ssh),
                new HostKeyCheck(runner, ssh, settings.playbookDir()));
    }

    /** What plans a new run, and the host key check over the same SSH settings. */
    private record Planner(PlanBuilder builder, HostKeyCheck hostKeys) {
        MigrationPlan build(MigrationSettings settings, String id, Path planDir) {
            return builder.build(settings, id, planDir);
        }
    }
}
