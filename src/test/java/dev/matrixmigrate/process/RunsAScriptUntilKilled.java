package dev.matrixmigrate.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A stand-in for the tool in a JVM of its own: it runs a fixture script, and the test kills it with kill -9. */
public final class RunsAScriptUntilKilled {
    private RunsAScriptUntilKilled() {
    }

    public static void main(String[] args) {
        new ProcessRunner().run(CommandSpec.of(Path.of("."), List.of(args)).withTimeout(Duration.ofMinutes(5)),
                ProcessOutput.captured());
    }
}
