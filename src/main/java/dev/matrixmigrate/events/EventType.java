package dev.matrixmigrate.events;

import java.util.Arrays;
import java.util.Optional;

/** What an event tells, by the name it has in events.jsonl (docs/events.md shows one of each). */
public enum EventType {
    RUN_START("run-start"),
    RUN_END("run-end"),
    STEP_START("step-start"),
    STEP_END("step-end"),
    STEP_FAILED("step-failed"),
    STEP_INTERRUPTED("step-interrupted"),
    STEP_RETRY("step-retry"),
    COMMAND_START("command-start"),
    COMMAND_END("command-end"),
    COPY_PROGRESS("copy-progress"),
    DOWNTIME_START("downtime-start"),
    DOWNTIME_END("downtime-end"),
    TASK("task");

    private final String wire;

    EventType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<EventType> parse(String wire) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(wire)).findFirst();
    }
}
