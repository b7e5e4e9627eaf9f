package dev.matrixmigrate.steps;

import dev.matrixmigrate.config.ForwardSettings;
import dev.matrixmigrate.config.NameServer;
import dev.matrixmigrate.dns.DnsChanges;
import dev.matrixmigrate.forward.ForwardPlan;
import dev.matrixmigrate.plan.PlanBuilder;
import dev.matrixmigrate.plan.PlannedStep;
import dev.matrixmigrate.plan.PlaybookCommands;
import dev.matrixmigrate.plan.StepInputs;
import dev.matrixmigrate.playbook.PlanFiles;
import dev.matrixmigrate.playbook.PlayVariable;
import dev.matrixmigrate.playbook.Playbook;
import dev.matrixmigrate.playbook.PlaybookFacts;
import dev.matrixmigrate.process.CommandSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every kind of step, in one place: its id (the name in the journal and in {@code status}), how it is
 * planned (title, server, what it changes, its text and its named commands) and how the engine runs it
 * ({@link StepRuns}). {@link StepList} puts them in order: a migration's for its mode, and the rollback's.
 */
public enum StepKind {
    PREFLIGHT(StepRuns.commands().refusingWith(PlanFiles.PREFLIGHT_REFUSAL)) {
        @Override
        public PlannedStep plan(StepInputs in) {
            long wait = in.settings().preflightTimeout().toSeconds();
            return PlannedStep.of(this, "check both servers", in.both())
                    .says("Checks both servers and changes nothing on them:")
                    .item("Ansible reaches both servers, with SSH host keys it knows.")
                    .item("The new server is not the old one.")
                    .item("rsync is there, or can be installed.")
                    .item("The new server has room for " + in.data() + ", and both have room for the dump on the"
                            + " dump route.")
                    .item(in.data() + " on the new server is empty" + (in.settings().forceTarget()
                            ? " (not required: --force-target)." : "."))
                    .item("The playbook's own checks of its configuration pass for the host on both servers: the"
                            + " validation task files its roles run for the tags " + in.settings().installTagsArgument()
                            + " and " + in.settings().startTagsArgument() + " (" + PlaybookFacts.VALIDATED_VERSION_KEY + ","
                            + " removed components, required settings), run by " + in.planFile(PlanFiles.PLAYBOOK_CHECKS)
                            + " with setup.yml's roles and variables and nothing of the roles but their checks. On the"
                            + " new server they see what the install is given. A check that fails refuses the migration"
                            + " with the playbook's own message.")
                    .item("The database's route is chosen from both servers' ansible_architecture and the host's"
                            + " postgres_enabled, and written with why in " + in.planFile(PlanFiles.DATABASE_ROUTE)
                            + ".")
                    .item("The old server answers what the health check will ask of the new one (" + PlanFiles.HEALTH
                            + ", each endpoint polled for up to " + wait + " s); its server name and signing keys"
                            + " are kept in " + in.planFile(PlanFiles.SERVER_IDENTITY) + ".")
                    .runs("checks", in.commands().migrationPlay(PlanFiles.PREFLIGHT))
                    .runs("playbook-checks-old", in.commands().playbookChecks(false))
                    .runs("playbook-checks-new", in.commands().playbookChecks(true))
                    .runs("old-answers", in.commands().hostPlay(PlanFiles.HEALTH, PlayVariable.HEALTH_RECORD.is(true),
                            PlayVariable.HEALTH_TIMEOUT.is(wait)))
                    .build();
        }
    },

    DNS_CHECK(StepRuns.way(StepRuns.Way.DNS_CHECK).explainedBy(PlanFiles.DNS_FAILURE)) {
        @Override
        public PlannedStep plan(StepInputs in) {
            DnsChanges changes = in.dns().orElseThrow();
            return PlannedStep.of(this, "try the DNS provider's secret", StepInputs.HERE)
                    .changes("a TXT record, added and removed")
                    .says("Tries an update in each zone with " + changes.provider().credentialsOption() + ": "
                            + PlanFiles.DNS + " adds a TXT record _matrix-migrate-check.<zone> and removes it again.")
                    .says("The provider must accept the secret before the old server stops.")
                    .runs("probe", in.commands().dnsPlay("new").plus(List.of(
                            PlayVariable.DNS_PROBE.argument(true))))
                    .build();
        }
    },

    SYNC_WARM(StepRuns.commands()) {
        @Override
        public PlannedStep plan(StepInputs in) {
            return PlannedStep.of(this, "copy " + in.data() + " while the old server still serves",
                            in.oldTarget() + " -> " + in.newTarget())
                    .changes(in.data() + " on new")
                    .says("rsync " + String.join(" ", PlanBuilder.RSYNC_OPTIONS) + " copies from the old server"
                            + " straight to the new one.")
                    .says("Files that vanish meanwhile are expected in this warm pass.")
                    .says("It uses a key made for this run, removed at the end.")
                    .runs("copy", in.commands().migrationPlay(PlanFiles.SYNC, passVariables(in, "warm", null)))
                    .progress(in.progress().apply("warm"))
                    .build();
        }
    },

    SETUP_SYSTEM_USER(StepRuns.commands()) {
        @Override
        public PlannedStep plan(StepInputs in) {
            boolean cold = in.settings().cold();
            PlannedStep.Builder step = PlannedStep.of(this, cold ? "create the matrix user"
                            : "create the matrix user on the new server", in.newTarget())
                    .changes("the matrix user and group on new").inDowntime(cold)
                    .says("The playbook creates the matrix user and group on the new server; their ids may differ"
                            + " from the old server's.");
            if (!cold) {
                step.says("It runs through inventory-new/, since " + in.inventory() + " still names the old server, which"
                        + " still serves.");
            }
            return step.runs("setup-system-user", cold ? in.commands().setup(Playbook.TAG_SETUP_SYSTEM_USER)
                    : in.commands().setupOnNew(Playbook.TAG_SETUP_SYSTEM_USER)).build();
        }
    },

    CHOWN(StepRuns.commands()) {
        @Override
        public PlannedStep plan(StepInputs in) {
            boolean cold = in.settings().cold();
            PlannedStep.Builder step = PlannedStep.of(this, cold ? "give " + in.data() + " to the matrix user"
                            : "give the warm copy to the matrix user", in.newTarget())
                    .changes("owners under " + in.data() + " on new").inDowntime(cold)
                    .says("chown -R " + in.values().owner() + " " + in.data() + ", skipped when everything is owned by it"
                            + " already.");
            if (!cold) {
                step.says("The final pass then gives what it copies to " + in.values().owner() + " itself.");
            }
            return step.runs("chown", cold ? in.commands().hostPlay(PlanFiles.FIX_OWNERSHIP)
                    : in.commands().hostPlayOnNew(PlanFiles.FIX_OWNERSHIP)).build();
        }
    },

    INSTALL(StepRuns.commands()) {
        @Override
        public PlannedStep plan(StepInputs in) {
            String tags = in.settings().installTagsArgument();
            return PlannedStep.of(this, "install the new server while the old one serves", in.newTarget())
                    .changes("the installation on new, nothing left running")
                    .says("The playbook runs with --tags=" + tags + " on the new server: images, configuration"
                            + " from the new server's facts.")
                    .says("It is given " + in.planFile(PlanFiles.INSTALL_ON_NEW) + ", which the preflight writes with"
                            + " the database's route. On the copy route it says postgres_managed_databases: [], since the"
                            + " postgres role otherwise starts Postgres during the install to prepare those databases (on"
                            + " the warm copy of " + in.values().postgresDataPath() + ", torn files), and the copied"
                            + " database has them already. On the dump route it says nothing: the install prepares the"
                            + " fresh Postgres the dump goes into.")
                    .says("Before it, the new server's clock is noted in " + in.planFile(PlanFiles.INSTALL_STARTED_AT)
                            + ".")
                    .says("After it, every matrix* unit still running on the new server is stopped and named (in "
                            + in.planFile(PlanFiles.STARTED_BY_INSTALL) + "): nothing of the playbook runs there before"
                            + " the start step. What it wrote under " + in.data() + " is listed in "
                            + in.planFile(PlanFiles.INSTALLED_ON_NEW) + ", and the final pass leaves that alone;"
                            + " nothing under Postgres's data folder (" + in.values().postgresDataPath() + ") is ever"
                            + " listed.")
                    .runs("mark", in.commands().hostPlayOnNew(PlanFiles.MARK_INSTALL))
                    .runs("install", in.trustingForwarder(in.commands().installOnNew(tags)))
                    .runs("list", in.commands().hostPlayOnNew(PlanFiles.LIST_INSTALLED))
                    .build();
        }
    },

    CUTOVER(StepRuns.commands().stoppingNotedIn(PlanFiles.CUTOVER_NOTES)) {
        @Override
        public PlannedStep plan(StepInputs in) {
            boolean afterInstall = !in.settings().cold();
            List<String> variables = new ArrayList<>(List.of(passVariables(in, "final",
                    afterInstall ? in.values().owner() : null)));
            variables.add(PlayVariable.STOP.is(true));
            if (afterInstall) {
                variables.add(PlayVariable.KEEP_INSTALLED.is(true));
                variables.add(PlayVariable.DATABASE_BY_CONTENT.is(true));
            }
            PlannedStep.Builder step = PlannedStep.of(this, "stop the old server for good, copy "
                            + (afterInstall ? "what changed" : in.data()) + ", verify",
                            in.oldTarget() + " -> " + in.newTarget())
                    .changes("old stopped and disabled; " + in.data() + " on new").inDowntime(true)
                    .says(afterInstall ? "The downtime starts. In one run of " + PlanFiles.SYNC + ":"
                            : "The downtime starts, as the guide does it: the playbook's --tags=stop stops every"
                            + " service, then in one run of " + PlanFiles.SYNC + ":")
                    .item("Every matrix* unit of the old server is disabled and stopped (" + PlanFiles.STOP_UNITS
                            + ", the guide's `systemctl disable --now matrix*`): nothing starts again after a reboot.")
                    .item("The final pass: rsync " + String.join(" ", PlanBuilder.RSYNC_OPTIONS)
                            + (afterInstall ? " --chown=" + in.values().owner() + ", leaving out what the install wrote ("
                                    + in.planFile(PlanFiles.INSTALLED_ON_NEW) + ")" : "") + ".")
                    .item("A dry run must find no difference (" + (in.settings().verifyChecksum()
                            ? "contents compared" : "sizes and times") + "; differences kept in "
                            + in.planFile(PlanFiles.VERIFY_RESULT) + ").")
                    .item("The copy's key stays for the cleanup step.");
            if (afterInstall) {
                step.item("On the copy route, Postgres's data folder (" + in.values().postgresDataPath()
                        + ") is left out of that pass and copied by a second rsync with --checksum, as PostgreSQL's"
                        + " documentation says of a copy taken while it ran: rsync's quick check (size and time) misses a"
                        + " page written in the same second the warm pass read its file. --delete removes whatever is"
                        + " not on the old server, and nothing in that folder is ever kept as the install's.");
            }
            if (in.settings().mayImport()) {
                step.item("On the dump route: the passes leave out Postgres's raw data. Its unit runs on while"
                        + " pg_dumpall writes " + in.dumpFile() + " (zstd) on the old server and every table's rows"
                        + " are counted (" + in.planFile(PlanFiles.ROWS_OLD) + "); then it is stopped and disabled,"
                        + " and the dump goes to the same place on the new server with a second key that may only"
                        + " write there.");
            }
            CommandSpec copy = in.commands().migrationPlay(PlanFiles.SYNC, variables.toArray(String[]::new));
            if (!afterInstall) {
                step.says("The copy's run begins first: it gathers facts and puts its key in place while the old server"
                        + " still serves, then waits at its gate (" + PlanFiles.GATE_PLUGIN + ", before its tasks tagged "
                        + PlanFiles.GATE_TAG + ") until --tags=stop has run; the downtime starts with that run's stop.")
                        .runs(STOP, in.commands().setup(Playbook.TAG_STOP));
                copy = in.commands().heldBeforeStop(copy);
            }
            return step.runs(COPY, copy)
                    .progress(in.progress().apply("final"))
                    .build();
        }
    },

    DNS(StepRuns.way(StepRuns.Way.DNS).explainedBy(PlanFiles.DNS_FAILURE)) {
        @Override
        public PlannedStep plan(StepInputs in) {
            PlannedStep.Builder step = PlannedStep.of(this, "point DNS at the new server", StepInputs.HERE)
                    .inDowntime(true);
            if (in.updatesDns()) {
                DnsChanges changes = in.dns().get();
                step.changes("the DNS records that move")
                        .says("Changes the record sets that move (" + in.planFile(PlanFiles.DNS_CHANGES) + ") with "
                                + PlanFiles.DNS + " (--dns-provider " + changes.provider().label() + "), each to TTL "
                                + changes.changes().stream().map(c -> c.to().ttl()).findFirst().orElse(0L) + " s.")
                        .runs("dns", in.commands().dnsPlay("new"));
            } else {
                step.says("Shows the DNS records to point at " + in.newServer().address() + " (" + in.old().name()
                        + " and the other names of services you enabled" + (in.dns().isPresent() ? ", as "
                        + in.planFile(PlanFiles.DNS_CHANGES) + " lists them" : "") + ").");
            }
            in.dns().filter(changes -> !changes.waitFor().isZero()).ifPresentOrElse(changes -> step
                    .says("Then it waits up to " + changes.waitFor().toSeconds() + " s until every authoritative"
                            + " server (" + changes.servers().stream().map(NameServer::toString)
                            .collect(Collectors.joining(", ")) + ") answers the new addresses.")
                    .says("The step fails when one still does not."),
                    () -> step.says(in.dns().isPresent()
                            ? "Then it asks the zone's server once and warns while a name still answers another address."
                            : "Then it warns while the local resolver still answers another address."));
            return step.build();
        }
    },

    SWITCH_INVENTORY(StepRuns.way(StepRuns.Way.SWITCH_INVENTORY)) {
        @Override
        public PlannedStep plan(StepInputs in) {
            return PlannedStep.of(this, "point " + in.inventory() + " at the new server", "the playbook folder")
                    .changes(in.inventory() + " (kept as a backup)").inDowntime(true)
                    .says("Installs " + in.planFile(PlanFiles.INVENTORY_NEW) + " as " + in.inventory() + " (see "
                            + in.planFile(PlanFiles.INVENTORY_DIFF) + ").")
                    .says("The current file stays as " + in.inventory() + ".bak-<time>.")
                    .build();
        }
    },

    IMPORT_DATABASE(StepRuns.way(StepRuns.Way.IMPORT_DATABASE)
            .explainedBy(PlanFiles.IMPORT_FAILURE)) {
        @Override
        public PlannedStep plan(StepInputs in) {
            PlaybookCommands commands = in.commands();
            return PlannedStep.of(this, "import the database into the new server's fresh Postgres", in.newTarget())
                    .changes("Postgres on new").inDowntime(true)
                    .says("Only on the dump route; on the copy route it has nothing to do.")
                    .item(PlanFiles.PREPARE_IMPORT + " checks that " + in.dumpFile() + " is there. When an earlier"
                            + " attempt's import did not end, it empties the new server's Postgres (never once the new"
                            + " server may have served users), and --tags=setup-postgres makes its roles and"
                            + " databases again.")
                    .item("The playbook's --tags=import-postgres imports the dump; --tags=run-postgres-vacuum"
                            + " rebuilds the statistics.")
                    .item(PlanFiles.DATABASE_ROWS + " requires every table's row count to equal the old server's ("
                            + in.planFile(PlanFiles.ROWS_NEW) + " beside " + in.planFile(PlanFiles.ROWS_OLD)
                            + "), before anything starts.")
                    .runs(PREPARE, commands.hostPlay(PlanFiles.PREPARE_IMPORT))
                    .runs(SETUP_POSTGRES, commands.setup(Playbook.TAG_SETUP_POSTGRES))
                    .runs("import", commands.setup(Playbook.TAG_IMPORT_POSTGRES).plus(List.of(
                            Playbook.extraVariable(Playbook.VAR_POSTGRES_DUMP, in.dumpFile()),
                            Playbook.extraVariable(Playbook.VAR_IMPORT_DATABASE, Playbook.IMPORT_DATABASE))))
                    .runs("vacuum", commands.setup(Playbook.TAG_RUN_POSTGRES_VACUUM).plus(List.of(
                            Playbook.extraVariable(Playbook.VAR_VACUUM_PRESET, Playbook.VACUUM_PRESET))))
                    .runs(ROWS, commands.hostPlay(PlanFiles.DATABASE_ROWS))
                    .build();
        }
    },

    START(StepRuns.way(StepRuns.Way.START).with(StepRuns.Service.STARTS)) {
        @Override
        public PlannedStep plan(StepInputs in) {
            String tags = in.settings().startTagsArgument();
            PlannedStep.Builder step = PlannedStep.of(this, in.settings().cold() ? "install and start everything"
                            : "start everything", in.newTarget())
                    .changes("the new server's services start").inDowntime(true)
                    .says("Runs the playbook with --tags=" + tags + " on the new server. The downtime ends.");
            if (in.settings().cold()) {
                return step.runs("start", in.trustingForwarder(in.commands().setup(tags))).build();
            }
            return step.says("The run begins with the cutover, through inventory-new/: it parses the playbook, connects,"
                            + " gathers facts and runs the tasks tagged always while the final pass and its verification"
                            + " run, then waits at its gate (" + PlanFiles.GATE_PLUGIN + ") before anything else.")
                    .says("The gate opens (" + in.planFile(PlanFiles.START_GATE) + ") when every step before this one is"
                            + " done; when one fails, the waiting run is ended, and it has started nothing.")
                    .runs("start", in.trustingForwarder(in.commands().gatedSetupOnNew(tags)))
                    .build();
        }
    },

    HEALTH(StepRuns.commands().explainedBy(PlanFiles.HEALTH_RESULT)) {
        @Override
        public PlannedStep plan(StepInputs in) {
            long wait = in.settings().healthTimeout().toSeconds();
            PlannedStep.Builder step = PlannedStep.of(this, "check that the new server serves Matrix", in.newTarget())
                    .changes("notes in the plan folder")
                    .says("Asks the new server, at its address with the public host name, for the client API, the"
                            + " federation key and the well-known files (" + PlanFiles.HEALTH + ", each endpoint"
                            + " polled for up to " + wait + " s); the server name and signing keys must be the old"
                            + " server's" + (in.settings().selfCheck() ? "; then the playbook's --tags=self-check" : "")
                            + ".")
                    .says("What did not answer, and what it got, is kept in " + in.planFile(PlanFiles.HEALTH_RESULT)
                            + ".")
                    .says("Once the client API answered, " + in.planFile(PlanFiles.NEW_SERVED) + " notes that the"
                            + " new server may have served users: a rollback then checks what they wrote.")
                    .runs("answers", in.commands().hostPlay(PlanFiles.HEALTH, PlayVariable.HEALTH_TIMEOUT.is(wait),
                            PlayVariable.HEALTH_NOTE_SERVED.is(true)));
            if (in.settings().selfCheck()) {
                step.runs("self-check", in.commands().setup(Playbook.TAG_SELF_CHECK));
            }
            return step.build();
        }
    },

    FORWARD(StepRuns.way(StepRuns.Way.FORWARD)) {
        @Override
        public PlannedStep plan(StepInputs in) {
            ForwardPlan forward = in.forward().orElseThrow();
            ForwardSettings settings = forward.settings();
            PlannedStep.Builder step = PlannedStep.of(this, "forward what still reaches the old server to the new one",
                            in.oldTarget() + " -> " + in.newTarget())
                    .changes("a transient unit " + ForwardPlan.UNIT + " on old, ending by itself")
                    .says("Clients, resolvers and federating servers that cached the old address keep connecting to the"
                            + " old server until the cache expires. The old server forwards them to the new one ("
                            + forward.to() + "), at the TCP level: TLS stays end to end.")
                    .item("Ports: " + forward.describePorts() + " (" + in.planFile(PlanFiles.FORWARDING) + ").")
                    .item("Program: " + ForwardPlan.PROGRAM + " (installed with the distribution's package manager"
                            + " when missing), run by systemd-run as the transient unit " + ForwardPlan.UNIT
                            + ".service, with its configuration in " + ForwardPlan.CONFIG + "; not one of the playbook's"
                            + " matrix-* units, and nothing under " + in.data() + ".")
                    .item("It listens on the old server's addresses clients knew ("
                            + (forward.oldAddresses().isEmpty() ? "none known: on all of them"
                                    : String.join(", ", forward.oldAddresses()) + ", those it has; on all of them when"
                                    + " it has none, as behind NAT") + ").")
                    .item("End: " + settings.length().map(length -> length.toSeconds() + " s after it starts (--forward-for)")
                            .orElse(in.dns().filter(DnsChanges::updates).map(changes -> "the moment caches may no longer"
                                    + " hold the old address (the dns step's change plus the records' longest TTL, "
                                    + changes.longestTtlBefore() + " s) plus " + ForwardSettings.MARGIN.toMinutes()
                                    + " minutes, and at least " + ForwardSettings.SHORTEST_DEFAULT.toMinutes()
                                    + " minutes after it starts").orElse(ForwardSettings.SHORTEST_DEFAULT.toMinutes()
                                    + " minutes after it starts (the tool does not know the records' TTL; --forward-for"
                                    + " sets it)"))
                            + ". The unit's RuntimeMaxSec ends it then, even when this machine is gone;"
                            + " status shows it, migrate --stop-forwarding ends it early, and a rollback ends it before"
                            + " the old server starts again.");
            if (forward.proxyProtocol()) {
                step.says("Connections to the ports of the playbook's Traefik begin with a PROXY protocol header: the"
                        + " install and the start on the new server give its Traefik " + in.planFile(PlanFiles.TRAEFIK_TRUST)
                        + " (the host's traefik_configuration_extension_yaml, with entryPoints.<name>.proxyProtocol"
                        + ".trustedIPs for the old server), so Synapse's rate limits and logs see the clients' own"
                        + " addresses.");
            }
            if (forward.ports().stream().anyMatch(port -> !port.proxyProtocol())) {
                step.says("Clients forwarded on " + String.join(", ", forward.ports().stream()
                        .filter(port -> !port.proxyProtocol()).map(port -> port.port() + "").toList())
                        + " appear to the new server with the old server's address.");
            }
            return step.says("Its run begins with the cutover: it installs what is missing and checks the configuration"
                            + " while the final pass runs, then waits at its gate (" + PlanFiles.GATE_PLUGIN + ", before its"
                            + " tasks tagged " + PlanFiles.FORWARD_GATE_TAG + ") until the old server stopped; it then"
                            + " binds the old server's ports while the new server starts, so that a client holding the old"
                            + " address waits no longer than one that has the new. This step awaits it (a resumed run runs"
                            + " it here).")
                    .says("The old server's firewall is not changed: a port no one reaches from here is named.")
                    .runs("forward", in.commands().heldUntilOldStopped(in.commands().hostPlayOnOld(PlanFiles.FORWARD)))
                    .build();
        }
    },

    CLEANUP(StepRuns.commands().cleaningUpAfter(CUTOVER)) {
        @Override
        public PlannedStep plan(StepInputs in) {
            return PlannedStep.of(this, "remove the copy's key", in.both())
                    .changes("the copy's key removed")
                    .says("Removes the key the final pass left from the new server's authorized_keys and from the old"
                            + " server (" + PlanFiles.CLEANUP + "), outside the downtime.")
                    .says("It also runs when a step after the final pass fails.")
                    .runs("cleanup", in.commands().migrationPlayAfterSwitch(PlanFiles.CLEANUP))
                    .build();
        }
    },

    // The rollback's steps, planned with the migration so that a person reviews them beforehand and
    // `migrate --rollback` runs them as recorded, whatever inventory/hosts names by then. The new server
    // stops before the old one starts, so the two never serve at once.

    STOP_FORWARDING(StepRuns.commands()) {
        @Override
        public PlannedStep plan(StepInputs in) {
            return PlannedStep.of(this, "end the old server's forwarding", in.oldTarget())
                    .changes("the transient unit " + ForwardPlan.UNIT + " stopped")
                    .says("Stops the forwarder (" + PlanFiles.STOP_FORWARDING + ") before the new server stops, so that"
                            + " the old server's own services can take its ports again; nothing when it ended already.")
                    .says("migrate --stop-forwarding runs the same.")
                    .runs("stop", in.commands().hostPlayOnOld(PlanFiles.STOP_FORWARDING))
                    .build();
        }
    },

    CHECK_NEW(StepRuns.commands().refusingWith(PlanFiles.ROLLBACK_REFUSAL).forcing()) {
        @Override
        public PlannedStep plan(StepInputs in) {
            return PlannedStep.of(this, "find what the new server has that the old one lacks", in.newTarget())
                    .says("Lists the files under " + in.data() + " that changed on the new server since its services"
                            + " could run (count, bytes, paths, in " + in.planFile(PlanFiles.WRITTEN_ON_NEW) + "):"
                            + " going back leaves them behind.")
                    .says("Unless its client API answered neither the health check nor now, the new server may have"
                            + " served users, and any such file refuses the rollback, unless --force.")
                    .runs("check", in.commands().hostPlayOnNew(PlanFiles.CHECK_NEW_WRITES))
                    .build();
        }
    },

    STOP_NEW(StepRuns.commands().with(StepRuns.Service.STOPS)) {
        @Override
        public PlannedStep plan(StepInputs in) {
            return PlannedStep.of(this, "stop the new server for good", in.newTarget())
                    .changes("new stopped and disabled").inDowntime(true)
                    .says("Disables and stops every matrix* unit of the new server (" + PlanFiles.STOP_UNITS
                            + "), before the old one starts.")
                    .says("Its data stays as it is.")
                    .runs("stop", in.commands().hostPlayOnNew(PlanFiles.STOP_NEW))
                    .build();
        }
    },

    RESTORE_INVENTORY(StepRuns.way(StepRuns.Way.RESTORE_INVENTORY)) {
        @Override
        public PlannedStep plan(StepInputs in) {
            return PlannedStep.of(this, "point " + in.inventory() + " at the old server again", "the playbook folder")
                    .changes(in.inventory()).inDowntime(true)
                    .says("Puts " + in.planFile(PlanFiles.INVENTORY_OLD) + " back as " + in.inventory() + ", byte for byte.")
                    .says("Refused when the file changed since the switch in another way than the run's own.")
                    .build();
        }
    },

    DNS_BACK(StepRuns.way(StepRuns.Way.DNS_BACK).explainedBy(PlanFiles.DNS_FAILURE)) {
        @Override
        public PlannedStep plan(StepInputs in) {
            PlannedStep.Builder step = PlannedStep.of(this, "point DNS at the old server again", StepInputs.HERE)
                    .inDowntime(true);
            if (in.updatesDns()) {
                step.changes("the DNS records that moved")
                        .says("Puts back what the record sets that moved held before the migration ("
                                + in.planFile(PlanFiles.DNS_CHANGES) + ", old) with " + PlanFiles.DNS + ".")
                        .runs("dns", in.commands().dnsPlay("old"));
            } else {
                step.says("Shows the DNS records to point back at " + in.old().address() + " (" + in.old().name()
                        + " and the other names of services you enabled).");
            }
            return step.says("Then it warns while " + (in.dns().isPresent() ? "the zone's server"
                    : "the local resolver") + " still answers another address.").build();
        }
    },

    START_OLD(StepRuns.commands().with(StepRuns.Service.STARTS)) {
        @Override
        public PlannedStep plan(StepInputs in) {
            return PlannedStep.of(this, "start the old server again", in.oldTarget())
                    .changes("the old server's services start").inDowntime(true)
                    .says("Runs the playbook with --tags=" + Playbook.TAG_START + " on the old server: it enables and starts its units"
                            + " again.")
                    .runs("start", in.commands().setupOnOld(Playbook.TAG_START))
                    .build();
        }
    },

    REMOVE_KEY(StepRuns.commands().cleaningUpAfter(CHECK_NEW)) {
        @Override
        public PlannedStep plan(StepInputs in) {
            return PlannedStep.of(this, "remove the copy's key", in.both())
                    .changes("the copy's key removed")
                    .says("Removes the run's key from the new server's authorized_keys and from the old server ("
                            + PlanFiles.CLEANUP + "), wherever it still is.")
                    .runs("cleanup", in.commands().migrationPlayAfterSwitch(PlanFiles.CLEANUP))
                    .build();
        }
    },

    HEALTH_OLD(StepRuns.commands().explainedBy(PlanFiles.HEALTH_OLD_RESULT)) {
        @Override
        public PlannedStep plan(StepInputs in) {
            long wait = in.settings().healthTimeout().toSeconds();
            return PlannedStep.of(this, "check that the old server serves Matrix again", in.oldTarget())
                    .says("Asks the old server what the health check asked of the new one (" + PlanFiles.HEALTH
                            + ", polled for up to " + wait + " s).")
                    .says("Its server name and signing keys must be those it answered in the preflight.")
                    .runs("answers", in.commands().hostPlayOnOld(PlanFiles.HEALTH,
                            PlayVariable.HEALTH_TIMEOUT.is(wait),
                            PlayVariable.HEALTH_RESULT.is(PlanFiles.HEALTH_OLD_RESULT)))
                    .build();
        }
    };

    /** The import step's commands its runtime picks by name. */
    public static final String PREPARE = "prepare";
    public static final String SETUP_POSTGRES = "setup-postgres";
    public static final String ROWS = "rows";
    /** The cutover's commands by name: --cold's --tags=stop run, and the copy. */
    public static final String STOP = "stop";
    public static final String COPY = "cutover";


    private final StepRuns runs;

    StepKind(StepRuns runs) {
        this.runs = runs;
    }

    /** The name in the journal and in {@code status}: the constant's, e.g. setup-system-user. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** How the engine runs it, beyond its commands. */
    public StepRuns runs() {
        return runs;
    }

    public abstract PlannedStep plan(StepInputs in);

    /** Whether a step recorded by this id (in the journal, run.yml or a plan) is of this kind. */
    public boolean named(String id) {
        return byId(id).filter(this::equals).isPresent();
    }

    /** The kind a recorded run names. */
    public static Optional<StepKind> byId(String id) {
        return Arrays.stream(values()).filter(kind -> kind.id().equals(id)).findFirst();
    }

    private static String[] passVariables(StepInputs in, String pass, String owner) {
        List<String> variables = new ArrayList<>(List.of(PlayVariable.PASS.is(pass)));
        if (owner != null) {
            variables.add(PlayVariable.OWNER.is(owner));
        }
        if (pass.equals("final")) {
            variables.add(PlayVariable.KEEP_KEY.is(true));
            if (in.settings().verifyChecksum()) {
                variables.add(PlayVariable.CHECKSUM.is(true));
            }
        }
        return variables.toArray(String[]::new);
    }
}
