package dev.matrixmigrate.ansible;

import dev.matrixmigrate.failure.Failure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the Ansible programs are: next to {@code --ansible-playbook PATH} when given, otherwise on
 * the PATH. Missing programs are refused before anything runs.
 */
public record AnsibleTools(String playbook, String inventory, String config, String adhoc) {

    public static AnsibleTools locate(Path ansiblePlaybook) {
        if (ansiblePlaybook != null) {
            if (!Files.isExecutable(ansiblePlaybook)) {
                throw Failure.invalidInput("--ansible-playbook " + ansiblePlaybook + " is not an executable file");
            }
            Path dir = ansiblePlaybook.toAbsolutePath().getParent();
            return new AnsibleTools(ansiblePlaybook.toAbsolutePath().toString(),
                    sibling(dir, "ansible-inventory"), sibling(dir, "ansible-config"), sibling(dir, "ansible"));
        }
        return new AnsibleTools(onPath("ansible-playbook"), onPath("ansible-inventory"), onPath("ansible-config"),
                onPath("ansible"));
    }

    private static String sibling(Path dir, String name) {
        Path path = dir.resolve(name);
        if (!Files.isExecutable(path)) {
            throw Failure.invalidInput(name + " is not next to --ansible-playbook in " + dir
                    + ": give the ansible-playbook of a complete Ansible installation");
        }
        return path.toString();
    }

    private static String onPath(String name) {
        return find(name).orElseThrow(() -> Failure.invalidInput(name + " is not on the PATH: install Ansible"
                + " (Debian: apt-get install ansible) or give --ansible-playbook PATH"));
    }

    public static Optional<String> find(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }
}
