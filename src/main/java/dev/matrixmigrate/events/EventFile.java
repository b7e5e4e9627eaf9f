package dev.matrixmigrate.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a run's events.jsonl back: every whole line; a line a kill cut short is left out. */
public final class EventFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventFile() {
    }

    public static List<JsonNode> read(Path file) {
        List<JsonNode> events = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return events;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    events.add(JSON.readTree(line));
                } catch (IOException cut) {
                    // only the last line can be cut (each event is one write); the rest is whole
                }
            }
        } catch (IOException e) {
            return events;
        }
        return events;
    }
}
