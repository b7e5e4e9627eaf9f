package dev.matrixmigrate.plan;

import dev.matrixmigrate.ansible.InventoryHost;
import dev.matrixmigrate.config.ProcedureSettings;
import dev.matrixmigrate.dns.DnsChanges;
import java.util.List;
import java.util.Optional;

/**
 * The steps of a rollback, planned with the migration so that a person reviews them beforehand and
 * `migrate --rollback` runs them as recorded, whatever inventory/hosts names by then. The new server
 * stops before the old one starts, so the two never serve at once.
 */
final class RollbackStepList {
    private final ProcedureSettings settings;
    private final PlaybookCommands commands;
    private final InventoryHost old;
    private final String oldTarget;
    private final String newTarget;
    private final Optional<DnsChanges> dns;

    RollbackStepList(ProcedureSettings settings, PlaybookCommands commands, InventoryHost old, InventoryHost newServer,
            Optional<DnsChanges> dns) {
        this.settings = settings;
        this.dns = dns;
        this.commands = commands;
        this.old = old;
        this.oldTarget = "old server " + old.describe();
        this.newTarget = "new server " + newServer.describe();
    }

    List<PlannedStep> steps() {
        String data = settings.dataPath();
        return List.of(
                new PlannedStep(StepIds.CHECK_NEW, "find what the new server has that the old one lacks", newTarget,
                        "Lists the files under " + data + " that changed on the new server since its services could"
                                + " run (count, bytes, paths, in " + commands.planFile(PlanFiles.WRITTEN_ON_NEW) + "):"
                                + " going back leaves them behind. Unless its client API answered neither the health"
                                + " check nor now, the new server may have served users, and any of them refuses the"
                                + " rollback, unless --force. Changes nothing.",
                        List.of(commands.hostPlayOnNew(PlanFiles.CHECK_NEW_WRITES))),
                new PlannedStep(StepIds.STOP_NEW, "stop the new server for good", newTarget,
                        "Disables and stops every matrix* unit of the new server (" + PlanFiles.STOP_UNITS
                                + "), before the old one starts. Its data stays as it is.",
                        List.of(commands.hostPlayOnNew(PlanFiles.STOP_NEW))),
                new PlannedStep(StepIds.RESTORE_INVENTORY, "point inventory/hosts at the old server again",
                        "the playbook folder",
                        "Puts " + commands.planFile(PlanFiles.INVENTORY_OLD) + " back as inventory/hosts, byte for"
                                + " byte; refused when the file changed since the switch in another way than the run's"
                                + " own.",
                        List.of()),
                dnsBack(),
                new PlannedStep(StepIds.START_OLD, "start the old server again", oldTarget,
                        "Runs the playbook with --tags=start on the old server: it enables and starts its units"
                                + " again.",
                        List.of(commands.setupOnOld("start"))),
                new PlannedStep(StepIds.REMOVE_KEY, "remove the copy's key", oldTarget + " and " + newTarget,
                        "Removes the run's key from the new server's authorized_keys and from the old server ("
                                + PlanFiles.CLEANUP + "), wherever it is still.",
                        List.of(commands.migrationPlayAfterSwitch(PlanFiles.CLEANUP))),
                new PlannedStep(StepIds.HEALTH_OLD, "check that the old server serves Matrix again", oldTarget,
                        "Asks the old server what the health check asked of the new one (" + PlanFiles.HEALTH
                                + ", polled for up to " + settings.healthTimeout().toSeconds() + " s); its server"
                                + " name and signing keys must be those it answered in the preflight.",
                        List.of(commands.hostPlayOnOld(PlanFiles.HEALTH,
                                "matrix_migrate_health_timeout=" + settings.healthTimeout().toSeconds(),
                                "matrix_migrate_health_result=" + PlanFiles.HEALTH_OLD_RESULT))));
    }

    private PlannedStep dnsBack() {
        boolean updates = dns.map(DnsChanges::updates).orElse(false);
        return new PlannedStep(StepIds.DNS_BACK, "point DNS at the old server again", "the machine running matrix-migrate",
                (updates ? "Puts back what the record sets that moved held before the migration ("
                        + commands.planFile(PlanFiles.DNS_CHANGES) + ", old) with " + PlanFiles.DNS + "."
                        : "Shows the DNS records to point back at " + old.address() + " (" + old.name() + " and the"
                        + " other names of services you enabled).") + " Then warns while "
                        + (dns.isPresent() ? "the zone's server" : "the local resolver") + " still answers another address.",
                updates ? List.of(commands.dnsPlay("old"))
                        : List.of());
    }
}
