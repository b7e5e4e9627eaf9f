package dev.matrixmigrate.engine;

import dev.matrixmigrate.process.CommandSpec;
import dev.matrixmigrate.process.ProcessOutput;
import dev.matrixmigrate.process.ProcessResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * A step that runs external commands in order, streaming their output live and into its log.
 *
 * @param marks what finishing it means for the service
 * @param progress a command that prints rsync's progress while the first command runs, or null
 * @param stopMoment the cutover notes, where the play notes the exact moment services stopped (more
 *        precise than the start of the step, which is recorded first), or null
 */
public record CommandStep(String id, String title, List<CommandSpec> commands, ServiceEffect marks,
        CommandSpec progress, Path stopMoment) implements Step {
    public CommandStep {
        commands = List.copyOf(commands);
    }

    /** A step that runs these commands, noting nothing of the service. */
    public static CommandStep plain(String id, String title, List<CommandSpec> commands) {
        return new CommandStep(id, title, commands, ServiceEffect.UNCHANGED, null, null);
    }

    @Override
    public boolean stopsService() {
        return marks == ServiceEffect.STOPS;
    }

    @Override
    public void run(StepContext context) throws StepFailed {
        if (marks == ServiceEffect.STOPS) {
            context.servicesStopped(Instant.now());
        }
        try {
            runCommands(context);
        } finally {
            notedStop().ifPresent(when -> context.servicesStopped(when));
        }
        if (marks == ServiceEffect.STARTS) {
            context.servicesStarted(Instant.now());
        }
    }

    private void runCommands(StepContext context) throws StepFailed {
        for (CommandSpec command : commands) {
            context.out().println("$ " + command.display());
            context.out().flush();
            ProcessResult result = showingProgress(context, id, command == commands.get(0) ? progress : null,
                    () -> context.runner().run(command, ProcessOutput.logged(context.log(), context.terminal())));
            StepFailed.unlessSucceeded(result, command, context.out(), "");
        }
    }

    private java.util.Optional<Instant> notedStop() {
        return marks == ServiceEffect.STOPS && stopMoment != null ? CutoverNotes.read(stopMoment).stoppedAt()
                : java.util.Optional.empty();
    }

    /** Runs {@code work} (a copy); meanwhile, the progress command's output, when there is one, is shown as progress. */
    public static ProcessResult showingProgress(StepContext context, String stepId, CommandSpec progress,
            Supplier<ProcessResult> work) {
        if (progress == null) {
            return work.get();
        }
        boolean terminal = System.console() != null;
        CopyProgress display = new CopyProgress(terminal ? context.terminal() : context.out(), terminal,
                snapshot -> context.events().copyProgress(stepId, snapshot));
        try (var watcher = context.runner().start(progress.withTimeout(java.time.Duration.ofDays(7)), display)) {
            return work.get();
        } finally {
            display.finish();
        }
    }
}
