package dev.matrixmigrate.engine;

import java.util.Locale;

/** Where a step of a run stands, as the journal records it. */
public enum StepState {
    PENDING, RUNNING, DONE, FAILED, INTERRUPTED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static StepState parse(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
