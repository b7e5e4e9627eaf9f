package dev.matrixmigrate.config;

import java.time.Duration;
import java.util.List;

/**
 * How the migration runs: what is copied, how, how it is verified, the playbook's tags on the new
 * server, and how the new server's health is checked after the start.
 */
public record ProcedureSettings(String dataPath, boolean cold, boolean verifyChecksum, boolean forceTarget,
        List<String> installTags, List<String> startTags, Duration healthTimeout, boolean selfCheck) {

    public ProcedureSettings {
        installTags = List.copyOf(installTags);
        startTags = List.copyOf(startTags);
    }

    public String startTagsArgument() {
        return String.join(",", startTags);
    }

    public String installTagsArgument() {
        return String.join(",", installTags);
    }
}
