package dev.matrixmigrate.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.matrixmigrate.engine.Journal;
import dev.matrixmigrate.engine.RunFolder;
import dev.matrixmigrate.engine.RunLock;
import dev.matrixmigrate.engine.RunRecord;
import dev.matrixmigrate.engine.StepState;
import dev.matrixmigrate.steps.StepList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.matrixmigrate.events.EventLog;
import dev.matrixmigrate.events.EventType;
import dev.matrixmigrate.events.SecretMask;
import dev.matrixmigrate.failure.ExitCode;
import dev.matrixmigrate.support.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** status (text, --json, --run and its exit code) and prune over run folders in every state. */
class RunsHousekeepingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> MIGRATION = List.of(id("preflight"), id("cutover"),
            id("start"));
    private static final List<String> ROLLBACK = List.of(id("check-new"), id("start-old"));

    @TempDir
    Path playbook;

    /** Oldest first: rolled back, complete, failed, complete, interrupted (killed in a step), complete. */
    @BeforeEach
    void runs() throws IOException {
        Journal rolledBack = run("20261101-100000");
        done(rolledBack, MIGRATION);
        Journal back = Journal.createRollback(RunFolder.of(playbook, "20261101-100000").dir(), ROLLBACK);
        done(back, ROLLBACK);
        done(run("20261102-100000"), MIGRATION);
        Journal failed = run("20261103-100000");
        failed.update(failed.step(id("preflight")).running(Instant.now(), "logs/01-preflight.log")
                .ended(StepState.FAILED, Instant.now(), 2, "the command exited with code 2"));
        done(run("20261104-100000"), MIGRATION);
        Journal killed = run("20261105-100000");
        killed.update(killed.step(id("preflight")).running(Instant.now(), "logs/01-preflight.log"));
        done(run("20261106-100000"), List.of(id("preflight")));
        Journal newest = Journal.load(RunFolder.of(playbook, "20261106-100000").dir());
        newest.servicesStopped(Instant.parse("2026-11-06T10:05:00Z"));
        done(newest, MIGRATION);
        newest.servicesStarted(Instant.parse("2026-11-06T10:05:42Z"));
        try (EventLog log = EventLog.open(RunFolder.of(playbook, "20261106-100000").dir(), "20261106-100000", null,
                SecretMask.none())) {
            log.emit(EventType.RUN_START);
            log.emit(EventType.TASK, EventLog.fields("step", "start", "host", "matrix.example.com", "task", "Start",
                    "status", "changed"));
            log.emit(EventType.TASK, EventLog.fields("step", "start", "host", "matrix.example.com", "task", "Check",
                    "status", "failed", "message", "not yet"));
            log.emit(EventType.RUN_END);
        }
    }

    private Journal run(String id) throws IOException {
        RunFolder run = RunFolder.of(playbook, id);
        Files.createDirectories(run.planDir());
        Files.writeString(Files.createDirectories(run.logsDir()).resolve("01-preflight.log"), "x".repeat(1000));
        new RunRecord(id, playbook, playbook.resolve("inventory/hosts"), "matrix.example.com",
                "matrix.example.com: 192.0.2.10 -> 192.0.2.20", "192.0.2.10", "192.0.2.20", steps(MIGRATION),
                steps(ROLLBACK)).write(run.dir());
        return Journal.create(run.dir(), MIGRATION);
    }

    private static void done(Journal journal, List<String> ids) {
        for (String id : ids) {
            journal.update(journal.step(id).running(Instant.now(), "logs/" + id + ".log").ended(StepState.DONE,
                    Instant.now(), 0, null));
        }
        if (ids.contains(id("cutover")) && journal.servicesStoppedAt().isEmpty()) {
            journal.servicesStopped(Instant.now());
        }
    }

    private static List<RunRecord.StepPlan> steps(List<String> ids) {
        return ids.stream().map(id -> new RunRecord.StepPlan(id, id, "old",
                List.of(new RunRecord.RecordedCommand(id, List.of("true"), Map.of())), null)).toList();
    }

    private Cli.Result cli(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--playbook", playbook.toString()));
        return Cli.run(all.toArray(String[]::new));
    }

    @Test
    void statusJsonHasEveryRunItsStateStepsAndRoom() throws Exception {
        Cli.Result result = cli("status", "--json");
        assertEquals(0, result.exitCode(), result.toString());
        JsonNode status = JSON.readTree(result.out());
        assertEquals(6, status.get("count").asInt());
        assertTrue(status.get("bytes").asLong() > 6000, status.toString());
        List<String> states = new java.util.ArrayList<>();
        status.get("runs").forEach(run -> states.add(run.get("id").asText() + " " + run.get("state").asText()));
        assertEquals(List.of("20261101-100000 rolled-back", "20261102-100000 complete", "20261103-100000 failed",
                "20261104-100000 complete", "20261105-100000 interrupted", "20261106-100000 complete"), states);
        JsonNode failed = status.get("runs").get(2);
        assertEquals("preflight", failed.get("stopped-at").asText());
        assertEquals("the command exited with code 2", failed.get("steps").get(0).get("message").asText());
        assertEquals(42.0, status.get("runs").get(5).get("downtime-seconds").asDouble());
        assertTrue(status.get("runs").get(0).get("rollback").get("complete").asBoolean());
        assertFalse(status.get("runs").get(5).has("events"), "events only with --run");
    }

    @Test
    void statusTextEndsWithHowManyRunsAndTheirRoom() {
        Cli.Result result = cli("status");
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.out().contains("run 20261103-100000: matrix.example.com: 192.0.2.10 -> 192.0.2.20 [failed at"
                + " preflight]"), result.out());
        assertTrue(result.out().contains("[interrupted at preflight]"), result.out());
        assertTrue(result.out().strip().lines().reduce((a, b) -> b).orElseThrow().matches("6 runs, [\\d.]+ KiB in .*"
                + "prune --keep N removes older finished ones\\)"), result.out());
    }

    @Test
    void statusOfOneRunSummarisesItsEventsAndSaysInItsExitCodeWhereItStands() throws Exception {
        Cli.Result complete = cli("status", "--run", "20261106-100000");
        assertEquals(ExitCode.OK, complete.exitCode(), complete.toString());
        assertTrue(complete.out().contains("events: 4 in events.jsonl, by type: run-end 1, run-start 1, task 2"),
                complete.out());
        assertTrue(complete.out().contains("Ansible tasks: changed 1, failed 1"), complete.out());
        assertTrue(complete.out().contains("failed task: start: matrix.example.com: Check: not yet"), complete.out());
        assertEquals(ExitCode.FAILURE, cli("status", "--run", "20261103-100000").exitCode());
        assertEquals(ExitCode.FAILURE, cli("status", "--run", "20261105-100000").exitCode());
        JsonNode one = JSON.readTree(cli("status", "--run", "20261106-100000", "--json").out());
        assertEquals(1, one.get("runs").size());
        assertEquals(2, one.get("runs").get(0).get("events").get("tasks").size());
        try (RunLock lock = RunLock.take(playbook, "20261105-100000")) {
            assertEquals(ExitCode.RUNNING, cli("status", "--run", "20261105-100000").exitCode(),
                    "a run whose lock is held is running");
        }
        Cli.Result unknown = cli("status", "--run", "20260101-000000");
        assertEquals(2, unknown.exitCode());
        assertEquals(1, unknown.err().strip().lines().count(), unknown.err());
    }

    @Test
    void pruneKeepsTheNewestAndEveryRunThatCouldGoOnOrBack() {
        Cli.Result dry = cli("prune", "--keep", "1", "--dry-run");
        assertEquals(0, dry.exitCode(), dry.toString());
        assertTrue(dry.out().contains("would remove run 20261101-100000 [rolled back]"), dry.out());
        assertTrue(dry.out().contains("keeping run 20261103-100000: it can be resumed"), dry.out());
        assertTrue(dry.out().contains("keeping run 20261105-100000: it can be resumed"), dry.out());
        assertTrue(dry.out().contains("would remove 3 of 6 runs"), dry.out());
        assertEquals(6, RunFolder.all(playbook).size(), "a dry run removes nothing");

        Cli.Result pruned = cli("prune", "--keep", "0");
        assertEquals(0, pruned.exitCode(), pruned.toString());
        assertTrue(pruned.out().contains("keeping run 20261106-100000: it can still be rolled back"), pruned.out());
        assertEquals(List.of("20261103-100000", "20261105-100000", "20261106-100000"),
                RunFolder.all(playbook).stream().map(RunFolder::id).toList());
        assertFalse(Files.exists(RunFolder.of(playbook, "20261102-100000").dir()));
    }

    @Test
    void pruneRefusesANegativeCountAndWaitsForNoRun() {
        Cli.Result negative = cli("prune", "--keep", "-1");
        assertEquals(2, negative.exitCode());
        assertTrue(negative.err().contains("--keep -1 is below 0"), negative.err());
        try (RunLock lock = RunLock.take(playbook, "20261105-100000")) {
            Cli.Result busy = cli("prune", "--keep", "0");
            assertEquals(2, busy.exitCode(), busy.toString());
            assertTrue(busy.err().contains("another matrix-migrate is working on"), busy.err());
        }
        assertEquals(6, RunFolder.all(playbook).size());
    }

    @Test
    void eventsGoToAFileInAFolderThatExistsAndOnlyWhenSomethingRuns() {
        Cli.Result missing = Cli.run("migrate", "--playbook", playbook.toString(), "--resume", "--yes", "--events",
                playbook.resolve("no-such-folder/events.jsonl").toString());
        assertEquals(2, missing.exitCode(), missing.toString());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
        assertTrue(missing.err().contains("does not exist: give a file to append the events to, or - for standard"
                + " output"), missing.err());
        Cli.Result folder = Cli.run("migrate", "--playbook", playbook.toString(), "--resume", "--yes", "--events",
                playbook.toString());
        assertEquals(2, folder.exitCode(), folder.toString());
        assertTrue(folder.err().contains("is a folder"), folder.err());
        Cli.Result dry = Cli.run("migrate", "--playbook", playbook.toString(), "--resume", "--dry-run", "--events", "-");
        assertEquals(2, dry.exitCode(), dry.toString());
        assertTrue(dry.err().contains("--dry-run runs nothing"), dry.err());
        assertEquals(List.of(), EventFileLines.of(RunFolder.of(playbook, "20261105-100000").dir()),
                "nothing was written");
    }

    /** The lines of a run's events.jsonl, none when it has none. */
    private static final class EventFileLines {
        static List<String> of(Path runDir) {
            try {
                Path file = runDir.resolve(EventLog.FILE);
                return Files.exists(file) ? Files.readAllLines(file) : List.of();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** A kind's id, known to the tool: a renamed kind fails here. */
    private static String id(String kind) {
        return StepList.byId(kind).orElseThrow().id();
    }
}
