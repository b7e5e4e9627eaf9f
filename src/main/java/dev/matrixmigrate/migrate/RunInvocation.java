package dev.matrixmigrate.migrate;

import static dev.matrixmigrate.events.EventLog.fields;
import dev.matrixmigrate.engine.Journal;
import dev.matrixmigrate.engine.RunEvents;
import dev.matrixmigrate.engine.RunFolder;
import dev.matrixmigrate.engine.RunRecord;

import dev.matrixmigrate.config.MigrationSettings;
import dev.matrixmigrate.events.EventLog;
import dev.matrixmigrate.events.EventType;
import dev.matrixmigrate.events.LiveEvents;
import dev.matrixmigrate.events.SecretMask;
import dev.matrixmigrate.failure.ExitCode;
import dev.matrixmigrate.failure.Failure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One invocation of a run (a start, a resume, a rollback, a forwarding's end) in the run's events: the run-start
 * event with what it does, with which tool, and a new run's settings; the run-end event with how it ended; and the
 * run's events for its engine.
 */
final class RunInvocation {
    private RunInvocation() {
    }

    /** The run's event log, opened to append, with the run-start event written. */
    static EventLog open(LiveEvents live, RunFolder run, RunRecord record, String action, MigrateRequest request) {
        List<List<String>> commands = Stream.concat(record.steps().stream(), record.rollbackSteps().stream())
                .flatMap(step -> step.commands().stream()).map(RunRecord.RecordedCommand::argv).toList();
        EventLog log = EventLog.open(run.dir(), run.id(), live.open(), SecretMask.ofCommands(commands));
        log.emit(EventType.RUN_START, start(action, request, record));
        return log;
    }

    /** Runs the engine's part of the invocation, and tells how it ended in a run-end event. */
    static void ended(EventLog log, String action, Runnable work, Journal journal) {
        try {
            work.run();
            log.emit(EventType.RUN_END, fields("action", action, "result", "complete", "exit", ExitCode.OK,
                    "downtime-seconds", journal == null ? null : journal.downtime().orElse(null)));
        } catch (Failure failure) {
            log.emit(EventType.RUN_END, fields("action", action, "result",
                    failure.exitCode() == ExitCode.INVALID_INPUT ? "refused" : "failed", "exit", failure.exitCode(),
                    "message", failure.getMessage()));
            throw failure;
        }
    }

    /** The events of these steps of the run, each with the server it works on. */
    static RunEvents events(EventLog log, RunFolder run, List<RunRecord.StepPlan> steps) {
        Map<String, String> servers = new LinkedHashMap<>();
        steps.forEach(step -> servers.put(step.id(), step.target()));
        return new RunEvents(log, run.dir(), servers);
    }

    private static Map<String, Object> start(String action, MigrateRequest request, RunRecord record) {
        Map<String, Object> fields = fields("action", action,
                "version", java.util.Optional.ofNullable(RunInvocation.class.getPackage().getImplementationVersion())
                        .orElse("development build"),
                "playbook", record.playbookDir().toString(), "inventory", record.inventory() == null ? null
                        : record.inventory().toString(), "host", record.host(), "old", record.oldAddress(),
                "new", record.newAddress(), "summary", record.summary(),
                "steps", (action.equals("rollback") ? record.rollbackSteps() : record.steps()).stream()
                        .map(RunRecord.StepPlan::id).toList(),
                "options", fields("accept-new-host-key", request.options().acceptNewHostKey(),
                        "ask-become-pass", request.options().askBecomePass(), "force", request.options().force(),
                        "rollback-on-failure", request.options().rollbackOnFailure(),
                        "reconnect-for-seconds", request.options().reconnectFor().toSeconds(),
                        "plan", request.reviewedPlan().map(Object::toString).orElse(null)));
        request.settings().ifPresent(settings -> fields.put("settings", settings(settings)));
        return fields;
    }

    /** A new run's settings; secrets travel only as files, whose paths are named, and --extra-vars are masked. */
    private static Map<String, Object> settings(MigrationSettings settings) {
        return fields("to", fields("address", settings.to().address(), "user", settings.to().user().orElse(null),
                        "port", settings.to().port().orElse(null), "become", settings.to().become()),
                "host", settings.host().orElse(null),
                "cold", settings.procedure().cold(), "database", settings.procedure().database().label(),
                "verify-checksum", settings.procedure().verifyChecksum(),
                "install-tags", settings.procedure().installTags(), "start-tags", settings.procedure().startTags(),
                "health-timeout-seconds", settings.procedure().healthTimeout().toSeconds(),
                "ansible", fields("verbosity", settings.ansible().verbosity(),
                        "private-key", path(settings.ansible().privateKey()),
                        "become-password-file", path(settings.ansible().becomePasswordFile()),
                        "vault-password-file", path(settings.ansible().vaultPasswordFile()),
                        "extra-vars", settings.ansible().extraVars().stream().map(SecretMask::extraVars).toList()),
                "dns", fields("provider", settings.dns().provider().label(),
                        "credentials", settings.dns().credentials().map(Object::toString).orElse(null),
                        "max-ttl-seconds", settings.dns().maxTtl().toSeconds(),
                        "accept-ttl", settings.dns().acceptTtl()),
                "forward", settings.forward().requested().orElse(null));
    }

    private static String path(java.nio.file.Path file) {
        return file == null ? null : file.toString();
    }
}
