package dev.matrixmigrate.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import dev.matrixmigrate.playbook.PlanFiles;
import dev.matrixmigrate.support.Cli;
import dev.matrixmigrate.support.Fixtures;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/plan.md's tables name every file of the plan folder: what plan writes, and what a run writes there. */
class PlanDocsTest {
    @TempDir
    Path root;

    @Test
    void everyFileThePlanWritesIsInPlanMd() throws IOException {
        Path dir = Fixtures.playbook(root.resolve("playbook"));
        Path planDir = root.resolve("plan");
        Cli.Result result = Cli.run("plan", "--playbook", dir.toString(), "--host", "matrix.example.com", "--to",
                "198.51.100.20", "--output", planDir.toString(), "--forward");
        assertEquals(0, result.exitCode(), result.toString());
        String docs = Files.readString(Path.of("docs/plan.md"));
        List<String> missing = new ArrayList<>();
        try (Stream<Path> files = Files.list(planDir)) {
            files.map(file -> file.getFileName().toString()).filter(name -> !docs.contains("`" + name))
                    .forEach(missing::add);
        }
        assertEquals(List.of(), missing, "files plan writes that docs/plan.md does not name");
    }

    @Test
    void everyFileARunWritesIntoThePlanFolderIsInPlanMd() throws Exception {
        String docs = Files.readString(Path.of("docs/plan.md"));
        List<String> missing = new ArrayList<>();
        for (Field field : PlanFiles.class.getFields()) {
            // environment variables and tags are no files
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
                    && !field.getName().endsWith("_VARIABLE") && !field.getName().endsWith("_TAG")) {
                String name = (String) field.get(null);
                if (!docs.contains("`" + name)) {
                    missing.add(field.getName() + " = " + name);
                }
            }
        }
        assertEquals(List.of(), missing, "plan files that docs/plan.md does not name");
    }
}
