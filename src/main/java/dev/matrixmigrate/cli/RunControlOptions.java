package dev.matrixmigrate.cli;

import dev.matrixmigrate.config.Validate;
import dev.matrixmigrate.events.LiveEvents;
import dev.matrixmigrate.failure.Failure;
import dev.matrixmigrate.migrate.MigrateRequest;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options of migrate that say which run goes which way, and how it asks. */
@OptionGroup("Run control")
final class RunControlOptions {
    @Option(names = "--yes", description = "Do not ask before stopping the old server.")
    boolean yes;

    @Option(names = "--dry-run", description = "Print each step and its commands; run nothing.")
    boolean dryRun;

    @Option(names = "--plan", paramLabel = "PLANDIR", description = "Run the plan folder matrix-migrate plan wrote, as it"
            + " is (give the options plan was given); refused when the playbook, the inventory or the options changed"
            + " since.")
    String plan;

    @Option(names = "--resume", description = "Continue the latest run (or --run ID) where it stopped.")
    boolean resume;

    @Option(names = "--run", paramLabel = "ID", description = "The run to resume or roll back (default: the latest).")
    String runId;

    @Option(names = "--rollback", description = "Put the old server of the latest run (or --run ID) back in service;"
            + " run it again to resume an interrupted rollback.")
    boolean rollback;

    @Option(names = "--stop-forwarding", description = "End the old server's forwarding of the latest run (or --run"
            + " ID) before its time.")
    boolean stopForwarding;

    @Option(names = "--rollback-on-failure", description = "When a step after the old server's stop fails, roll"
            + " back at once (the run still ends with exit code 1).")
    boolean rollbackOnFailure;

    @Option(names = "--reconnect-for", paramLabel = "DURATION", defaultValue = "5m", description = "How long a step"
            + " whose SSH connection to a server was lost runs again by itself, with waits from 2 s to 30 s, before the"
            + " run stops (0 never; default: ${DEFAULT-VALUE}). A task that failed on a server that answered is never"
            + " run again.")
    String reconnectFor;

    @Option(names = "--force", description = "With --rollback: go back even when the new server may have served users"
            + " and has data the old one lacks (it stays on the new server's disk).")
    boolean force;

    @Option(names = "--accept-new-host-key", description = "Trust a server's SSH host key that is not known yet"
            + " (its fingerprint is printed).")
    boolean acceptNewHostKey;

    @Option(names = {"-K", "--ask-become-pass"}, description = "Ask for the sudo password; Ansible gets it through a"
            + " private temporary file, never on a command line.")
    boolean askBecomePass;

    @Option(names = "--events", paramLabel = "FILE", description = "Also write the run's events (one JSON object a"
            + " line, as in its events.jsonl) to FILE as they happen, appended; - writes them to standard output and"
            + " everything else to standard error.")
    String events;

    /** Where the events go live (--events); refused when its folder does not exist or nothing runs. */
    LiveEvents liveEvents(PrintWriter stdout) {
        if (events == null) {
            return LiveEvents.none();
        }
        if (dryRun) {
            throw Failure.invalidInput("--events follows a run, and --dry-run runs nothing: leave one of them out");
        }
        if (events.equals("-")) {
            return LiveEvents.to(stdout);
        }
        Path file = Path.of(events).toAbsolutePath();
        if (!Files.isDirectory(file.getParent()) || Files.isDirectory(file)) {
            throw Failure.invalidInput("--events " + events + (Files.isDirectory(file) ? " is a folder" : ": its folder "
                    + file.getParent() + " does not exist") + ": give a file to append the events to, or - for"
                    + " standard output");
        }
        return LiveEvents.toFile(file);
    }

    /** Whether the events take standard output, so that the rest goes to standard error. */
    boolean eventsOnStdout() {
        return "-".equals(events);
    }

    /** Which way the run goes; refuses options that contradict each other. */
    MigrateRequest.Action action() {
        if (rollback && resume) {
            throw Failure.invalidInput("--rollback and --resume go opposite ways: choose one");
        }
        if (force && !rollback && !rollbackOnFailure) {
            throw Failure.invalidInput("--force only goes with --rollback or --rollback-on-failure: leave it out");
        }
        if (stopForwarding && (rollback || resume)) {
            throw Failure.invalidInput("--stop-forwarding only ends a run's forwarding: leave out "
                    + (rollback ? "--rollback (which ends it too)" : "--resume"));
        }
        if (plan != null && (rollback || resume || stopForwarding || runId != null)) {
            throw Failure.invalidInput("--plan starts a new run of a reviewed plan: leave out " + (rollback ? "--rollback"
                    : resume ? "--resume" : stopForwarding ? "--stop-forwarding" : "--run")
                    + " (a run of it goes on or back by its run id, which status shows)");
        }
        if (stopForwarding) {
            return MigrateRequest.Action.STOP_FORWARDING;
        }
        if (rollback) {
            return MigrateRequest.Action.ROLLBACK;
        }
        return resume || runId != null ? MigrateRequest.Action.RESUME : MigrateRequest.Action.START;
    }

    MigrateRequest.RunOptions runOptions() {
        return new MigrateRequest.RunOptions(acceptNewHostKey, askBecomePass, force, rollbackOnFailure,
                reconnectFor.strip().equals("0") ? Duration.ZERO : Validate.duration("--reconnect-for", reconnectFor,
                        Duration.ofSeconds(1), Duration.ofHours(6)));
    }
}
