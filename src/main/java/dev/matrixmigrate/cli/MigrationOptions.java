package dev.matrixmigrate.cli;

import dev.matrixmigrate.config.ConfigFileDefaults;
import dev.matrixmigrate.config.MigrationSettings;
import dev.matrixmigrate.config.Validate;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options plan and migrate share, grouped by what they set. A command that mixes them in takes
 * {@link ConfigFileDefaults} as its default provider, so that every option can also come from --config.
 */
@OptionGroup("Playbook")
final class MigrationOptions {
    @Option(names = "--playbook", paramLabel = "DIR", defaultValue = ".",
            description = "The matrix-docker-ansible-deploy checkout, with setup.yml and inventory/hosts (default: ${DEFAULT-VALUE}).")
    String playbook;

    @Option(names = {"-i", "--inventory"}, paramLabel = "FILE", defaultValue = Validate.DEFAULT_INVENTORY,
            description = "The playbook's inventory (INI), relative to the playbook folder as ansible-playbook -i takes it"
                    + " there; its host_vars and group_vars beside it (default: ${DEFAULT-VALUE}).")
    String inventory;

    @Mixin
    NewServerOptions newServer;

    @Option(names = "--host", paramLabel = "NAME",
            description = "The inventory host to migrate (default: the only host in [matrix_servers]).")
    String host;

    @Mixin
    ProcedureOptions procedure;

    @Mixin
    DnsOptions dns;

    @Mixin
    ForwardOptions forward;

    @Option(names = ConfigFileDefaults.OPTION, paramLabel = "FILE",
            description = "A YAML file with these settings, keys named like the long options; the command line wins.")
    Path config;

    @Option(names = "--templates", paramLabel = "DIR", description = "A folder whose templates override the built-in ones.")
    String templates;

    @Mixin
    AnsibleArguments ansible;

    /** Validates every option once; {@code output} is plan's --output (null for migrate). */
    MigrationSettings settings(String output) {
        Path playbookDir = Validate.playbookDir(playbook);
        return new MigrationSettings(playbookDir, Validate.inventory(playbookDir, inventory),
                Optional.ofNullable(host).map(name -> Validate.iniValue("--host", name)), newServer.settings(),
                procedure.settings(), Optional.ofNullable(output).map(dir -> Path.of(dir).toAbsolutePath().normalize()),
                Optional.ofNullable(templates).map(dir -> Path.of(dir).toAbsolutePath()), ansible.settings(),
                dns.settings(), forward.settings());
    }
}
