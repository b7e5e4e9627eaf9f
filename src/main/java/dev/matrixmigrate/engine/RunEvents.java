package dev.matrixmigrate.engine;

import static dev.matrixmigrate.events.EventLog.fields;

import dev.matrixmigrate.events.EventLog;
import dev.matrixmigrate.events.EventType;
import dev.matrixmigrate.events.SecretMask;
import dev.matrixmigrate.playbook.PlanFiles;
import dev.matrixmigrate.process.CommandSpec;
import dev.matrixmigrate.process.ProcessResult;
import dev.matrixmigrate.process.ProcessRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What a run tells its event log ({@link EventLog}), in the run's terms: its steps with the server each runs on,
 * their commands, the copy's progress (at most once a second) and the downtime.
 */
public final class RunEvents {
    /** Where the plugin writes, one file per step that ran the command ({@code NN-step.jsonl}). */
    public static final String TASK_EVENTS_DIR = "task-events";
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);

    private final EventLog log;
    private final Path runDir;
    private final Map<String, String> servers;
    private Instant lastProgress = Instant.EPOCH;

    /** @param servers the server each step works on, by step id, as steps.md names it ("new server", "old server -> new server") */
    public RunEvents(EventLog log, Path runDir, Map<String, String> servers) {
        this.log = log;
        this.runDir = runDir.toAbsolutePath();
        this.servers = Map.copyOf(servers);
    }

    /** Events nowhere (a step run outside a run's engine). */
    public static RunEvents none() {
        return new RunEvents(EventLog.none(), Path.of("."), Map.of());
    }

    public EventLog log() {
        return log;
    }

    public void stepStarted(Step step, int number, int total, Path stepLog) {
        log.emit(EventType.STEP_START, fields("step", step.id(), "title", step.title(), "server",
                servers.get(step.id()), "number", number, "total", total, "log", relative(stepLog)));
    }

    public void stepDone(String id, Duration took) {
        log.emit(EventType.STEP_END, fields("step", id, "state", "done", "seconds", took, "exit", 0));
    }

    public void stepFailed(String id, String message, CommandSpec command, Integer exit, Path stepLog, Duration took) {
        log.emit(EventType.STEP_FAILED, fields("step", id, "message", message, "command",
                command == null ? null : SecretMask.argv(command.argv()), "exit", exit, "log", relative(stepLog), "seconds", took));
    }

    public void stepInterrupted(String id, Path stepLog) {
        log.emit(EventType.STEP_INTERRUPTED, fields("step", id, "log", relative(stepLog)));
    }

    public void stepRetry(String id, String message, Duration wait, int attempt) {
        log.emit(EventType.STEP_RETRY, fields("step", id, "message", message, "wait-seconds", wait, "attempt", attempt));
    }

    /** The runner a step runs its commands with: each one an event, and the plugin told where its tasks go. */
    public ProcessRunner runnerFor(ProcessRunner runner, String stepId, Path stepLog) {
        String name = stepLog.getFileName().toString().replaceFirst("\\.log$", ".jsonl");
        Path tasks = runDir.resolve(TASK_EVENTS_DIR).resolve(name);
        return runner.observed(Map.of(PlanFiles.TASK_EVENTS_VARIABLE, tasks.toAbsolutePath().toString()),
                new ProcessRunner.Observer() {
                    @Override
                    public void started(CommandSpec spec) {
                        log.emit(EventType.COMMAND_START, fields("step", stepId, "command", SecretMask.argv(spec.argv()),
                                "dir", spec.workingDir().toString(), "environment", spec.environment()));
                    }

                    @Override
                    public void ended(CommandSpec spec, ProcessResult result) {
                        log.emit(EventType.COMMAND_END, fields("step", stepId, "command", SecretMask.argv(spec.argv()), "exit",
                                result.exitCode(), "seconds", result.duration(), "timed-out", result.timedOut()));
                    }
                });
    }

    /** The copy's progress, at most once a second. */
    public synchronized void copyProgress(String stepId, CopyProgress.Snapshot snapshot) {
        Instant now = Instant.now();
        if (Duration.between(lastProgress, now).compareTo(PROGRESS_EVERY) < 0 && snapshot.percent() < 100) {
            return;
        }
        lastProgress = now;
        log.emit(EventType.COPY_PROGRESS, fields("step", stepId, "bytes", snapshot.bytes(), "total-bytes",
                snapshot.totalBytes(), "percent", snapshot.percent(), "rate", snapshot.rate(), "eta", snapshot.time()));
    }

    public void downtimeStarted(Instant at) {
        log.emit(EventType.DOWNTIME_START, fields("at", at));
    }

    public void downtimeEnded(Instant at, Duration downtime) {
        log.emit(EventType.DOWNTIME_END, fields("at", at, "seconds", downtime));
    }

    private String relative(Path file) {
        return file == null ? null : runDir.relativize(file.toAbsolutePath()).toString();
    }
}
