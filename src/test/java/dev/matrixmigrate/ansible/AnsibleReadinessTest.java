package dev.matrixmigrate.ansible;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.matrixmigrate.failure.ExitCode;
import dev.matrixmigrate.failure.Failure;
import dev.matrixmigrate.process.ProcessRunner;
import dev.matrixmigrate.support.Cli;
import dev.matrixmigrate.support.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** plan and migrate refuse an Ansible the playbook's roles cannot run on, and roles that are not installed. */
class AnsibleReadinessTest {
    @TempDir
    Path root;
    Path playbook;

    @BeforeEach
    void playbook() {
        playbook = Fixtures.playbook(root.resolve("playbook"));
    }

    /** An ansible-playbook that reports this version; the other programs are the real ones beside it. */
    private Path ansibleReporting(String version) throws IOException {
        Path bin = Files.createDirectories(root.resolve("ansible-" + version + "/bin"));
        Path playbookProgram = bin.resolve("ansible-playbook");
        Files.writeString(playbookProgram, "#!/bin/sh\necho 'ansible-playbook [core " + version + "]'\n"
                + "echo '  config file = None'\n");
        Files.setPosixFilePermissions(playbookProgram, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String program : List.of("ansible", "ansible-inventory", "ansible-config")) {
            Files.createSymbolicLink(bin.resolve(program), onPath(program));
        }
        return playbookProgram;
    }

    private static Path onPath(String program) {
        for (String dir : System.getenv("PATH").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return Path.of(dir, program).toAbsolutePath();
            }
        }
        throw new AssertionError(program + " is not on the PATH");
    }

    private void role(String folder, String minVersion) throws IOException {
        Path meta = Files.createDirectories(playbook.resolve(folder).resolve("meta"));
        Files.writeString(meta.resolve("main.yml"), "galaxy_info:\n  author: someone\n  min_ansible_version: \""
                + minVersion + "\"\n");
    }

    private Cli.Result plan(Path ansiblePlaybook) {
        return Cli.run("plan", "--playbook", playbook.toString(), "--to", "198.51.100.20", "--ansible-playbook",
                ansiblePlaybook.toString(), "--output", root.resolve("plan").toString());
    }

    @Test
    void anAnsibleOlderThanARoleNeedsIsRefusedInOneLineAndNothingIsWritten() throws IOException {
        role("roles/custom/matrix-base", "2.10");
        role("roles/galaxy/geerlingguy.docker", "2.15.1");
        Cli.Result result = plan(ansibleReporting("2.14.18"));

        assertEquals(ExitCode.INVALID_INPUT, result.exitCode(), result.toString());
        String line = result.err().strip();
        assertEquals(1, line.lines().count(), line);
        assertTrue(line.contains("ansible-core 2.14.18") && line.contains("2.15.1")
                && line.contains("roles/galaxy/geerlingguy.docker") && line.contains("pipx install ansible")
                && line.contains("ghcr.io/devture/ansible") && line.contains("--ansible-playbook"), line);
        assertFalse(Files.exists(root.resolve("plan")), "nothing is written");
    }

    @Test
    void rolesThatRequirementsYmlNamesButAreNotInstalledAreRefused() throws IOException {
        Files.writeString(playbook.resolve("requirements.yml"), "---\nroles:\n"
                + "  - src: git+https://github.com/devture/com.devture.ansible.role.playbook_help.git\n"
                + "    version: v1.0.0-0\n    name: playbook_help\n"
                + "  - src: git+https://github.com/geerlingguy/ansible-role-docker\n    name: geerlingguy.docker\n"
                + "  - src: git+https://github.com/mother-of-all-self-hosting/ansible-role-traefik.git\n");
        Files.createDirectories(playbook.resolve("roles/galaxy/playbook_help"));
        Cli.Result result = plan(ansibleReporting("2.19.4"));

        assertEquals(ExitCode.INVALID_INPUT, result.exitCode(), result.toString());
        assertTrue(result.err().contains("geerlingguy.docker, ansible-role-traefik")
                && !result.err().contains("playbook_help") && result.err().contains("run `just roles`"), result.err());
        assertFalse(Files.exists(root.resolve("plan")));
    }

    @Test
    void aNewEnoughAnsiblePasses() throws IOException {
        role("roles/galaxy/geerlingguy.docker", "2.15.1");
        Files.createDirectories(playbook.resolve("roles/galaxy/geerlingguy.docker"));
        Files.writeString(playbook.resolve("requirements.yml"), "---\n- src: geerlingguy.docker\n");
        AnsibleTools tools = AnsibleTools.locate(ansibleReporting("2.15.1"));
        assertDoesNotThrow(() -> AnsibleReadiness.require(new ProcessRunner(), tools, playbook, null));

        AnsibleTools older = AnsibleTools.locate(ansibleReporting("2.15.0"));
        Failure refused = assertThrows(Failure.class, () -> AnsibleReadiness.require(new ProcessRunner(), older,
                playbook, null));
        assertTrue(refused.getMessage().contains("2.15.0"), refused.getMessage());
    }

    @Test
    void withoutRolesTheToolsOwnFloorApplies() throws IOException {
        Failure refused = assertThrows(Failure.class, () -> AnsibleReadiness.require(new ProcessRunner(),
                AnsibleTools.locate(ansibleReporting("2.13.9")), playbook, null));
        assertTrue(refused.getMessage().contains("2.14.0") && refused.getMessage().contains("matrix-migrate's plays"),
                refused.getMessage());
        assertDoesNotThrow(() -> AnsibleReadiness.require(new ProcessRunner(),
                AnsibleTools.locate(onPath("ansible-playbook")), playbook, null));
    }

    @Test
    void aKeyWithAPassphraseThatNoAgentHoldsIsRefusedBeforeAnythingRuns() throws Exception {
        Path key = root.resolve("id_ed25519");
        Path plain = root.resolve("id_plain");
        ProcessRunner runner = new ProcessRunner();
        runner.capture(dev.matrixmigrate.process.CommandSpec.of(root, List.of("ssh-keygen", "-q", "-t", "ed25519",
                "-N", "a passphrase", "-f", key.toString())));
        runner.capture(dev.matrixmigrate.process.CommandSpec.of(root, List.of("ssh-keygen", "-q", "-t", "ed25519",
                "-N", "", "-f", plain.toString())));
        AnsibleTools tools = AnsibleTools.locate(onPath("ansible-playbook"));
        assertDoesNotThrow(() -> AnsibleReadiness.require(runner, tools, playbook, plain));

        Cli.Result result = Cli.run("plan", "--playbook", playbook.toString(), "--to", "198.51.100.20",
                "--private-key", key.toString(), "--output", root.resolve("plan").toString());
        assertEquals(ExitCode.INVALID_INPUT, result.exitCode(), result.toString());
        assertTrue(result.err().contains("has a passphrase and no ssh-agent holds it") && result.err().contains("ssh-add"),
                result.err());
        assertFalse(result.err().contains("a passphrase\""), "the passphrase itself is never said");
        assertFalse(Files.exists(root.resolve("plan")));
    }

    @Test
    void versionsAreReadAsAnsibleWritesThem() {
        assertEquals(new AnsibleVersion(2, 19, 4), AnsibleVersion.reported("ansible-playbook [core 2.19.4]\n  x").get());
        assertEquals(new AnsibleVersion(2, 9, 27), AnsibleVersion.reported("ansible-playbook 2.9.27").get());
        assertEquals(new AnsibleVersion(2, 19, 14), AnsibleVersion.reported(".../ansible/_internal/_ssh/_ssh_agent.py:18:"
                + " CryptographyDeprecationWarning: DSA is deprecated\n  from cryptography import x\n"
                + "ansible-playbook [core 2.19.14]\n").get(), "warnings before the version line");
        assertEquals(new AnsibleVersion(2, 15, 0), AnsibleVersion.written(2.15).get());
        assertTrue(new AnsibleVersion(2, 15, 1).compareTo(new AnsibleVersion(2, 15, 0)) > 0);
        assertTrue(new AnsibleVersion(2, 9, 0).compareTo(new AnsibleVersion(2, 14, 0)) < 0);
    }
}
