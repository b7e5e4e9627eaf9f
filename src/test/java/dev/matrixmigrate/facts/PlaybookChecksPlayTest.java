package dev.matrixmigrate.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.matrixmigrate.ansible.AnsibleTools;
import dev.matrixmigrate.ansible.SshSettings;
import dev.matrixmigrate.config.AnsibleOptions;
import dev.matrixmigrate.plan.PlaybookCommands;
import dev.matrixmigrate.playbook.PlanFiles;
import dev.matrixmigrate.process.CommandSpec;
import dev.matrixmigrate.support.Cli;
import dev.matrixmigrate.support.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan's playbook-checks play, run as the preflight runs it by the real ansible-playbook on this machine, for the
 * test playbook (whose roles check as the real playbook's do): it passes a good configuration, refuses a bad one with
 * the playbook's own message in one line, and runs nothing else of the roles.
 */
class PlaybookChecksPlayTest {
    private static final String HOST = "matrix.example.com";

    @TempDir
    Path root;
    Path playbook;
    Path plan;
    Path vars;
    Path runLog;

    @BeforeEach
    void plan() throws IOException {
        playbook = Fixtures.playbook(root.resolve("playbook"));
        plan = root.resolve("plan");
        Cli.Result result = Cli.run("plan", "--playbook", playbook.toString(), "--host", HOST, "--to", "198.51.100.20",
                "--output", plan.toString());
        assertEquals(0, result.exitCode(), result.toString());
        // the old server is this machine
        Files.writeString(plan.resolve(PlanFiles.INVENTORY_OLD), "[matrix_servers]\n" + HOST
                + " ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n");
        vars = playbook.resolve("inventory/host_vars/" + HOST + "/vars.yml");
        runLog = root.resolve("test-playbook-runs.log");
    }

    private record Run(int exitCode, String output) {
    }

    private Run checkOld() throws IOException, InterruptedException {
        Files.deleteIfExists(plan.resolve(PlanFiles.PREFLIGHT_REFUSAL));
        AnsibleOptions options = new AnsibleOptions(0, null, null, null, List.of("test_run_log=" + runLog));
        CommandSpec spec = new PlaybookCommands(new AnsibleTools("ansible-playbook", "ansible-inventory", "ansible-config",
                "ansible"), playbook, playbook.resolve("inventory/hosts"), plan, HOST, options, new SshSettings(List.of(), null, null, List.of())).playbookChecks(false);
        ProcessBuilder builder = new ProcessBuilder(spec.argv()).directory(spec.workingDir().toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(spec.environment());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        return new Run(process.exitValue(), output);
    }

    private void setVariable(String line) throws IOException {
        String kept = Files.readString(vars).lines().filter(l -> !l.startsWith(line.substring(0, line.indexOf(':') + 1)))
                .map(l -> l + "\n").reduce("", String::concat);
        Files.writeString(vars, kept + line + "\n");
    }

    @Test
    void aGoodConfigurationPassesAndNothingOfTheRolesRunsButTheirChecks() throws Exception {
        Run run = checkOld();
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("custom/matrix-base : Fail if the homeserver implementation"), run.output());
        assertFalse(Files.exists(plan.resolve(PlanFiles.PREFLIGHT_REFUSAL)));
        // the test playbook's matrix_test role records every run it makes, in a task tagged always
        assertFalse(Files.exists(runLog), "a task of the roles ran: " + run.output());
    }

    @Test
    void eachCheckThePlaybookMakesRefusesWithItsOwnMessageInOneLineNamingTheServer() throws Exception {
        String good = Files.readString(vars);
        List<List<String>> cases = List.of(
                List.of("matrix_playbook_migration_validated_version: ''",
                        "add to your vars.yml: matrix_playbook_migration_validated_version: v2026.05.18.0"),
                List.of("matrix_playbook_migration_validated_version: v2025.01.01.0",
                        "The validated version (v2025.01.01.0) is older than v2026.05.18.0. - v2026.05.18.0:"),
                List.of("matrix_conduwuit_enabled: true", "Remove these variables from your vars.yml: matrix_conduwuit_enabled"),
                List.of("matrix_homeserver_implementation: conduwuit", "must be one of synapse"));
        for (List<String> bad : cases) {
            Files.writeString(vars, good);
            setVariable(bad.get(0));
            Run run = checkOld();
            assertEquals(2, run.exitCode(), run.output());
            String refusal = Files.readString(plan.resolve(PlanFiles.PREFLIGHT_REFUSAL)).strip();
            assertTrue(refusal.startsWith("The playbook's own check \"") && refusal.contains("refuses " + HOST
                    + " on the old server: ") && refusal.contains(bad.get(1)), bad + ": " + refusal);
            assertEquals(1, refusal.lines().count(), refusal);
            assertFalse(Files.exists(runLog), "a task of the roles ran: " + run.output());
        }
    }
}
