package dev.matrixmigrate.config;

import dev.matrixmigrate.failure.Failure;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The homeserver implementations the playbook can install (matrix_homeserver_implementation). */
public enum Homeserver {
    SYNAPSE, DENDRITE, CONDUIT, CONTINUWUITY, TUWUNEL;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Homeserver parse(String value) {
        for (Homeserver h : values()) {
            if (h.id().equals(value)) {
                return h;
            }
        }
        throw Failure.invalidInput("--homeserver '" + value + "' is unknown: use one of " + names());
    }

    public static String names() {
        return Arrays.stream(values()).map(Homeserver::id).collect(Collectors.joining(", "));
    }
}
