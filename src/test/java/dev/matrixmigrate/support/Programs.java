package dev.matrixmigrate.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a real program for a test's assertions and returns its output. */
public final class Programs {
    public record Output(int exitCode, String stdout) {
    }

    private Programs() {
    }

    public static Output run(Path dir, List<String> command) {
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(300, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            return new Output(process.exitValue(), out);
        } catch (IOException e) {
            throw new AssertionError("could not run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs and asserts exit code 0, returning stdout and stderr together. */
    public static String ok(Path dir, String... command) {
        Output output = run(dir, List.of(command));
        assertEquals(0, output.exitCode(), String.join(" ", command) + " failed:\n" + output.stdout());
        return output.stdout();
    }
}
