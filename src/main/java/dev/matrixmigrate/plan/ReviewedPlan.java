package dev.matrixmigrate.plan;

import dev.matrixmigrate.failure.Failure;
import dev.matrixmigrate.playbook.PlanFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A plan folder someone reviewed, run as it is by `migrate --plan`: the plan the tool would write now into that very
 * folder, with the run id it was written with, must be the one there, file for file and byte for byte. Otherwise the
 * run is refused, naming what changed (the playbook's or the inventory's parts, the tool) and the files that would
 * differ.
 */
public final class ReviewedPlan {
    /** What a plan writes that may differ from one moment to the next without the plan being another. */
    private static final Set<String> NOT_COMPARED = Set.of(PlanFiles.PLAN_SOURCE, PlanFiles.DNS_RECORDS);

    private ReviewedPlan() {
    }

    /** The run id the plan in {@code dir} was written with (refused when dir is no plan folder). */
    public static String runId(Path dir) {
        return PlanSource.read(dir).runId();
    }

    /** Refuses, changing nothing, when {@code now} (built for {@code dir}) is not the plan in dir. */
    public static void requireSame(MigrationPlan now, Path dir) {
        List<String> changes = PlanSource.read(dir).changesTo(PlanSource.parse(now.files().get(PlanFiles.PLAN_SOURCE)));
        List<String> differing = new ArrayList<>();
        for (Map.Entry<String, String> file : new TreeMap<>(now.files()).entrySet()) {
            if (!NOT_COMPARED.contains(file.getKey()) && !file.getValue().equals(read(dir.resolve(file.getKey())))) {
                differing.add(file.getKey());
            }
        }
        for (Map.Entry<String, Path> link : new TreeMap<>(now.links()).entrySet()) {
            if (!link.getValue().equals(target(dir.resolve(link.getKey())))) {
                differing.add(link.getKey());
            }
        }
        if (changes.isEmpty() && differing.isEmpty()) {
            return;
        }
        throw Failure.invalidInput("--plan " + dir + " is not the plan that would run now: "
                + (changes.isEmpty() ? "" : String.join(", ", changes) + " changed since it was written; ")
                + (differing.isEmpty() ? "" : "its " + String.join(", ", differing) + " would be written otherwise"
                        + (changes.isEmpty() ? " (give migrate the options plan was given, or the same --config)" : "")
                        + "; ")
                + "make a new plan with matrix-migrate plan, review it and run that (nothing was changed)");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    private static Path target(Path link) {
        try {
            return Files.readSymbolicLink(link);
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }
}
