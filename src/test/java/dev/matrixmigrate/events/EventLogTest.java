package dev.matrixmigrate.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private List<String> lines() throws Exception {
        return Files.readAllLines(dir.resolve(EventLog.FILE), StandardCharsets.UTF_8);
    }

    @Test
    void eachEventIsOneFlushedLineWithItsEnvelopeInOrder() throws Exception {
        StringWriter live = new StringWriter();
        try (EventLog log = EventLog.open(dir, "20261206-120000", live, SecretMask.none())) {
            log.emit(EventType.RUN_START, EventLog.fields("action", "start"));
            // flushed as it happens: readable while the log is open
            assertEquals(1, lines().size());
            log.emit(EventType.STEP_START, EventLog.fields("step", "preflight", "number", 1, "skipped", null));
            log.emit(EventType.STEP_END, EventLog.fields("step", "preflight", "seconds", java.time.Duration.ofMillis(1500)));
        }
        List<String> lines = lines();
        assertEquals(3, lines.size());
        for (int i = 0; i < lines.size(); i++) {
            JsonNode event = JSON.readTree(lines.get(i));
            assertEquals(EventLog.SCHEMA, event.get("schema").asInt());
            assertEquals(i + 1, event.get("seq").asLong());
            assertEquals("20261206-120000", event.get("run").asText());
            Instant.parse(event.get("time").asText());
            assertTrue(event.get("time").asText().endsWith("Z"), "UTC: " + event);
        }
        JsonNode start = JSON.readTree(lines.get(1));
        assertEquals("step-start", start.get("type").asText());
        assertFalse(start.has("skipped"), "null fields are left out: " + start);
        assertEquals(1.5, JSON.readTree(lines.get(2)).get("seconds").asDouble());
        assertEquals(String.join("\n", lines) + "\n", live.toString(), "the live sink gets the same lines");
    }

    @Test
    void oddTextsStayValidJsonOnOneLine() throws Exception {
        byte[] notUtf8 = {'f', (byte) 0xff, (byte) 0xfe, 'x'};
        String rsyncName = new String(notUtf8, StandardCharsets.UTF_8);
        String odd = "line one\nline \"two\"\t\\ \u0000 \u2028 é " + rsyncName;
        try (EventLog log = EventLog.open(dir, "r", null, SecretMask.none())) {
            log.emit(EventType.STEP_FAILED, EventLog.fields("message", odd, "command", List.of("rsync", odd),
                    "nested", Map.of("k", odd)));
        }
        List<String> lines = lines();
        assertEquals(1, lines.size(), "one event, one line: " + lines);
        JsonNode event = JSON.readTree(lines.get(0));
        assertEquals(odd, event.get("message").asText());
        assertEquals(odd, event.get("command").get(1).asText());
        assertEquals(odd, event.get("nested").get("k").asText());
    }

    @Test
    void aLaterInvocationAppendsAfterACutLineAndGoesOnCounting() throws Exception {
        try (EventLog log = EventLog.open(dir, "r", null, SecretMask.none())) {
            log.emit(EventType.RUN_START);
            log.emit(EventType.STEP_START);
        }
        // kill -9 in the middle of a write
        Files.writeString(dir.resolve(EventLog.FILE), "{\"schema\":1,\"seq\":3,\"ty", StandardOpenOption.APPEND);
        assertEquals(2, EventFile.read(dir.resolve(EventLog.FILE)).size(), "the reader leaves the cut line out");
        try (EventLog log = EventLog.open(dir, "r", null, SecretMask.none())) {
            log.emit(EventType.RUN_START, EventLog.fields("action", "resume"));
        }
        List<String> lines = lines();
        assertEquals(3, lines.size(), String.join("\n", lines));
        assertEquals(List.of(1L, 2L, 3L), lines.stream().map(line -> {
            try {
                return JSON.readTree(line).get("seq").asLong();
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + line, e);
            }
        }).toList());
    }

    @Test
    void theUsersExtraVarsAreMaskedInCommandsSettingsAndTexts() throws Exception {
        List<String> argv = List.of("ansible-playbook", "-i", "inventory/hosts", "setup.yml",
                "--extra-vars=matrix_migrate_pass=warm", "--extra-vars=@vars/secret.yml",
                "--extra-vars=matrix_synapse_macaroon_secret_key='s3cr3t value!' registration_shared_secret=Passw0rd123",
                "--extra-vars=postgres_default_import_database=matrix",
                "--extra-vars={\"token\": \"abcdef0123\"}");
        SecretMask mask = SecretMask.ofCommands(List.of(argv));
        try (EventLog log = EventLog.open(dir, "r", null, mask)) {
            log.emit(EventType.COMMAND_START, EventLog.fields("command", SecretMask.argv(argv)));
            log.emit(EventType.TASK, EventLog.fields("message", "Passw0rd123 was refused, and so was s3cr3t value!"));
            log.emit(EventType.TASK, EventLog.fields("message", "the matrix database"));
        }
        String all = String.join("\n", lines());
        for (String secret : List.of("s3cr3t", "Passw0rd123", "abcdef0123")) {
            assertFalse(all.contains(secret), secret + " masked: " + all);
        }
        JsonNode command = JSON.readTree(lines().get(0)).get("command");
        assertEquals("--extra-vars=matrix_migrate_pass=warm", command.get(4).asText(), "the tool's own are no secrets");
        assertEquals("--extra-vars=@vars/secret.yml", command.get(5).asText(), "a file is named");
        assertEquals("--extra-vars=matrix_synapse_macaroon_secret_key=" + SecretMask.MASK
                + " registration_shared_secret=" + SecretMask.MASK, command.get(6).asText());
        assertEquals("--extra-vars=postgres_default_import_database=" + SecretMask.MASK, command.get(7).asText(),
                "every value but the tool's own is masked on a command line");
        assertEquals("--extra-vars=" + SecretMask.MASK, command.get(8).asText());
        assertEquals(SecretMask.MASK + " was refused, and so was " + SecretMask.MASK,
                JSON.readTree(lines().get(1)).get("message").asText());
        assertEquals("the matrix database", JSON.readTree(lines().get(2)).get("message").asText(),
                "in texts, only the values of variables named as secrets are masked");
    }
}
