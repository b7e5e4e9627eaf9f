package dev.matrixmigrate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.matrixmigrate.engine.RunRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.matrixmigrate.events.EventLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What a migration's events.jsonl must hold once the run is complete, however many times it was killed. */
final class RunEventsSeen {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunEventsSeen() {
    }

    /** Every line parses, in sequence; every step started and ended in order; the downtime; Ansible's tasks. */
    static void assertWholeRun(Path file, int killed) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            events.add(JSON.readTree(line));
        }
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = events.get(i);
            assertEquals(i + 1, event.path("seq").asLong(), "in sequence across the resumes: " + event);
            assertEquals(EventLog.SCHEMA, event.path("schema").asInt());
            assertTrue(event.path("time").asText().endsWith("Z"), event.toString());
        }
        RunRecord record = RunRecord.read(file.getParent());
        List<String> ended = new ArrayList<>();
        Set<String> open = new HashSet<>();
        for (JsonNode event : events) {
            String step = event.path("step").asText();
            switch (event.path("type").asText()) {
                case "step-start" -> open.add(step);
                case "step-end" -> {
                    assertTrue(open.remove(step), "ended after it started: " + event);
                    ended.add(step);
                }
                case "step-failed", "step-interrupted" -> open.remove(step);
                default -> {
                }
            }
        }
        assertEquals(record.steps().stream().map(RunRecord.StepPlan::id).toList(), ended,
                "every step ended once, in the run's order");
        List<String> types = events.stream().map(e -> e.path("type").asText()).toList();
        assertTrue(types.indexOf("downtime-start") >= 0 && types.indexOf("downtime-end") > types.indexOf("downtime-start"),
                "the downtime's start and end: " + types);
        long starts = types.stream().filter("run-start"::equals).count();
        long ends = types.stream().filter("run-end"::equals).count();
        assertEquals(killed, starts - ends, "a run-end for every invocation but the killed ones: " + types);
        assertTrue(events.stream().anyMatch(e -> e.path("type").asText().equals("task")
                && e.path("step").asText().equals("install") && e.path("status").asText().equals("changed")),
                "the install's Ansible tasks are events");
        assertTrue(events.stream().anyMatch(e -> e.path("type").asText().equals("command-start")
                && e.path("command").isArray() && e.path("command").get(0).asText().endsWith("ansible-playbook")),
                "commands as argument lists");
        JsonNode last = events.get(events.size() - 1);
        assertEquals("run-end", last.path("type").asText());
        assertEquals("complete", last.path("result").asText());
    }
}
