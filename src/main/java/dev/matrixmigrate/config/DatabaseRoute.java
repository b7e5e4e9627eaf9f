package dev.matrixmigrate.config;

import dev.matrixmigrate.failure.Failure;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the playbook's PostgreSQL travels to the new server. */
public enum DatabaseRoute {
    /** The preflight chooses: dump when the servers' CPU architectures differ, copy otherwise. */
    AUTO("auto"),
    /** The raw data files travel with the rest of the data path. */
    COPY("copy"),
    /** The raw data files stay behind; a pg_dumpall dump is imported into the new server's fresh Postgres. */
    DUMP("dump"),
    /**
     * The raw data files stay out of the copy: during the warm phase a standby on the new server follows the old
     * server's Postgres by streaming replication; the cutover promotes it. Same CPU architecture only (else dump).
     */
    STREAM("stream");

    private final String label;

    DatabaseRoute(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether this route may end up dumping and importing, so the plan needs the import step. */
    public boolean mayDump() {
        return this != COPY;
    }

    /** Whether the plan holds the stream route's standby. */
    public boolean mayStream() {
        return this == STREAM;
    }

    public static DatabaseRoute parse(String option, String value) {
        return Arrays.stream(values()).filter(r -> r.label.equals(value.toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> Failure.invalidInput(option + " '" + value + "' is not a route: choose "
                        + Arrays.stream(values()).map(DatabaseRoute::label).collect(Collectors.joining(", "))));
    }
}
