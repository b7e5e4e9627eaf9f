package dev.matrixmigrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.matrixmigrate.playbook.PlanFiles;
import dev.matrixmigrate.steps.Start;
import dev.matrixmigrate.process.CommandSpec;
import dev.matrixmigrate.process.ProcessResult;
import dev.matrixmigrate.process.ProcessRunner;
import dev.matrixmigrate.render.TemplateRenderer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start run's gate with the real ansible-playbook and the plan's gate plugin, on this machine alone: the
 * run gathers facts and runs its always tasks, then waits; opened, it goes on; closed, it ends having started
 * nothing.
 */
public class HeldRunTest {
    @TempDir
    Path root;
    private RunFolder run;
    private Path marks;
    private CommandSpec start;

    @BeforeEach
    void playAndPlugin() throws IOException {
        run = new RunFolder(root.resolve("run"));
        marks = root.resolve("marks");
        writeGatePlugin(run);
        Files.writeString(root.resolve("setup.yml"), """
                - name: A stand-in of the playbook's start
                  hosts: localhost
                  connection: local
                  gather_facts: true
                  gather_subset: ["!all"]
                  tasks:
                    - name: An always task (the real playbook's matrix user and checks)
                      ansible.builtin.shell: echo always >> MARKS
                      tags: [always]
                    - name: Start the services
                      ansible.builtin.shell: echo started >> MARKS
                      tags: [start]
                """.replace("MARKS", marks.toString()));
        start = CommandSpec.of(root, List.of("ansible-playbook", "-i", "localhost,", "setup.yml", "--tags=start"))
                .withEnvironment("ANSIBLE_CALLBACK_PLUGINS", run.planDir().resolve(PlanFiles.GATE_PLUGINS).toString())
                .withEnvironment(PlanFiles.GATE_VARIABLE, run.planDir().resolve(PlanFiles.START_GATE).toString())
                .withEnvironment("ANSIBLE_PYTHON_INTERPRETER", "/usr/bin/python3")
                .withTimeout(Duration.ofMinutes(2));
    }

    @Test
    void theRunWaitsAtItsGateAfterItsAlwaysTasksAndGoesOnOnceOpened() throws Exception {
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        try (HeldRun gate = Start.gate(run)) {
            gate.launch(new ProcessRunner(), start, new PrintStream(said, true, StandardCharsets.UTF_8));
            waitUntil(() -> marks().contains("always"));
            Thread.sleep(1500);
            assertEquals("always\n", marks(), "nothing but the always task ran before the gate opened");
            ByteArrayOutputStream live = new ByteArrayOutputStream();
            ProcessResult result = gate.open(live).orElseThrow().await();
            assertEquals(0, result.exitCode(), live.toString(StandardCharsets.UTF_8));
            assertEquals("always\nstarted\n", marks());
            String output = live.toString(StandardCharsets.UTF_8);
            assertTrue(output.contains("waiting at the gate") && output.contains("the gate opened after"), output);
        }
        assertTrue(said.toString(StandardCharsets.UTF_8).contains("waits at its gate"), said.toString());
        assertFalse(Files.exists(run.logsDir().resolve(Start.HELD_LOG)), "the run went on: nothing held to keep");
    }

    @Test
    void closedWithoutOpeningItEndsTheRunWhichStartedNothing() throws Exception {
        HeldRun gate = Start.gate(run);
        gate.launch(new ProcessRunner(), start, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        waitUntil(() -> marks().contains("always"));
        Thread.sleep(1500);
        long ours = ansibleRuns();
        assertTrue(ours > 0, "the run waits");
        gate.close();
        assertEquals(0, ansibleRuns(), "the held run ended");
        assertEquals("always\n", marks(), "it started nothing");
        assertFalse(Files.exists(run.planDir().resolve(PlanFiles.START_GATE)), "the gate never opened");
        assertTrue(Files.readString(run.logsDir().resolve(Start.HELD_LOG)).contains("waiting at the gate"));
    }

    @Test
    void withAGateTagTheRunWaitsBeforeItsFirstTaskWithThatTagAndSaysSo() throws Exception {
        Files.writeString(root.resolve("copy.yml"), """
                - name: A stand-in of the cold copy
                  hosts: localhost
                  connection: local
                  gather_facts: false
                  tasks:
                    - name: Prepare (the key)
                      ansible.builtin.shell: echo prepared >> MARKS
                    - name: Stop the old server
                      ansible.builtin.shell: echo stopped >> MARKS
                      tags: [TAG]
                """.replace("MARKS", marks.toString()).replace("TAG", PlanFiles.GATE_TAG));
        Path gateFile = run.planDir().resolve(PlanFiles.COPY_GATE);
        CommandSpec copy = CommandSpec.of(root, List.of("ansible-playbook", "-i", "localhost,", "copy.yml"))
                .withEnvironment("ANSIBLE_CALLBACK_PLUGINS", run.planDir().resolve(PlanFiles.GATE_PLUGINS).toString())
                .withEnvironment(PlanFiles.GATE_VARIABLE, gateFile.toString())
                .withEnvironment(PlanFiles.GATE_TAG_VARIABLE, PlanFiles.GATE_TAG)
                .withEnvironment("ANSIBLE_PYTHON_INTERPRETER", "/usr/bin/python3")
                .withTimeout(Duration.ofMinutes(2));
        try (HeldRun gate = new HeldRun(gateFile, run.logsDir().resolve("held.log"), "the copy begins: ")) {
            gate.launch(new ProcessRunner(), copy, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            waitUntil(gate::waiting);
            assertEquals("prepared\n", marks(), "held before its first task with the tag");
            assertFalse(gate.ended());
            assertEquals(0, gate.open(new ByteArrayOutputStream()).orElseThrow().await().exitCode());
            assertEquals("prepared\nstopped\n", marks());
        }
    }

    @Test
    void withoutARunBegunEarlyTheGateIsOpenForTheStepsOwnRun() {
        try (HeldRun gate = Start.gate(run)) {
            assertTrue(gate.open(new ByteArrayOutputStream()).isEmpty());
        }
        ProcessResult result = new ProcessRunner().run(start, dev.matrixmigrate.process.ProcessOutput.captured());
        assertEquals(0, result.exitCode(), result.output());
        assertEquals("always\nstarted\n", marks());
    }

    /** The plan's gate plugin, rendered into the run's plan folder. */
    public static void writeGatePlugin(RunFolder run) throws IOException {
        Path plugin = run.planDir().resolve(PlanFiles.GATE_PLUGIN);
        Files.createDirectories(plugin.getParent());
        Files.writeString(plugin, TemplateRenderer.builtIn().render("plan/" + PlanFiles.GATE_PLUGIN + ".ftl",
                Map.of("host", "matrix.example.com")));
    }

    private String marks() {
        try {
            return Files.exists(marks) ? Files.readString(marks) : "";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** ansible-playbook processes among this JVM's descendants. */
    private static long ansibleRuns() {
        return ProcessHandle.current().descendants().filter(p -> p.info().commandLine().orElse("")
                .contains("ansible-playbook")).count();
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        Instant end = Instant.now().plusSeconds(30);
        while (!condition.getAsBoolean()) {
            assertTrue(Instant.now().isBefore(end), "timed out");
            Thread.sleep(50);
        }
    }
}
