package dev.matrixmigrate.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.matrixmigrate.failure.Failure;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessRunnerTest {
    private static final Path FIXTURES = Path.of("src/test/resources/fixtures/process").toAbsolutePath();
    private final ProcessRunner runner = new ProcessRunner();

    @TempDir
    Path dir;

    private CommandSpec script(String name, String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of(FIXTURES.resolve(name).toString()));
        argv.addAll(List.of(args));
        return CommandSpec.of(dir, argv);
    }

    @Test
    void capturesOutputAndExitCodeAndPassesEnvironment() {
        ProcessResult result = runner.run(script("prints-and-exits.sh", "3").withEnvironment("MESSAGE", "hello"),
                ProcessOutput.captured());
        assertEquals(3, result.exitCode());
        assertFalse(result.succeeded());
        assertTrue(result.output().contains("out: hello"), result.output());
        assertTrue(result.errors().contains("err line") && !result.output().contains("err line"), result.errors());
        assertTrue(result.messages().contains("err line") && result.messages().contains("out: hello"), result.messages());
    }

    @Test
    void argumentsAreNeverInterpretedByAShell() {
        String output = runner.capture(CommandSpec.of(dir, List.of("printf", "%s|", "a b", "$(id)", "'q'")));
        assertEquals("a b|$(id)|'q'|", output);
    }

    @Test
    void streamsToTheLogAndTheTerminal() throws Exception {
        Path log = dir.resolve("step.log");
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        ProcessResult result = runner.run(script("prints-and-exits.sh", "0").withEnvironment("MESSAGE", "x"),
                ProcessOutput.logged(log, new PrintStream(terminal, true)));
        assertTrue(result.succeeded());
        assertTrue(Files.readString(log).contains("out: x"));
        assertTrue(Files.readString(log).contains("err line"));
        assertTrue(terminal.toString().contains("out: x"));
    }

    @Test
    void standardInputIsClosedSoAPromptDoesNotHang() {
        ProcessResult result = runner.run(script("reads-stdin.sh").withTimeout(Duration.ofSeconds(20)), ProcessOutput.captured());
        assertFalse(result.timedOut());
        assertEquals("no input\n", result.output());
    }

    @Test
    void aTimeOutStopsTheWholeProcessTree() throws Exception {
        Path childPid = dir.resolve("child.pid");
        ProcessResult result = runner.run(script("spawns-and-sleeps.sh", childPid.toString())
                .withTimeout(Duration.ofSeconds(2)), ProcessOutput.captured());
        assertTrue(result.timedOut());
        assertFalse(result.succeeded());
        long pid = Long.parseLong(Files.readString(childPid).lines().findFirst().orElseThrow());
        for (int i = 0; i < 50 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false); i++) {
            Thread.sleep(100);
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the child must be stopped too");
    }

    @Test
    void whatACommandStartedEndsWhenTheToolIsKilledWithKillNine() throws Exception {
        Path pids = dir.resolve("pids");
        Process tool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), RunsAScriptUntilKilled.class.getName(),
                FIXTURES.resolve("spawns-and-sleeps.sh").toString(), pids.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("tool.log").toFile()).start();
        for (int i = 0; i < 300 && !Files.exists(pids); i++) {
            Thread.sleep(100);
        }
        assertTrue(Files.exists(pids), "the script must start: " + Files.readString(dir.resolve("tool.log")));
        List<Long> started = Files.readAllLines(pids).stream().map(Long::parseLong).toList();
        assertTrue(started.stream().allMatch(this::alive));

        tool.destroyForcibly().waitFor();

        for (int i = 0; i < 100 && started.stream().anyMatch(this::alive); i++) {
            Thread.sleep(100);
        }
        assertFalse(started.stream().anyMatch(this::alive), "the script and its child must end with the tool");
    }

    private boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    void aMissingProgramIsAClearFailure() {
        Failure failure = assertThrows(Failure.class,
                () -> runner.run(CommandSpec.of(dir, List.of("no-such-program-xyz")), ProcessOutput.captured()));
        assertTrue(failure.getMessage().contains("no-such-program-xyz"), failure.getMessage());
    }

    @Test
    void whatTheToolReadsIsStdoutAloneAndAFailureSaysWhatStderrSaid() {
        // as ansible-config dump under ansible-core 2.21: its deprecation warnings on stderr, JSON on stdout
        ProcessResult result = runner.run(CommandSpec.of(dir, List.of("sh", "-c",
                "echo '[DEPRECATION WARNING]: tree has been deprecated' >&2; echo '[{\"name\": \"X\"}]'")),
                ProcessOutput.captured());
        assertEquals("[{\"name\": \"X\"}]\n", result.output());
        assertEquals("[DEPRECATION WARNING]: tree has been deprecated\n", result.errors());
        Failure failure = assertThrows(Failure.class, () -> runner.capture(CommandSpec.of(dir, List.of("sh", "-c",
                "echo partial; echo 'ERROR! the inventory is broken' >&2; exit 4"))));
        assertTrue(failure.getMessage().contains("ERROR! the inventory is broken")
                && failure.getMessage().contains("exit code 4"), failure.getMessage());
    }

    @Test
    void displayQuotesOnlyWhatNeedsIt() {
        CommandSpec spec = CommandSpec.of(dir, List.of("ansible-playbook", "-i", "inventory/hosts", "--tags=stop",
                "-e", "a b", "it's"));
        assertEquals("ansible-playbook -i inventory/hosts --tags=stop -e 'a b' 'it'\\''s'", spec.display());
    }
}
