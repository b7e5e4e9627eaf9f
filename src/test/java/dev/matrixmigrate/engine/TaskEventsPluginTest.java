package dev.matrixmigrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.matrixmigrate.events.EventFile;
import dev.matrixmigrate.events.EventLog;
import dev.matrixmigrate.events.SecretMask;
import dev.matrixmigrate.playbook.PlanFiles;
import dev.matrixmigrate.process.CommandSpec;
import dev.matrixmigrate.process.ProcessOutput;
import dev.matrixmigrate.process.ProcessResult;
import dev.matrixmigrate.process.ProcessRunner;
import dev.matrixmigrate.render.TemplateRenderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan's events plugin under the real ansible-playbook, run as a step runs its commands: every task result
 * becomes a task event of the run (ok, changed, skipped, failed, ignored, unreachable), and Ansible's own output is
 * the same as without the plugin.
 */
class TaskEventsPluginTest {
    @TempDir
    Path root;

    @Test
    void everyTaskResultIsATaskEventOfTheStepAndAnsiblesOwnOutputStaysAsItIs() throws Exception {
        RunFolder run = new RunFolder(root.resolve("run"));
        Path plugin = run.planDir().resolve(PlanFiles.EVENTS_PLUGIN);
        Files.createDirectories(plugin.getParent());
        Files.writeString(plugin, TemplateRenderer.builtIn().render("plan/" + PlanFiles.EVENTS_PLUGIN + ".ftl",
                Map.of("host", "matrix.example.com")));
        Files.writeString(root.resolve("hosts"), """
                local ansible_connection=local ansible_python_interpreter=/usr/bin/python3
                gone ansible_host=127.0.0.1 ansible_port=1 ansible_connection=ssh ansible_ssh_common_args='-o ConnectTimeout=5'
                """);
        Files.writeString(root.resolve("play.yml"), """
                - name: Every status
                  hosts: all
                  gather_facts: false
                  tasks:
                    - name: Says hello
                      ansible.builtin.debug:
                        msg: hello
                    - name: Changes something
                      ansible.builtin.command: "true"
                      when: inventory_hostname == 'local'
                    - name: Skipped
                      ansible.builtin.command: "true"
                      when: false
                    - name: Fails and is ignored
                      ansible.builtin.command: "false"
                      ignore_errors: true
                    - name: Fails
                      ansible.builtin.fail:
                        msg: "boom \\"quoted\\"\\nsecond line"
                """);
        CommandSpec play = CommandSpec.of(root, List.of("ansible-playbook", "-i", "hosts", "play.yml"))
                .withEnvironment("ANSIBLE_HOST_KEY_CHECKING", "True").withEnvironment("ANSIBLE_NOCOLOR", "1")
                .withTimeout(Duration.ofMinutes(2));

        ProcessResult without = new ProcessRunner().run(play, ProcessOutput.captured());
        Path log = run.logsDir().resolve("03-install.log");
        Files.createDirectories(run.logsDir());
        ProcessResult with;
        try (EventLog events = EventLog.open(run.dir(), "r", null, SecretMask.none());
                TaskEventRelay relay = TaskEventRelay.start(run.dir().resolve(RunEvents.TASK_EVENTS_DIR), events)) {
            ProcessRunner runner = new RunEvents(events, run.dir(), Map.of("install", "new"))
                    .runnerFor(new ProcessRunner(), "install", log);
            with = runner.run(play.withEnvironment(dev.matrixmigrate.plan.PlaybookCommands.CALLBACK_PLUGINS, run.planDir()
                    .resolve(PlanFiles.GATE_PLUGINS).toString()), ProcessOutput.captured());
        }
        assertEquals(4, with.exitCode(), "an unreachable host: " + with.output() + with.errors());
        assertEquals(comparable(without.output()), comparable(with.output()), "Ansible's own output is left as it is");
        assertFalse(with.output().contains("\"status\""), with.output());

        List<JsonNode> all = EventFile.read(run.dir().resolve(EventLog.FILE));
        List<JsonNode> tasks = all.stream().filter(e -> e.path("type").asText().equals("task")).toList();
        assertTrue(tasks.stream().allMatch(t -> t.path("step").asText().equals("install")
                && t.path("play").asText().equals("Every status") && t.path("run").asText().equals("r")), all.toString());
        Map<String, Set<String>> byHost = tasks.stream().collect(Collectors.groupingBy(t -> t.path("host").asText(),
                Collectors.mapping(t -> t.path("task").asText() + "=" + t.path("status").asText()
                        + (t.path("ignored").asBoolean() ? " ignored" : ""), Collectors.toSet())));
        assertEquals(Set.of("Says hello=ok", "Changes something=changed", "Skipped=skipped",
                "Fails and is ignored=failed ignored", "Fails=failed"), byHost.get("local"), all.toString());
        assertEquals(Set.of("Says hello=ok", "Changes something=skipped", "Skipped=skipped",
                "Fails and is ignored=unreachable"), byHost.get("gone"), all.toString());
        JsonNode failed = tasks.stream().filter(t -> t.path("task").asText().equals("Fails")).findFirst().orElseThrow();
        assertEquals("boom \"quoted\"\nsecond line", failed.path("message").asText());
        assertEquals("ansible.builtin.fail", failed.path("action").asText());
        assertTrue(failed.path("seconds").asDouble() >= 0, failed.toString());
        List<String> commands = all.stream().map(e -> e.path("type").asText()).filter(t -> t.startsWith("command"))
                .toList();
        assertEquals(List.of("command-start", "command-end"), commands);
    }

    /** Ansible's output without what differs from run to run: the order of hosts' results, times and paths. */
    private static List<String> comparable(String output) {
        return output.lines().map(line -> line.replaceAll("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d+", "TIME")
                .replaceAll("\\d+:\\d\\d:\\d\\d\\.\\d+", "DELTA")).sorted().toList();
    }
}
