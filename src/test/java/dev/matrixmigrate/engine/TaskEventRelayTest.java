package dev.matrixmigrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.matrixmigrate.events.EventFile;
import dev.matrixmigrate.events.EventLog;
import dev.matrixmigrate.events.SecretMask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin's task lines become task events once each: a cut line waits, and what a killed run left is passed on. */
class TaskEventRelayTest {
    @TempDir
    Path run;

    private List<String> tasks() {
        return EventFile.read(run.resolve(EventLog.FILE)).stream()
                .map(e -> e.path("step").asText() + " " + e.path("task").asText()).toList();
    }

    private void relayOnce() {
        try (EventLog log = EventLog.open(run, "r", null, SecretMask.none());
                TaskEventRelay relay = TaskEventRelay.start(run.resolve(RunEvents.TASK_EVENTS_DIR), log)) {
            // closing passes on what the files hold
        }
    }

    @Test
    void eachLineIsPassedOnOnceAndWhatAnEarlierInvocationLeftIsPassedOnNext() throws Exception {
        Path dir = Files.createDirectories(run.resolve(RunEvents.TASK_EVENTS_DIR));
        Path warm = dir.resolve("02-sync-warm.jsonl");
        Files.writeString(warm, "{\"task\":\"a\",\"status\":\"ok\"}\n{\"task\":\"b\",\"status\":\"ok\"}\n{\"task\":\"c\"");
        relayOnce();
        assertEquals(List.of("sync-warm a", "sync-warm b"), tasks(), "a line still being written waits");

        // written after that invocation ended (as by a run killed before it passed them on)
        Files.writeString(warm, ",\"status\":\"changed\"}\n", StandardOpenOption.APPEND);
        Files.writeString(dir.resolve("05-install.jsonl"), "{\"task\":\"d\",\"status\":\"changed\"}\n");
        relayOnce();
        assertEquals(List.of("sync-warm a", "sync-warm b", "sync-warm c", "install d"), tasks(),
                "the next invocation passes on what was left, and nothing twice");
        relayOnce();
        assertEquals(4, tasks().size(), "nothing new, nothing passed on");
    }
}
