package dev.matrixmigrate.plan;

import dev.matrixmigrate.ansible.AnsibleReadiness;
import dev.matrixmigrate.ansible.AnsibleTools;
import dev.matrixmigrate.ansible.InventoryHost;
import dev.matrixmigrate.ansible.InventoryReader;
import dev.matrixmigrate.ansible.SshCommand;
import dev.matrixmigrate.ansible.SshSettings;
import dev.matrixmigrate.config.MigrationSettings;
import dev.matrixmigrate.config.ProcedureSettings;
import dev.matrixmigrate.dns.Dig;
import dev.matrixmigrate.dns.DnsCheck;
import dev.matrixmigrate.dns.DnsPlan;
import dev.matrixmigrate.facts.BesideThePlaybook;
import dev.matrixmigrate.facts.ChecksPlay;
import dev.matrixmigrate.facts.PlaybookChecks;
import dev.matrixmigrate.facts.PlaybookValues;
import dev.matrixmigrate.facts.PlaybookValuesQuery;
import dev.matrixmigrate.facts.SetupPlay;
import dev.matrixmigrate.failure.Failure;
import dev.matrixmigrate.forward.ForwardPlan;
import dev.matrixmigrate.inventory.HostLine;
import dev.matrixmigrate.inventory.HostsFile;
import dev.matrixmigrate.playbook.PlanFiles;
import dev.matrixmigrate.playbook.Playbook;
import dev.matrixmigrate.playbook.PlaybookFacts;
import dev.matrixmigrate.playbook.RemotePaths;
import dev.matrixmigrate.process.ProcessRunner;
import dev.matrixmigrate.render.TemplateRenderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds the whole migration plan from the settings and the inventory, changing nothing. */
public final class PlanBuilder {
    public static final String OLD_GROUP = "matrix_migrate_old";
    public static final String NEW_GROUP = "matrix_migrate_new";
    /** The new server's name in the migration inventory is the host's name with this suffix. */
    public static final String NEW_SUFFIX = "-new";
    /** rsync keeps owners (numeric), groups, modes, times, symlinks, hard links, ACLs, xattrs and holes. */
    public static final List<String> RSYNC_OPTIONS = List.of("-aHAX", "--numeric-ids", "--sparse", "--delete",
            "--info=stats2");
    /** No compression, fast ciphers first, fail instead of prompting, and host keys checked. */
    public static final List<String> SSH_OPTIONS = List.of("-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes",
            "-o", "StrictHostKeyChecking=yes", "-o", "Compression=no", "-o",
            "Ciphers=aes128-gcm@openssh.com,aes256-gcm@openssh.com,chacha20-poly1305@openssh.com,aes128-ctr,aes256-ctr",
            "-o", "ConnectTimeout=30", "-o", "ServerAliveInterval=30");

    public record MigrationInventoryModel(String host, String oldGroup, String newGroup, String newHostLine) {
    }

    public record PlayModel(String host, PlaybookValues values, String oldGroup, String newGroup, String serversGroup,
            boolean forceTarget, String runId, List<String> rsyncOptions, List<String> sshOptions,
            String workDir, String database, String offeredRoute, boolean cold) {
        public String dataPath() {
            return values.dataPath();
        }

        public String owner() {
            return values.owner();
        }

        /** The stream route's replication slot on the old server. */
        public String slot() {
            return RemotePaths.slot(runId);
        }

        /** The stream route's tunnel on the old server: its key, pinned host keys and process, beside the run's folder. */
        public String tunnelDir() {
            return workDir + RemotePaths.TUNNEL_DIR_SUFFIX;
        }

        /** Where the dump lies on both servers: in the run's folder, outside the data path. */
        public String dumpFile() {
            return workDir + "/" + RemotePaths.DUMP;
        }
    }

    public record StepsModel(String host, String old, String newServer, PlaybookValues values, String playbookDir,
            String planDir, String database, List<PlannedStep> steps, List<PlannedStep> rollbackSteps) {
        public String getNew() {
            return newServer;
        }
    }


    private final ProcessRunner runner;
    private final InventoryReader inventory;
    private final AnsibleTools tools;
    private final TemplateRenderer renderer;
    private final SshSettings ssh;
    private final DnsCheck dns;
    private final PlaybookValuesQuery playbookValues;
    private final StepOrder order;

    private PlanBuilder(ProcessRunner runner, InventoryReader inventory, AnsibleTools tools, TemplateRenderer renderer,
            SshSettings ssh, DnsCheck dns, PlaybookValuesQuery playbookValues, StepOrder order) {
        this.runner = runner;
        this.inventory = inventory;
        this.tools = tools;
        this.renderer = renderer;
        this.ssh = ssh;
        this.dns = dns;
        this.playbookValues = playbookValues;
        this.order = order;
    }

    /** The builder for these settings: Ansible's inventory parser, the templates they name, and the steps' order. */
    public static PlanBuilder of(MigrationSettings settings, AnsibleTools tools, ProcessRunner runner, SshSettings ssh,
            StepOrder order) {
        return new PlanBuilder(runner, new InventoryReader(runner, tools, settings.ansible()), tools,
                new TemplateRenderer(settings.templates().orElse(null)).sharing("files", PlanFiles.class)
                        .sharing("remote", RemotePaths.class).sharing("forwarder", ForwardPlan.class)
                        .sharing("playbookVariables", dev.matrixmigrate.facts.PlaybookVariable.class)
                        .sharing("playbook", Playbook.class).sharing("facts", PlaybookFacts.class), ssh,
                new DnsCheck(new Dig(runner, settings.playbookDir())),
                new PlaybookValuesQuery(runner, tools, settings.ansible()), order);
    }

    public MigrationPlan build(MigrationSettings settings, String runId, Path planDir) {
        Path dir = settings.playbookDir();
        requireFile(dir, "setup.yml", "the matrix-docker-ansible-deploy checkout");
        AnsibleReadiness.require(runner, tools, dir, settings.ansible().privateKey());
        Path hostsPath = settings.inventory();
        String host = chooseHost(settings, dir, hostsPath);
        InventoryHost old = inventory.host(dir, hostsPath, host);
        if (settings.to().address().equalsIgnoreCase(old.address())) {
            throw Failure.invalidInput("--to " + settings.to().address() + " is the old server's own address ("
                    + PlaybookCommands.named(dir, hostsPath) + " names it for " + host + "): give the new server's address");
        }
        PlaybookValues values = playbookValues.ask(dir, hostsPath, host);
        ProcedureSettings procedure = settings.procedure();
        procedure.confirmedDataPath().filter(path -> !path.equals(values.dataPath())).ifPresent(path -> {
            throw Failure.invalidInput("--data-path " + path + " is not the playbook's matrix_base_data_path for " + host
                    + " (" + values.dataPath() + "), where it would install the new server: drop --data-path, or set"
                    + " matrix_base_data_path in the host's vars.yml");
        });
        String oldText = read(hostsPath);
        HostsFile hosts = HostsFile.parse(oldText);
        HostLine line = NewInventory.currentLine(hosts, old);
        HostLine moved = NewInventory.movedLine(line, settings.to());
        String newText = hosts.withHost(PlaybookFacts.SERVERS_GROUP, moved).text();
        InventoryHost newServer = NewInventory.newServer(old, settings.to());

        Map<String, String> files = new LinkedHashMap<>();
        files.put(PlanFiles.INVENTORY_OLD, oldText);
        files.put(PlanFiles.INVENTORY_NEW, newText);
        files.put(PlanFiles.INVENTORY_DIFF, UnifiedDiff.of(PlaybookCommands.named(dir, hostsPath), oldText, PlaybookCommands.named(dir, hostsPath), newText));
        String newAlias = host + NEW_SUFFIX;
        files.put(PlanFiles.MIGRATION_INVENTORY, renderer.render("plan/migration-inventory.ftl",
                new MigrationInventoryModel(host, OLD_GROUP, NEW_GROUP,
                        NewInventory.migrationHost(moved, old, settings.to(), newAlias).render())));
        files.put(PlanFiles.PLAYBOOK_VALUES, values.yaml());
        files.put(PlanFiles.PLAYBOOK_CHECKS, playbookChecks(dir, procedure));
        files.put(PlanFiles.PLAN_SOURCE, PlanSource.of(runId, dir, hostsPath, host).yaml());
        PlayModel play = new PlayModel(host, values, OLD_GROUP, NEW_GROUP, PlaybookFacts.SERVERS_GROUP,
                procedure.forceTarget(), runId, RSYNC_OPTIONS, SSH_OPTIONS, RemotePaths.runDir(runId), procedure.database().label(),
                procedure.offeredRoute().label(), procedure.cold());
        DnsPlan dnsPlan = DnsPlan.of(dns.survey(values.publicNames(), old.address(), settings.dns()),
                settings.dns(), settings.to().address());
        dnsPlan.changes().ifPresent(changes -> files.put(PlanFiles.DNS_CHANGES, changes.yaml()));
        files.put(PlanFiles.DNS_RECORDS, String.join("\n", dnsPlan.lines()) + "\n"
                + dnsPlan.ttlTooLong().map(w -> "warning: " + w + "\n").orElse(""));
        Optional<ForwardPlan> forward = ForwardPlan.of(values, old, settings.to().address(), dnsPlan.changes(),
                settings.forward());
        forward.ifPresent(plan -> {
            files.put(PlanFiles.FORWARDING, renderer.render("plan/" + PlanFiles.FORWARDING + ".ftl", plan));
            if (plan.proxyProtocol()) {
                files.put(PlanFiles.TRAEFIK_TRUST, plan.traefikTrust(values));
            }
        });
        PlaybookCommands commands = new PlaybookCommands(tools, dir, hostsPath, planDir, host, settings.ansible(), ssh);
        StepInputs inputs = new StepInputs(procedure, values, commands, old, newServer, dnsPlan.changes(), forward,
                play.dumpFile(),
                pass -> SshCommand.on(dir, old, ssh, settings.ansible(),
                        List.of("tail", "-F", "-n", "+1", RemotePaths.progress(runId, pass))), renderer);
        for (Play each : order.plays(inputs)) {
            files.put(each.file(), renderer.render(each.template(), play));
        }
        List<PlannedStep> steps = order.migration(inputs);
        List<PlannedStep> rollback = order.rollback(inputs);
        files.put(PlanFiles.STEPS, renderer.render("plan/steps.md.ftl", new StepsModel(host, old.describe(),
                newServer.describe(), values, dir.toString(), PlaybookCommands.named(dir, planDir), DatabaseRouteNote.of(procedure), steps,
                rollback)));
        return new MigrationPlan(runId, settings, old, newServer, values, planDir, files, links(dir, hostsPath), steps, rollback,
                dnsPlan);
    }

    /** The play of the playbook's own checks, for the tags the migration runs setup.yml with. */
    private static String playbookChecks(Path dir, ProcedureSettings procedure) {
        SetupPlay setup = SetupPlay.of(read(dir.resolve(Playbook.SETUP)));
        List<String> tags = new ArrayList<>(procedure.installTags());
        tags.addAll(procedure.startTags());
        return ChecksPlay.render(setup, new PlaybookChecks(dir, tags).find(setup));
    }

    private static Map<String, Path> links(Path dir, Path inventory) {
        Map<String, Path> links = inventoryLinks(inventory);
        BesideThePlaybook.links(dir).forEach((name, target) -> links.put(PlanFiles.PLAYBOOK_CHECKS_DIR + "/" + name, target));
        return links;
    }

    /**
     * inventory-new/ and inventory-old/ are inventory.new and inventory.old seeing the host_vars and group_vars
     * beside the user's inventory, as it does.
     */
    private static Map<String, Path> inventoryLinks(Path inventory) {
        Map<String, Path> links = new LinkedHashMap<>();
        for (Map.Entry<String, String> folder : Map.of(PlanFiles.INVENTORY_NEW_DIR, PlanFiles.INVENTORY_NEW,
                PlanFiles.INVENTORY_OLD_DIR, PlanFiles.INVENTORY_OLD).entrySet()) {
            // Ansible reads host_vars beside the link, not beside its target.
            links.put(folder.getKey() + "/hosts", Path.of("..", folder.getValue()));
            for (String name : List.of("host_vars", "group_vars")) {
                Path target = inventory.resolveSibling(name);
                if (Files.isDirectory(target)) {
                    links.put(folder.getKey() + "/" + name, target);
                }
            }
        }
        return links;
    }

    private String chooseHost(MigrationSettings settings, Path dir, Path hostsPath) {
        List<String> servers = inventory.groupHosts(dir, hostsPath, PlaybookFacts.SERVERS_GROUP);
        if (servers.isEmpty()) {
            throw Failure.invalidInput(hostsPath + " has no host in [" + PlaybookFacts.SERVERS_GROUP
                    + "]: add the server to migrate (matrix-migrate inventory can write it)");
        }
        if (settings.host().isPresent()) {
            String chosen = settings.host().get();
            if (!servers.contains(chosen)) {
                throw Failure.invalidInput("--host " + chosen + " is not in [" + PlaybookFacts.SERVERS_GROUP
                        + "]: choose one of " + String.join(", ", servers));
            }
            return chosen;
        }
        if (servers.size() > 1) {
            throw Failure.invalidInput("[" + PlaybookFacts.SERVERS_GROUP + "] has several hosts: choose one with --host ("
                    + String.join(", ", servers) + ")");
        }
        return servers.get(0);
    }

    private static Path requireFile(Path dir, String name, String what) {
        if (!Files.isDirectory(dir)) {
            throw Failure.invalidInput("--playbook " + dir + " is not a folder: give the matrix-docker-ansible-deploy"
                    + " checkout");
        }
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw Failure.invalidInput(file + " is missing: --playbook must name " + what
                    + " (the folder with setup.yml and inventory/hosts)");
        }
        return file;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw Failure.invalidInput(file + " cannot be read: " + e.getMessage());
        }
    }
}
