package dev.matrixmigrate.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.matrixmigrate.playbook.PlanFiles;
import dev.matrixmigrate.support.Cli;
import dev.matrixmigrate.support.Fixtures;
import dev.matrixmigrate.support.Golden;
import dev.matrixmigrate.support.Programs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

class PlanCommandTest {
    private static final List<String> PLAYS = List.of(PlanFiles.PREFLIGHT, PlanFiles.MARK_INSTALL,
            PlanFiles.LIST_INSTALLED, PlanFiles.SYNC, PlanFiles.CLEANUP, PlanFiles.FIX_OWNERSHIP, PlanFiles.HEALTH,
            PlanFiles.PREPARE_IMPORT, PlanFiles.DATABASE_ROWS, PlanFiles.CHECK_NEW_WRITES, PlanFiles.STOP_NEW,
            PlanFiles.STANDBY);

    @TempDir
    Path root;
    Path dir;
    Path planDir;
    String hostsBefore;

    @BeforeEach
    void playbook() throws IOException {
        dir = Fixtures.playbook(root.resolve("playbook"));
        planDir = dir.resolve(".matrix-migrate/plan-test");
        hostsBefore = Files.readString(dir.resolve("inventory/hosts"));
    }

    private Cli.Result plan(String... args) {
        List<String> all = new ArrayList<>(List.of("plan", "--playbook", dir.toString(), "--output", planDir.toString()));
        all.addAll(List.of(args));
        return Cli.run(all.toArray(String[]::new));
    }

    private String planned(String name) throws IOException {
        return Files.readString(planDir.resolve(name))
                .replace(dir.toString(), "/srv/matrix-docker-ansible-deploy")
                .replace(System.getProperty("user.home") + "/.ansible/", "~/.ansible/")
                .replaceAll("\\d{8}[-_]\\d{6}", "RUNID");
    }

    @Test
    void rendersEveryFileAsTheGoldenFilesAndLeavesTheInventoryAlone() throws IOException {
        Cli.Result result = plan("--host", "matrix.example.com", "--to", "198.51.100.20", "--to-user", "deploy",
                "--to-become", "--to-port", "2222", "--forward");
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.out().contains("matrix.example.com: root@192.0.2.10 -> deploy@198.51.100.20:2222"), result.out());
        assertTrue(result.out().contains(planDir.toString()), result.out());
        try (Stream<Path> files = Files.walk(planDir)) {
            List<String> names = files.filter(Files::isRegularFile).map(p -> planDir.relativize(p).toString())
                    .filter(name -> !name.contains("_vars/")).sorted().toList();
            assertEquals(List.of("callback_plugins/matrix_migrate_events.py", "callback_plugins/matrix_migrate_gate.py", "check-new-writes.yml", "cleanup.yml", "count-rows.yml", "database-rows.yml", "dns-records.txt",
                    "fix-ownership.yml", "forward.yml", "forwarding.yml", "health.yml",
                    "inventory-new/hosts", "inventory-old/hosts", "inventory.diff", "inventory.new", "inventory.old", "key-vars.yml",
                    "list-installed.yml",
                    "mark-install.yml", "migration-inventory", "new-home.yml", "pin-host-keys.yml", "plan-source.yml",
                    "playbook-checks/playbook-checks.yml",
                    "playbook-facts.yml", "postgres-running.yml",
                    "preflight.yml",
                    "prepare-import.yml", "public-names.yml", "refuse.yml", "remove-key.yml",
                    "rsync-present.yml", "source-address.yml", "steps.md", "stop-forwarding.yml", "stop-new.yml",
                    "stop-units.yml", "sync-dump.yml", "sync-stream.yml", "sync.yml", "traefik-proxy-protocol.yml",
                    "unauthorize-key.yml"), names);
            // what DNS answers depends on the network (DnsEndToEndTest); the digests of the sources on the test
            // playbook's every change (ReviewedPlanTest)
            for (String name : names.stream().filter(name -> !name.equals("dns-records.txt")
                    && !name.equals(PlanFiles.PLAN_SOURCE)).toList()) {
                Golden.assertMatches("plan/" + name, planned(name));
            }
        }
        assertEquals(dir.resolve("inventory/host_vars"), Files.readSymbolicLink(planDir.resolve("inventory-new/host_vars")),
                "inventory-new/ must see the playbook's host_vars");
        assertEquals(Path.of("..", "inventory.new"), Files.readSymbolicLink(planDir.resolve("inventory-new/hosts")),
                "inventory-new/hosts is inventory.new, not a second copy");
        Map<String, Object> old = new Yaml().load(Programs.ok(dir, "ansible-inventory", "-i",
                planDir.resolve("inventory-old/hosts").toString(), "--host", "matrix.example.com"));
        assertEquals("192.0.2.10", old.get("ansible_host"), "inventory-old/ still finds the old server");
        assertEquals("example.com", old.get("matrix_domain"), "inventory-old/ sees the playbook's host_vars");
        assertEquals(hostsBefore, Files.readString(dir.resolve("inventory/hosts")), "plan must not touch inventory/hosts");
        assertEquals(hostsBefore, Files.readString(planDir.resolve("inventory.old")));
    }

    @Test
    void anInventoryElsewhereIsReadWithTheVariablesBesideItAndEveryCommandAndStepUsesIt() throws IOException {
        Path production = dir.resolve("environments/production");
        Files.createDirectories(production);
        Files.move(dir.resolve("inventory/hosts"), production.resolve("hosts.ini"));
        Files.move(dir.resolve("inventory/host_vars"), production.resolve("host_vars"));
        Files.writeString(production.resolve("hosts.ini"), Files.readString(production.resolve("hosts.ini"))
                .replace("192.0.2.10", "192.0.2.44"));

        Cli.Result result = plan("-i", "environments/production/hosts.ini", "--host", "matrix.example.com", "--to",
                "198.51.100.20");
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.out().contains("root@192.0.2.44 -> root@198.51.100.20"), result.out());
        assertEquals(Files.readString(production.resolve("hosts.ini")), Files.readString(planDir.resolve("inventory.old")));
        assertTrue(Files.readString(planDir.resolve("inventory.diff")).startsWith(
                "--- environments/production/hosts.ini\n+++ environments/production/hosts.ini\n"));
        assertEquals(production.resolve("host_vars"), Files.readSymbolicLink(planDir.resolve("inventory-new/host_vars")),
                "inventory-new/ sees the host_vars beside the inventory");
        String steps = planned(PlanFiles.STEPS);
        assertTrue(steps.contains("ansible-playbook -i environments/production/hosts.ini -i .matrix-migrate/plan-test/"
                + "migration-inventory .matrix-migrate/plan-test/preflight.yml"), steps);
        assertTrue(steps.contains("point environments/production/hosts.ini at the new server"), steps);
        assertFalse(steps.contains("-i inventory/hosts"), steps);
        Map<String, Object> facts = new Yaml().load(Files.readString(planDir.resolve(PlanFiles.PLAYBOOK_VALUES)));
        assertEquals("example.com", facts.get("matrix_domain"), "the playbook's values come from the host_vars beside it");
        assertFalse(Files.exists(dir.resolve("inventory/hosts")));
    }

    @Test
    void inventoryNewChangesOnlyTheMigratedHostAndAnsibleReadsIt() throws IOException {
        assertEquals(0, plan("--host", "matrix.example.com", "--to", "198.51.100.20", "--to-port", "2222").exitCode());
        String next = Files.readString(planDir.resolve(PlanFiles.INVENTORY_NEW));
        List<String> before = hostsBefore.lines().toList();
        List<String> after = next.lines().toList();
        assertEquals(before.size(), after.size());
        for (int i = 0; i < before.size(); i++) {
            if (!before.get(i).startsWith("matrix.example.com ")) {
                assertEquals(before.get(i), after.get(i), "line " + (i + 1) + " must stay as it was");
            }
        }
        // Ansible reads the new file in the place of the old one, host_vars included.
        Path check = Fixtures.playbook(root.resolve("check"));
        Files.writeString(check.resolve("inventory/hosts"), next);
        Map<String, Object> host = new Yaml().load(Programs.ok(check, "ansible-inventory", "-i", "inventory/hosts",
                "--host", "matrix.example.com"));
        assertEquals("198.51.100.20", host.get("ansible_host"));
        assertEquals(2222, host.get("ansible_port"));
        assertEquals("root", host.get("ansible_ssh_user"));
        assertEquals("/usr/bin/python3", host.get("ansible_python_interpreter"));
        assertEquals("example.com", host.get("matrix_domain"));
        Map<String, Object> other = new Yaml().load(Programs.ok(check, "ansible-inventory", "-i", "inventory/hosts",
                "--host", "matrix.example.org"));
        assertEquals("192.0.2.11", other.get("ansible_host"));
        assertEquals("admin", other.get("ansible_ssh_user"));
        Map<String, Object> web = new Yaml().load(Programs.ok(check, "ansible-inventory", "-i", "inventory/hosts",
                "--host", "www.example.org"));
        assertEquals("192.0.2.80", web.get("ansible_host"));
    }

    @Test
    void callbacksTheUserEnabledInAnsibleCfgDoNotDisturbWhatTheToolReadsFromAnsible() throws IOException {
        Files.writeString(dir.resolve("ansible.cfg"), "[defaults]\ncallbacks_enabled = ansible.posix.profile_tasks\n");
        Cli.Result result = plan("--host", "matrix.example.com", "--to", "198.51.100.20");
        assertEquals(0, result.exitCode(), result.toString());
        String records = planned(PlanFiles.DNS_RECORDS);
        assertTrue(records.contains("for example.com"), records);
    }

    @Test
    void thePreflightWaitsForTheOldServersEndpointsAsLongAsItIsTold() throws IOException {
        assertEquals(0, plan("--host", "matrix.example.com", "--to", "198.51.100.20", "--preflight-timeout", "3",
                "--health-timeout", "45").exitCode());
        String steps = planned(PlanFiles.STEPS);
        assertTrue(steps.contains("health.yml --limit=matrix.example.com --extra-vars=matrix_migrate_health_record=true"
                + " --extra-vars=matrix_migrate_health_timeout=3\n"), steps);
        assertTrue(steps.contains("each endpoint polled for up to 3 s"), steps);
        assertTrue(steps.contains("--extra-vars=matrix_migrate_health_timeout=45 --extra-vars=matrix_migrate_health_note_served"),
                "the health check after the start keeps its own timeout: " + steps);
    }

    @Test
    void theDatabaseRouteDecidesWhetherTheImportStepIsPlanned() throws IOException {
        assertEquals(0, plan("--host", "matrix.example.com", "--to", "198.51.100.20", "--database", "copy").exitCode());
        String steps = planned(PlanFiles.STEPS);
        assertTrue(steps.contains("| database | copy (--database copy)"), steps);
        assertFalse(steps.contains("import-database"), steps);
        assertFalse(Files.exists(planDir.resolve(PlanFiles.PREPARE_IMPORT)));
        assertTrue(planned(PlanFiles.PREFLIGHT).contains("Run matrix-migrate with --database dump (or auto), not --database copy."));

        Files.walk(planDir).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        assertEquals(0, plan("--host", "matrix.example.com", "--to", "198.51.100.20", "--database", "dump").exitCode());
        steps = planned(PlanFiles.STEPS);
        assertTrue(steps.contains("| database | dump: the raw files stay behind"), steps);
        assertTrue(steps.indexOf("`switch-inventory`") < steps.indexOf("`import-database`")
                && steps.indexOf("`import-database`") < steps.indexOf("`start`"), "the import comes before the start");
        assertTrue(steps.contains("--tags=import-postgres --limit=matrix.example.com"
                + " --extra-vars=server_path_postgres_dump=/root/.matrix-migrate/RUNID/postgres.sql.zst"
                + " --extra-vars=postgres_default_import_database=matrix"), steps);
        assertTrue(steps.contains("--tags=run-postgres-vacuum --limit=matrix.example.com"
                + " --extra-vars=postgres_vacuum_preset=analyze"), steps);
        assertTrue(planned(PlanFiles.PREFLIGHT).contains("matrix_migrate_requested: dump"));

        // --cold installs and starts in one run: the raw files, or a refusal across architectures
        Files.walk(planDir).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        assertEquals(0, plan("--host", "matrix.example.com", "--to", "198.51.100.20", "--cold").exitCode());
        assertFalse(planned(PlanFiles.STEPS).contains("import-database"));
        String preflight = planned(PlanFiles.PREFLIGHT);
        assertTrue(preflight.contains("matrix_migrate_requested: copy") && preflight.contains("run matrix-migrate without --cold"),
                preflight);
    }

    @Test
    void theStreamRouteAddsTheStandbyAfterTheInstallAndItsPlayAsTheGoldenFile() throws IOException {
        assertEquals(0, plan("--host", "matrix.example.com", "--to", "198.51.100.20", "--database", "stream").exitCode());
        String steps = planned(PlanFiles.STEPS);
        assertTrue(steps.contains("## 5. `install`") && steps.contains("## 6. `standby`")
                && steps.contains("## 7. `cutover`"), steps);
        assertTrue(planned(PlanFiles.PREFLIGHT).contains("matrix_migrate_requested: stream"));
        Golden.assertMatches("plan-stream/" + PlanFiles.STANDBY, planned(PlanFiles.STANDBY));
        Golden.assertMatches("plan-stream/" + PlanFiles.STEPS, steps);

        Files.walk(planDir).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        assertEquals(0, plan("--host", "matrix.example.com", "--to", "198.51.100.20").exitCode());
        assertFalse(Files.exists(planDir.resolve(PlanFiles.STANDBY)), "no standby off the stream route");
        assertFalse(planned(PlanFiles.STEPS).contains("standby"));

        Files.walk(planDir).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        Cli.Result cold = plan("--host", "matrix.example.com", "--to", "198.51.100.20", "--database", "stream", "--cold");
        assertEquals(2, cold.exitCode(), cold.toString());
        assertTrue(cold.err().contains("--cold has no warm phase"), cold.err());
        assertFalse(Files.exists(planDir), "a refused plan writes nothing");
    }

    @Test
    void thePlaysPassAnsibleSyntaxCheckAndAnsibleLint() throws IOException {
        assertEquals(0, plan("--host", "matrix.example.org", "--to", "2001:db8::20", "--database", "stream").exitCode());
        for (String play : PLAYS) {
            Programs.ok(planDir, "ansible-playbook", "--syntax-check", "-i", PlanFiles.MIGRATION_INVENTORY, play);
        }
        List<String> lint = new ArrayList<>(List.of("ansible-lint", "--offline", "--nocolor", "--profile", "production"));
        lint.addAll(PLAYS);
        lint.addAll(List.of(PlanFiles.STOP_UNITS, PlanFiles.RSYNC_PRESENT, PlanFiles.KEY_VARS, PlanFiles.NEW_HOME,
                PlanFiles.REMOVE_KEY, PlanFiles.UNAUTHORIZE_KEY, PlanFiles.COUNT_ROWS,
                PlanFiles.POSTGRES_RUNNING, PlanFiles.SYNC_DUMP, PlanFiles.SYNC_STREAM, PlanFiles.SOURCE_ADDRESS,
                PlanFiles.PIN_HOST_KEYS, PlanFiles.REFUSE));
        String report = Programs.ok(planDir, lint.toArray(String[]::new));
        assertFalse(report.contains("violation"), report);
    }

    @Test
    void theMigrationInventoryPutsEachServerInItsGroup() throws IOException {
        assertEquals(0, plan("--host", "matrix.example.org", "--to", "198.51.100.21").exitCode());
        Map<String, Object> listed = new Yaml().load(Programs.ok(dir, "ansible-inventory", "-i", "inventory/hosts", "-i",
                planDir.resolve(PlanFiles.MIGRATION_INVENTORY).toString(), "--list"));
        assertEquals(Map.of("hosts", List.of("matrix.example.org")), listed.get(PlanBuilder.OLD_GROUP));
        assertEquals(Map.of("hosts", List.of("matrix.example.org-new")), listed.get(PlanBuilder.NEW_GROUP));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> vars = (Map<String, Map<String, Object>>)
                ((Map<String, Object>) listed.get("_meta")).get("hostvars");
        assertEquals("198.51.100.21", vars.get("matrix.example.org-new").get("ansible_host"));
        assertEquals("admin", vars.get("matrix.example.org-new").get("ansible_ssh_user"));
        assertEquals("true", vars.get("matrix.example.org-new").get("ansible_become"));
        assertEquals("192.0.2.11", vars.get("matrix.example.org").get("ansible_host"));
    }

    @Test
    void aConfigFileGivesTheSettingsAndTheCommandLineWins() throws IOException {
        Path config = root.resolve("migration.yml");
        Files.writeString(config, "host: matrix.example.com\nto: 198.51.100.30\nto-port: 2200\ndata-path: /matrix\n");
        Cli.Result result = plan("--config", config.toString(), "--to", "198.51.100.31");
        assertEquals(0, result.exitCode(), result.toString());
        String next = Files.readString(planDir.resolve(PlanFiles.INVENTORY_NEW));
        assertTrue(next.contains("matrix.example.com ansible_host=198.51.100.31 ansible_ssh_user=root"
                + " ansible_python_interpreter=/usr/bin/python3 ansible_port=2200\n"), next);
    }

    @Test
    void theDataPathOwnerAndPublicNamesAreThePlaybooksAsAnsibleComputesThemForTheHost() throws IOException {
        // host_vars over the playbook's group_vars over the roles' defaults, templated by Ansible
        Files.writeString(dir.resolve("inventory/host_vars/matrix.example.com/vars.yml"), """
                matrix_base_data_path: /srv/matrix-data/
                matrix_user_name: synapse-owner
                matrix_server_fqn_element: chat.{{ matrix_domain }}
                """, java.nio.file.StandardOpenOption.APPEND);
        Files.createDirectories(dir.resolve("inventory/group_vars"));
        Files.writeString(dir.resolve("inventory/group_vars/matrix_servers.yml"), "matrix_federation_public_port: 8449\n");
        // the playbook's own wiring beside setup.yml, templated with the host's data path
        Path wiring = dir.resolve("group_vars/matrix_servers");
        Files.writeString(wiring, Files.readString(wiring).replace("postgres_base_path: \"{{ matrix_base_data_path }}/postgres\"",
                "postgres_base_path: \"{{ matrix_base_data_path }}/pg\""));
        Cli.Result result = plan("--host", "matrix.example.com", "--to", "198.51.100.20");
        assertEquals(0, result.exitCode(), result.toString());
        Map<String, Object> facts = new Yaml().load(Files.readString(planDir.resolve(PlanFiles.PLAYBOOK_VALUES)));
        assertEquals("/srv/matrix-data/", facts.get("matrix_base_data_path"));
        assertEquals("/srv/matrix-data", facts.get("matrix_migrate_data_path"), "the folder the plays use");
        assertEquals("/srv/matrix-data/pg/data", facts.get("matrix_migrate_postgres_data_path"),
                "the playbook's group_vars put Postgres under the data path, the role's default its data below that");
        assertEquals("synapse-owner", facts.get("matrix_user_name"));
        assertEquals(8449, facts.get("matrix_federation_public_port"));
        String steps = Files.readString(planDir.resolve(PlanFiles.STEPS));
        assertTrue(steps.contains("/srv/matrix-data") && steps.contains("synapse-owner:matrix"), steps);
        assertTrue(steps.contains("| public names | example.com, matrix.example.com, chat.example.com |"), steps);
        String names = Files.readString(planDir.resolve(PlanFiles.PUBLIC_NAMES));
        assertTrue(names.contains("matrix_migrate_federation_port: 8449\n"), names);
        for (String play : List.of(PlanFiles.SYNC, PlanFiles.FIX_OWNERSHIP, PlanFiles.PREFLIGHT)) {
            assertFalse(java.util.regex.Pattern.compile("(?<![\\w.-])/matrix(?![\\w.-])")
                    .matcher(Files.readString(planDir.resolve(play))).find(), play + " names no data path of its own");
        }
        Programs.ok(planDir, "ansible-playbook", "--syntax-check", "-i", PlanFiles.MIGRATION_INVENTORY, PlanFiles.SYNC);
    }

    @Test
    void aPlaybookFolderThatDoesNotExistIsRefused() {
        Cli.Result result = Cli.run("plan", "--playbook", root.resolve("nowhere").toString(), "--to", "198.51.100.20");
        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.err().contains("--playbook " + root.resolve("nowhere") + " is not a folder"), result.err());
        assertFalse(Files.exists(root.resolve("nowhere")));
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of(List.of("--to", "198.51.100.20"), "", "several hosts: choose one with --host"),
                Arguments.of(List.of("--host", "matrix.nowhere.net", "--to", "198.51.100.20"), "",
                        "--host matrix.nowhere.net is not in [matrix_servers]: choose one of matrix.example.com,"
                                + " matrix.example.org"),
                Arguments.of(List.of("--host", "matrix.example.com", "--to", "198.51.100.20 x"), "", "--to"),
                Arguments.of(List.of("--host", "matrix.example.com", "--to", "300.1.1.1"), "", "--to"),
                Arguments.of(List.of("--host", "matrix.example.com", "--to", "0.0.0.0"), "",
                        "--to 0.0.0.0 is no server's address (it means any address)"),
                Arguments.of(List.of("--host", "matrix.example.com", "--to", "::"), "", "--to :: is no server's address"),
                Arguments.of(List.of("--host", "matrix.example.com", "--to", "192.0.2.10"), "",
                        "--to 192.0.2.10 is the old server's own address (inventory/hosts names it for matrix.example.com)"),
                Arguments.of(List.of("--host", "matrix.example.com", "--to", "198.51.100.20"),
                        "vars:matrix_domain: \"example.com\n", "inventory/host_vars/matrix.example.com/vars.yml, line "),
                Arguments.of(List.of("--host", "matrix.example.com"), "", "--to is required"),
                Arguments.of(List.of("--host", "matrix.example.com", "--to", "198.51.100.20", "--to-port", "70000"), "",
                        "--to-port"),
                Arguments.of(List.of("--host", "matrix.example.com", "--to", "198.51.100.20", "--data-path", "matrix"),
                        "", "--data-path"),
                Arguments.of(List.of("--host", "matrix.example.com", "--to", "198.51.100.20", "--forward-for", "an hour"),
                        "", "--forward-for 'an hour' is not a duration: give seconds, or numbers with units largest first,"
                                + " as 90m, 1h30m or 2d"),
                Arguments.of(List.of("--host", "matrix.example.com", "--to", "198.51.100.20", "--forward-for", "30m1h"),
                        "", "--forward-for '30m1h' is not a duration"),
                Arguments.of(List.of("--host", "matrix.example.com", "--to", "198.51.100.20", "--forward-for", "5s"),
                        "", "--forward-for 5s is out of range: give 10 s to 30 days"),
                Arguments.of(List.of("--host", "matrix.example.com", "--to", "198.51.100.20", "--no-forward",
                        "--forward-for", "1h"), "", "--forward-for says how long the forwarding runs and --no-forward"
                                + " turns it off: keep one of them"),
                Arguments.of(List.of("--host", "matrix.example.com", "--to", "198.51.100.20", "--data-path", "/srv/matrix"),
                        "", "--data-path /srv/matrix is not the playbook's matrix_base_data_path for matrix.example.com"
                                + " (/matrix)"),
                Arguments.of(List.of("--host", "matrix.example.com", "--to", "198.51.100.20"),
                        "vars:matrix_federation_public_port: eighty\n",
                        "matrix_federation_public_port is eighty for matrix.example.com: set a TCP port (1-65535)"),
                Arguments.of(List.of("--host", "matrix.example.com", "--to", "198.51.100.20"),
                        "vars:matrix_base_data_path: matrix\n", "matrix_base_data_path is matrix for matrix.example.com"),
                Arguments.of(List.of("--host", "matrix.example.com", "--to", "198.51.100.20"), "no-setup",
                        "setup.yml is missing"),
                Arguments.of(List.of("--host", "matrix.example.com", "--to", "198.51.100.20", "--verify", "fast"), "",
                        "--verify 'fast' is neither quick"),
                Arguments.of(List.of("--host", "matrix.example.com", "--to", "198.51.100.20", "--preflight-timeout", "0"),
                        "", "--preflight-timeout 0 is out of range: give 1 to 3600 seconds"),
                Arguments.of(List.of("--host", "matrix.example.com", "--to", "198.51.100.20", "--database", "rsync"), "",
                        "--database 'rsync' is not a route: choose auto, copy, dump"),
                Arguments.of(List.of("--host", "matrix.example.com", "--to", "198.51.100.20", "--cold", "--database",
                        "dump"), "", "--cold installs and starts the new server in one run"),
                Arguments.of(List.of("--host", "matrix.example.com", "--to", "198.51.100.20", "--config", "CONFIG"),
                        "config:database: dumpp\n", "--database 'dumpp' is not a route"),
                Arguments.of(List.of("--host", "matrix.example.com", "--to", "198.51.100.20"), "broken-inventory",
                        "Ansible cannot read the inventory"),
                Arguments.of(List.of("--to", "198.51.100.20", "--config", "CONFIG"), "config:host: a\nsurprise: 1\n",
                        "line 2: unknown key 'surprise'"),
                Arguments.of(List.of("--to", "198.51.100.20", "--config", "CONFIG"), "config:host: a\nto-port: two\n",
                        "line 2: 'to-port' must be a whole number"),
                Arguments.of(List.of("--host", "matrix.example.com", "--to", "198.51.100.20", "--config", "CONFIG"),
                        "config:forward: true\nforward-for: ten\n", "--forward-for 'ten' is not a duration"),
                Arguments.of(List.of("--to", "198.51.100.20", "--config", "CONFIG"), "config:[not, a, mapping]\n",
                        "expected a mapping"),
                Arguments.of(List.of("--to", "198.51.100.20", "--config", "CONFIG"), "config:to: [\n",
                        "is not valid YAML"),
                Arguments.of(List.of("--to", "198.51.100.20", "--config", "/nonexistent/settings.yml"), "",
                        "--config /nonexistent/settings.yml is not a file: give the path of a YAML settings file"),
                Arguments.of(List.of("--host", "matrix.example.com", "--to", "198.51.100.20"), "output-not-empty",
                        "is not empty"),
                Arguments.of(List.of("--to", "198.51.100.20", "-i", "inventory/production"), "",
                        "inventory/production is missing: give the playbook's inventory file (inventory/hosts in the"
                                + " playbook folder unless you keep it elsewhere)"),
                Arguments.of(List.of("--to", "198.51.100.20", "--inventory", "inventory"), "",
                        "/inventory is a folder: name the inventory file in it"),
                Arguments.of(List.of("--to", "198.51.100.20", "-i", "inventory/hosts.yml"), "yaml-inventory",
                        "inventory/hosts.yml is a YAML inventory: matrix-migrate reads and edits INI inventories"),
                Arguments.of(List.of("--to", "198.51.100.20", "-i", "inventory/production"), "yaml-inventory",
                        "inventory/production is a YAML inventory"));
    }

    @ParameterizedTest
    @MethodSource("badInputs")
    void badInputIsOneLineAndExitTwoAndWritesNothing(List<String> args, String setup, String expected) throws IOException {
        List<String> actual = new ArrayList<>();
        for (String arg : args) {
            actual.add(arg.equals("CONFIG") ? root.resolve("bad.yml").toString() : arg);
        }
        switch (setup.contains(":") ? setup.substring(0, setup.indexOf(':')) : setup) {
            case "no-setup" -> Files.delete(dir.resolve("setup.yml"));
            case "broken-inventory" -> Files.writeString(dir.resolve("inventory/hosts"),
                    hostsBefore = "[matrix_servers\nmatrix.example.com ansible_host=192.0.2.10\n");
            case "config" -> Files.writeString(root.resolve("bad.yml"), setup.substring(setup.indexOf(':') + 1));
            case "vars" -> Files.writeString(dir.resolve("inventory/host_vars/matrix.example.com/vars.yml"),
                    setup.substring(setup.indexOf(':') + 1), java.nio.file.StandardOpenOption.APPEND);
            case "yaml-inventory" -> {
                String yaml = "# the same servers in YAML\nmatrix_servers:\n  hosts:\n    matrix.example.com:\n"
                        + "      ansible_host: 192.0.2.10\n";
                Files.writeString(dir.resolve("inventory/hosts.yml"), yaml);
                Files.writeString(dir.resolve("inventory/production"), yaml);
            }
            case "output-not-empty" -> {
                Files.createDirectories(planDir);
                Files.writeString(planDir.resolve("mine.txt"), "keep");
            }
            default -> { }
        }
        Cli.Result result = plan(actual.toArray(String[]::new));
        assertEquals(2, result.exitCode(), result.toString());
        assertEquals(1, result.err().strip().lines().count(), "one line expected: " + result.err());
        assertTrue(result.err().contains(expected), result.err());
        assertEquals(hostsBefore, Files.readString(dir.resolve("inventory/hosts")));
        if (!setup.equals("output-not-empty")) {
            assertFalse(Files.exists(planDir), "no plan may be written");
        } else {
            try (Stream<Path> files = Files.list(planDir)) {
                assertEquals(1, files.count());
            }
        }
    }
}
