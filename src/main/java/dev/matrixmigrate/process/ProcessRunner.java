package dev.matrixmigrate.process;

import dev.matrixmigrate.failure.Failure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.exec.DefaultExecuteResultHandler;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.environment.EnvironmentUtils;

/**
 * Runs every external command of the tool: no shell, no standard input (a prompt fails instead of
 * hanging), a time limit, output captured or streamed to a log, and on time-out or interruption
 * the whole process tree is stopped. Every command runs under a {@link ProcessGuard}, so that nothing
 * it starts outlives the tool, also when the tool is killed.
 */
public final class ProcessRunner {
    private static final Duration GRACE = Duration.ofSeconds(5);

    /** Told of every command this runner runs or launches for its end (not of background helpers). */
    public interface Observer {
        Observer NONE = new Observer() {
        };

        default void started(CommandSpec spec) {
        }

        default void ended(CommandSpec spec, ProcessResult result) {
        }
    }

    private final Map<String, String> environment;
    private final Observer observer;

    public ProcessRunner() {
        this(Map.of(), Observer.NONE);
    }

    private ProcessRunner(Map<String, String> environment, Observer observer) {
        this.environment = Map.copyOf(environment);
        this.observer = observer;
    }

    /**
     * This runner with more environment for every command (under each command's own) and an observer of the
     * commands it runs.
     */
    public ProcessRunner observed(Map<String, String> moreEnvironment, Observer observer) {
        Map<String, String> all = new HashMap<>(environment);
        all.putAll(moreEnvironment);
        return new ProcessRunner(all, observer);
    }

    public ProcessResult run(CommandSpec spec, ProcessOutput output) {
        observer.started(spec);
        ProcessResult result = runObserved(spec, output);
        observer.ended(spec, result);
        return result;
    }

    private ProcessResult runObserved(CommandSpec spec, ProcessOutput output) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        ByteArrayOutputStream capturedErrors = new ByteArrayOutputStream();
        Instant started = Instant.now();
        AtomicReference<Process> process = new AtomicReference<>();
        try (OutputStream sink = sink(output, captured)) {
            DefaultExecutor executor = CommonsExec.executor(spec, process);
            // what the tool reads is stdout alone: warnings on stderr (ansible-core 2.21's deprecations) never mix in
            executor.setStreamHandler(new CommonsExec.GuardedStreams(sink, output.capture() ? capturedErrors : sink));
            executor.setExitValues(null);
            DefaultExecuteResultHandler handler = new DefaultExecuteResultHandler();
            executor.execute(CommonsExec.commandLine(spec), environment(spec), handler);
            boolean timedOut = !waitFor(handler, spec.timeout());
            if (timedOut) {
                stopTree(process.get());
                handler.waitFor(GRACE.toMillis());
            }
            int exit = handler.hasResult() ? handler.getExitValue() : -1;
            if (handler.hasResult() && handler.getException() != null && exit == org.apache.commons.exec.Executor.INVALID_EXITVALUE) {
                throw Failure.whileRunning("could not start " + spec.program() + ": "
                        + rootMessage(handler.getException()));
            }
            return new ProcessResult(exit, Duration.between(started, Instant.now()), timedOut,
                    output.capture() ? captured.toString(StandardCharsets.UTF_8) : "",
                    output.capture() ? capturedErrors.toString(StandardCharsets.UTF_8) : "");
        } catch (InterruptedException e) {
            stopTree(process.get());
            Thread.currentThread().interrupt();
            throw Failure.whileRunning("interrupted while running " + spec.program());
        } catch (IOException e) {
            throw Failure.whileRunning("could not run " + spec.program() + ": " + e.getMessage(), e);
        }
    }

    /** A command running in the background, writing its output to a sink until it ends or is stopped. */
    public interface Background extends AutoCloseable {
        /** Stops the command and everything it started. */
        @Override
        void close();
    }

    /** A command started in the background whose end is awaited. */
    public interface Launched extends Background {
        /** Waits until the command ends, within its time limit (then it is stopped). */
        ProcessResult await();

        /** Whether the command has ended. */
        boolean ended();
    }

    /** Starts a command in the background; its stdout goes to {@code sink} (and stderr too, when asked). */
    public Background start(CommandSpec spec, OutputStream sink) {
        return launch(spec, sink, false);
    }

    /** Starts a command whose end the caller awaits; its stdout and stderr go to {@code sink}. */
    public Launched launch(CommandSpec spec, OutputStream sink) {
        return launch(spec, sink, true);
    }

    private Launched launch(CommandSpec spec, OutputStream sink, boolean withErrors) {
        if (withErrors) {
            observer.started(spec);
        }
        AtomicReference<Process> process = new AtomicReference<>();
        DefaultExecutor executor = CommonsExec.executor(spec, process);
        executor.setStreamHandler(new CommonsExec.GuardedStreams(sink, withErrors ? sink : OutputStream.nullOutputStream()));
        executor.setExitValues(null);
        DefaultExecuteResultHandler handler = new DefaultExecuteResultHandler();
        Instant started = Instant.now();
        try {
            executor.execute(CommonsExec.commandLine(spec), environment(spec), handler);
        } catch (IOException e) {
            throw Failure.whileRunning("could not start " + spec.program() + ": " + e.getMessage(), e);
        }
        return new Launched() {
            @Override
            public ProcessResult await() {
                try {
                    boolean timedOut = !waitFor(handler, spec.timeout().minus(Duration.between(started, Instant.now())));
                    if (timedOut) {
                        close();
                    }
                    ProcessResult result = new ProcessResult(handler.hasResult() ? handler.getExitValue() : -1,
                            Duration.between(started, Instant.now()), timedOut, "", "");
                    observer.ended(spec, result);
                    return result;
                } catch (InterruptedException e) {
                    close();
                    Thread.currentThread().interrupt();
                    throw Failure.whileRunning("interrupted while running " + spec.program());
                }
            }

            @Override
            public boolean ended() {
                return handler.hasResult();
            }

            @Override
            public void close() {
                stopTree(process.get());
                try {
                    handler.waitFor(GRACE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    /** Runs a command whose output the tool reads; returns it, or fails naming the command. */
    public String capture(CommandSpec spec) {
        ProcessResult result = run(spec, ProcessOutput.captured());
        if (!result.succeeded()) {
            throw Failure.whileRunning(spec.display() + " failed with exit code " + result.exitCode()
                    + (result.timedOut() ? " (timed out)" : "") + ": " + lastLines(result.messages(), 5));
        }
        return result.output();
    }

    /** Stops a process and everything it started: TERM first, KILL after a grace period. */
    public static void stopTree(Process process) {
        if (process == null) {
            return;
        }
        var descendants = process.descendants().toList();
        descendants.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    public static String lastLines(String text, int count) {
        String[] lines = text.strip().split("\n");
        int from = Math.max(0, lines.length - count);
        return String.join(" | ", java.util.Arrays.copyOfRange(lines, from, lines.length)).strip();
    }

    private static boolean waitFor(DefaultExecuteResultHandler handler, Duration timeout) throws InterruptedException {
        handler.waitFor(timeout);
        return handler.hasResult();
    }

    private Map<String, String> environment(CommandSpec spec) throws IOException {
        Map<String, String> env = new HashMap<>(EnvironmentUtils.getProcEnvironment());
        env.putAll(environment);
        env.putAll(spec.environment());
        return env;
    }

    private static OutputStream sink(ProcessOutput output, ByteArrayOutputStream captured) throws IOException {
        if (output.capture()) {
            return captured;
        }
        OutputStream log = Files.newOutputStream(output.logFile(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return output.live() == null ? log : new TeeOutputStream(log, output.live());
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
