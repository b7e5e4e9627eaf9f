package dev.matrixmigrate.cli;

import dev.matrixmigrate.failure.ExitCode;
import dev.matrixmigrate.forward.ForwardPlan;
import dev.matrixmigrate.forward.ForwardingState;
import dev.matrixmigrate.migrate.Journal;
import dev.matrixmigrate.migrate.MigrationEngine;
import dev.matrixmigrate.migrate.RollbackState;
import dev.matrixmigrate.migrate.RunFolder;
import dev.matrixmigrate.migrate.RunRecord;
import dev.matrixmigrate.migrate.StepRecord;
import dev.matrixmigrate.migrate.StepState;
import dev.matrixmigrate.plan.StepKind;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Lists the migration runs of a playbook folder, their steps and each step's state.")
final class StatusCommand implements Callable<Integer> {
    @Option(names = "--playbook", paramLabel = "DIR",
            description = "The matrix-docker-ansible-deploy checkout (default: the current directory).")
    String playbook;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = dev.matrixmigrate.config.Validate.playbookDir(playbook);
        List<RunFolder> runs = RunFolder.all(dir);
        if (runs.isEmpty()) {
            out.println("No migration runs in " + RunFolder.runsDir(dir) + ".");
            return ExitCode.OK;
        }
        for (RunFolder run : runs) {
            RunRecord record = RunRecord.read(run.dir());
            Journal journal = Journal.load(run.dir());
            out.println("run " + run.id() + ": " + record.summary() + " [" + overall(journal) + "]");
            out.println("  folder: " + run.dir());
            journal.downtime().ifPresent(d -> out.println("  downtime: " + MigrationEngine.seconds(d)));
            printSteps(out, journal);
            Instant now = Instant.now();
            ForwardingState.of(run.planDir()).ifPresent(forwarding -> out.println("  forwarding: the old server "
                    + forwarding.describe(now, journal.steps().stream().anyMatch(step -> step.id().equals(
                            StepKind.FORWARD.id()) && step.state() == StepState.DONE)) + " (unit " + ForwardPlan.UNIT + " on " + record.oldAddress()
                    + (forwarding.running(now) ? "; migrate --stop-forwarding --run " + run.id() + " ends it" : "")
                    + ")"));
            RollbackState rollback = RollbackState.of(run);
            rollback.rollback().ifPresent(steps -> {
                out.println("  rollback [" + overall(steps) + "]");
                rollback.oldServerDown().ifPresent(d -> out.println("  old server down: " + MigrationEngine.seconds(d)));
                printSteps(out, steps);
            });
        }
        out.flush();
        return ExitCode.OK;
    }

    private static void printSteps(PrintWriter out, Journal journal) {
        for (StepRecord step : journal.steps()) {
            StringBuilder line = new StringBuilder(String.format("  %-18s %-11s", step.id(), step.state().label()));
            if (step.started() != null && step.ended() != null) {
                line.append(' ').append(MigrationEngine.seconds(Duration.between(step.started(), step.ended())));
            }
            if (step.log() != null) {
                line.append("  ").append(step.log());
            }
            if (step.message() != null && step.state() != StepState.DONE) {
                line.append("  (").append(step.message()).append(')');
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String overall(Journal journal) {
        if (journal.complete()) {
            return "complete";
        }
        for (StepRecord step : journal.steps()) {
            if (step.state() == StepState.FAILED || step.state() == StepState.INTERRUPTED
                    || step.state() == StepState.RUNNING) {
                return step.state().label() + " at " + step.id();
            }
        }
        return "not finished";
    }
}
