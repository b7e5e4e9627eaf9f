package dev.matrixmigrate.e2e;

import static dev.matrixmigrate.e2e.TwoHosts.NEW;
import static dev.matrixmigrate.e2e.TwoHosts.NEW_ADDRESS;
import static dev.matrixmigrate.e2e.TwoHosts.OLD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.matrixmigrate.engine.RunFolder;
import dev.matrixmigrate.playbook.RemotePaths;
import dev.matrixmigrate.support.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The stream route (--database stream) with a busy database: a writer commits on old from before the warm copy until
 * old's Postgres stops, a standby on new follows it by streaming replication through the run's tunnel, and the
 * cutover promotes it. The database that starts on new must be old's at the moment it stopped, and nothing of the
 * route may be left: no slot on old, no tunnel, no standby, no key.
 */
class StreamRouteEndToEndTest extends FreshHostsTest {
    /** About 150 MB of pgbench tables. */
    private static final int SCALE = 10;
    private static final int TRANSACTIONS_A_SECOND = 150;
    private static final String STANDBY_STATE = "/run/docker-standin/" + RemotePaths.STANDBY_CONTAINER;

    @Test
    void newStartsWithOldsDatabaseAtItsStopAlsoWhenTheToolWasKilledDuringTheBaseBackup() throws Exception {
        postgres.busy(SCALE);
        // as Synapse has them: a sequence its ids come from, and each stream's position
        postgres.psql(OLD, "synapse", "CREATE SEQUENCE events_sequence; SELECT setval('events_sequence', 41000);"
                + " CREATE TABLE stream_positions (stream_name text NOT NULL, instance_name text NOT NULL, stream_id bigint"
                + " NOT NULL); INSERT INTO stream_positions VALUES ('events', 'master', 41000), ('receipts', 'master', 77)");
        String positions = "SELECT string_agg(stream_name || ':' || stream_id, ',' ORDER BY stream_name) FROM stream_positions";
        String sequence = "SELECT last_value || ' ' || is_called FROM events_sequence";
        String oldPositions = postgres.psql(OLD, "synapse", positions);
        String oldSequence = postgres.psql(OLD, "synapse", sequence);
        postgres.startWriter(TRANSACTIONS_A_SECOND);
        Path log = root.resolve("killed.log");
        Process tool = tools.start(log, "migrate", "--playbook", hosts.playbook.toString(), "--to", NEW_ADDRESS, "--yes",
                "--database", "stream");
        RunFolder run = tools.awaitStep(tool, "standby", log);
        String begun = RemotePaths.runDir(run.id()) + "/" + RemotePaths.BASE_BACKUP_BEGUN;
        await(tool, log, () -> hosts.tryExec(NEW, "test", "-f", begun).exitCode() == 0, "the base backup must begin on new");
        tool.destroyForcibly().waitFor();

        Cli.Result resumed = hosts.migrate("--resume", "--yes");
        assertEquals(0, resumed.exitCode(), resumed.toString());

        assertTrue(Files.readString(run.planDir().resolve("database-route.yml")).contains("route: stream"));
        String notes = Files.readString(run.planDir().resolve("cutover-notes.yml"));
        assertTrue(notes.matches("(?s).*standby-catch-up: \"\\d+\\.\\d+\".*") && notes.matches("(?s).*promotion: \"\\d+\\.\\d+\".*"),
                "the cutover waited for the standby and promoted it: " + notes + logOf(run, "cutover"));
        assertTrue(notes.contains("database-pass: \"\""), "no rsync pass over Postgres's files: " + notes);
        postgres.assertNewHasOldsDatabaseAtItsStop();
        assertEquals(oldPositions, postgres.psql(NEW, "synapse", positions), "Synapse's stream positions are old's");
        assertEquals(oldSequence, postgres.psql(NEW, "synapse", sequence), "the sequence is where old left it");
        assertEquals("f", postgres.psql(NEW, "postgres", "SELECT pg_is_in_recovery()"), "new's Postgres is a primary");
        assertEquals("", postgres.psql(NEW, "postgres", "SELECT setting FROM pg_settings WHERE name = 'primary_conninfo'"),
                "new's Postgres follows no one");
        assertNothingOfTheRouteIsLeft(run);
        assertFalse(Cli.run("status", "--playbook", hosts.playbook.toString()).out().contains("replication slot"),
                "status names no slot once the cleanup dropped it");
    }

    @Test
    void aStandbyThatDiedIsStartedAgainAndACutoverKilledAfterThePromotionIsResumed() throws Exception {
        postgres.busy(2);
        postgres.startWriter(TRANSACTIONS_A_SECOND);
        Path log = root.resolve("killed.log");
        Process tool = tools.start(log, "migrate", "--playbook", hosts.playbook.toString(), "--to", NEW_ADDRESS, "--yes",
                "--database", "stream");
        RunFolder run = tools.awaitStep(tool, "cutover", log);
        // the standby dies (a crash, an OOM kill) after its step: the cutover must start it again before old stops
        hosts.exec(NEW, "sh", "-c", "kill -KILL $(cat " + STANDBY_STATE + "/pid)");
        String promoted = RemotePaths.runDir(run.id()) + "/" + RemotePaths.PROMOTED;
        await(tool, log, () -> hosts.tryExec(NEW, "test", "-f", promoted).exitCode() == 0, "the standby must be promoted");
        tool.destroyForcibly().waitFor();

        Cli.Result resumed = hosts.migrate("--resume", "--yes");
        assertEquals(0, resumed.exitCode(), resumed.toString());

        postgres.assertNewHasOldsDatabaseAtItsStop();
        String cutover = logOf(run, "cutover");
        assertTrue(java.util.regex.Pattern.compile("TASK \\[Make sure the standby streams[^\n]*\n+changed:").matcher(cutover).find(),
                "the cutover started the standby again:" + cutover);
        assertNothingOfTheRouteIsLeft(run);
    }

    @Test
    void aRollbackBeforeThePromotionEndsTheStandbyAndDropsTheSlotAndOldServesAsItWas() throws Exception {
        postgres.busy(1);
        Path log = root.resolve("killed.log");
        Process tool = tools.start(log, "migrate", "--playbook", hosts.playbook.toString(), "--to", NEW_ADDRESS, "--yes",
                "--database", "stream");
        RunFolder run = tools.awaitStep(tool, "standby", log);
        // the standby's walreceiver, not the base backup's own WAL stream
        await(tool, log, () -> postgres.psql(OLD, "postgres", "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'"
                + " AND application_name <> 'pg_basebackup'").equals("1"), "the standby must stream from old");
        tool.destroyForcibly().waitFor();
        // the standby dies too (a crash, an OOM kill): the rollback must not need it
        hosts.exec(NEW, "sh", "-c", "kill -KILL $(cat " + STANDBY_STATE + "/pid)");
        assertEquals("1", postgres.psql(OLD, "postgres", "SELECT count(*) FROM pg_replication_slots"), "the run's slot");
        String slot = "replication slot: " + RemotePaths.slot(run.id()) + " on the old server";
        assertTrue(Cli.run("status", "--playbook", hosts.playbook.toString()).out().contains(slot), "status names the slot");

        Cli.Result rolledBack = hosts.migrate("--rollback", "--yes");
        assertEquals(0, rolledBack.exitCode(), rolledBack.toString());

        assertEquals("active", hosts.exec(OLD, "systemctl", "is-active", "matrix-postgres").strip());
        assertEquals("0", postgres.psql(OLD, "postgres", "SELECT count(*) FROM pg_replication_slots"),
                "the slot, which would keep old's WAL forever, is dropped");
        assertFalse(Cli.run("status", "--playbook", hosts.playbook.toString()).out().contains(slot),
                "status no longer names the slot");
        assertNothingOfTheRouteIsLeft(run);
    }

    private void assertNothingOfTheRouteIsLeft(RunFolder run) {
        String slots = hosts.exec(OLD, "sh", "-c", "ls -A " + hosts.layout.postgresData() + "/pg_replslot");
        assertEquals("", slots.strip(), "no replication slot is left in old's data folder");
        String tunnel = RemotePaths.runDir(run.id()) + RemotePaths.TUNNEL_DIR_SUFFIX;
        assertEquals(1, hosts.tryExec(OLD, "test", "-e", tunnel).exitCode(), "the tunnel's folder is gone from old");
        // a pattern that does not match its own command line
        assertEquals(1, hosts.tryExec(OLD, "pgrep", "-f", "[" + tunnel.charAt(0) + "]" + tunnel.substring(1)).exitCode(),
                "no tunnel runs on old");
        assertFalse(hosts.exec(NEW, "cat", "/root/.ssh/authorized_keys").contains("matrix-migrate-" + run.id()),
                "none of the run's keys is left on new");
        assertEquals(1, hosts.tryExec(NEW, "test", "-e", STANDBY_STATE).exitCode(), "no standby is left on new");
        assertEquals(1, hosts.tryExec(NEW, "test", "-e", RemotePaths.STANDBY_SOCKETS).exitCode(),
                "the standby's socket folder is gone");
    }

    /** A step's log, for a failure's message. */
    private static String logOf(RunFolder run, String step) throws java.io.IOException {
        try (var logs = Files.list(run.logsDir())) {
            StringBuilder text = new StringBuilder();
            for (Path log : logs.filter(p -> p.getFileName().toString().endsWith("-" + step + ".log")).toList()) {
                text.append("\n").append(log).append(":\n").append(Files.readString(log));
            }
            return text.toString();
        }
    }

    private static void await(Process tool, Path log, BooleanSupplier condition, String what) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(300));
        while (Instant.now().isBefore(deadline) && tool.isAlive()) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(what + ":\n" + Files.readString(log));
    }
}
