package dev.matrixmigrate.ansible;

import dev.matrixmigrate.failure.Failure;
import dev.matrixmigrate.process.CommandSpec;
import dev.matrixmigrate.process.ProcessOutput;
import dev.matrixmigrate.process.ProcessResult;
import dev.matrixmigrate.process.ProcessRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a server's SSH host key the way Ansible's connection will: with the SSH options of the
 * playbook's ansible.cfg (its known_hosts files included) and strict checking. Never turns
 * checking off; an unknown key can be added only after its fingerprint was shown.
 */
public record HostKeyCheck(ProcessRunner runner, SshSettings ssh, Path workingDir) {
    public enum Result { KNOWN, UNKNOWN, CHANGED }

    private static final Duration TIMEOUT = Duration.ofSeconds(40);

    /** Connects without authenticating: the host key is verified before authentication fails. */
    public Result probe(InventoryHost server) {
        List<String> argv = new ArrayList<>(ssh.command(server));
        argv.addAll(List.of("-o", "ControlPath=none", "-o", "ControlMaster=no", "-o", "PreferredAuthentications=none",
                "-o", "PubkeyAuthentication=no", "-o", "PasswordAuthentication=no", "-o", "KbdInteractiveAuthentication=no"));
        argv.addAll(List.of(server.address(), "true"));
        ProcessResult result = runner.run(CommandSpec.of(workingDir, argv).withTimeout(TIMEOUT), ProcessOutput.captured());
        // ssh says all of this on stderr
        String output = result.messages();
        if (output.contains("REMOTE HOST IDENTIFICATION HAS CHANGED")) {
            return Result.CHANGED;
        }
        if (output.contains("Host key verification failed") || output.contains("No ED25519 host key is known")
                || output.contains("host key is known")) {
            return Result.UNKNOWN;
        }
        if (output.contains("Connection refused") || output.contains("timed out") || output.contains("Could not resolve")
                || output.contains("No route to host")) {
            throw Failure.invalidInput("cannot reach " + server.name() + " over SSH at " + server.describe() + ": "
                    + ProcessRunner.lastLines(output, 1));
        }
        return Result.KNOWN;
    }

    /** The server's host keys as known_hosts lines, fetched with ssh-keyscan for the person to verify. */
    public List<String> scan(InventoryHost server) {
        String out = runner.capture(CommandSpec.of(workingDir, List.of("ssh-keyscan", "-T", "10", "-p",
                Integer.toString(server.sshPort()), server.address())).withTimeout(TIMEOUT));
        List<String> lines = out.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        if (lines.isEmpty()) {
            throw Failure.invalidInput("ssh-keyscan got no host key from " + server.describe());
        }
        return lines;
    }

    /** The fingerprints of known_hosts lines, one per line, as ssh-keygen -l prints them. */
    public String fingerprints(List<String> lines) {
        Path temp = null;
        try {
            temp = Files.createTempFile("matrix-migrate-hostkeys", ".txt");
            Files.write(temp, lines, StandardCharsets.UTF_8);
            return runner.capture(CommandSpec.of(workingDir, List.of("ssh-keygen", "-l", "-f", temp.toString()))
                    .withTimeout(TIMEOUT)).strip();
        } catch (IOException e) {
            throw Failure.whileRunning("could not compute fingerprints: " + e.getMessage(), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /** The known_hosts file the connection writes to: the first UserKnownHostsFile of {@code ssh -G}. */
    public Path knownHostsFile(InventoryHost server) {
        List<String> argv = new ArrayList<>(List.of("ssh", "-G"));
        argv.addAll(ssh.arguments());
        argv.addAll(List.of("-p", Integer.toString(server.sshPort()), server.address()));
        for (String line : runner.capture(CommandSpec.of(workingDir, argv).withTimeout(TIMEOUT)).lines().toList()) {
            if (line.startsWith("userknownhostsfile ")) {
                String first = line.substring("userknownhostsfile ".length()).strip().split("\\s+")[0];
                if (first.startsWith("~/")) {
                    first = System.getProperty("user.home") + first.substring(1);
                }
                return workingDir.resolve(first);
            }
        }
        throw Failure.whileRunning("ssh -G named no known_hosts file for " + server.address());
    }

    /** Appends the accepted lines to the connection's known_hosts file. */
    public Path trust(InventoryHost server, List<String> lines) {
        Path file = knownHostsFile(server);
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.write(file, lines, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            return file;
        } catch (IOException e) {
            throw Failure.whileRunning("could not add the host key to " + file + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file of public keys only
            }
        }
    }
}
