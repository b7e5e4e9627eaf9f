package dev.matrixmigrate.engine;

import dev.matrixmigrate.failure.Failure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The folder of one run, {@code DIR/.matrix-migrate/runs/<id>/}: the plan it runs ({@code plan/}),
 * what is needed to resume it ({@code run.yml}), the journal, and one log per step ({@code logs/}).
 */
public record RunFolder(Path dir) {
    public static Path runsDir(Path playbookDir) {
        return playbookDir.resolve(".matrix-migrate").resolve("runs");
    }

    public static RunFolder of(Path playbookDir, String runId) {
        return new RunFolder(runsDir(playbookDir).resolve(runId));
    }

    public String id() {
        return dir.getFileName().toString();
    }

    public Path planDir() {
        return dir.resolve("plan");
    }

    public Path logsDir() {
        return dir.resolve("logs");
    }

    /** All runs of a playbook folder, oldest first (ids sort by time). */
    public static List<RunFolder> all(Path playbookDir) {
        Path runs = runsDir(playbookDir);
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(runs)) {
            return entries.filter(p -> Files.isRegularFile(p.resolve(RunRecord.FILE)))
                    .sorted(Comparator.comparing(Path::getFileName)).map(RunFolder::new).toList();
        } catch (IOException e) {
            throw Failure.invalidInput(runs + " cannot be read: " + e.getMessage());
        }
    }

    /** The run to resume or roll back (the purpose, as the message names it): the one named, or the newest. */
    public static RunFolder find(Path playbookDir, String runId, String purpose) {
        List<RunFolder> runs = all(playbookDir);
        if (runs.isEmpty()) {
            throw Failure.invalidInput("no run to " + purpose + " in " + runsDir(playbookDir)
                    + ": start one with matrix-migrate migrate");
        }
        if (runId == null) {
            return runs.get(runs.size() - 1);
        }
        return runs.stream().filter(r -> r.id().equals(runId)).findFirst().orElseThrow(() -> Failure.invalidInput(
                "--run " + runId + " is not a run of " + playbookDir + ": matrix-migrate status lists them"));
    }
}
