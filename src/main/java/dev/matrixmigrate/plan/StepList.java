package dev.matrixmigrate.plan;

import dev.matrixmigrate.ansible.InventoryHost;
import dev.matrixmigrate.config.MigrationSettings;
import java.util.List;

/** The steps of a migration, in the order they run. */
final class StepList {
    private final MigrationSettings settings;
    private final PlaybookCommands commands;
    private final InventoryHost old;
    private final InventoryHost newServer;

    StepList(MigrationSettings settings, PlaybookCommands commands, InventoryHost old, InventoryHost newServer) {
        this.settings = settings;
        this.commands = commands;
        this.old = old;
        this.newServer = newServer;
    }

    List<PlannedStep> steps() {
        String oldTarget = "old server " + old.describe();
        String newTarget = "new server " + newServer.describe();
        String data = settings.dataPath();
        return List.of(
                new PlannedStep(StepIds.PREFLIGHT, "check both servers", oldTarget + " and " + newTarget,
                        "Ansible reaches both servers (the new server's SSH host key must be known to the connection"
                                + " Ansible makes); same CPU architecture; rsync present or installable; room for "
                                + data + " on the new server; " + data + " on the new server empty"
                                + (settings.forceTarget() ? " (not required: --force-target)" : "")
                                + "; the playbook's validated-version setting present. Changes nothing.",
                        List.of(commands.migrationPlay(PlanFiles.PREFLIGHT))),
                new PlannedStep(StepIds.STOP_OLD, "stop the old server for good", oldTarget,
                        "Stops every service with the playbook, then disables and stops every matrix* unit so that"
                                + " nothing starts again after a reboot.",
                        List.of(commands.setup("stop"), commands.migrationPlay(PlanFiles.STOP_OLD))),
                new PlannedStep(StepIds.SYNC, "copy " + data + " from old to new", oldTarget + " -> " + newTarget,
                        "rsync " + String.join(" ", PlanBuilder.RSYNC_OPTIONS) + " from the old server straight to the"
                                + " new one, with a key made for this run and removed at the end.",
                        List.of(commands.migrationPlay(PlanFiles.SYNC))),
                new PlannedStep(StepIds.DNS, "point DNS at the new server", "the machine running matrix-migrate",
                        "Shows the DNS records to point at " + newServer.address() + " (" + old.name()
                                + " and the other names of services you enabled) and warns while the local resolver"
                                + " still answers another address.",
                        List.of()),
                new PlannedStep(StepIds.SWITCH_INVENTORY, "point inventory/hosts at the new server",
                        "the playbook folder",
                        "Installs " + commands.planFile(PlanFiles.INVENTORY_NEW) + " as inventory/hosts, keeping the"
                                + " current file as inventory/hosts.bak-<time> (see "
                                + commands.planFile(PlanFiles.INVENTORY_DIFF) + ").",
                        List.of()),
                new PlannedStep(StepIds.SETUP_SYSTEM_USER, "create the matrix user", newTarget,
                        "Creates the matrix user and group on the new server; their ids may differ from the old"
                                + " server's.",
                        List.of(commands.setup("setup-system-user"))),
                new PlannedStep(StepIds.CHOWN, "give " + data + " to the matrix user", newTarget,
                        "chown -R matrix:matrix " + data + ", skipped when everything is already owned by it.",
                        List.of(commands.hostPlay(PlanFiles.FIX_OWNERSHIP))),
                new PlannedStep(StepIds.START, "install and start everything", newTarget,
                        "Runs the playbook with --tags=" + settings.startTagsArgument() + " on the new server.",
                        List.of(commands.setup(settings.startTagsArgument()))));
    }
}
