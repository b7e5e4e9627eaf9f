package dev.matrixmigrate.engine;

import dev.matrixmigrate.failure.Failure;
import dev.matrixmigrate.files.SafeYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state of each step of a run, written to journal.yml (through a temporary file and an atomic
 * move) every time a step starts or ends, so that a run stopped in any way can be resumed.
 * Also records when services stopped on the old server and started on the new one.
 */
public final class Journal {
    public static final String FILE = "journal.yml";
    /** The rollback's own journal, beside the migration's. */
    public static final String ROLLBACK_FILE = "rollback-journal.yml";
    private final Path file;
    private final List<StepRecord> steps;
    private Instant servicesStopped;
    private Instant servicesStarted;

    private Journal(Path file, List<StepRecord> steps, Instant servicesStopped, Instant servicesStarted) {
        this.file = file;
        this.steps = new ArrayList<>(steps);
        this.servicesStopped = servicesStopped;
        this.servicesStarted = servicesStarted;
    }

    public static Journal create(Path runDir, List<String> stepIds) {
        return createAt(runDir.resolve(FILE), stepIds);
    }

    public static Journal load(Path runDir) {
        return loadFrom(runDir.resolve(FILE));
    }

    public static Journal createRollback(Path runDir, List<String> stepIds) {
        return createAt(runDir.resolve(ROLLBACK_FILE), stepIds);
    }

    /** The rollback's journal of a run, when a rollback began. */
    public static Optional<Journal> rollback(Path runDir) {
        Path file = runDir.resolve(ROLLBACK_FILE);
        return Files.exists(file) ? Optional.of(loadFrom(file)) : Optional.empty();
    }

    private static Journal createAt(Path file, List<String> stepIds) {
        Journal journal = new Journal(file, stepIds.stream().map(StepRecord::pending).toList(), null, null);
        journal.save();
        return journal;
    }

    @SuppressWarnings("unchecked")
    private static Journal loadFrom(Path file) {
        try {
            Map<String, Object> data = SafeYaml.readMapping(file);
            List<StepRecord> steps = new ArrayList<>();
            for (Map<String, Object> s : (List<Map<String, Object>>) data.get("steps")) {
                steps.add(new StepRecord((String) s.get("id"), StepState.parse((String) s.get("state")),
                        instant(s.get("started")), instant(s.get("ended")), (Integer) s.get("exit"),
                        (String) s.get("log"), (String) s.get("message"), (List<String>) s.get("retries")));
            }
            return new Journal(file, steps, instant(data.get("services-stopped")), instant(data.get("services-started")));
        } catch (IOException | RuntimeException e) {
            throw Failure.invalidInput("the journal " + file + " cannot be read (" + e.getMessage()
                    + "): this run cannot be resumed");
        }
    }

    public synchronized List<StepRecord> steps() {
        return List.copyOf(steps);
    }

    /** The step's state in this journal, when the journal has the step (a run's steps depend on its options). */
    public synchronized Optional<StepState> stateOf(StepId kind) {
        return steps.stream().filter(s -> s.id().equals(kind.id())).findFirst().map(StepRecord::state);
    }

    public synchronized StepRecord step(String id) {
        return steps.stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no step " + id));
    }

    /** The line of that kind of step. */
    public StepRecord step(StepId kind) {
        return step(kind.id());
    }

    public synchronized Optional<StepRecord> running() {
        return steps.stream().filter(s -> s.state() == StepState.RUNNING).findFirst();
    }

    public synchronized void update(StepRecord record) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).id().equals(record.id())) {
                steps.set(i, record);
            }
        }
        save();
    }

    public synchronized void servicesStopped(Instant when) {
        servicesStopped = when;
        save();
    }

    public synchronized void servicesStarted(Instant when) {
        servicesStarted = when;
        save();
    }

    /** When the services stopped (on old for a migration, on new for a rollback), if they did. */
    public synchronized Optional<Instant> servicesStoppedAt() {
        return Optional.ofNullable(servicesStopped);
    }

    /** When the services started (on new for a migration, on old again for a rollback), if they did. */
    public synchronized Optional<Instant> servicesStartedAt() {
        return Optional.ofNullable(servicesStarted);
    }

    /** The time between services stopping on old and starting on new, once both happened. */
    public synchronized Optional<Duration> downtime() {
        if (servicesStopped == null || servicesStarted == null) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(servicesStopped, servicesStarted));
    }

    public synchronized boolean complete() {
        return steps.stream().allMatch(s -> s.state() == StepState.DONE);
    }

    private void save() {
        Map<String, Object> data = new LinkedHashMap<>();
        List<Map<String, Object>> list = new ArrayList<>();
        for (StepRecord s : steps) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", s.id());
            entry.put("state", s.state().label());
            put(entry, "started", s.started());
            put(entry, "ended", s.ended());
            put(entry, "exit", s.exitCode());
            put(entry, "log", s.log());
            put(entry, "message", s.message());
            if (!s.retries().isEmpty()) {
                entry.put("retries", s.retries());
            }
            list.add(entry);
        }
        data.put("steps", list);
        put(data, "services-stopped", servicesStopped);
        put(data, "services-started", servicesStarted);
        try {
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temp, SafeYaml.dumper().dump(data), StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw Failure.whileRunning("could not write the journal " + file + ": " + e.getMessage(), e);
        }
    }

    private static void put(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value instanceof Instant ? value.toString() : value);
        }
    }

    private static Instant instant(Object value) {
        return value == null ? null : Instant.parse(value.toString());
    }
}
