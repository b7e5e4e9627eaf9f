package dev.matrixmigrate.cli;

import dev.matrixmigrate.config.Validate;
import dev.matrixmigrate.failure.ExitCode;
import dev.matrixmigrate.failure.Failure;
import dev.matrixmigrate.migrate.RunPrune;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

@Command(name = "prune", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Removes the folders of older finished runs, keeping the newest N.",
                "It never removes a run that could go on or back: one running or stopped inside a step (migrate"
                + " --resume), a rollback not finished, a run whose old server still forwards, or the newest run that"
                + " stopped an old server and was not rolled back."},
        footerHeading = "%nExamples:%n",
        footer = {"  matrix-migrate prune --keep 3 --dry-run      show what would go",
                "  matrix-migrate prune --keep 3"})
final class PruneCommand implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--playbook", paramLabel = "DIR",
            description = "The matrix-docker-ansible-deploy checkout (default: the current directory).")
    String playbook;

    @Option(names = "--keep", paramLabel = "N", required = true, description = "How many of the newest runs to keep"
            + " whatever their state.")
    int keep;

    @Option(names = "--dry-run", description = "Print what would be removed; remove nothing.")
    boolean dryRun;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (keep < 0) {
            throw Failure.invalidInput("--keep " + keep + " is below 0: give how many of the newest runs to keep");
        }
        new RunPrune.Request(Validate.playbookDir(playbook), keep, dryRun).run(spec.commandLine().getOut());
        return ExitCode.OK;
    }
}
