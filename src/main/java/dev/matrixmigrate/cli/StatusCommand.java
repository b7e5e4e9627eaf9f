package dev.matrixmigrate.cli;

import dev.matrixmigrate.config.Validate;
import dev.matrixmigrate.engine.RunFolder;
import dev.matrixmigrate.failure.ExitCode;
import dev.matrixmigrate.failure.Failure;
import dev.matrixmigrate.migrate.RunOverview;
import dev.matrixmigrate.migrate.RunStatus;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

@Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Lists the migration runs of a playbook folder, their steps and each step's state, and how much"
                + " room the runs take.",
                "With --run ID: that run alone, with its events summarised; the exit code then says where it stands:"
                + " 0 complete (or rolled back), 1 failed, interrupted or not finished, 3 still running."},
        footerHeading = "%nExamples:%n",
        footer = {"  matrix-migrate status --playbook ~/matrix-docker-ansible-deploy",
                "  matrix-migrate status --run 20261206-120000 --json | jq .runs[0].state"})
final class StatusCommand implements Callable<Integer> {
    @Option(names = "--playbook", paramLabel = "DIR",
            description = "The matrix-docker-ansible-deploy checkout (default: the current directory).")
    String playbook;

    @Option(names = "--run", paramLabel = "ID", description = "Show this run alone, with its events summarised.")
    String runId;

    @Option(names = "--json", description = "Print JSON (docs/status.md describes it) instead of text.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = Validate.playbookDir(playbook);
        List<RunOverview> runs = RunOverview.all(dir);
        if (runId != null) {
            runs = runs.stream().filter(run -> run.run().id().equals(runId)).toList();
            if (runs.isEmpty()) {
                throw Failure.invalidInput("--run " + runId + " is not a run of " + dir
                        + ": matrix-migrate status lists them");
            }
        }
        Instant now = Instant.now();
        if (json) {
            out.println(RunStatus.json(dir, runs, runId != null, now));
        } else if (runs.isEmpty()) {
            out.println("No migration runs in " + RunFolder.runsDir(dir) + ".");
        } else {
            runs.forEach(run -> RunStatus.lines(run, runId != null, now).forEach(out::println));
            if (runId == null) {
                out.println(RunStatus.total(runs, RunFolder.runsDir(dir)));
            }
        }
        out.flush();
        return runId == null ? ExitCode.OK : switch (runs.get(0).state()) {
            case COMPLETE, ROLLED_BACK -> ExitCode.OK;
            case RUNNING -> ExitCode.RUNNING;
            default -> ExitCode.FAILURE;
        };
    }
}
