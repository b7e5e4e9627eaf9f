package dev.matrixmigrate.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that runs matrix-migrate in a JVM of its own, as a user runs it, with this test
 * JVM's classes and temporary folder (each test fork has its own, see src/test/fork/bin/java).
 */
public final class ToolJvm {
    private ToolJvm() {
    }

    public static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"), "-cp", System.getProperty("java.class.path"),
                "dev.matrixmigrate.cli.MatrixMigrate"));
        command.addAll(List.of(args));
        return command;
    }
}
