package dev.matrixmigrate.ansible;

import dev.matrixmigrate.failure.Failure;
import dev.matrixmigrate.process.CommandSpec;
import dev.matrixmigrate.process.ProcessOutput;
import dev.matrixmigrate.process.ProcessResult;
import dev.matrixmigrate.process.ProcessRunner;
import java.nio.file.Path;
import java.util.List;

/**
 * Nothing the tool runs may wait for a key's passphrase on the terminal (Ansible 2.21's SSH cannot ask at
 * all): a --private-key that has one must be in the ssh-agent.
 */
final class PrivateKeyCheck {
    private PrivateKeyCheck() {
    }

    static void require(ProcessRunner runner, Path key, Path dir) {
        ProcessResult open = runner.run(CommandSpec.of(dir, List.of("ssh-keygen", "-y", "-P", "", "-f",
                key.toString())), ProcessOutput.captured());
        if (open.succeeded()) {
            return;
        }
        ProcessResult fingerprint = runner.run(CommandSpec.of(dir, List.of("ssh-keygen", "-l", "-f", key.toString())),
                ProcessOutput.captured());
        String[] parts = fingerprint.output().strip().split("\\s+");
        if (!fingerprint.succeeded() || parts.length < 2) {
            throw Failure.invalidInput("--private-key " + key + " is not a private key ssh can read: "
                    + open.messages().strip());
        }
        ProcessResult agent = runner.run(CommandSpec.of(dir, List.of("ssh-add", "-l")), ProcessOutput.captured());
        if (!agent.succeeded() || !agent.output().contains(parts[1])) {
            throw Failure.invalidInput("--private-key " + key + " has a passphrase and no ssh-agent holds it:"
                    + " Ansible cannot ask for it while the tool runs; add it first (eval $(ssh-agent); ssh-add " + key
                    + ") and run again in that shell");
        }
    }
}
