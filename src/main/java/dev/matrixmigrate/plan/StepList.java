package dev.matrixmigrate.plan;

import dev.matrixmigrate.ansible.InventoryHost;
import dev.matrixmigrate.config.NameServer;
import dev.matrixmigrate.config.ProcedureSettings;
import dev.matrixmigrate.dns.DnsChanges;
import dev.matrixmigrate.process.CommandSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.function.Function;

/**
 * The steps of a migration, in the order they run. By default the copy is warm: a first pass while
 * the old server still serves, the new server installed meanwhile, and inside the downtime only
 * the stop, a short final pass, the verification and the playbook's start. With --cold, one pass
 * after the stop, then the guide's setup-system-user, chown and setup-all,start.
 */
final class StepList {
    private static final String OWNER = "matrix:matrix";
    private final ProcedureSettings settings;
    private final PlaybookCommands commands;
    private final Function<String, CommandSpec> progress;
    private final String oldTarget;
    private final String newTarget;
    private final String data;
    private final InventoryHost old;
    private final InventoryHost newServer;
    private final Optional<DnsChanges> dns;
    private final String dumpFile;

    /** @param dumpFile where the dump route's dump lies on both servers */
    StepList(ProcedureSettings settings, PlaybookCommands commands, InventoryHost old, InventoryHost newServer,
            Optional<DnsChanges> dns, String dumpFile, Function<String, CommandSpec> progress) {
        this.settings = settings;
        this.dumpFile = dumpFile;
        this.dns = dns;
        this.commands = commands;
        this.progress = progress;
        this.old = old;
        this.newServer = newServer;
        this.oldTarget = "old server " + old.describe();
        this.newTarget = "new server " + newServer.describe();
        this.data = settings.dataPath();
    }

    List<PlannedStep> steps() {
        List<PlannedStep> steps = new ArrayList<>();
        steps.add(preflight());
        dns.filter(DnsChanges::updates).ifPresent(changes -> steps.add(dnsCheck(changes)));
        if (settings.cold()) {
            steps.add(cutover(false));
            steps.add(dns());
            steps.add(switchInventory());
            steps.add(new PlannedStep(StepIds.SETUP_SYSTEM_USER, "create the matrix user", newTarget,
                    "Creates the matrix user and group on the new server; their ids may differ from the old server's.",
                    List.of(commands.setup("setup-system-user"))));
            steps.add(new PlannedStep(StepIds.CHOWN, "give " + data + " to the matrix user", newTarget,
                    "chown -R matrix:matrix " + data + ", skipped when everything is already owned by it.",
                    List.of(commands.hostPlay(PlanFiles.FIX_OWNERSHIP))));
        } else {
            steps.add(warmCopy());
            steps.add(new PlannedStep(StepIds.SETUP_SYSTEM_USER, "create the matrix user on the new server", newTarget,
                    "Creates the matrix user and group on the new server (through inventory-new/, since"
                            + " inventory/hosts still names the old one); the old server still serves.",
                    List.of(commands.setupOnNew("setup-system-user"))));
            steps.add(new PlannedStep(StepIds.CHOWN, "give the warm copy to the matrix user", newTarget,
                    "chown -R matrix:matrix " + data + " once; the final pass then gives what it copies to"
                            + " matrix:matrix itself.",
                    List.of(commands.hostPlayOnNew(PlanFiles.FIX_OWNERSHIP))));
            steps.add(new PlannedStep(StepIds.INSTALL, "install the new server while the old one serves", newTarget,
                    "Notes the new server's clock (" + commands.planFile(PlanFiles.INSTALL_STARTED_AT) + "), runs"
                            + " the playbook with --tags=" + settings.installTagsArgument() + " on the new server (the"
                            + " whole installation, pulling images and rendering the configuration from the new"
                            + " server's facts, before the downtime; it starts nothing), then lists what it wrote under "
                            + data + " in " + commands.planFile(PlanFiles.INSTALLED_ON_NEW) + ": the final pass leaves"
                            + " that as it is.",
                    List.of(commands.hostPlayOnNew(PlanFiles.MARK_INSTALL),
                            commands.setupOnNew(settings.installTagsArgument()),
                            commands.hostPlayOnNew(PlanFiles.LIST_INSTALLED))));
            steps.add(cutover(true));
            steps.add(dns());
            steps.add(switchInventory());
            if (settings.mayImport()) {
                steps.add(importDatabase());
            }
        }
        steps.add(new PlannedStep(StepIds.START, settings.cold() ? "install and start everything" : "start everything",
                newTarget, "Runs the playbook with --tags=" + settings.startTagsArgument() + " on the new server."
                        + " The downtime ends.",
                List.of(commands.setup(settings.startTagsArgument()))));
        steps.add(health());
        steps.add(new PlannedStep(StepIds.CLEANUP, "remove the copy's key", oldTarget + " and " + newTarget,
                "Removes the key the final pass left in place from the new server's authorized_keys and the old"
                        + " server (cleanup.yml), now that the new server runs: outside the downtime. Also run when"
                        + " a step after the final pass fails.",
                List.of(commands.migrationPlayAfterSwitch(PlanFiles.CLEANUP))));
        return steps;
    }

    private PlannedStep preflight() {
        return new PlannedStep(StepIds.PREFLIGHT, "check both servers", oldTarget + " and " + newTarget,
                "Ansible reaches both servers (their SSH host keys must be known to the connection Ansible makes);"
                        + " the new server is not the old one; the database's route (" + DatabaseRouteNote.of(settings)
                        + "; the preflight reads both servers' ansible_architecture and the host's postgres_enabled, and"
                        + " writes the route and why in " + commands.planFile(PlanFiles.DATABASE_ROUTE) + ");"
                        + " rsync present or installable;"
                        + " room for " + data + " on the new server (and for the dump on both, on the dump route); " + data + " on the new server empty"
                        + (settings.forceTarget() ? " (not required: --force-target)" : "")
                        + "; the playbook's validated-version setting present. Then the old server must answer what"
                        + " the health check will ask of the new one (" + PlanFiles.HEALTH + ", each endpoint polled for up to "
                        + settings.preflightTimeout().toSeconds() + " s); its server name and"
                        + " signing keys are kept in " + commands.planFile(PlanFiles.SERVER_IDENTITY)
                        + ". Changes nothing on the servers.",
                List.of(commands.migrationPlay(PlanFiles.PREFLIGHT),
                        commands.hostPlay(PlanFiles.HEALTH, "matrix_migrate_health_record=true",
                                "matrix_migrate_health_timeout=" + settings.preflightTimeout().toSeconds())));
    }

    private PlannedStep health() {
        List<CommandSpec> checks = new ArrayList<>(List.of(commands.hostPlay(PlanFiles.HEALTH,
                "matrix_migrate_health_timeout=" + settings.healthTimeout().toSeconds(),
                "matrix_migrate_health_note_served=true")));
        if (settings.selfCheck()) {
            checks.add(commands.setup("self-check"));
        }
        return new PlannedStep(StepIds.HEALTH, "check that the new server serves Matrix", newTarget,
                "Asks the new server, at its address with the public host name, for the client API, the federation"
                        + " key and the well-known files (" + PlanFiles.HEALTH + ", each polled for up to "
                        + settings.healthTimeout().toSeconds() + " s); the server name and signing keys must be the"
                        + " old server's" + (settings.selfCheck() ? "; then the playbook's --tags=self-check" : "")
                        + ". What did not answer, and what it got, is kept in "
                        + commands.planFile(PlanFiles.HEALTH_RESULT) + "; once the client API answered, "
                        + commands.planFile(PlanFiles.NEW_SERVED) + " notes that the new server may have served"
                        + " users (a rollback then checks what they wrote).",
                checks);
    }

    /** The first copy, while old serves; it keeps the old server's owners (numeric). */
    private PlannedStep warmCopy() {
        return new PlannedStep(StepIds.SYNC_WARM, "copy " + data + " while the old server still serves",
                oldTarget + " -> " + newTarget,
                "rsync " + String.join(" ", PlanBuilder.RSYNC_OPTIONS)
                        + " from the old server straight to the new one (warm pass, files vanishing meanwhile are"
                        + " expected), with a key made for this run and removed at the end.",
                List.of(commands.migrationPlay(PlanFiles.SYNC, passVariables("warm", null))), progress.apply("warm"));
    }

    private String verification() {
        return (settings.verifyChecksum() ? "contents compared" : "sizes and times") + "; differences kept in "
                + commands.planFile(PlanFiles.VERIFY_RESULT);
    }

    /**
     * The stop and the final pass in one Ansible run. After the warm pass and the install, what is
     * copied goes to matrix:matrix and what the install wrote is left alone; a cold copy keeps the old
     * server's numeric owners, for the guide's chown after it.
     */
    private PlannedStep cutover(boolean afterInstall) {
        String owner = afterInstall ? OWNER : null;
        List<String> variables = new ArrayList<>(List.of(passVariables("final", owner)));
        variables.add("matrix_migrate_stop=true");
        if (afterInstall) {
            variables.add("matrix_migrate_keep_installed=true");
        }
        return new PlannedStep(StepIds.CUTOVER, "stop the old server for good, copy " + (afterInstall ? "what changed"
                        : data) + ", verify",
                oldTarget + " -> " + newTarget,
                "The downtime starts, in one Ansible run of " + PlanFiles.SYNC + ": once the copy's key is in place,"
                        + " every matrix* unit of the old server is disabled and stopped (" + PlanFiles.STOP_UNITS
                        + ", the guide's `systemctl disable --now matrix*`: nothing starts again after a reboot), then"
                        + " the final pass (rsync " + String.join(" ", PlanBuilder.RSYNC_OPTIONS)
                        + (afterInstall ? " --chown=" + owner + ", leaving out what the install wrote on the new"
                                + " server, listed in " + commands.planFile(PlanFiles.INSTALLED_ON_NEW) : "")
                        + ") and a dry run that must find no difference (" + verification()
                        + "). The copy's key stays for the cleanup step."
                        + (settings.mayImport() ? " On the dump route, the passes and the verification leave out the"
                                + " raw data of the playbook's Postgres, and between the stop and the final pass its unit"
                                + " keeps running while pg_dumpall writes " + dumpFile + " (zstd) on the old server,"
                                + " every table's rows are counted (" + commands.planFile(PlanFiles.ROWS_OLD) + "), then"
                                + " it is stopped and disabled too and the dump goes to the same place on the new"
                                + " server, with a second key that may only write there." : ""),
                List.of(commands.migrationPlay(PlanFiles.SYNC, variables.toArray(String[]::new))),
                progress.apply("final"));
    }

    private String[] passVariables(String pass, String owner) {
        List<String> variables = new ArrayList<>(List.of("matrix_migrate_pass=" + pass));
        if (owner != null) {
            variables.add("matrix_migrate_owner=" + owner);
        }
        if (pass.equals("final")) {
            variables.add("matrix_migrate_keep_key=true");
            if (settings.verifyChecksum()) {
                variables.add("matrix_migrate_checksum=true");
            }
        }
        return variables.toArray(String[]::new);
    }

    private PlannedStep dnsCheck(DnsChanges changes) {
        return new PlannedStep(StepIds.DNS_CHECK, "try the DNS provider's secret", "the machine running matrix-migrate",
                "Tries an update in each zone with " + changes.provider().credentialsOption() + " (" + PlanFiles.DNS
                        + " adds a TXT record _matrix-migrate-check.<zone> and removes it again): the provider must"
                        + " accept the secret and allow updates before the old server stops.",
                List.of(commands.dnsPlay("new").plus(List.of(PlaybookCommands.extraVariable("matrix_migrate_dns_probe=true")))));
    }

    private PlannedStep dns() {
        boolean updates = dns.map(DnsChanges::updates).orElse(false);
        String wait = dns.filter(changes -> !changes.waitFor().isZero())
                .map(changes -> " Then waits up to " + changes.waitFor().toSeconds() + " s until every authoritative"
                        + " server (" + changes.servers().stream().map(NameServer::toString).collect(Collectors.joining(", "))
                        + ") answers the new addresses; the step fails when one still does not.")
                .orElse(dns.isPresent() ? " Then asks the zone's server once and warns while a name still answers"
                        + " another address." : " Then warns while the local resolver still answers another address.");
        return new PlannedStep(StepIds.DNS, "point DNS at the new server", "the machine running matrix-migrate",
                (updates ? "Changes the record sets that move (" + commands.planFile(PlanFiles.DNS_CHANGES) + ") with "
                        + PlanFiles.DNS + " (--dns-provider " + dns.get().provider().label() + "), each to TTL "
                        + dns.get().changes().stream().map(c -> c.to().ttl()).findFirst().orElse(0L) + " s."
                        : "Shows the DNS records to point at " + newServer.address() + " (" + old.name()
                        + " and the other names of services you enabled" + (dns.isPresent() ? ", as "
                        + commands.planFile(PlanFiles.DNS_CHANGES) + " lists them" : "") + ").") + wait,
                updates ? List.of(commands.dnsPlay("new")) : List.of());
    }

    private PlannedStep importDatabase() {
        return new PlannedStep(StepIds.IMPORT_DATABASE, "import the database into the new server's fresh Postgres",
                newTarget, "Only on the dump route (nothing to do on the copy route). " + PlanFiles.PREPARE_IMPORT
                        + " checks that " + dumpFile + " is there; when an earlier attempt's import did not end, it"
                        + " empties the new server's Postgres (never once the new server may have served users), and"
                        + " --tags=setup-postgres then makes its roles and databases again. The playbook's"
                        + " --tags=import-postgres imports the dump, --tags=run-postgres-vacuum rebuilds the statistics,"
                        + " and " + PlanFiles.DATABASE_ROWS + " requires every table's row count to equal the old"
                        + " server's (" + commands.planFile(PlanFiles.ROWS_NEW) + " beside "
                        + commands.planFile(PlanFiles.ROWS_OLD) + "), before anything starts.",
                List.of(commands.hostPlay(PlanFiles.PREPARE_IMPORT), commands.setup("setup-postgres"),
                        commands.setup("import-postgres").plus(List.of(
                                PlaybookCommands.extraVariable("server_path_postgres_dump=" + dumpFile),
                                PlaybookCommands.extraVariable("postgres_default_import_database=matrix"))),
                        commands.setup("run-postgres-vacuum").plus(List.of(
                                PlaybookCommands.extraVariable("postgres_vacuum_preset=analyze"))),
                        commands.hostPlay(PlanFiles.DATABASE_ROWS)));
    }

    private PlannedStep switchInventory() {
        return new PlannedStep(StepIds.SWITCH_INVENTORY, "point inventory/hosts at the new server",
                "the playbook folder",
                "Installs " + commands.planFile(PlanFiles.INVENTORY_NEW) + " as inventory/hosts, keeping the"
                        + " current file as inventory/hosts.bak-<time> (see "
                        + commands.planFile(PlanFiles.INVENTORY_DIFF) + ").",
                List.of());
    }
}
