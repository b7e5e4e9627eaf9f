package dev.matrixmigrate.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.matrixmigrate.engine.HeldRunTest;
import dev.matrixmigrate.engine.Journal;
import dev.matrixmigrate.engine.RunEvents;
import dev.matrixmigrate.engine.RunFolder;
import dev.matrixmigrate.engine.StepContext;
import dev.matrixmigrate.engine.StepFailed;

import dev.matrixmigrate.playbook.PlanFiles;
import dev.matrixmigrate.process.CommandSpec;
import dev.matrixmigrate.process.ProcessRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --cold's cutover with the real ansible-playbook and the gate plugin, on this machine alone: the copy
 * prepares first and waits before its stop task; the stop command runs; then the copy goes on. When the
 * stop fails, the copy ends at its gate, having done nothing past it.
 */
class ColdCutoverStepTest {
    @TempDir
    Path root;
    private RunFolder run;
    private Path marks;
    private CommandSpec copy;
    private StepContext context;

    @BeforeEach
    void copyPlayAndPlugin() throws IOException {
        run = new RunFolder(root.resolve("run"));
        marks = root.resolve("marks");
        HeldRunTest.writeGatePlugin(run);
        Files.writeString(root.resolve("sync.yml"), """
                - name: A stand-in of the copy
                  hosts: localhost
                  connection: local
                  gather_facts: false
                  tasks:
                    - name: Put the key in place
                      ansible.builtin.shell: echo prepared >> MARKS
                    - name: Stop the old server for good
                      ansible.builtin.shell: echo units-disabled >> MARKS
                      tags: [TAG]
                    - name: Copy
                      ansible.builtin.shell: echo copied >> MARKS
                """.replace("MARKS", marks.toString()).replace("TAG", PlanFiles.GATE_TAG));
        copy = CommandSpec.of(root, List.of("ansible-playbook", "-i", "localhost,", "sync.yml"))
                .withEnvironment("ANSIBLE_CALLBACK_PLUGINS", run.planDir().resolve(PlanFiles.GATE_PLUGINS).toString())
                .withEnvironment(PlanFiles.GATE_VARIABLE, run.planDir().resolve(PlanFiles.COPY_GATE).toString())
                .withEnvironment(PlanFiles.GATE_TAG_VARIABLE, PlanFiles.GATE_TAG)
                .withEnvironment("ANSIBLE_PYTHON_INTERPRETER", "/usr/bin/python3")
                .withTimeout(Duration.ofMinutes(2));
        Files.createDirectories(run.logsDir());
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        context = new StepContext(new ProcessRunner(), run.logsDir().resolve("cutover.log"), out, out,
                Journal.create(run.dir(), List.of("cutover")), RunEvents.none());
    }

    private ColdCutoverStep step(String stopScript) {
        CommandSpec stop = CommandSpec.of(root, List.of("sh", "-c", stopScript, "sh", marks.toString()));
        return new ColdCutoverStep("cutover", "stop, copy, verify", stop, copy, null,
                run.planDir().resolve(PlanFiles.COPY_GATE), run.logsDir().resolve("held.log"));
    }

    @Test
    void theCopyPreparesFirstThenTheStopRunsThenTheCopyGoesOn() throws Exception {
        step("echo stopped >> \"$1\"").run(context);
        assertEquals("prepared\nstopped\nunits-disabled\ncopied\n", Files.readString(marks));
        assertTrue(context.journal().servicesStoppedAt().isPresent(), "the downtime starts with the stop");
    }

    @Test
    void aFailedStopEndsTheWaitingCopyWhichDidNothingPastItsGate() throws IOException {
        StepFailed failed = assertThrows(StepFailed.class, () -> step("exit 3").run(context));
        assertEquals(3, failed.exitCode());
        assertEquals("prepared\n", Files.readString(marks));
        assertEquals(List.of(), ProcessHandle.current().descendants().map(p -> p.info().commandLine().orElse(""))
                .filter(line -> line.contains("ansible-playbook")).toList(), "the waiting copy ended");
        assertTrue(Files.readString(run.logsDir().resolve("held.log")).contains("waiting at the gate"));
    }
}
