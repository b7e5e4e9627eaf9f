package dev.matrixmigrate.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One step's line in the journal; {@code retries}: each time it ran again by itself after a lost connection. */
public record StepRecord(String id, StepState state, Instant started, Instant ended, Integer exitCode, String log,
        String message, List<String> retries) {

    public StepRecord {
        retries = retries == null ? List.of() : List.copyOf(retries);
    }

    /** Whether this is the journal's line of that kind of step (a step of the tool's own, not a test's). */
    public boolean is(StepId kind) {
        return kind.named(id);
    }

    /** Whether this is that kind of step, and done. */
    public boolean done(StepId kind) {
        return is(kind) && state == StepState.DONE;
    }

    public static StepRecord pending(String id) {
        return new StepRecord(id, StepState.PENDING, null, null, null, null, null, List.of());
    }

    public StepRecord running(Instant now, String logFile) {
        return new StepRecord(id, StepState.RUNNING, now, null, null, logFile, null, List.of());
    }

    public StepRecord ended(StepState result, Instant now, Integer exit, String why) {
        return new StepRecord(id, result, started, now, exit, log, why, retries);
    }

    /** Still running, once more after a lost connection ({@code note} says when, why and after how long). */
    public StepRecord retried(String note) {
        List<String> all = new ArrayList<>(retries);
        all.add(note);
        return new StepRecord(id, state, started, ended, exitCode, log, message, all);
    }
}
