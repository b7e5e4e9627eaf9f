package dev.matrixmigrate.e2e;

import static dev.matrixmigrate.e2e.TwoHosts.HOST;
import static dev.matrixmigrate.e2e.TwoHosts.NEW;
import static dev.matrixmigrate.e2e.TwoHosts.NEW_ADDRESS;
import static dev.matrixmigrate.e2e.TwoHosts.OLD;
import static dev.matrixmigrate.e2e.TwoHosts.OLD_ADDRESS;
import static dev.matrixmigrate.e2e.TwoHosts.OLD_OTHER_ADDRESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.matrixmigrate.migrate.Journal;
import dev.matrixmigrate.migrate.RunFolder;
import dev.matrixmigrate.migrate.StepRecord;
import dev.matrixmigrate.migrate.StepState;
import dev.matrixmigrate.support.Cli;
import dev.matrixmigrate.support.Programs;
import dev.matrixmigrate.support.Terminal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The migrate command against two real SSH hosts on this machine, with the real ansible-playbook,
 * ssh and rsync. Each test starts fresh hosts; old runs the test playbook's service.
 */
class MigrateEndToEndTest {
    private static final String FIXTURE = "/matrix/fixture";

    @TempDir
    Path root;
    TwoHosts hosts;

    @BeforeEach
    void startHosts() {
        Assumptions.assumeTrue(TwoHosts.available(), "end-to-end tests need root (see the test output)");
        hosts = TwoHosts.start(root);
        hosts.provisionOld();
        assertNotNull(TwoHosts.versions(OLD_ADDRESS), "the service must run on old before the migration");
    }

    @AfterEach
    void stopHosts() {
        if (hosts != null) {
            hosts.close();
        }
    }

    private Cli.Result migrate(String... args) {
        List<String> all = new ArrayList<>(List.of("migrate", "--playbook", hosts.playbook.toString()));
        all.addAll(List.of(args));
        return Cli.runShowingOutput(all.toArray(String[]::new));
    }

    @Test
    void aFullMigrationMovesEverythingAndLeavesTheOldDataAlone() throws IOException {
        hosts.makeTree(OLD, FIXTURE, 3000);
        String oldBefore = hosts.manifest(OLD, FIXTURE, "--owners", "--ctime");
        String hostsBefore = Files.readString(hosts.hostsFile());

        Cli.Result result = migrate("--to", NEW_ADDRESS, "--yes");
        assertEquals(0, result.exitCode(), result.err());

        assertEquals(oldBefore, hosts.manifest(OLD, FIXTURE, "--owners", "--ctime"), "the old server's data must not change");
        assertEquals(hosts.manifest(OLD, FIXTURE), hosts.manifest(NEW, FIXTURE),
                "content, modes, times, links, hard links, sparse files, ACLs and xattrs must be equal");
        assertEquals("", hosts.exec(NEW, "find", "/matrix", "(", "!", "-user", "matrix", "-o", "!", "-group", "matrix",
                ")", "-print"), "everything on new must belong to new's matrix user");
        assertNotEquals(hosts.exec(OLD, "id", "-u", "matrix"), hosts.exec(NEW, "id", "-u", "matrix"),
                "the test hosts must give matrix different ids, or chown would prove nothing");
        String oldWrites = hosts.exec(OLD, "cat", "/matrix/synapse/data/writes.log");
        assertFalse(oldWrites.isEmpty());
        assertTrue(hosts.exec(NEW, "cat", "/matrix/synapse/data/writes.log").startsWith(oldWrites),
                "every write the old service made must be on new, which continues the log");

        assertTrue(TwoHosts.versions(NEW_ADDRESS).contains("\"server\": \"new\""));
        assertEquals("disabled", hosts.unitState(OLD, "is-enabled"));
        assertEquals("inactive", hosts.unitState(OLD, "is-active"));
        assertEquals("enabled", hosts.unitState(NEW, "is-enabled"));
        assertEquals("active", hosts.unitState(NEW, "is-active"));

        Map<String, Object> host = new Yaml().load(Programs.ok(hosts.playbook, "ansible-inventory", "-i",
                "inventory/hosts", "--host", HOST));
        assertEquals(NEW_ADDRESS, host.get("ansible_host"));
        assertEquals(hostsBefore.replace("ansible_host=127.0.0.2", "ansible_host=127.0.0.3"),
                Files.readString(hosts.hostsFile()), "only the migrated host's line changes");
        try (Stream<Path> files = Files.list(hosts.hostsFile().getParent())) {
            List<Path> backups = files.filter(p -> p.getFileName().toString().startsWith("hosts.bak-")).toList();
            assertEquals(1, backups.size());
            assertEquals(hostsBefore, Files.readString(backups.get(0)));
        }

        String runKey = "matrix-migrate-" + RunFolder.find(hosts.playbook, null, "resume").id();
        assertFalse(hosts.exec(NEW, "cat", "/root/.ssh/authorized_keys").contains(runKey),
                "the migration key must be removed from new");
        assertEquals("", hosts.exec(OLD, "find", "/root/.matrix-migrate", "-mindepth", "1"),
                "the migration key must be removed from old");
        assertTrue(result.out().contains("copied "), "the copy's progress must be shown: " + result.out());
        Path planDir = RunFolder.find(hosts.playbook, null, "resume").planDir();
        assertFalse(Files.exists(planDir.resolve("verify-result.txt")), "differences are kept only when there are any");
        assertTrue(Files.readString(planDir.resolve("cutover-notes.yml")).contains("differences: 0\n"));
        try (Stream<Path> local = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertEquals(List.of(), local.filter(p -> p.getFileName().toString().startsWith("matrix-migrate-key.")).toList(),
                    "the migration key must be removed from this machine");
        }

        RunFolder run = RunFolder.find(hosts.playbook, null, "resume");
        Journal journal = Journal.load(run.dir());
        assertTrue(journal.complete());
        assertTrue(journal.downtime().isPresent());
        assertNothingButTheStartRanOnNewInsideTheDowntime(run);
        assertTrue(result.out().contains("Inside it: stop ") && result.out().contains(", final pass ")
                && result.out().contains(", verification ") && result.out().contains(", start "),
                "the summary lists the parts of the downtime: " + result.out());

        assertEquals("MATRIX_TEST_HOSTNAME=new", hosts.exec(NEW, "grep", "HOSTNAME", "/matrix/synapse/config/host.env").strip(),
                "what the install rendered from new's facts stays new's");
        assertEquals("MATRIX_TEST_HOSTNAME=old", hosts.exec(OLD, "grep", "HOSTNAME", "/matrix/synapse/config/host.env").strip());
        assertEquals(List.of("/synapse/config/homeserver.yaml", "/synapse/config/host.env"),
                Files.readString(run.planDir().resolve("installed-on-new.txt")).lines().sorted().toList(),
                "exactly the files the install rendered differently for new are left out of the final pass");
        assertTrue(result.out().contains("2 files the install wrote for the new server were left as it wrote them"),
                result.out());
        assertEquals(withoutLiveOrRendered(hosts.manifest(OLD, "/matrix")), withoutLiveOrRendered(hosts.manifest(NEW, "/matrix")),
                "everything else under the data path equals old's");
        assertFalse(journal.step("cleanup").started().isBefore(journal.step("start").ended()),
                "the key is removed after the start, outside the downtime");
        assertEquals(StepState.DONE, journal.step("health").state());
        String identity = Files.readString(run.planDir().resolve("server-identity.json"));
        String signingKey = hosts.exec(OLD, "sh", "-c", "cat /matrix/synapse/config/*.signing.key").split(" ")[1];
        assertTrue(identity.contains("\"server_name\": \"example.com\"") && identity.contains("ed25519:" + signingKey + " "),
                "the preflight keeps the server name and signing key old answered, which new answered too: " + identity);
        assertTrue(result.out().contains("Check the services (the real playbook's self-check"), "the playbook's self-check runs: " + result.out());
        Cli.Result status = Cli.run("status", "--playbook", hosts.playbook.toString());
        assertTrue(status.out().contains("[complete]"), status.out());
        assertTrue(status.out().contains("downtime:"), status.out());
    }

    /** The manifest without the services' live data (new continues it) and the files rendered for each host. */
    private static String withoutLiveOrRendered(String manifest) {
        return manifest.lines().filter(line -> !line.startsWith("synapse/data") && !line.startsWith("synapse/config/host")
                && !line.startsWith("synapse/config/homeserver.yaml")).collect(Collectors.joining("\n"));
    }

    /**
     * The test playbook notes each run on the host it runs on: between the stop and the start, new
     * may see only the start run, never setup-all or install-all.
     */
    private void assertNothingButTheStartRanOnNewInsideTheDowntime(RunFolder run) throws IOException {
        Map<String, Object> noted = new Yaml().load(Files.readString(run.dir().resolve(Journal.FILE)));
        double stopped = Instant.parse(noted.get("services-stopped").toString()).toEpochMilli() / 1000.0;
        double started = Instant.parse(noted.get("services-started").toString()).toEpochMilli() / 1000.0;
        List<String> inside = hosts.exec(NEW, "cat", "/var/log/matrix-test-playbook.log").lines()
                .filter(line -> {
                    double at = Double.parseDouble(line.split(" ")[0]);
                    return at > stopped && at < started;
                }).toList();
        assertEquals(1, inside.size(), "one playbook run inside the downtime: " + inside);
        assertTrue(inside.get(0).endsWith(" begin start"), "only the start tag: " + inside);
    }

    /** SQL through the playbook's documented way in: docker exec into matrix-postgres (the stand-in there). */
    private String psql(String host, String database, String sql) {
        return hosts.exec(host, "docker", "exec", "--env-file=/matrix/postgres/env-postgres-psql", "matrix-postgres",
                "/usr/local/bin/psql", "-h", "matrix-postgres", "-d", database, "-v", "ON_ERROR_STOP=1", "-At", "-c", sql).strip();
    }

    /**
     * Every role, database, table, row, sequence value and grant of the cluster, as pg_dumpall writes them
     * (without the random key of its \restrict lines, which differs on every dump).
     */
    private String dumpAll(String host) {
        return hosts.exec(host, "docker", "exec", "--env-file=/matrix/postgres/env-postgres-psql", "matrix-postgres",
                "/usr/local/bin/pg_dumpall", "-h", "matrix-postgres").replaceAll("(?m)^\\\\(un)?restrict .*$", "");
    }

    /**
     * The playbook's Postgres on the host (provisioned on old) with several databases and roles, thousands of rows,
     * unicode text, bytea and a sequence; returns pg_dumpall of old.
     */
    private String postgresWithData() throws IOException {
        Files.writeString(hosts.playbook.resolve("inventory/host_vars/" + HOST + "/vars.yml"), "postgres_enabled: true\n",
                java.nio.file.StandardOpenOption.APPEND);
        hosts.provisionOld();
        psql(OLD, "matrix", "CREATE ROLE bridge LOGIN");
        psql(OLD, "matrix", "CREATE DATABASE bridge OWNER bridge");
        psql(OLD, "synapse", "CREATE TABLE events (id bigserial PRIMARY KEY, room text NOT NULL, body text, data bytea,"
                + " at timestamptz DEFAULT now()); INSERT INTO events (room, body, data) SELECT 'room' || (i % 7),"
                + " 'message ' || i || ' — héllo wörld ✓ 🎉', decode(md5(i::text), 'hex') FROM generate_series(1, 5000) i;"
                + " ALTER TABLE events OWNER TO synapse");
        psql(OLD, "bridge", "CREATE SEQUENCE puppets_seq START 1000; CREATE TABLE puppets (id int DEFAULT"
                + " nextval('puppets_seq'), name text); INSERT INTO puppets (name) SELECT 'пуппет ' || i FROM"
                + " generate_series(1, 2000) i");
        assertEquals("5000", psql(OLD, "synapse", "SELECT count(*) FROM events"));
        String before = dumpAll(OLD);
        assertTrue(before.contains("CREATE ROLE bridge;") && before.contains("2999, true"), "the dump holds the data");
        return before;
    }

    /** The cluster's own identity, made by initdb: equal on two servers only when the raw files were copied. */
    private String systemIdentifier(String host) {
        return hosts.exec(host, "sh", "-c", "/usr/lib/postgresql/*/bin/pg_controldata /matrix/postgres/data"
                + " | grep 'system identifier'").strip();
    }

    /** Old's data path as the manifest lists it, without Postgres's raw files (which its own server rewrites). */
    private String oldDataButPostgres() {
        return hosts.manifest(OLD, "/matrix", "--owners").lines().filter(line -> !line.contains("postgres/data"))
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    @Test
    void theDumpRouteImportsEveryRowAndAFailedImportIsResumedIntoAnEmptiedDatabase() throws IOException {
        String before = postgresWithData();
        String oldIdentity = systemIdentifier(OLD);
        hosts.injectFailure(NEW_ADDRESS, "fail-import", true);

        Cli.Result failed = migrate("--to", NEW_ADDRESS, "--yes", "--database", "dump");
        assertEquals(1, failed.exitCode(), failed.err());
        assertTrue(failed.err().contains("import-database") && failed.err().contains("--resume"), failed.err());
        RunFolder run = RunFolder.find(hosts.playbook, null, "resume");
        assertEquals(StepState.FAILED, Journal.load(run.dir()).step("import-database").state());
        String route = Files.readString(run.planDir().resolve("database-route.yml"));
        assertTrue(route.contains("route: dump") && route.contains("--database dump"), route);
        assertEquals("inactive", hosts.tryExec(OLD, "systemctl", "is-active", "matrix-postgres").stdout().strip(),
                "old's Postgres stops once the dump is written");
        assertEquals("disabled", hosts.tryExec(OLD, "systemctl", "is-enabled", "matrix-postgres").stdout().strip());
        String oldData = oldDataButPostgres();
        // what a half-done import leaves: a role the dump creates too, so importing again fails unless emptied
        hosts.exec(NEW, "systemctl", "start", "matrix-postgres");
        hosts.exec(NEW, "sh", "-c", "for i in $(seq 30); do docker exec --env-file=/matrix/postgres/env-postgres-psql"
                + " matrix-postgres /usr/local/bin/pg_isready -h matrix-postgres && exit 0; sleep 1; done; exit 1");
        psql(NEW, "matrix", "CREATE ROLE bridge LOGIN");
        hosts.exec(NEW, "systemctl", "stop", "matrix-postgres");
        hosts.injectFailure(NEW_ADDRESS, "fail-import", false);

        Cli.Result resumed = migrate("--resume", "--yes");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("was emptied"), "the repeated import starts from an emptied database");
        assertTrue(resumed.out().contains("traveled as a dump of"), resumed.out());
        assertEquals(before, dumpAll(NEW), "every role, database, row, byte and sequence value must be on new");
        assertEquals("message 4999 — héllo wörld ✓ 🎉", psql(NEW, "synapse", "SELECT body FROM events WHERE id = 4999"));
        assertNotEquals(oldIdentity, systemIdentifier(NEW), "new's Postgres must be its own, not old's raw files");
        assertEquals(oldIdentity, systemIdentifier(OLD));
        String rowsOld = Files.readString(run.planDir().resolve("database-rows-old.txt"));
        assertTrue(rowsOld.contains("synapse public.events 5000\n") && rowsOld.contains("bridge public.puppets 2000\n"),
                rowsOld);
        assertEquals(rowsOld, Files.readString(run.planDir().resolve("database-rows-new.txt")));
        for (String host : List.of(OLD, NEW)) {
            assertEquals("", hosts.exec(host, "find", "/root/.matrix-migrate", "-name", "postgres.sql.zst*"),
                    "the dump is removed from " + host);
        }
        assertEquals(oldData, oldDataButPostgres(), "old's data is left as it was");
        assertEquals("active", hosts.exec(NEW, "systemctl", "is-active", "matrix-postgres").strip());
    }

    @Test
    void serversOfAnotherArchitectureTakeTheDumpRouteByThemselvesAndRefuseTheRawFiles() throws IOException {
        hosts.restartNew("linux32");
        String before = postgresWithData();

        Cli.Result refused = migrate("--to", NEW_ADDRESS, "--yes", "--database", "copy");
        assertEquals(2, refused.exitCode(), refused.err());
        assertTrue(refused.err().contains("x86_64 and the new one i386") && refused.err().contains("--database dump"),
                refused.err());
        assertEquals("active", hosts.exec(OLD, "systemctl", "is-active", "matrix-postgres").strip(), "nothing stopped");

        Cli.Result result = migrate("--to", NEW_ADDRESS, "--yes");
        assertEquals(0, result.exitCode(), result.err());
        RunFolder run = RunFolder.find(hosts.playbook, null, "resume");
        String route = Files.readString(run.planDir().resolve("database-route.yml"));
        assertTrue(route.contains("route: dump") && route.contains("the CPU architectures differ"), route);
        assertEquals(before, dumpAll(NEW), "every role, database, row, byte and sequence value must be on new");
        assertNotEquals(systemIdentifier(OLD), systemIdentifier(NEW), "the raw files stayed behind");
    }

    @Test
    void aDumpWithNoRoomFailsBeforeOldsPostgresStopsAndTheResumeFinishes() throws IOException {
        String before = postgresWithData();
        hosts.injectFailure(NEW_ADDRESS, "fail-system-user", true);
        Cli.Result early = migrate("--to", NEW_ADDRESS, "--yes", "--database", "dump");
        assertEquals(1, early.exitCode(), early.err());
        hosts.injectFailure(NEW_ADDRESS, "fail-system-user", false);
        // after the preflight measured the room: the run folder on old becomes a file system of 32 KiB
        hosts.exec(OLD, "mount", "-t", "tmpfs", "-o", "size=32k,mode=0700", "tmpfs", "/root/.matrix-migrate");

        Cli.Result full = migrate("--resume", "--yes");
        assertEquals(1, full.exitCode(), full.err());
        assertTrue(full.err().contains("cutover"), full.err());
        assertEquals(StepState.FAILED, Journal.load(RunFolder.find(hosts.playbook, null, "resume").dir()).step("cutover")
                .state());
        assertEquals("active", hosts.exec(OLD, "systemctl", "is-active", "matrix-postgres").strip(),
                "old's Postgres still runs when its dump could not be written");
        assertEquals("5000", psql(OLD, "synapse", "SELECT count(*) FROM events"));

        hosts.exec(OLD, "umount", "/root/.matrix-migrate");
        Cli.Result resumed = migrate("--resume", "--yes");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertEquals(before, dumpAll(NEW));
    }

    @Test
    void aWarmMigrationMovesARunningPostgresWithEveryRowIntact() throws IOException {
        String before = postgresWithData();

        Cli.Result result = migrate("--to", NEW_ADDRESS, "--yes");
        assertEquals(0, result.exitCode(), result.err());

        assertEquals("active", hosts.exec(NEW, "systemctl", "is-active", "matrix-postgres").strip());
        assertEquals("inactive", hosts.tryExec(OLD, "systemctl", "is-active", "matrix-postgres").stdout().strip(),
                "the old server's Postgres stopped with the rest");
        assertEquals(before, dumpAll(NEW), "every role, database, row, byte and sequence value must be on new");
        assertEquals("5000", psql(NEW, "synapse", "SELECT count(*) FROM events"));
        assertEquals("message 4999 — héllo wörld ✓ 🎉", psql(NEW, "synapse", "SELECT body FROM events WHERE id = 4999"));
    }

    @Test
    void aFailedStartIsResumedWithoutStoppingOrCopyingAgain() throws IOException {
        hosts.makeTree(OLD, FIXTURE, 50);
        hosts.injectFailure(NEW_ADDRESS, "fail-start", true);

        Cli.Result failed = migrate("--to", NEW_ADDRESS, "--yes");
        assertEquals(1, failed.exitCode(), failed.err());
        RunFolder run = RunFolder.find(hosts.playbook, null, "resume");
        Journal journal = Journal.load(run.dir());
        List<StepRecord> steps = journal.steps();
        StepRecord start = journal.step("start");
        assertEquals(StepState.FAILED, start.state());
        assertEquals(StepState.PENDING, journal.step("health").state(), "nothing to check before a start");
        assertEquals("cleanup", steps.get(steps.size() - 1).id());
        assertEquals(StepState.DONE, steps.get(steps.size() - 1).state(), "the key is removed when a later step fails");
        String runKey = "matrix-migrate-" + run.id();
        assertFalse(hosts.exec(NEW, "cat", "/root/.ssh/authorized_keys").contains(runKey),
                "the key the final pass left must be removed when a later step fails");
        assertEquals("", hosts.exec(OLD, "find", "/root/.matrix-migrate", "-mindepth", "1"));
        assertTrue(failed.out().contains("after the failure:"), failed.out());
        assertTrue(failed.err().indexOf("step 'start' failed") >= 0, "the first failure is what is reported");
        Path startLog = run.dir().resolve(start.log());
        String message = failed.err();
        assertTrue(message.contains("step 'start' failed"), message);
        assertTrue(message.contains("ansible-playbook -i inventory/hosts setup.yml --tags=start"), message);
        assertTrue(message.contains(startLog.toString()), message);
        assertTrue(message.contains("--resume --run " + run.id()), message);
        assertTrue(Files.readString(startLog).contains("start failure injected"));
        List<StepRecord> before = steps.stream().takeWhile(step -> !step.id().equals("start")).toList();
        before.forEach(step -> assertEquals(StepState.DONE, step.state(), step.id()));
        assertTrue(before.stream().anyMatch(s -> s.id().equals("cutover")), "warm mode stops old in cutover");
        Cli.Result status = Cli.run("status", "--playbook", hosts.playbook.toString());
        assertTrue(status.out().contains("[failed at start]"), status.out());

        hosts.injectFailure(NEW_ADDRESS, "fail-start", false);
        Cli.Result resumed = migrate("--resume", "--yes");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("cutover: stop the old server for good, copy what changed, verify"
                + " (done earlier, not run again)"), resumed.out());

        Journal after = Journal.load(run.dir());
        assertTrue(after.complete());
        assertEquals(steps.get(steps.size() - 1).started(), after.step("cleanup").started(),
                "the cleanup done after the failure is not run again");
        for (StepRecord step : before) {
            assertEquals(step.started(), after.step(step.id()).started(), step.id() + " must not run again");
            assertEquals(step.ended(), after.step(step.id()).ended(), step.id() + " must not run again");
        }
        assertTrue(TwoHosts.versions(NEW_ADDRESS).contains("\"server\": \"new\""));
        assertEquals(hosts.manifest(OLD, FIXTURE), hosts.manifest(NEW, FIXTURE));
    }

    @Test
    void aChecksumVerificationFindsWhatTheQuickFinalPassCannotSee() throws IOException {
        hosts.makeTree(OLD, FIXTURE, 20);
        // Paused before the install: what changes on new while the install runs is taken as the install's.
        hosts.injectFailure(NEW_ADDRESS, "fail-system-user", true);
        Cli.Result paused = migrate("--to", NEW_ADDRESS, "--yes", "--verify=checksum");
        assertEquals(1, paused.exitCode(), paused.err());
        assertTrue(paused.err().contains("step 'setup-system-user' failed"), paused.err());
        assertNotNull(TwoHosts.versions(OLD_ADDRESS), "before the cutover the old server still serves");

        // Damage on the new server that sizes and times do not show: same size, same time, other bytes.
        hosts.exec(NEW, "sh", "-c", "f=/matrix/fixture/secret/key; t=$(stat -c %y \"$f\");"
                + " printf 'PRIVATE\\n' > \"$f\"; touch -d \"$t\" \"$f\"");
        hosts.injectFailure(NEW_ADDRESS, "fail-system-user", false);
        Cli.Result failed = migrate("--resume", "--yes");
        assertEquals(1, failed.exitCode(), failed.err());
        assertTrue(failed.err().contains("step 'cutover' failed"), failed.err());
        RunFolder run = RunFolder.find(hosts.playbook, null, "resume");
        String differences = Files.readString(run.planDir().resolve("verify-result.txt"));
        assertTrue(differences.contains("fixture/secret/key"), differences);
        String log = Files.readString(run.dir().resolve(Journal.load(run.dir()).step("cutover").log()));
        assertTrue(log.contains("The new server differs from the old one") && log.contains("fixture/secret/key"), log);
        assertEquals(StepState.FAILED, Journal.load(run.dir()).step("cutover").state());
    }

    @Test
    void aDryRunChangesNothingOnEitherHost() throws IOException {
        hosts.makeTree(OLD, FIXTURE, 20);
        String oldBefore = snapshot(OLD);
        String newBefore = snapshot(NEW);
        String hostsBefore = Files.readString(hosts.hostsFile());

        Cli.Result result = migrate("--to", NEW_ADDRESS, "--dry-run");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("ansible-playbook -i inventory/hosts -i .matrix-migrate/runs/"), result.out());
        assertTrue(result.out().contains("--extra-vars=matrix_migrate_stop=true"), result.out());
        assertTrue(result.out().contains("sync.yml --extra-vars=matrix_migrate_pass=warm"), result.out());

        assertEquals(oldBefore, snapshot(OLD));
        assertEquals(newBefore, snapshot(NEW));
        assertEquals(hostsBefore, Files.readString(hosts.hostsFile()));
        assertFalse(Files.exists(hosts.playbook.resolve(".matrix-migrate")), "a dry run writes nothing");
        assertNotNull(TwoHosts.versions(OLD_ADDRESS));
    }

    @Test
    void aColdMigrationToASudoUserWithAHostKeyAcceptedOnRequest() throws IOException {
        hosts.makeTree(OLD, FIXTURE, 100);
        Programs.ok(TwoHosts.E2E, TwoHosts.E2E.resolve("testhost.sh").toString(), "add-sudo-user", NEW,
                hosts.state.toString(), "deploy");
        Path knownHosts = hosts.state.resolve("known_hosts");
        String newKeyPrefix = "[" + NEW_ADDRESS + "]:2222 ";
        Files.writeString(knownHosts, Files.readString(knownHosts).lines().filter(l -> !l.startsWith(newKeyPrefix))
                .map(l -> l + "\n").collect(Collectors.joining()));
        String hostsBefore = Files.readString(hosts.hostsFile());

        Cli.Result refused = migrate("--to", NEW_ADDRESS, "--to-user", "deploy", "--to-become", "--yes");
        assertEquals(2, refused.exitCode(), refused.err());
        assertTrue(refused.err().contains("host key of the new server") && refused.err().contains("--accept-new-host-key"),
                refused.err());
        assertTrue(refused.out().contains("SHA256:"), "the fingerprint must be shown: " + refused.out());
        assertEquals(hostsBefore, Files.readString(hosts.hostsFile()));
        assertFalse(Files.exists(RunFolder.runsDir(hosts.playbook)), "nothing may be started");
        assertNotNull(TwoHosts.versions(OLD_ADDRESS));

        Cli.Result result = migrate("--to", NEW_ADDRESS, "--to-user", "deploy", "--to-become", "--yes",
                "--accept-new-host-key", "--cold", "--verify=checksum", "-v");
        assertEquals(0, result.exitCode(), result.err());
        RunFolder run = RunFolder.find(hosts.playbook, null, "resume");
        Journal journal = Journal.load(run.dir());
        String syncLog = Files.readString(run.dir().resolve(journal.step("cutover").log()));
        assertTrue(syncLog.contains("\"deploy@127.0.0.3:/matrix/\"") && !syncLog.contains("--rsync-path"),
                "the copy logs in as the SSH user (not root, which become makes of the facts); the key's forced command"
                        + " runs the receiver through sudo there, whatever the client asks: " + syncLog);
        assertFalse(hosts.exec(NEW, "cat", "/root/.ssh/authorized_keys").contains("matrix-migrate-" + run.id()));
        List<String> ids = journal.steps().stream().map(StepRecord::id).toList();
        assertEquals(List.of("preflight", "cutover", "dns", "switch-inventory", "setup-system-user", "chown",
                "start", "health", "cleanup"), ids, "--cold copies once, after the stop, as the manual procedure does");
        assertTrue(Files.readString(run.dir().resolve(journal.step("start").log())).contains("--tags=setup-all,start"),
                "--cold installs and starts after the copy, as the guide does");
        assertFalse(Files.exists(run.planDir().resolve("installed-on-new.txt")), "a cold copy leaves nothing out");
        assertTrue(Files.readString(knownHosts).contains(newKeyPrefix + "ssh-ed25519 "));
        assertTrue(Files.readString(hosts.hostsFile()).contains("matrix.example.com ansible_host=127.0.0.3 ansible_port=2222"
                + " ansible_ssh_user=deploy ansible_become=true ansible_become_user=root\n"));
        assertEquals(hosts.manifest(OLD, FIXTURE), hosts.manifest(NEW, FIXTURE));
        assertTrue(TwoHosts.versions(NEW_ADDRESS).contains("\"server\": \"new\""));
        assertFalse(hosts.exec(NEW, "cat", "/home/deploy/.ssh/authorized_keys")
                .contains("matrix-migrate-" + RunFolder.find(hosts.playbook, null, "resume").id()));

        // Going back: the new server served, so what its service wrote since refuses the rollback; what the
        // start's own install rendered there (its configuration) is the run's and is not counted.
        Cli.Result refusedBack = migrate("--rollback", "--yes");
        assertEquals(2, refusedBack.exitCode(), refusedBack.toString());
        assertTrue(refusedBack.err().contains("/synapse/data/writes.log"), refusedBack.err());
        String written = Files.readString(run.planDir().resolve("written-on-new.txt"));
        assertFalse(written.contains("/synapse/config/"), "the install's configuration is the run's own: " + written);
        Cli.Result back = migrate("--rollback", "--yes", "--force");
        assertEquals(0, back.exitCode(), back.toString());
        assertNotNull(TwoHosts.versions(OLD_ADDRESS));
        assertEquals("disabled", hosts.unitState(NEW, "is-enabled"), "stopped through sudo on new");
        assertEquals(hostsBefore, Files.readString(hosts.hostsFile()));
    }

    @Test
    void aChangedHostKeyIsRefusedEvenWithAcceptNewHostKeyAndNothingRuns() throws IOException {
        Path knownHosts = hosts.state.resolve("known_hosts");
        String newKeyPrefix = "[" + NEW_ADDRESS + "]:2222 ";
        Path impostor = root.resolve("impostor");
        Programs.ok(root, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", impostor.toString());
        String impostorKey = Files.readString(root.resolve("impostor.pub")).split(" ")[1];
        Files.writeString(knownHosts, Files.readString(knownHosts).lines().filter(l -> !l.startsWith(newKeyPrefix))
                .map(l -> l + "\n").collect(Collectors.joining()) + newKeyPrefix + "ssh-ed25519 " + impostorKey + "\n");
        String knownBefore = Files.readString(knownHosts);
        String hostsBefore = Files.readString(hosts.hostsFile());

        Cli.Result refused = migrate("--to", NEW_ADDRESS, "--yes", "--accept-new-host-key");
        assertEquals(2, refused.exitCode(), refused.err());
        assertTrue(refused.err().contains("SSH host key of the new server") && refused.err().contains("is not the one"
                + " known_hosts has"), refused.err());
        assertEquals(1, refused.err().strip().lines().count(), "one line: " + refused.err());
        assertEquals(knownBefore, Files.readString(knownHosts), "a changed key is never replaced");
        assertEquals(hostsBefore, Files.readString(hosts.hostsFile()));
        assertFalse(Files.exists(RunFolder.runsDir(hosts.playbook)), "nothing may be started");
        assertNotNull(TwoHosts.versions(OLD_ADDRESS));
    }

    @Test
    void theCleanupTakesTheKeyOffTheNewServerEvenWhenTheOldOneIsGone() throws IOException {
        Path planDir = root.resolve("plan");
        assertEquals(0, Cli.run("plan", "--playbook", hosts.playbook.toString(), "--to", NEW_ADDRESS, "--output",
                planDir.toString()).exitCode());
        String comment = Files.readString(planDir.resolve("key-vars.yml")).lines()
                .filter(l -> l.startsWith("matrix_migrate_key_comment: ")).findFirst().orElseThrow()
                .substring("matrix_migrate_key_comment: ".length());
        Path key = root.resolve("left-key");
        Programs.ok(root, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", key.toString());
        String line = "from=\"127.0.0.1\",no-pty " + Files.readString(root.resolve("left-key.pub")).strip();
        hosts.exec(NEW, "sh", "-c", "printf '%s\\n' \"$1\" >> /root/.ssh/authorized_keys", "sh", line);
        hosts.stop(OLD);

        Programs.Output cleanup = Programs.run(hosts.playbook, List.of("env", "ANSIBLE_HOST_KEY_CHECKING=True",
                "ansible-playbook", "-i", planDir.resolve("inventory-old/hosts").toString(), "-i",
                planDir.resolve("migration-inventory").toString(), planDir.resolve("cleanup.yml").toString()));
        assertNotEquals(0, cleanup.exitCode(), "an old server that cannot be reached fails the cleanup: "
                + cleanup.stdout());
        assertTrue(cleanup.stdout().contains("UNREACHABLE"), cleanup.stdout());
        String authorized = hosts.exec(NEW, "cat", "/root/.ssh/authorized_keys");
        assertFalse(authorized.contains(comment), "the key must be off the new server: " + authorized);
        assertTrue(authorized.contains("matrix-migrate-test-client"), "only the run's key is removed: " + authorized);
    }

    @Test
    void badInputIsRefusedWithExitTwoAndTouchesNothing() throws IOException {
        String hostsBefore = Files.readString(hosts.hostsFile());
        String oldBefore = snapshot(OLD);
        List<List<String>> cases = List.of(
                List.of("--to", NEW_ADDRESS),
                List.of("--to", "127.0.0.9", "--yes"),
                List.of("--to", NEW_ADDRESS, "--host", "matrix.unknown.org", "--yes"),
                List.of("--to", NEW_ADDRESS, "--yes", "--ansible-playbook", "/nonexistent/ansible-playbook"),
                List.of("--resume", "--yes"),
                List.of("--to", NEW_ADDRESS, "--yes", "--ask-become-pass", "--become-password-file",
                        hosts.hostsFile().toString()));
        List<String> expected = List.of("no terminal to confirm on", "cannot reach", "is not in [matrix_servers]",
                "is not an executable file", "no run to resume", "both give the sudo password");
        for (int i = 0; i < cases.size(); i++) {
            Cli.Result result = migrate(cases.get(i).toArray(String[]::new));
            assertEquals(2, result.exitCode(), cases.get(i) + ": " + result.err());
            assertEquals(1, result.err().strip().lines().count(), result.err());
            assertTrue(result.err().contains(expected.get(i)), result.err());
            assertEquals(hostsBefore, Files.readString(hosts.hostsFile()));
            assertFalse(Files.exists(RunFolder.runsDir(hosts.playbook)));
        }
        assertEquals(oldBefore, snapshot(OLD));
        assertNotNull(TwoHosts.versions(OLD_ADDRESS));
    }

    @Test
    void atATerminalItAsksForThePasswordWithoutShowingItAsksBeforeTheStopAndShowsProgressOnOneLine()
            throws Exception {
        hosts.makeTree(OLD, FIXTURE, 3000);
        String password = "pw-" + java.util.UUID.randomUUID();
        Path first = root.resolve("first.typescript");
        try (Terminal terminal = Terminal.start(hosts.playbook, first, "migrate", "--playbook",
                hosts.playbook.toString(), "--to", NEW_ADDRESS, "--ask-become-pass")) {
            terminal.answer("BECOME (sudo) password: ", password, Duration.ofSeconds(120));
            terminal.answer("Type yes to go on: ", "no", Duration.ofSeconds(300));
            assertEquals(2, terminal.exitCode(Duration.ofSeconds(60)), terminal.screen());
        }
        String screen = Files.readString(first);
        assertTrue(screen.contains("not confirmed: the old server was not stopped"), screen);
        assertTrue(screen.contains("\rcopied "), "a terminal shows the copy's progress on one updating line: " + screen);
        assertFalse(screen.contains("after the failure"), "a refusal is not a failure to clean up after: " + screen);
        assertNotNull(TwoHosts.versions(OLD_ADDRESS), "answering no leaves the old server serving");
        RunFolder run = RunFolder.find(hosts.playbook, null, "resume");
        assertEquals(StepState.DONE, Journal.load(run.dir()).step("install").state());
        assertEquals(StepState.PENDING, Journal.load(run.dir()).step("cutover").state());

        Path second = root.resolve("second.typescript");
        try (Terminal terminal = Terminal.start(hosts.playbook, second, "migrate", "--playbook",
                hosts.playbook.toString(), "--resume", "--ask-become-pass")) {
            terminal.answer("BECOME (sudo) password: ", password, Duration.ofSeconds(120));
            terminal.answer("Type yes to go on: ", "yes", Duration.ofSeconds(120));
            assertEquals(0, terminal.exitCode(Duration.ofSeconds(300)), terminal.screen());
        }
        assertTrue(Journal.load(run.dir()).complete());
        assertTrue(TwoHosts.versions(NEW_ADDRESS).contains("\"server\": \"new\""));
        assertEquals(hosts.manifest(OLD, FIXTURE), hosts.manifest(NEW, FIXTURE));

        for (Path typescript : List.of(first, second)) {
            assertFalse(Files.readString(typescript).contains(password), "the password must not be echoed");
        }
        try (Stream<Path> files = Files.walk(run.dir())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertFalse(Files.readString(file).contains(password), "the password must not be kept in " + file);
            }
        }
        try (Stream<Path> temp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertEquals(List.of(), temp.filter(p -> p.getFileName().toString().startsWith("matrix-migrate-become"))
                    .toList(), "the password file is removed when the run ends");
        }
    }

    @Test
    void ctrlCStopsTheProcessTreeAndTheRunResumes() throws Exception {
        hosts.makeTree(OLD, FIXTURE, 3000);
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.matrixmigrate.cli.MatrixMigrate", "migrate",
                "--playbook", hosts.playbook.toString(), "--to", NEW_ADDRESS, "--yes");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(root.resolve("interrupted.log").toFile()).start();
        Path journalFile = null;
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            List<RunFolder> runs = RunFolder.all(hosts.playbook);
            if (!runs.isEmpty() && Files.exists(runs.get(0).dir().resolve(Journal.FILE))) {
                journalFile = runs.get(0).dir().resolve(Journal.FILE);
                if (Journal.load(runs.get(0).dir()).step("sync-warm").state() == StepState.RUNNING) {
                    break;
                }
            }
            Thread.sleep(100);
        }
        assertNotNull(journalFile, "the run must start: " + Files.readString(root.resolve("interrupted.log")));
        TwoHosts.sleep(1500);
        List<ProcessHandle> children = process.descendants().toList();
        assertFalse(children.isEmpty(), "ansible-playbook must be running under the tool");
        Programs.ok(root, "kill", "-INT", Long.toString(process.pid()));
        assertTrue(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the tool must stop after Ctrl-C");
        TwoHosts.sleep(500);
        for (ProcessHandle child : children) {
            assertFalse(child.isAlive(), "a child process survived: " + child.info().commandLine().orElse("?"));
        }
        Journal journal = Journal.load(journalFile.getParent());
        assertEquals(StepState.INTERRUPTED, journal.step("sync-warm").state(),
                Files.readString(root.resolve("interrupted.log")));
        assertEquals(StepState.DONE, journal.step("preflight").state());
        assertTrue(Files.readString(root.resolve("interrupted.log")).contains("--resume --run"));
        assertNotNull(TwoHosts.versions(OLD_ADDRESS), "the warm pass leaves the old server serving");

        Cli.Result resumed = migrate("--resume", "--yes");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertEquals(hosts.manifest(OLD, FIXTURE), hosts.manifest(NEW, FIXTURE));
        assertTrue(TwoHosts.versions(NEW_ADDRESS).contains("\"server\": \"new\""));
        assertFalse(hosts.exec(NEW, "cat", "/root/.ssh/authorized_keys")
                .contains("matrix-migrate-" + RunFolder.find(hosts.playbook, null, "resume").id()));
        assertEquals("", hosts.exec(OLD, "find", "/root/.matrix-migrate", "-mindepth", "1"));
    }

    @Test
    void aNewServerThatIsTheOldOneIsRefusedWhateverItsAddressAlsoWithForceTarget() throws IOException {
        String before = snapshot(OLD);
        for (String to : List.of(OLD_ADDRESS, OLD_OTHER_ADDRESS)) {
            for (boolean force : List.of(false, true)) {
                List<String> args = new ArrayList<>(List.of("--to", to, "--yes"));
                if (force) {
                    args.add("--force-target");
                }
                Cli.Result refused = migrate(args.toArray(String[]::new));
                assertEquals(2, refused.exitCode(), refused.toString());
                String message = refused.err().strip();
                assertTrue(message.startsWith("error: preflight refused: The new server " + to + " is the old server")
                        && message.contains("machine id") && message.contains("SSH host key")
                        && message.contains("nothing was changed") && message.lines().count() == 1, message);
                assertEquals("enabled", hosts.unitState(OLD, "is-enabled"));
            }
        }
        assertEquals(before, snapshot(OLD), "old's data, ownership, units and keys stay as they were");
        assertNotNull(TwoHosts.versions(OLD_ADDRESS));
    }

    @Test
    void aNewServerThatStartsButDoesNotAnswerFailsTheHealthStepNamingTheEndpointAndTheRunResumes() throws IOException {
        hosts.exec(NEW, "touch", "/etc/matrix-test-broken");  // its proxy answers 502, as with a server that does not run
        Cli.Result failed = migrate("--to", NEW_ADDRESS, "--yes", "--health-timeout", "4", "--no-self-check");
        assertEquals(1, failed.exitCode(), failed.toString());
        assertTrue(failed.err().contains("step 'health' failed: The server does not serve Matrix as expected: the client API"
                + " (http://matrix.example.com:8008/_matrix/client/versions at 127.0.0.3) answered 502: {\"error\": \"Bad Gateway\"}"),
                failed.err());
        assertTrue(failed.err().contains("--resume"), failed.err());
        RunFolder run = RunFolder.find(hosts.playbook, null, "resume");
        Journal journal = Journal.load(run.dir());
        assertEquals(StepState.FAILED, journal.step("health").state());
        assertEquals(StepState.DONE, journal.step("cleanup").state(), "the key is removed after the failure");
        assertFalse(failed.out().contains("Check the services (the real playbook's self-check"), "--no-self-check: " + failed.out());

        hosts.exec(NEW, "rm", "/etc/matrix-test-broken");
        Cli.Result resumed = migrate("--resume", "--yes");
        assertEquals(0, resumed.exitCode(), resumed.toString());
        assertTrue(Journal.load(run.dir()).complete());
    }

    @Test
    void aFailedStartIsRolledBackAndARollbackKilledWithKillNineResumes() throws Exception {
        hosts.makeTree(OLD, FIXTURE, 50);
        String oldBefore = oldServerState();
        String hostsBefore = Files.readString(hosts.playbook.resolve("inventory/hosts"));
        hosts.injectFailure(NEW_ADDRESS, "fail-start", true);
        Cli.Result failed = migrate("--to", NEW_ADDRESS, "--yes");
        assertEquals(1, failed.exitCode(), failed.toString());
        RunFolder run = RunFolder.find(hosts.playbook, null, "resume");
        assertTrue(failed.err().contains("--resume --run " + run.id() + "; or put the old server back in service with:"
                + " matrix-migrate migrate --playbook " + hosts.playbook + " --rollback --run " + run.id()), failed.err());

        Path log = root.resolve("rollback.log");
        Process tool = startTool(log, "migrate", "--playbook", hosts.playbook.toString(), "--rollback", "--yes");
        awaitRollbackStep(tool, run, "start-old", log);
        tool.destroyForcibly().waitFor();
        assertEquals(StepState.RUNNING, Journal.rollback(run.dir()).orElseThrow().step("start-old").state());
        assertTrue(Files.readString(log).contains("Point these DNS records at the old server"), Files.readString(log));

        Cli.Result resumed = migrate("--rollback", "--yes");
        assertEquals(0, resumed.exitCode(), resumed.toString());
        for (String done : List.of("check-new", "stop-new", "restore-inventory")) {
            assertTrue(resumed.out().contains(done + ": ") && resumed.out().contains("(done earlier, not run again)"),
                    done + ": " + resumed.out());
        }
        assertTrue(Files.readString(log).contains("0 files (0 bytes) under /matrix changed on the new server since its"
                + " services could run; no health check ran since its start"), "the check, in the killed run");
        assertTrue(resumed.out().contains("Rollback complete: the old server serves again"), resumed.out());
        assertTrue(resumed.out().contains("The old server was down for "), resumed.out());
        assertTrue(Journal.rollback(run.dir()).orElseThrow().complete());
        assertNotNull(TwoHosts.versions(OLD_ADDRESS), "old answers again (health-old compared its signing key)");
        assertEquals("enabled", hosts.unitState(OLD, "is-enabled"));
        assertEquals(oldBefore, oldServerState(), "old's data, owners, units and keys are as before the migration");
        assertEquals(hostsBefore, Files.readString(hosts.playbook.resolve("inventory/hosts")), "byte for byte");
        assertFalse(hosts.exec(NEW, "cat", "/root/.ssh/authorized_keys").contains("matrix-migrate-" + run.id()));
        assertEquals("disabled", hosts.unitState(NEW, "is-enabled"));
        assertNotEquals("active", hosts.unitState(NEW, "is-active"));

        Cli.Result status = Cli.run("status", "--playbook", hosts.playbook.toString());
        assertTrue(status.out().contains("rollback [complete]") && status.out().contains("old server down: "),
                status.out());
        Cli.Result resume = migrate("--resume", "--yes");
        assertEquals(2, resume.exitCode(), resume.toString());
        assertTrue(resume.err().contains("was rolled back, so it cannot go on"), resume.err());
    }

    @Test
    void aNewServerThatNeverAnswersIsRolledBackInTheSameRunWithRollbackOnFailure() throws IOException {
        hosts.exec(NEW, "touch", "/etc/matrix-test-broken");
        Cli.Result failed = migrate("--to", NEW_ADDRESS, "--yes", "--health-timeout", "4", "--no-self-check",
                "--rollback-on-failure");
        assertEquals(1, failed.exitCode(), failed.toString());
        assertTrue(failed.err().contains("step 'health' failed: The server does not serve Matrix as expected: the client API"
                + " (http://matrix.example.com:8008/_matrix/client/versions at 127.0.0.3) answered 502"), failed.err());
        assertTrue(failed.out().contains("Rolling back at once (--rollback-on-failure) after: step 'health' failed"),
                failed.out());
        assertTrue(failed.err().contains("/logs/11-health.log; rolled back at once (--rollback-on-failure): the old server"
                + " serves again"), failed.err());
        assertFalse(failed.err().contains("resume with"), "a rolled-back run cannot be resumed: " + failed.err());
        RunFolder run = RunFolder.find(hosts.playbook, null, "resume");
        assertTrue(Journal.rollback(run.dir()).orElseThrow().complete());
        // its service wrote its own files, but no user can have written to a server that never answered
        assertTrue(failed.out().matches("(?s).*[1-9][0-9]* files \\([0-9]+ bytes\\) under /matrix changed on the new server since"
                + " its services could run: .*its client API answered neither the health check nor now.*"), failed.out());
        assertNotNull(TwoHosts.versions(OLD_ADDRESS));
        assertEquals("disabled", hosts.unitState(NEW, "is-enabled"));
        assertNotEquals("active", hosts.unitState(NEW, "is-active"));
    }

    @Test
    void aRollbackAfterTheNewServerServedAndGotWritesIsRefusedUnlessForced() throws IOException {
        Cli.Result migrated = migrate("--to", NEW_ADDRESS, "--yes", "--no-self-check");
        assertEquals(0, migrated.exitCode(), migrated.toString());
        RunFolder run = RunFolder.find(hosts.playbook, null, "resume");
        hosts.exec(NEW, "sh", "-c", "echo 'an upload' > /matrix/synapse/data/upload-1");
        String hostsAfterMigration = Files.readString(hosts.playbook.resolve("inventory/hosts"));

        Cli.Result refused = migrate("--rollback", "--yes");
        assertEquals(2, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("check-new refused: the new server may have served users, and going back"
                + " leaves behind"), refused.err());
        assertTrue(refused.err().contains("/synapse/data/upload-1"), refused.err());
        assertTrue(refused.err().contains("roll back with --force"), refused.err());
        assertEquals("active", hosts.unitState(NEW, "is-active"), "nothing was changed");
        assertEquals(hostsAfterMigration, Files.readString(hosts.playbook.resolve("inventory/hosts")));

        Cli.Result forced = migrate("--rollback", "--yes", "--force");
        assertEquals(0, forced.exitCode(), forced.toString());
        assertTrue(forced.out().contains("Left behind on the new server (on its disk, not carried back): "), forced.out());
        assertTrue(forced.out().contains("/synapse/data/upload-1"), forced.out());
        assertNotNull(TwoHosts.versions(OLD_ADDRESS));
        assertNotEquals("active", hosts.unitState(NEW, "is-active"));
        assertEquals("an upload", hosts.exec(NEW, "cat", "/matrix/synapse/data/upload-1").strip(), "kept on new's disk");
    }

    @Test
    void aPreflightRefusesAnOldServerWhoseEndpointsCannotBeAskedFromHere() throws IOException {
        hosts.exec(OLD, "touch", "/etc/matrix-test-broken");
        Cli.Result refused = migrate("--to", NEW_ADDRESS, "--yes");
        assertEquals(2, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("preflight refused: The old server does not answer what the health check after the"
                + " start will ask") && refused.err().contains("answered 502"), refused.err());
        assertEquals("enabled", hosts.unitState(OLD, "is-enabled"));
        assertEquals("", hosts.exec(NEW, "find", "/matrix", "-mindepth", "1"), "nothing is copied");
    }

    @Test
    void theRoomCheckCountsRealBlocksNotTheApparentSize() throws IOException {
        // new's data path: a 48 MiB filesystem; the fixture's sparse file is 64 MiB long and holds a few bytes
        hosts.exec(NEW, "mount", "-t", "tmpfs", "-o", "size=48m,mode=755", "tmpfs", "/matrix");
        hosts.makeTree(OLD, FIXTURE, 200);
        hosts.exec(OLD, "fallocate", "-l", "60M", FIXTURE + "/really-big.bin");

        Cli.Result refused = migrate("--to", NEW_ADDRESS, "--yes");
        assertEquals(2, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("error: preflight refused: The new server has ")
                && refused.err().contains(" free for /matrix; the copy needs ")
                && refused.err().contains("temporary copy of the largest file 60.00 MB"), refused.err());
        assertEquals("", hosts.exec(NEW, "find", "/matrix", "-mindepth", "1"), "nothing is copied");

        hosts.exec(OLD, "rm", FIXTURE + "/really-big.bin");
        Cli.Result result = migrate("--to", NEW_ADDRESS, "--yes");
        assertEquals(0, result.exitCode(), result.err());
        assertEquals(hosts.manifest(OLD, FIXTURE), hosts.manifest(NEW, FIXTURE));
        assertEquals("67108864", hosts.exec(NEW, "stat", "-c", "%s", FIXTURE + "/sparse.img").strip());
        long blocks = Long.parseLong(hosts.exec(NEW, "stat", "-c", "%b", FIXTURE + "/sparse.img").strip());
        assertTrue(blocks * 512 < 1024 * 1024, "the copy keeps the sparse file sparse: " + blocks + " blocks");
    }

    @Test
    void killNineLeavesNothingRunningAndTheResumeNeverRunsTwoCopiesOrTwoRuns() throws Exception {
        hosts.makeTree(OLD, FIXTURE, 6000);
        RunSampler sampler = new RunSampler();
        sampler.start();
        try {
            Process tool = startTool(root.resolve("first.log"), "migrate", "--playbook", hosts.playbook.toString(),
                    "--to", NEW_ADDRESS, "--yes");
            RunFolder run = awaitStep(tool, "sync-warm", root.resolve("first.log"));

            // a second run and a resume on the same folder while this one works
            Cli.Result second = migrate("--to", NEW_ADDRESS, "--yes");
            assertEquals(2, second.exitCode(), second.toString());
            assertTrue(second.err().contains("another matrix-migrate is working on")
                    && second.err().contains("run " + run.id() + ", process " + tool.pid()), second.err());
            Cli.Result resume = migrate("--resume", "--yes");
            assertEquals(2, resume.exitCode(), resume.toString());
            assertTrue(resume.err().contains("process " + tool.pid()), resume.err());
            assertTrue(tool.isAlive());
            assertEquals(StepState.RUNNING, Journal.load(run.dir()).step("sync-warm").state(), "the running one goes on");

            killNineWhileCopying(tool, run);
            String key = "/root/.matrix-migrate/" + run.id() + "/id_ed25519";
            String authorized = hosts.exec(NEW, "cat", "/root/.ssh/authorized_keys");
            assertTrue(authorized.contains(",restrict,") && authorized.contains("command=\"/usr/bin/rrsync -wo -absolute /matrix\""),
                    authorized);
            Programs.Output shell = hosts.tryExec(OLD, "ssh", "-i", key, "-o", "BatchMode=yes", "-o",
                    "UserKnownHostsFile=/root/.matrix-migrate/" + run.id() + "/known_hosts", "-p", "2222",
                    "root@" + NEW_ADDRESS, "id");
            assertNotEquals(0, shell.exitCode(), shell.stdout());
            assertFalse(shell.stdout().contains("uid="), "the copy's key runs nothing but the copy: " + shell.stdout());

            // the resume stops at an injected failure after the warm pass; more data comes meanwhile
            hosts.injectFailure(NEW_ADDRESS, "fail-system-user", true);
            Cli.Result failed = migrate("--resume", "--yes");
            assertEquals(1, failed.exitCode(), failed.toString());
            assertEquals(StepState.DONE, Journal.load(run.dir()).step("sync-warm").state());
            hosts.injectFailure(NEW_ADDRESS, "fail-system-user", false);
            hosts.makeTree(OLD, "/matrix/more", 6000);

            Process again = startTool(root.resolve("second.log"), "migrate", "--playbook", hosts.playbook.toString(),
                    "--resume", "--yes");
            awaitStep(again, "cutover", root.resolve("second.log"));
            killNineWhileCopying(again, run);

            Cli.Result finished = migrate("--resume", "--yes");
            assertEquals(0, finished.exitCode(), finished.toString());
            for (Cli.Result resumed : List.of(failed, finished)) {
                assertTrue(resumed.out().contains("stopped the copy an earlier attempt left running on the old server"),
                        "the resume stops the copy the killed run left behind before it copies: " + resumed.out());
            }
        } finally {
            sampler.stop();
        }
        assertTrue(sampler.mostGroups(OLD) == 1 && sampler.mostGroups(NEW) == 1,
                "at no moment two copies: " + sampler.mostGroups(OLD) + " on old, " + sampler.mostGroups(NEW) + " on new");
        assertEquals(hosts.manifest(OLD, FIXTURE), hosts.manifest(NEW, FIXTURE));
        assertEquals(hosts.manifest(OLD, "/matrix/more"), hosts.manifest(NEW, "/matrix/more"));
        assertTrue(TwoHosts.versions(NEW_ADDRESS).contains("\"server\": \"new\""));
        assertEquals(Set.of(), TwoHosts.rsyncGroups(OLD));
        assertEquals(Set.of(), TwoHosts.rsyncGroups(NEW));
    }

    /**
     * Kills the tool with kill -9 while its copy runs on old; its local processes must end with it. The
     * copy it leaves running on the servers is frozen (SIGSTOP), as a stalled one, so that it still runs
     * when the resume gets to its copy.
     */
    private void killNineWhileCopying(Process tool, RunFolder run) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        while (Instant.now().isBefore(deadline) && tool.isAlive() && TwoHosts.rsyncGroups(OLD).isEmpty()) {
            Thread.sleep(50);
        }
        assertTrue(tool.isAlive() && !TwoHosts.rsyncGroups(OLD).isEmpty(), "the copy must be running");
        List<ProcessHandle> local = tool.descendants().toList();
        assertFalse(local.isEmpty());
        tool.destroyForcibly().waitFor();
        hosts.exec(OLD, "sh", "-c", "kill -s STOP -- -$(cat /root/.matrix-migrate/" + run.id() + "/copy.pid)");
        for (int i = 0; i < 100 && local.stream().anyMatch(ProcessHandle::isAlive); i++) {
            Thread.sleep(100);
        }
        assertEquals(List.of(), local.stream().filter(ProcessHandle::isAlive)
                .map(p -> p.info().commandLine().orElse("?")).toList(), "nothing the tool started outlives it");
    }

    private Process startTool(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.matrixmigrate.cli.MatrixMigrate"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits until the tool runs a step; returns its run. */
    private RunFolder awaitStep(Process tool, String step, Path log) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(300));
        while (Instant.now().isBefore(deadline) && tool.isAlive()) {
            List<RunFolder> runs = RunFolder.all(hosts.playbook);
            RunFolder run = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (run != null && Files.exists(run.dir().resolve(Journal.FILE))
                    && Journal.load(run.dir()).step(step).state() == StepState.RUNNING) {
                return run;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the tool must reach " + step + ": " + Files.readString(log));
    }

    /** Waits until a rollback of the run runs a step. */
    private void awaitRollbackStep(Process tool, RunFolder run, String step, Path log) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(300));
        while (Instant.now().isBefore(deadline) && tool.isAlive()) {
            if (Journal.rollback(run.dir()).map(j -> j.step(step).state() == StepState.RUNNING).orElse(false)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the rollback must reach " + step + ": " + Files.readString(log));
    }

    /** What a migration and its rollback could change on the old server, minus what its service writes itself. */
    private String oldServerState() {
        String data = hosts.manifest(OLD, "/matrix", "--owners", "--ctime").lines()
                .filter(l -> !l.startsWith("synapse/data")).collect(Collectors.joining("\n"));
        return data + "\n" + hosts.tryExec(OLD, "sh", "-c", "ls /etc/systemd/standin/enabled; cat /root/.ssh/authorized_keys;"
                + " find /root/.matrix-migrate -mindepth 1 2>/dev/null").stdout();
    }

    /** Samples how many copies run on each host, every 50 ms, until stopped. */
    private static final class RunSampler {
        private final Map<String, Integer> most = new java.util.concurrent.ConcurrentHashMap<>();
        private volatile boolean running = true;
        private final Thread thread = new Thread(() -> {
            while (running) {
                for (String host : List.of(OLD, NEW)) {
                    most.merge(host, TwoHosts.rsyncGroups(host).size(), Math::max);
                }
                TwoHosts.sleep(50);
            }
        }, "copy-sampler");

        void start() {
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        int mostGroups(String host) {
            return most.getOrDefault(host, 0);
        }
    }

    /** What a migration could change on a host, minus what the running service itself writes. */
    private String snapshot(String host) {
        String data = hosts.manifest(host, "/matrix", "--owners", "--ctime").lines()
                .filter(l -> !l.startsWith("synapse/data")).collect(Collectors.joining("\n"));
        return data + "\n" + hosts.tryExec(host, "sh", "-c",
                "ls -la /etc/systemd/standin/enabled 2>/dev/null; cat /root/.ssh/authorized_keys; getent passwd matrix;"
                        + " ls /tmp").stdout();
    }
}
