package dev.matrixmigrate.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.matrixmigrate.failure.Failure;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's events, one JSON object a line, appended to {@code runs/<id>/events.jsonl} and flushed as they happen,
 * and the same lines to a live sink ({@code --events}) when there is one. Every event has the schema version, a
 * sequence number that goes on across the run's resumes and rollback, a UTC timestamp, the run id and its type;
 * every text in it has the run's secrets masked.
 */
public final class EventLog implements AutoCloseable {
    public static final String FILE = "events.jsonl";
    public static final int SCHEMA = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OutputStream file;
    private final Writer live;
    private final String runId;
    private final SecretMask mask;
    private long sequence;

    private EventLog(OutputStream file, Writer live, String runId, SecretMask mask, long sequence) {
        this.file = file;
        this.live = live;
        this.runId = runId;
        this.mask = mask;
        this.sequence = sequence;
    }

    /** A log that writes nothing (outside a run). */
    public static EventLog none() {
        return new EventLog(null, null, "", SecretMask.none(), 0);
    }

    /**
     * The run's event file, opened to append after what earlier invocations of the run wrote (a line cut by a
     * kill is dropped first), and the live sink or null.
     */
    public static EventLog open(Path runDir, String runId, Writer live, SecretMask mask) {
        Path path = runDir.resolve(FILE);
        try {
            long next = dropCutLine(path);
            return new EventLog(Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                    live, runId, mask, next);
        } catch (IOException e) {
            throw Failure.whileRunning("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    /** The sequence number the next event gets: one past the last whole line's; a cut last line is removed. */
    private static long dropCutLine(Path path) throws IOException {
        if (!Files.exists(path)) {
            return 1;
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            long end = size;
            ByteBuffer one = ByteBuffer.allocate(1);
            while (end > 0) {
                one.clear();
                channel.read(one, end - 1);
                if (one.get(0) == '\n') {
                    break;
                }
                end--;
            }
            if (end < size) {
                channel.truncate(end);
            }
        }
        List<JsonNode> events = EventFile.read(path);
        return events.isEmpty() ? 1 : events.get(events.size() - 1).path("seq").asLong() + 1;
    }

    public void emit(EventType type) {
        emit(type, Map.of());
    }

    /** Writes one event; its fields are texts, numbers, booleans, lists and maps of them (null ones are left out). */
    public synchronized void emit(EventType type, Map<String, ?> fields) {
        if (file == null) {
            return;
        }
        ObjectNode event = JSON.createObjectNode();
        event.put("schema", SCHEMA);
        event.put("seq", sequence++);
        event.put("time", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        event.put("run", runId);
        event.put("type", type.wire());
        fields.forEach((key, value) -> {
            if (value != null) {
                event.set(key, masked(value));
            }
        });
        String line;
        try {
            line = JSON.writeValueAsString(event) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        try {
            file.write(line.getBytes(StandardCharsets.UTF_8));
            file.flush();
        } catch (IOException e) {
            // the events are a record beside the journal: a full disk fails the run's steps, not its events
        }
        if (live != null) {
            try {
                live.write(line);
                live.flush();
            } catch (IOException e) {
                // a reader that went away does not stop the migration
            }
        }
    }

    private JsonNode masked(Object value) {
        if (value instanceof String text) {
            return JSON.getNodeFactory().textNode(mask.apply(text));
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode node = JSON.createObjectNode();
            map.forEach((k, v) -> {
                if (v != null) {
                    node.set(k.toString(), masked(v));
                }
            });
            return node;
        }
        if (value instanceof Collection<?> list) {
            var array = JSON.createArrayNode();
            list.forEach(item -> array.add(masked(item)));
            return array;
        }
        if (value instanceof java.time.Duration duration) {
            return JSON.getNodeFactory().numberNode(duration.toMillis() / 1000.0);
        }
        if (value instanceof Instant instant) {
            return JSON.getNodeFactory().textNode(instant.truncatedTo(ChronoUnit.MILLIS).toString());
        }
        return JSON.valueToTree(value);
    }

    /** Fields in the order given, for events whose fields are known at the call (nulls are left out). */
    public static Map<String, Object> fields(Object... keysAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            fields.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return fields;
    }

    @Override
    public synchronized void close() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                // nothing more to write
            }
        }
        if (live != null) {
            try {
                live.flush();
            } catch (IOException e) {
                // as in emit
            }
        }
    }
}
