package dev.matrixmigrate.cli;

import dev.matrixmigrate.config.ConfigFileDefaults;
import dev.matrixmigrate.config.MigrationSettings;
import dev.matrixmigrate.config.Validate;
import dev.matrixmigrate.events.LiveEvents;
import dev.matrixmigrate.failure.Failure;
import dev.matrixmigrate.migrate.MigrateRequest;
import dev.matrixmigrate.migrate.Migration;
import dev.matrixmigrate.steps.StepList;
import dev.matrixmigrate.terminal.Terminal;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine;

@Command(name = "migrate", mixinStandardHelpOptions = true, sortOptions = false,
        customSynopsis = {"matrix-migrate migrate --to=ADDRESS [OPTIONS]",
                "       matrix-migrate migrate --resume|--rollback|--stop-forwarding [OPTIONS]"},
        defaultValueProvider = ConfigFileDefaults.class,
        footerHeading = "%nExamples, in the playbook checkout (or with --playbook DIR):%n",
        footer = {"  matrix-migrate plan --to 198.51.100.20       review the plan first",
                "  matrix-migrate migrate --to 198.51.100.20",
                "  matrix-migrate migrate --to 198.51.100.20 --plan .matrix-migrate/plan-20261206-120000",
                "                                              run the reviewed plan as it is",
                "  matrix-migrate migrate --resume             after a failure, its cause fixed",
                "  matrix-migrate migrate --rollback           put the old server back in service"})
final class MigrateCommand implements Callable<Integer> {
    /** The description, its step lists from the step lists themselves (set by the command line's factory). */
    static String[] description() {
        return new String[] {"Moves the server: " + StepList.described(false) + ". With --cold: "
                + StepList.described(true) + ".",
                "Each step is recorded in a journal under DIR/.matrix-migrate/runs/<id>/; --resume continues"
                        + " a failed or interrupted run at the first step that did not complete. One run at a time per"
                        + " playbook folder.",
                "--rollback puts the old server of a run that stopped it back in service: "
                        + StepList.describedRollback() + " (journaled; run it again to resume).",
                "With --forward the old server forwards to the new one from its stop until DNS caches let go of its"
                        + " address (its run begins with the cutover; the forward step awaits it); --stop-forwarding"
                        + " ends it earlier, and a rollback before the old server starts again."};
    }

    @Mixin
    MigrationOptions options;

    @Mixin
    RunControlOptions run;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        MigrateRequest.Action action = run.action();
        Optional<MigrationSettings> settings = Optional.empty();
        if (action == MigrateRequest.Action.START) {
            settings = Optional.of(options.settings(null));
            if (run.askBecomePass && settings.get().ansible().becomePasswordFile() != null) {
                throw Failure.invalidInput("--ask-become-pass and --become-password-file both give the sudo"
                        + " password: keep one of them");
            }
        } else if (options.newServer.to != null || options.config != null) {
            throw Failure.invalidInput(switch (action) {
                case RESUME -> "--resume continues a run with its own settings: leave out --to and --config";
                case STOP_FORWARDING -> "--stop-forwarding ends a run's forwarding as planned: leave out --to and"
                        + " --config";
                default -> "--rollback uses the run's own settings: leave out --to and --config";
            });
        }
        MigrateRequest request = new MigrateRequest(action, Validate.playbookDir(options.playbook), settings,
                Optional.ofNullable(run.plan).map(Validate::planDir), options.ansible.ansiblePlaybook, Optional.ofNullable(run.runId), run.dryRun, run.runOptions());
        PrintWriter stdout = spec.commandLine().getOut();
        LiveEvents live = run.liveEvents(stdout);
        Terminal terminal = Terminal.of(run.eventsOnStdout() ? spec.commandLine().getErr() : stdout,
                spec.commandLine().getErr(), run.yes);
        return new Migration(terminal, live).run(request);
    }
}
