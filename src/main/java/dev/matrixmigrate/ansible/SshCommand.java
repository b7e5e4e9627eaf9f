package dev.matrixmigrate.ansible;

import dev.matrixmigrate.config.AnsibleOptions;
import dev.matrixmigrate.process.CommandSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A command the tool itself runs on a server over SSH, with the connection Ansible would make:
 * the SSH options of ansible.cfg, its private key (or --private-key, or the host's own), the host's
 * user and port, strict host key checking, and sudo without a password for a non-root user.
 */
public final class SshCommand {
    private SshCommand() {
    }

    public static CommandSpec on(Path workingDir, InventoryHost server, SshSettings ssh, AnsibleOptions options,
            List<String> remoteCommand) {
        List<String> argv = new ArrayList<>(ssh.command(server));
        String key = options.privateKey() != null ? options.privateKey().toString()
                : server.privateKey() != null ? server.privateKey() : ssh.privateKey();
        if (key != null) {
            argv.addAll(List.of("-i", key));
        }
        argv.add(server.address());
        argv.add("--");
        if (server.user() != null && !server.user().equals("root")) {
            argv.addAll(List.of("sudo", "-n"));
        }
        // ssh hands the remote command to the server's shell as one line: quote every word.
        remoteCommand.forEach(word -> argv.add(CommandSpec.quote(word)));
        return CommandSpec.of(workingDir, argv);
    }
}
