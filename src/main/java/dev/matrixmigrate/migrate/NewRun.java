package dev.matrixmigrate.migrate;

import dev.matrixmigrate.ansible.AnsibleTools;
import dev.matrixmigrate.ansible.HostKeyCheck;
import dev.matrixmigrate.ansible.SshSettings;
import dev.matrixmigrate.config.MigrationSettings;
import dev.matrixmigrate.engine.Journal;
import dev.matrixmigrate.engine.RunFolder;
import dev.matrixmigrate.engine.RunLock;
import dev.matrixmigrate.engine.RunRecord;
import dev.matrixmigrate.events.LiveEvents;
import dev.matrixmigrate.failure.Failure;
import dev.matrixmigrate.files.Stamp;
import dev.matrixmigrate.plan.MigrationPlan;
import dev.matrixmigrate.plan.PlanBuilder;
import dev.matrixmigrate.plan.PlanWriter;
import dev.matrixmigrate.plan.ReviewedPlan;
import dev.matrixmigrate.process.ProcessRunner;
import dev.matrixmigrate.steps.StepList;
import dev.matrixmigrate.terminal.HostKeyConfirmation;
import dev.matrixmigrate.terminal.Terminal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A new run: planned (or the reviewed plan, --plan), its host keys known, recorded, then run. */
record NewRun(Terminal terminal, LiveEvents live) {

    int start(MigrateRequest request) {
        MigrationSettings settings = request.settings().orElseThrow();
        Planner planner = planner(request);
        terminal.requireAnswerable("migrate");
        String id = id(request);
        RunFolder run = RunFolder.of(settings.playbookDir(), id);
        try (RunLock lock = RunLock.take(settings.playbookDir(), id)) {
            request.reviewedPlan().filter(dir -> Files.exists(run.dir())).ifPresent(dir -> {
                throw Failure.invalidInput("--plan " + dir + " ran already, as run " + id + ": continue it with --resume"
                        + " --run " + id + ", or make a new plan");
            });
            MigrationPlan plan = plan(planner, request, id);
            plan.dns().lines().forEach(terminal.out()::println);
            if (!settings.dns().acceptTtl()) {
                plan.dns().ttlTooLong().ifPresent(refusal -> {
                    throw Failure.invalidInput("preflight refused: " + refusal + " (nothing was changed)");
                });
            }
            HostKeyConfirmation hostKeys = new HostKeyConfirmation(planner.hostKeys(),
                    request.options().acceptNewHostKey(), terminal.out());
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
            terminal.out().println("Migration " + id + " of " + plan.summary());
            terminal.out().println("Run folder: " + run.dir());
            return new RunExecution(terminal, live).execute(request, record, run, journal, "start");
        }
    }

    /** A new run's id: the reviewed plan's (--plan), or now. */
    static String id(MigrateRequest request) {
        return request.reviewedPlan().map(ReviewedPlan::runId).orElseGet(Stamp::now);
    }

    /**
     * A new run's plan: built into the reviewed folder and refused unless it is the one there (--plan), or built
     * into the run's own folder.
     */
    static MigrationPlan plan(Planner planner, MigrateRequest request, String id) {
        MigrationSettings settings = request.settings().orElseThrow();
        MigrationPlan plan = planner.builder().build(settings, id, request.reviewedPlan()
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

    static Planner planner(MigrateRequest request) {
        MigrationSettings settings = request.settings().orElseThrow();
        AnsibleTools tools = AnsibleTools.locate(request.ansiblePlaybook());
        ProcessRunner runner = new ProcessRunner();
        SshSettings ssh = SshSettings.read(runner, tools, settings.playbookDir());
        return new Planner(PlanBuilder.of(settings, tools, runner, ssh, StepList.ORDER),
                new HostKeyCheck(runner, ssh, settings.playbookDir()));
    }

    /** What plans a new run, and the host key check over the same SSH settings. */
    record Planner(PlanBuilder builder, HostKeyCheck hostKeys) {
    }
}
