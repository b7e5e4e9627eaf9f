package dev.matrixmigrate.plan;

import dev.matrixmigrate.ansible.AnsibleTools;
import dev.matrixmigrate.ansible.SshSettings;
import dev.matrixmigrate.config.AnsibleOptions;
import dev.matrixmigrate.facts.ChecksPlay;
import dev.matrixmigrate.playbook.PlanFiles;
import dev.matrixmigrate.playbook.PlayVariable;
import dev.matrixmigrate.playbook.Playbook;
import dev.matrixmigrate.process.CommandSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the ansible-playbook command lines of a migration, all run from the playbook folder with
 * the user's own inventory ({@code inventoryFile}), so that its ansible.cfg, host_vars and group_vars apply.
 */
public record PlaybookCommands(AnsibleTools tools, Path playbookDir, Path inventoryFile, Path planDir, String host,
        AnsibleOptions options, SshSettings ansibleSettings) {
    /** Ansible's ssh_extra_args for every run: the user's, with keepalives (SshSettings#extraArgumentsWithKeepalive). */
    public static final String SSH_EXTRA_ARGS = "ANSIBLE_SSH_EXTRA_ARGS";
    /** Host keys are checked even when ansible.cfg turns checking off. */
    public static final String HOST_KEY_CHECKING = "ANSIBLE_HOST_KEY_CHECKING";
    /**
     * Where Ansible finds callback plugins: the plan's own first (the run's events and the gates, which do nothing
     * unless the run sets their variables), then the user's.
     */
    public static final String CALLBACK_PLUGINS = "ANSIBLE_CALLBACK_PLUGINS";

    /** A tag run of the playbook's setup.yml, limited to the migrated host. */
    public CommandSpec setup(String tags) {
        return playbook(inventory(), Playbook.SETUP, "--tags=" + tags, "--limit=" + host);
    }

    /** A tag run of setup.yml on the new server while inventory/hosts still names the old one. */
    public CommandSpec setupOnNew(String tags) {
        return playbook(planFile(PlanFiles.INVENTORY_NEW_HOSTS), Playbook.SETUP, "--tags=" + tags, "--limit=" + host);
    }

    /** The install on the new server, with what the preflight wrote for it in {@link PlanFiles#INSTALL_ON_NEW}. */
    public CommandSpec installOnNew(String tags) {
        return setupOnNew(tags).plus(List.of(Playbook.extraVariable("@" + planFile(PlanFiles.INSTALL_ON_NEW))));
    }

    /**
     * The start run on the new server, held at its gate: the gate plugin of the plan folder waits before the first task that is neither fact gathering
     * nor tagged always until the tool creates the gate file.
     */
    public CommandSpec gatedSetupOnNew(String tags) {
        return heldAtGate(setupOnNew(tags), PlanFiles.START_GATE);
    }

    /**
     * --cold's copy, held at its gate before its first task tagged {@link PlanFiles#GATE_TAG} (the old server's
     * stop) until the tool opens it.
     */
    public CommandSpec heldBeforeStop(CommandSpec copy) {
        return heldAtGate(copy, PlanFiles.COPY_GATE).withEnvironment(PlanFiles.GATE_TAG_VARIABLE, PlanFiles.GATE_TAG);
    }

    /**
     * The forwarding's run, held at its gate before its first task tagged {@link PlanFiles#FORWARD_GATE_TAG} (the
     * old server's ports are taken) until the old server stopped.
     */
    public CommandSpec heldUntilOldStopped(CommandSpec forward) {
        return heldAtGate(forward, PlanFiles.FORWARD_GATE).withEnvironment(PlanFiles.GATE_TAG_VARIABLE,
                PlanFiles.FORWARD_GATE_TAG);
    }

    /** A command whose run waits at the gate plugin's gate {@code gate} (a plan file) until the tool opens it. */
    private CommandSpec heldAtGate(CommandSpec command, String gate) {
        return command.withEnvironment(PlanFiles.GATE_VARIABLE, planDir.resolve(gate).toAbsolutePath().toString());
    }

    /** A tag run of setup.yml on the old server whatever inventory/hosts names (a rollback). */
    public CommandSpec setupOnOld(String tags) {
        return playbook(planFile(PlanFiles.INVENTORY_OLD_HOSTS), Playbook.SETUP, "--tags=" + tags, "--limit=" + host);
    }

    /**
     * The playbook's own checks ({@link PlanFiles#PLAYBOOK_CHECKS}) for the host on the old server, as inventory/hosts
     * names it, or on the new one with what the install there is given ({@link PlanFiles#INSTALL_ON_NEW}); a check that
     * fails leaves its message in {@link PlanFiles#PREFLIGHT_REFUSAL}.
     */
    public CommandSpec playbookChecks(boolean onNew) {
        List<String> arguments = new ArrayList<>(List.of(planFile(PlanFiles.PLAYBOOK_CHECKS), "--limit=" + host,
                "--tags=" + ChecksPlay.TAG, "--skip-tags=always",
                Playbook.extraVariable(ChecksPlay.SERVER_VARIABLE + "=" + (onNew ? "new" : "old")),
                Playbook.extraVariable(ChecksPlay.REFUSAL_FILE_VARIABLE + "=../" + PlanFiles.PREFLIGHT_REFUSAL)));
        if (onNew) {
            arguments.add(Playbook.extraVariable("@" + planFile(PlanFiles.INSTALL_ON_NEW)));
        }
        return playbook(planFile(onNew ? PlanFiles.INVENTORY_NEW_HOSTS : PlanFiles.INVENTORY_OLD_HOSTS),
                arguments.toArray(String[]::new));
    }

    /** A generated play on the new server while inventory/hosts still names the old one. */
    public CommandSpec hostPlayOnNew(String file, String... variables) {
        return hostPlayWith(planFile(PlanFiles.INVENTORY_NEW_HOSTS), file, variables);
    }

    /** A generated play on the old server whatever inventory/hosts names (a rollback). */
    public CommandSpec hostPlayOnOld(String file, String... variables) {
        return hostPlayWith(planFile(PlanFiles.INVENTORY_OLD_HOSTS), file, variables);
    }

    /** A play generated into the plan folder, run on the migrated host of inventory/hosts. */
    public CommandSpec hostPlay(String file, String... variables) {
        return hostPlayWith(inventory(), file, variables);
    }

    private CommandSpec hostPlayWith(String inventory, String file, String... variables) {
        List<String> arguments = new ArrayList<>(List.of(planFile(file), "--limit=" + host));
        for (String variable : variables) {
            arguments.add(Playbook.extraVariable(variable));
        }
        return playbook(inventory, arguments.toArray(String[]::new));
    }

    /**
     * A play generated into the plan folder that runs on this machine alone (an inventory of localhost only,
     * so that nothing of the servers' inventory applies), with the plan file {@code variablesFile} as variables.
     */
    private CommandSpec localPlay(String file, String variablesFile, String... variables) {
        List<String> arguments = new ArrayList<>(List.of(planFile(file), Playbook.extraVariable("@" + planFile(variablesFile))));
        for (String variable : variables) {
            arguments.add(Playbook.extraVariable(variable));
        }
        return playbook("localhost,", arguments.toArray(String[]::new));
    }

    /** The DNS play, pointing the records that move at the new server ({@code new}) or back at the old one ({@code old}). */
    public CommandSpec dnsPlay(String toward) {
        return localPlay(PlanFiles.DNS, PlanFiles.DNS_CHANGES, PlayVariable.DNS_TO.is(toward));
    }

    /** A play generated into the plan folder, run on the two servers of the migration inventory. */
    public CommandSpec migrationPlay(String file, String... variables) {
        return migrationPlayWith(inventory(), file, variables);
    }

    /** The same once inventory/hosts names the new server: the old server is then found in inventory-old/. */
    public CommandSpec migrationPlayAfterSwitch(String file) {
        return migrationPlayWith(planFile(PlanFiles.INVENTORY_OLD_HOSTS), file);
    }

    private CommandSpec migrationPlayWith(String inventory, String file, String... variables) {
        List<String> arguments = new ArrayList<>(List.of("-i", planFile(PlanFiles.MIGRATION_INVENTORY), planFile(file)));
        for (String variable : variables) {
            arguments.add(Playbook.extraVariable(variable));
        }
        return playbook(inventory, arguments.toArray(String[]::new));
    }

    /** ansible-playbook from the playbook folder with this inventory, the user's Ansible options and host keys checked. */
    private CommandSpec playbook(String inventory, String... arguments) {
        List<String> argv = new ArrayList<>(List.of(tools.playbook(), "-i", inventory));
        argv.addAll(List.of(arguments));
        argv.addAll(options.playbookArguments());
        List<String> callbackPlugins = new ArrayList<>(List.of(planDir.resolve(PlanFiles.GATE_PLUGINS).toAbsolutePath()
                .toString()));
        callbackPlugins.addAll(ansibleSettings.callbackPlugins());
        return CommandSpec.of(playbookDir, argv).withEnvironment(HOST_KEY_CHECKING, "True")
                .withEnvironment(SSH_EXTRA_ARGS, ansibleSettings.extraArgumentsWithKeepalive())
                .withEnvironment(CALLBACK_PLUGINS, String.join(":", callbackPlugins));
    }

    /** A file of the plan folder as the commands name it: relative when inside the playbook folder. */
    public String planFile(String name) {
        return named(planDir.resolve(name));
    }

    /** The user's inventory as the commands name it (inventory/hosts unless --inventory says otherwise). */
    public String inventory() {
        return named(inventoryFile);
    }

    private String named(Path file) {
        return named(playbookDir, file);
    }

    /** A file as the commands and the plan name it: relative to the playbook folder when inside it. */
    static String named(Path playbookDir, Path file) {
        return file.startsWith(playbookDir) ? playbookDir.relativize(file).toString() : file.toString();
    }
}
