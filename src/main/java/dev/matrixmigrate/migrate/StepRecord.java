package dev.matrixmigrate.migrate;

import java.time.Instant;

/** One step's line in the journal. */
public record StepRecord(String id, StepState state, Instant started, Instant ended, Integer exitCode, String log,
        String message) {

    public static StepRecord pending(String id) {
        return new StepRecord(id, StepState.PENDING, null, null, null, null, null);
    }

    public StepRecord running(Instant now, String logFile) {
        return new StepRecord(id, StepState.RUNNING, now, null, null, logFile, null);
    }

    public StepRecord ended(StepState result, Instant now, Integer exit, String why) {
        return new StepRecord(id, result, started, now, exit, log, why);
    }
}
