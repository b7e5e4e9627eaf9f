package dev.matrixmigrate.cli;

import dev.matrixmigrate.config.ConfigFile;
import dev.matrixmigrate.config.MigrationSettings;
import dev.matrixmigrate.config.SettingsInput;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The options plan and migrate share. Each is null when not given, so a --config file can fill it. */
final class MigrationOptions {
    @Option(names = "--playbook", paramLabel = "DIR",
            description = "The matrix-docker-ansible-deploy checkout, with setup.yml and inventory/hosts (default: .).")
    String playbook;

    @Option(names = "--to", paramLabel = "ADDRESS", description = "Address of the new server (required).")
    String to;

    @Option(names = "--to-user", paramLabel = "USER", description = "SSH user on the new server (default: as now).")
    String toUser;

    @Option(names = "--to-port", paramLabel = "PORT", description = "SSH port of the new server (default: as now).")
    Integer toPort;

    @Option(names = "--to-become", description = "The SSH user on the new server is not root: become root with sudo.")
    Boolean toBecome;

    @Option(names = "--host", paramLabel = "NAME",
            description = "The inventory host to migrate (default: the only host in [matrix_servers]).")
    String host;

    @Option(names = "--data-path", paramLabel = "PATH", description = "The data path (default: /matrix).")
    String dataPath;

    @Option(names = "--start-tags", paramLabel = "TAGS",
            description = "Tags that install and start the new server (default: setup-all,start).")
    String startTags;

    @Option(names = "--cold", description = "One copy after the old server stopped, as in the manual procedure"
            + " (default: a warm copy while it still runs, then a short final pass).")
    Boolean cold;

    @Option(names = "--verify", paramLabel = "MODE", description = "How the copy is verified: quick (sizes and times,"
            + " the default) or checksum (contents too).")
    String verify;

    @Option(names = "--install-tags", paramLabel = "TAGS", description = "Tags that install the new server without"
            + " starting it, run while the old one still serves (default: setup-all).")
    String installTags;

    @Option(names = "--force-target", description = "Copy even when the data path on the new server is not empty"
            + " (what is there is replaced).")
    Boolean forceTarget;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A YAML file with these settings, keys named like the long options; the command line wins.")
    Path config;

    @Option(names = "--templates", paramLabel = "DIR", description = "A folder whose templates override the built-in ones.")
    String templates;

    @Option(names = "--ansible-playbook", paramLabel = "PATH", description = "The ansible-playbook to use (default:"
            + " from PATH); ansible-inventory and ansible-config are taken from the same folder.")
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

    @Option(names = {"-e", "--extra-vars"}, paramLabel = "VARS", description = "Extra variables for ansible-playbook"
            + " (key=value or @file); repeatable.")
    List<String> extraVars;

    MigrationSettings settings(String output) {
        SettingsInput given = new SettingsInput(playbook, host, to, toUser, toPort, toBecome, dataPath, startTags, output,
                forceTarget, privateKey, becomePasswordFile, vaultPasswordFile, extraVars, templates, cold, verify,
                installTags);
        SettingsInput merged = config == null ? given : given.over(ConfigFile.load(config));
        return MigrationSettings.from(merged, verbose.length);
    }
}
