package dev.matrixmigrate.plan;

import dev.matrixmigrate.failure.Failure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/** Writes a plan's files into its folder, which must be new or empty. */
public final class PlanWriter {
    public static void refuseNonEmpty(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isPresent()) {
                throw Failure.invalidInput("--output " + dir + " is not empty: name a new folder");
            }
        } catch (IOException e) {
            throw Failure.invalidInput("--output " + dir + " cannot be read: " + e.getMessage());
        }
    }

    public void write(MigrationPlan plan) {
        Path dir = plan.planDir();
        refuseNonEmpty(dir);
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, String> file : plan.files().entrySet()) {
                Path path = dir.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
            }
            for (Map.Entry<String, Path> link : plan.links().entrySet()) {
                Path path = dir.resolve(link.getKey());
                Files.createDirectories(path.getParent());
                Files.createSymbolicLink(path, link.getValue());
            }
        } catch (IOException e) {
            throw Failure.whileRunning("could not write the plan into " + dir + ": " + e.getMessage(), e);
        }
    }
}
