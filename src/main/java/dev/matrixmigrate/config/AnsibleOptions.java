package dev.matrixmigrate.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the tool passes on to every Ansible command. Secrets travel only as files
 * (never on a command line).
 */
public record AnsibleOptions(int verbosity, Path privateKey, Path becomePasswordFile, Path vaultPasswordFile,
        List<String> extraVars) {

    public AnsibleOptions {
        extraVars = List.copyOf(extraVars);
    }

    /** The arguments for ansible-playbook and ansible. */
    public List<String> playbookArguments() {
        List<String> args = new ArrayList<>();
        if (verbosity > 0) {
            args.add("-" + "v".repeat(Math.min(verbosity, 4)));
        }
        if (privateKey != null) {
            args.add("--private-key=" + privateKey);
        }
        if (becomePasswordFile != null) {
            args.add("--become-password-file=" + becomePasswordFile);
        }
        args.addAll(inventoryArguments());
        for (String vars : extraVars) {
            args.add("--extra-vars=" + vars);
        }
        return args;
    }

    /** The arguments for ansible-inventory (which reads host_vars, possibly vault-encrypted). */
    public List<String> inventoryArguments() {
        return vaultPasswordFile == null ? List.of() : List.of("--vault-password-file=" + vaultPasswordFile);
    }
}
