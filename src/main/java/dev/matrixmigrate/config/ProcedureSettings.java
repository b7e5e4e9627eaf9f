package dev.matrixmigrate.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How the migration runs: what is copied, how, how it is verified, the playbook's tags on the new
 * server, how long the preflight waits for the old server's endpoints and the health check after the
 * start for the new server's, and how the database travels. The data path is the playbook's
 * (matrix_base_data_path); --data-path only confirms it.
 */
public record ProcedureSettings(Optional<String> confirmedDataPath, boolean cold, boolean verifyChecksum, boolean forceTarget,
        List<String> installTags, List<String> startTags, Duration healthTimeout, Duration preflightTimeout,
        boolean selfCheck, DatabaseRoute database) {

    public ProcedureSettings {
        installTags = List.copyOf(installTags);
        startTags = List.copyOf(startTags);
    }

    /**
     * The route the preflight may take: --cold installs and starts in one run, with no moment to import a
     * dump between the two, so it never takes the dump route.
     */
    public DatabaseRoute offeredRoute() {
        return cold ? DatabaseRoute.COPY : database;
    }

    /** Whether the plan holds the dump route's import. */
    public boolean mayImport() {
        return offeredRoute().mayDump();
    }

    /** Whether the plan holds the stream route's standby (the preflight may still take another route). */
    public boolean mayStream() {
        return offeredRoute().mayStream();
    }

    public String startTagsArgument() {
        return String.join(",", startTags);
    }

    public String installTagsArgument() {
        return String.join(",", installTags);
    }
}
