package dev.matrixmigrate.cli;

import dev.matrixmigrate.config.AnsibleOptions;
import dev.matrixmigrate.config.ConfigFileDefaults;
import dev.matrixmigrate.config.Validate;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** What is passed on to every Ansible command. */
@OptionGroup("Ansible")
final class AnsibleArguments {
    @Option(names = "--ansible-playbook", paramLabel = "PATH", description = "The ansible-playbook to use (default:"
            + " from PATH); ansible, ansible-inventory and ansible-config are taken from the same folder.")
    Path ansiblePlaybook;

    @Option(names = "-v", description = "More Ansible output (-v to -vvvv), passed to ansible-playbook.")
    boolean[] verbose = new boolean[0];

    @Option(names = "--private-key", paramLabel = "FILE", description = "SSH private key for Ansible.")
    String privateKey;

    @Option(names = "--become-password-file", paramLabel = "FILE",
            description = "File holding the sudo password, passed to Ansible as a file.")
    String becomePasswordFile;

    @Option(names = "--vault-password-file", paramLabel = "FILE", description = "Ansible Vault password file.")
    String vaultPasswordFile;

    @Option(names = {"-e", "--extra-vars"}, paramLabel = "VARS", split = ConfigFileDefaults.LIST_SPLIT,
            hideParamSyntax = true, description = "Extra variables for ansible-playbook (key=value or @file); repeatable.")
    List<String> extraVars;

    AnsibleOptions settings() {
        return new AnsibleOptions(verbose.length, Validate.existingFile("--private-key", privateKey),
                Validate.existingFile("--become-password-file", becomePasswordFile),
                Validate.existingFile("--vault-password-file", vaultPasswordFile),
                extraVars == null ? List.of() : extraVars);
    }
}
