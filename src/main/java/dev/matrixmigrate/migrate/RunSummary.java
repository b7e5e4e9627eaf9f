package dev.matrixmigrate.migrate;

import dev.matrixmigrate.engine.CutoverNotes;
import dev.matrixmigrate.engine.Journal;
import dev.matrixmigrate.engine.MigrationEngine;
import dev.matrixmigrate.engine.RunFolder;
import dev.matrixmigrate.playbook.PlanFiles;
import dev.matrixmigrate.steps.ImportDatabase;
import dev.matrixmigrate.steps.Start;
import dev.matrixmigrate.steps.StepKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a completed run tells its user: the downtime and where it went (from what the cutover noted
 * and the journal's start step), and how many files the final pass left as the install wrote them.
 */
public final class RunSummary {
    private RunSummary() {
    }

    public static List<String> lines(RunFolder run, Journal journal) {
        List<String> lines = new ArrayList<>();
        journal.downtime().ifPresent(downtime -> {
            lines.add("Services were down for " + MigrationEngine.seconds(downtime)
                    + " (stopped on the old server until started on the new one).");
            Map<String, Duration> parts = windowParts(run.planDir(), journal);
            if (!parts.isEmpty()) {
                Duration rest = downtime;
                List<String> shown = new ArrayList<>();
                for (Map.Entry<String, Duration> part : parts.entrySet()) {
                    shown.add(part.getKey() + " " + MigrationEngine.seconds(part.getValue()));
                    rest = rest.minus(part.getValue());
                }
                shown.add("Ansible's own work between them " + MigrationEngine.seconds(rest.isNegative() ? Duration.ZERO : rest));
                lines.add("Inside it: " + String.join(", ", shown) + ".");
            }
        });
        CutoverNotes.read(run.planDir().resolve(PlanFiles.CUTOVER_NOTES)).dumpBytes().ifPresent(bytes ->
                lines.add("The database traveled as a dump of " + String.format(java.util.Locale.ROOT, "%.1f MiB",
                        bytes / 1048576.0) + " (zstd), imported on the new server before the start."));
        Path installed = run.planDir().resolve(PlanFiles.INSTALLED_ON_NEW);
        if (Files.isRegularFile(installed)) {
            long count = read(installed).lines().filter(line -> !line.isEmpty()).count();
            lines.add(count + " files the install wrote for the new server were left as it wrote them (listed in "
                    + installed + ").");
        }
        return lines;
    }

    /** The stop, the final pass and the verification as the cutover timed them, then the start. */
    static Map<String, Duration> windowParts(Path planDir, Journal journal) {
        CutoverNotes notes = CutoverNotes.read(planDir.resolve(PlanFiles.CUTOVER_NOTES));
        Map<String, Duration> parts = new LinkedHashMap<>(notes.parts());
        // the import step has nothing to do on the copy route
        for (StepKind kind : notes.dumpBytes().isPresent() ? List.of(ImportDatabase.KIND, Start.KIND)
                : List.of(Start.KIND)) {
            journal.steps().stream().filter(step -> step.is(kind) && step.ended() != null).findFirst()
                    .ifPresent(step -> parts.put(kind == Start.KIND ? "start" : "import",
                            Duration.between(step.started(), step.ended())));
        }
        return parts;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
