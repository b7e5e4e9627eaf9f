package dev.matrixmigrate.plan;

import dev.matrixmigrate.ansible.InventoryHost;
import dev.matrixmigrate.config.MigrationSettings;
import dev.matrixmigrate.dns.DnsPlan;
import dev.matrixmigrate.facts.PlaybookValues;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything a migration will do, rendered: the files of the plan folder (by relative name), the
 * symbolic links in it, the steps in order, the steps that would roll it back, and what DNS answers for the
 * server's names. Building it reads the inventory and changes nothing.
 */
public record MigrationPlan(String runId, MigrationSettings settings, InventoryHost oldServer, InventoryHost newServer,
        PlaybookValues values, Path planDir, Map<String, String> files, Map<String, Path> links, List<PlannedStep> steps, List<PlannedStep> rollbackSteps, DnsPlan dns) {

    public MigrationPlan {
        files = Map.copyOf(files);
        links = Map.copyOf(links);
        steps = List.copyOf(steps);
        rollbackSteps = List.copyOf(rollbackSteps);
    }

    public String host() {
        return oldServer.name();
    }

    public String summary() {
        return host() + ": " + oldServer.describe() + " -> " + newServer.describe() + ", data " + values.dataPath();
    }
}
