package dev.matrixmigrate.config;

import java.time.Duration;
import java.util.List;

/**
 * How the migration runs: what is copied, how, how it is verified, the playbook's tags on the new
 * server, how long the preflight waits for the old server's endpoints and the health check after the
 * start for the new server's, and how the database travels.
 */
public record ProcedureSettings(String dataPath, boolean cold, boolean verifyChecksum, boolean forceTarget,
        List<String> installTags, List<String> startTags, Duration healthTimeout, Duration preflightTimeout,
        boolean selfCheck, DatabaseRoute database) {

    public ProcedureSettings {
        installTags = List.copyOf(installTags);
        startTags = List.copyOf(startTags);
    }

    /**
     * Whether the plan holds the dump route's import: the route may be dump, and the install runs apart from
     * the start (--cold installs and starts in one run, with no moment to import between the two).
     */
    public boolean mayImport() {
        return database.mayDump() && !cold;
    }

    public String startTagsArgument() {
        return String.join(",", startTags);
    }

    public String installTagsArgument() {
        return String.join(",", installTags);
    }
}
