package dev.matrixmigrate.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares rendered output with a golden file. {@code make golden} (Maven with
 * {@code -Dgolden.update=true}) rewrites the golden files after an intended change.
 */
public final class Golden {
    public static final Path ROOT = Path.of("src/test/resources/golden");

    private Golden() {
    }

    public static boolean updating() {
        return Boolean.getBoolean("golden.update");
    }

    public static void assertMatches(String name, String actual) {
        assertFile(ROOT.resolve(name), actual);
    }

    public static void assertFile(Path expected, String actual) {
        try {
            if (updating()) {
                Files.createDirectories(expected.toAbsolutePath().getParent());
                Files.writeString(expected, actual, StandardCharsets.UTF_8);
                return;
            }
            assertTrue(Files.exists(expected), "golden file " + expected + " is missing: run `make golden`");
            assertEquals(Files.readString(expected, StandardCharsets.UTF_8), actual,
                    "output differs from " + expected + " (run `make golden` if the change is intended)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
