package dev.matrixmigrate.cli;

import dev.matrixmigrate.failure.ExitCode;
import dev.matrixmigrate.failure.Failure;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

@Command(name = "matrix-migrate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Moves a matrix-docker-ansible-deploy server to a new machine.",
        subcommands = {InventoryCommand.class, PlanCommand.class, MigrateCommand.class, StatusCommand.class,
                PruneCommand.class, CompletionCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success",
                "1:a failure while running (the message says how to resume)",
                "2:invalid input or a refused action (nothing was touched)",
                "3:status --run: the run is still running"})
public final class MatrixMigrate implements Runnable {

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Show stack traces of errors.")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The one factory for the command line, used by {@link #main} and by the tests. */
    public static CommandLine commandLine() {
        return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new MatrixMigrate());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(MatrixMigrate::handleExecutionException);
        cli.setParameterExceptionHandler(MatrixMigrate::handleParameterException);
        cli.getSubcommands().get("migrate").getCommandSpec().usageMessage().description(MigrateCommand.description());
        GroupedHelp.install(cli);
        return cli;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: try --help");
    }

    private static int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        boolean debug = parsed.hasMatchedOption("--debug")
                || (parsed.subcommand() != null && parsed.subcommand().hasMatchedOption("--debug"));
        if (e instanceof Failure failure) {
            err.println("error: " + failure.getMessage());
            if (debug) {
                e.printStackTrace(err);
            }
            return failure.exitCode();
        }
        err.println("error: " + e + (debug ? "" : " (run with --debug for details)"));
        if (debug) {
            e.printStackTrace(err);
        }
        return ExitCode.FAILURE;
    }

    private static int handleParameterException(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        if (e.getCause() instanceof Failure failure) {
            // Thrown while picocli read the options, by the --config file's reader.
            err.println("error: " + failure.getMessage());
            return failure.exitCode();
        }
        String suggestion = e instanceof CommandLine.UnmatchedArgumentException unmatched
                && !unmatched.getSuggestions().isEmpty()
                ? " (did you mean " + String.join(" or ", unmatched.getSuggestions().stream().limit(3).toList()) + "?)" : "";
        err.println("error: " + e.getMessage().strip() + suggestion + " (see "
                + e.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
        return ExitCode.INVALID_INPUT;
    }
}
