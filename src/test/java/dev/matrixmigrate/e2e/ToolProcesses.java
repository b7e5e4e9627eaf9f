package dev.matrixmigrate.e2e;

import static dev.matrixmigrate.e2e.TwoHosts.NEW;
import static dev.matrixmigrate.e2e.TwoHosts.OLD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.matrixmigrate.engine.Journal;
import dev.matrixmigrate.engine.RunFolder;
import dev.matrixmigrate.engine.StepState;

import dev.matrixmigrate.support.ToolJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The tool in JVMs of its own against a harness's hosts, for the tests that interrupt or kill it. */
final class ToolProcesses {
    private final TwoHosts hosts;

    ToolProcesses(TwoHosts hosts) {
        this.hosts = hosts;
    }

    /**
     * Starts the tool as a terminal's foreground job would be: with SIGINT at its default, which a
     * background job of a non-interactive shell (a CI runner's {@code make test &}) would otherwise
     * pass on as ignored, and a JVM started with SIGINT ignored runs no shutdown hook on Ctrl-C.
     */
    Process start(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT"));
        command.addAll(ToolJvm.command(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits until the tool runs a step; returns its run. */
    RunFolder awaitStep(Process tool, String step, Path log) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(300));
        while (Instant.now().isBefore(deadline) && tool.isAlive()) {
            List<RunFolder> runs = RunFolder.all(hosts.playbook);
            RunFolder run = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (run != null && Files.exists(run.dir().resolve(Journal.FILE))
                    && Journal.load(run.dir()).step(step).state() == StepState.RUNNING) {
                return run;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the tool must reach " + step + ": " + Files.readString(log));
    }

    /** Waits until a rollback of the run runs a step. */
    void awaitRollbackStep(Process tool, RunFolder run, String step, Path log) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(300));
        while (Instant.now().isBefore(deadline) && tool.isAlive()) {
            if (Journal.rollback(run.dir()).map(j -> j.step(step).state() == StepState.RUNNING).orElse(false)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the rollback must reach " + step + ": " + Files.readString(log));
    }

    /**
     * Kills the tool with kill -9 while its copy runs on old; its local processes must end with it. The
     * copy it leaves running on the servers is frozen (SIGSTOP), as a stalled one, so that it still runs
     * when the resume gets to its copy.
     */
    void killNineWhileCopying(Process tool, RunFolder run) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        while (Instant.now().isBefore(deadline) && tool.isAlive() && hosts.rsyncGroups(OLD).isEmpty()) {
            Thread.sleep(50);
        }
        assertTrue(tool.isAlive() && !hosts.rsyncGroups(OLD).isEmpty(), "the copy must be running");
        List<ProcessHandle> local = tool.descendants().toList();
        assertFalse(local.isEmpty());
        tool.destroyForcibly().waitFor();
        hosts.exec(OLD, "sh", "-c", "kill -s STOP -- -$(cat /root/.matrix-migrate/" + run.id() + "/copy.pid)");
        for (int i = 0; i < 100 && local.stream().anyMatch(ProcessHandle::isAlive); i++) {
            Thread.sleep(100);
        }
        assertEquals(List.of(), local.stream().filter(ProcessHandle::isAlive)
                .map(p -> p.info().commandLine().orElse("?")).toList(), "nothing the tool started outlives it");
    }

    /** Samples how many copies run on each of the harness's hosts, every 50 ms, until stopped. */
    CopySampler sampleCopies() {
        CopySampler sampler = new CopySampler(hosts);
        sampler.thread.start();
        return sampler;
    }

    static final class CopySampler {
        private final Map<String, Integer> most = new ConcurrentHashMap<>();
        private volatile boolean running = true;
        private final Thread thread;

        private CopySampler(TwoHosts hosts) {
            thread = new Thread(() -> {
                while (running) {
                    for (String host : List.of(OLD, NEW)) {
                        most.merge(host, hosts.rsyncGroups(host).size(), Math::max);
                    }
                    TwoHosts.sleep(50);
                }
            }, "copy-sampler");
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        int mostGroups(String host) {
            return most.getOrDefault(host, 0);
        }
    }
}
