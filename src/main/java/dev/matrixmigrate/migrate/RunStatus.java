package dev.matrixmigrate.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.matrixmigrate.engine.CopyProgress;
import dev.matrixmigrate.engine.Journal;
import dev.matrixmigrate.engine.MigrationEngine;
import dev.matrixmigrate.engine.RunFolder;
import dev.matrixmigrate.engine.StepRecord;
import dev.matrixmigrate.engine.StepState;
import dev.matrixmigrate.events.EventFile;
import dev.matrixmigrate.events.EventLog;
import dev.matrixmigrate.events.EventType;
import dev.matrixmigrate.forward.ForwardPlan;
import dev.matrixmigrate.forward.ForwardingState;
import dev.matrixmigrate.steps.Forward;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** What `status` tells of runs: as text for people, as JSON for programs, and one run with its events summarised. */
public final class RunStatus {
    public static final int JSON_SCHEMA = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunStatus() {
    }

    /** The lines status prints for one run (with its events summarised when asked). */
    public static List<String> lines(RunOverview run, boolean withEvents, Instant now) {
        List<String> lines = new ArrayList<>();
        RunFolder folder = run.run();
        lines.add("run " + folder.id() + ": " + run.record().summary() + " [" + overall(run) + "]");
        lines.add("  folder: " + folder.dir());
        run.journal().downtime().ifPresent(d -> lines.add("  downtime: " + MigrationEngine.seconds(d)));
        steps(lines, run.journal());
        ForwardingState.of(folder.planDir()).ifPresent(forwarding -> lines.add("  forwarding: the old server "
                + forwarding.describe(now, forwardDone(run.journal())) + " (unit " + ForwardPlan.UNIT + " on "
                + run.record().oldAddress() + (forwarding.running(now) ? "; migrate --stop-forwarding --run "
                + folder.id() + " ends it" : "") + ")"));
        run.replicationSlot().ifPresent(slot -> lines.add("  replication slot: " + slot + " on the old server, made by"
                + " the standby step; it keeps the old server's WAL until the cleanup (or a rollback) drops it"));
        run.rollback().rollback().ifPresent(steps -> {
            lines.add("  rollback [" + (run.rollback().complete() ? "complete" : stateOfSteps(steps)) + "]");
            run.rollback().oldServerDown().ifPresent(d -> lines.add("  old server down: " + MigrationEngine.seconds(d)));
            steps(lines, steps);
        });
        if (withEvents) {
            lines.addAll(eventLines(EventFile.read(folder.dir().resolve(EventLog.FILE))));
        }
        return lines;
    }

    /** The last line of status: how many runs, and their room. */
    public static String total(List<RunOverview> runs, java.nio.file.Path runsDir) {
        long bytes = runs.stream().mapToLong(RunOverview::bytes).sum();
        return runs.size() + (runs.size() == 1 ? " run, " : " runs, ") + CopyProgress.size(bytes) + " in " + runsDir
                + " (matrix-migrate prune --keep N removes older finished ones)";
    }

    private static String overall(RunOverview run) {
        RunOverview.State state = run.state();
        return switch (state) {
            case FAILED, INTERRUPTED -> state.label() + " at " + run.stoppedAt().map(StepRecord::id).orElse("?");
            case RUNNING -> run.journal().running().map(step -> "running " + step.id()).orElse("running");
            default -> state.label();
        };
    }

    private static String stateOfSteps(Journal journal) {
        for (StepRecord step : journal.steps()) {
            if (step.state() == StepState.FAILED || step.state() == StepState.INTERRUPTED
                    || step.state() == StepState.RUNNING) {
                return step.state().label() + " at " + step.id();
            }
        }
        return "not finished";
    }

    private static boolean forwardDone(Journal journal) {
        return journal.steps().stream().anyMatch(step -> step.done(Forward.KIND));
    }

    private static void steps(List<String> lines, Journal journal) {
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
            lines.add(line.toString().stripTrailing());
        }
    }

    /** A run's events summarised: how many of each, the tasks by status, the failed tasks, the last event. */
    static List<String> eventLines(List<JsonNode> events) {
        List<String> lines = new ArrayList<>();
        if (events.isEmpty()) {
            lines.add("  events: none recorded (runs of matrix-migrate before 0.2 wrote none)");
            return lines;
        }
        ObjectNode summary = eventSummary(events);
        lines.add("  events: " + summary.get("count").asLong() + " in " + EventLog.FILE + ", by type: "
                + counts(summary.get("by-type")));
        if (summary.get("tasks").size() > 0) {
            lines.add("  Ansible tasks: " + counts(summary.get("tasks")));
        }
        for (JsonNode failed : summary.get("failed-tasks")) {
            lines.add("  failed task: " + failed.path("step").asText() + ": " + failed.path("host").asText() + ": "
                    + failed.path("task").asText() + (failed.hasNonNull("message") ? ": "
                    + failed.path("message").asText() : ""));
        }
        JsonNode progress = summary.get("last-copy-progress");
        if (progress != null) {
            lines.add("  last copy progress: " + progress.path("step").asText() + ", " + progress.path("bytes").asLong()
                    + " bytes (" + progress.path("percent").asInt() + "%) at " + progress.path("time").asText());
        }
        JsonNode last = summary.get("last");
        lines.add("  last event: " + last.path("type").asText() + (last.hasNonNull("step") ? " " + last.path("step")
                .asText() : "") + " at " + last.path("time").asText());
        return lines;
    }

    private static String counts(JsonNode counts) {
        List<String> parts = new ArrayList<>();
        counts.fields().forEachRemaining(e -> parts.add(e.getKey() + " " + e.getValue().asLong()));
        return String.join(", ", parts);
    }

    /** The summary of events status --run shows, also in its JSON. */
    static ObjectNode eventSummary(List<JsonNode> events) {
        Map<String, Long> byType = new TreeMap<>();
        Map<String, Long> tasks = new TreeMap<>();
        ArrayNode failed = JSON.createArrayNode();
        JsonNode lastProgress = null;
        for (JsonNode event : events) {
            String type = event.path("type").asText();
            byType.merge(type, 1L, Long::sum);
            if (type.equals(EventType.TASK.wire())) {
                String status = event.path("status").asText();
                tasks.merge(status, 1L, Long::sum);
                if ((status.equals("failed") && !event.path("ignored").asBoolean()) || status.equals("unreachable")) {
                    failed.add(event);
                }
            } else if (type.equals(EventType.COPY_PROGRESS.wire())) {
                lastProgress = event;
            }
        }
        ObjectNode summary = JSON.createObjectNode();
        summary.put("count", events.size());
        summary.set("by-type", JSON.valueToTree(byType));
        summary.set("tasks", JSON.valueToTree(tasks));
        ArrayNode lastFailed = JSON.createArrayNode();
        for (int i = Math.max(0, failed.size() - 5); i < failed.size(); i++) {
            lastFailed.add(failed.get(i));
        }
        summary.set("failed-tasks", lastFailed);
        if (lastProgress != null) {
            summary.set("last-copy-progress", lastProgress);
        }
        if (!events.isEmpty()) {
            summary.set("last", events.get(events.size() - 1));
        }
        return summary;
    }

    /** The runs as one JSON document (status --json). */
    public static String json(java.nio.file.Path playbookDir, List<RunOverview> runs, boolean withEvents, Instant now) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", JSON_SCHEMA);
        root.put("playbook", playbookDir.toString());
        root.put("runs-folder", RunFolder.runsDir(playbookDir).toString());
        root.put("count", runs.size());
        root.put("bytes", runs.stream().mapToLong(RunOverview::bytes).sum());
        ArrayNode array = root.putArray("runs");
        for (RunOverview run : runs) {
            ObjectNode node = array.addObject();
            node.put("id", run.run().id());
            node.put("folder", run.run().dir().toString());
            node.put("summary", run.record().summary());
            node.put("host", run.record().host());
            node.put("old", run.record().oldAddress());
            node.put("new", run.record().newAddress());
            node.put("state", run.state().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            run.stoppedAt().ifPresent(step -> node.put("stopped-at", step.id()));
            run.journal().downtime().ifPresent(d -> node.put("downtime-seconds", d.toMillis() / 1000.0));
            node.put("bytes", run.bytes());
            node.set("steps", stepsJson(run.journal()));
            ForwardingState.of(run.run().planDir()).ifPresent(forwarding -> {
                ObjectNode f = node.putObject("forwarding");
                f.put("running", forwarding.running(now));
                f.put("until", forwarding.until().toString());
                forwarding.stopped().ifPresent(at -> f.put("ended", at.toString()));
            });
            run.replicationSlot().ifPresent(slot -> node.put("replication-slot", slot));
            run.rollback().rollback().ifPresent(steps -> {
                ObjectNode r = node.putObject("rollback");
                r.put("complete", run.rollback().complete());
                run.rollback().oldServerDown().ifPresent(d -> r.put("old-server-down-seconds", d.toMillis() / 1000.0));
                r.set("steps", stepsJson(steps));
            });
            if (withEvents) {
                node.set("events", eventSummary(EventFile.read(run.run().dir().resolve(EventLog.FILE))));
            }
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ArrayNode stepsJson(Journal journal) {
        ArrayNode steps = JSON.createArrayNode();
        for (StepRecord step : journal.steps()) {
            ObjectNode s = steps.addObject();
            s.put("id", step.id());
            s.put("state", step.state().label());
            if (step.started() != null) {
                s.put("started", step.started().toString());
            }
            if (step.ended() != null) {
                s.put("ended", step.ended().toString());
                if (step.started() != null) {
                    s.put("seconds", Duration.between(step.started(), step.ended()).toMillis() / 1000.0);
                }
            }
            if (step.exitCode() != null) {
                s.put("exit", step.exitCode());
            }
            if (step.log() != null) {
                s.put("log", step.log());
            }
            if (step.message() != null) {
                s.put("message", step.message());
            }
            if (step.retries() != null && !step.retries().isEmpty()) {
                s.set("retries", JSON.valueToTree(step.retries()));
            }
        }
        return steps;
    }
}
