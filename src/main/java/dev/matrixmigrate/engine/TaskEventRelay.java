package dev.matrixmigrate.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.matrixmigrate.events.EventLog;
import dev.matrixmigrate.events.EventType;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Passes on the task results the events plugin (the plan's callback_plugins) writes while a run's commands run,
 * one file per step ({@code NN-step.jsonl}), as the run's {@code task} events: read as they grow, twice a second,
 * and to their end when the run's engine stops. How far each file was passed on is kept in {@link #RELAYED}, so that
 * after a kill the next invocation passes on what was left, and nothing twice.
 */
public final class TaskEventRelay implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long EVERY_MILLIS = 500;
    /** Per file, the bytes passed on so far (a properties file beside them). */
    public static final String RELAYED = "relayed.properties";

    private final Path dir;
    private final EventLog log;
    private final Map<Path, Long> read = new HashMap<>();
    private final Thread poller;
    private volatile boolean stopped;

    private TaskEventRelay(Path dir, EventLog log) {
        this.dir = dir;
        this.log = log;
        this.poller = new Thread(this::poll, "matrix-migrate-task-events");
        this.poller.setDaemon(true);
    }

    /** Starts following {@code dir}, after what earlier invocations of the run passed on already. */
    public static TaskEventRelay start(Path dir, EventLog log) {
        TaskEventRelay relay = new TaskEventRelay(dir, log);
        relay.readRelayed();
        relay.poller.start();
        return relay;
    }

    private void readRelayed() {
        Path file = dir.resolve(RELAYED);
        if (!Files.isRegularFile(file)) {
            return;
        }
        Properties relayed = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            relayed.load(in);
        } catch (IOException e) {
            return;
        }
        relayed.forEach((name, bytes) -> read.put(dir.resolve(name.toString()), Long.parseLong(bytes.toString())));
    }

    /** Notes how far each file was passed on: written aside, then moved over the last note. */
    private void writeRelayed() {
        Properties relayed = new Properties();
        read.forEach((file, bytes) -> relayed.setProperty(file.getFileName().toString(), Long.toString(bytes)));
        Path file = dir.resolve(RELAYED);
        Path next = dir.resolve(RELAYED + ".new");
        try (var out = Files.newBufferedWriter(next, StandardCharsets.UTF_8)) {
            relayed.store(out, null);
        } catch (IOException e) {
            return;
        }
        try {
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // noted next time
        }
    }

    private void poll() {
        while (!stopped) {
            drain();
            try {
                Thread.sleep(EVERY_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Passes on every whole line written since the last time. */
    public synchronized void drain() {
        boolean passed = false;
        for (Path file : files()) {
            long from = read.getOrDefault(file, 0L);
            try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
                long length = in.length();
                if (length <= from) {
                    continue;
                }
                byte[] bytes = new byte[(int) (length - from)];
                in.seek(from);
                in.readFully(bytes);
                int end = lastBreak(bytes);
                if (end < 0) {
                    continue;
                }
                read.put(file, from + end + 1);
                String step = stepOf(file);
                for (String line : new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n")) {
                    relay(step, line);
                }
                passed = true;
            } catch (IOException e) {
                // a file the plugin is still creating is read next time
            }
        }
        if (passed) {
            writeRelayed();
        }
    }

    private void relay(String step, String line) {
        if (line.isBlank()) {
            return;
        }
        try {
            JsonNode task = JSON.readTree(line);
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("step", step);
            task.fields().forEachRemaining(field -> fields.put(field.getKey(), JSON.convertValue(field.getValue(),
                    Object.class)));
            log.emit(EventType.TASK, fields);
        } catch (IOException e) {
            // not the plugin's: left out
        }
    }

    private static int lastBreak(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** The step that started the command, from the file's name ({@code 07-sync-warm.jsonl}). */
    private static String stepOf(Path file) {
        return file.getFileName().toString().replaceFirst("^\\d+-", "").replaceFirst("\\.jsonl$", "");
    }

    private List<Path> files() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Stops following, after passing on what the files hold now. */
    @Override
    public void close() {
        stopped = true;
        poller.interrupt();
        try {
            poller.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drain();
    }
}
