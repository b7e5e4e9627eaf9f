package dev.matrixmigrate.support;

import dev.matrixmigrate.process.CommandSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The real command line in a separate JVM on a pseudo-terminal (util-linux {@code script}), as a
 * person at a terminal runs it: what it shows, with its carriage returns, is in {@link #screen()},
 * and {@link #answer} types a line once a prompt is on the screen.
 */
public final class Terminal implements AutoCloseable {
    private final Process process;
    private final Path typescript;
    private final OutputStream keyboard;

    private Terminal(Process process, Path typescript) {
        this.process = process;
        this.typescript = typescript;
        this.keyboard = process.getOutputStream();
    }

    /** Starts matrix-migrate with these arguments in {@code dir}, its terminal recorded in {@code typescript}. */
    public static Terminal start(Path dir, Path typescript, String... args) throws IOException {
        List<String> command = ToolJvm.command(args);
        Process process = new ProcessBuilder("script", "--quiet", "--flush", "--return", "--command",
                command.stream().map(CommandSpec::quote).collect(Collectors.joining(" ")),
                typescript.toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return new Terminal(process, typescript);
    }

    /** Everything shown so far, exactly as written to the terminal. */
    public String screen() {
        try {
            return Files.exists(typescript) ? Files.readString(typescript, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Waits until the screen shows {@code prompt}, then types the line. */
    public void answer(String prompt, String line, Duration within) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (!screen().contains(prompt)) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new AssertionError("no prompt '" + prompt + "' on the terminal; it shows:\n" + screen());
            }
            Thread.sleep(200);
        }
        Thread.sleep(300); // the prompt is written before the terminal is put in no-echo mode for a password
        keyboard.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    /** Waits for the command to end and returns its exit code. */
    public int exitCode(Duration within) throws InterruptedException {
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("still running after " + within + "; the terminal shows:\n" + screen());
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }
}
