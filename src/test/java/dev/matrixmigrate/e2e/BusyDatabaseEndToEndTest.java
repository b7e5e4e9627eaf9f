package dev.matrixmigrate.e2e;

import static dev.matrixmigrate.e2e.TwoHosts.NEW;
import static dev.matrixmigrate.e2e.TwoHosts.NEW_ADDRESS;
import static dev.matrixmigrate.e2e.TwoHosts.OLD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.matrixmigrate.engine.RunFolder;

import dev.matrixmigrate.support.Cli;
import dev.matrixmigrate.support.Programs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The copy route with a busy database, as a real server has it: the playbook's Postgres on old holds a few hundred MB
 * and a writer commits steadily from before the warm copy until old's Postgres stops, while the test playbook's install
 * starts Postgres on the new server as the real postgres role does. The database that starts on new must be old's at
 * the moment it stopped: every table's rows and contents, read from old's stopped data folder by a throwaway server.
 */
class BusyDatabaseEndToEndTest extends FreshHostsTest {
    /** About 300 MB of pgbench tables. */
    private static final int SCALE = 20;
    private static final int TRANSACTIONS_A_SECOND = 150;

    @Test
    void theWarmRouteHandsNewOldsDatabaseAtItsStopAlsoWhenTheToolWasKilledDuringTheInstall() throws Exception {
        postgres.busy(SCALE);
        postgres.startWriter(TRANSACTIONS_A_SECOND);
        Path log = root.resolve("killed.log");
        // the one migration with the ansible-core before the newest, when the suite was given it
        List<String> previous = OtherAnsible.PREVIOUS.arguments(hosts.playbook);
        List<String> arguments = new ArrayList<>(List.of("migrate", "--playbook", hosts.playbook.toString(), "--to",
                NEW_ADDRESS, "--yes"));
        arguments.addAll(previous);
        Process tool = tools.start(log, arguments.toArray(String[]::new));
        RunFolder run = tools.awaitStep(tool, "install", log);
        awaitInstallOnNew(tool);
        Thread.sleep(1000);
        tool.destroyForcibly().waitFor();
        assertTrue(postgres.committed(OLD) > 0, "the writer commits on old while the migration runs");

        List<String> resume = new ArrayList<>(List.of("--resume", "--yes"));
        resume.addAll(previous);
        Cli.Result resumed = hosts.migrate(resume.toArray(String[]::new));
        assertEquals(0, resumed.exitCode(), resumed.toString());

        String told = Files.readString(run.planDir().resolve("install-on-new.yml"));
        assertTrue(told.contains("\npostgres_managed_databases: []\n")
                && told.contains("\npostgres_backup_databases_auto: [\"synapse\"]\n")
                && told.contains("\nbackup_borg_postgresql_databases_auto: [\"synapse\"]\n"),
                "on the copy route the install is told to prepare no databases, the backup roles keep theirs: " + told);
        assertFalse(Files.exists(run.planDir().resolve("started-by-install.txt")), "the install started nothing");
        assertFalse(Files.readString(run.planDir().resolve("installed-on-new.txt")).contains("/postgres/data/"),
                "nothing of Postgres's data folder counts as written by the install");
        postgres.assertNewHasOldsDatabaseAtItsStop();
        assertTrue(Files.readString(run.planDir().resolve("cutover-notes.yml")).matches("(?s).*database-pass: \"\\d.*"),
                "the final pass copied Postgres's files compared by content");
    }

    @Test
    void aPostgresTheInstallStartedOnTheWarmCopyIsStoppedAndNamedAndNewStillGetsOldsDatabase() throws Exception {
        postgres.busy(SCALE);
        // as a role of the real playbook may (a bridge migrating an old SQLite database): Postgres runs crash recovery
        // on the torn warm copy, writes its own WAL and pages, and is left running
        Path vars = hosts.hostVarsFile();
        Files.writeString(vars, "test_install_starts: [matrix-postgres.service]\n", StandardOpenOption.APPEND);
        postgres.startWriter(TRANSACTIONS_A_SECOND);
        Thread.sleep(3000);

        Cli.Result result = hosts.migrate("--to", NEW_ADDRESS, "--yes");
        assertEquals(0, result.exitCode(), result.toString());

        RunFolder run = RunFolder.find(hosts.playbook, null, "resume");
        assertEquals("matrix-postgres.service\n", Files.readString(run.planDir().resolve("started-by-install.txt")));
        assertTrue(result.out().contains("WARNING: the install left matrix-postgres.service running on the new server"),
                result.out());
        assertFalse(Files.readString(run.planDir().resolve("installed-on-new.txt")).contains("/postgres/data/"),
                "what that Postgres wrote is not the install's: the final pass makes the folder old's again");
        Map<String, String> old = postgres.oldAtItsStop();
        assertEquals(old, postgres.digests(NEW), "every table's rows and contents on new are old's at its stop");
        Programs.Output amcheck = postgres.amcheck(NEW);
        assertEquals(0, amcheck.exitCode(), "pg_amcheck --heapallindexed finds nothing: " + amcheck.stdout());
    }

    @Test
    void theColdRouteHandsNewOldsDatabaseAtItsStop() throws Exception {
        postgres.busy(SCALE);
        postgres.startWriter(TRANSACTIONS_A_SECOND);
        Thread.sleep(3000);

        Cli.Result result = hosts.migrate("--to", NEW_ADDRESS, "--yes", "--cold");
        assertEquals(0, result.exitCode(), result.toString());

        postgres.assertNewHasOldsDatabaseAtItsStop();
    }

    /** Waits until the install's playbook run began its tasks on new (the test playbook notes each run there). */
    private void awaitInstallOnNew(Process tool) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline) && tool.isAlive()) {
            if (hosts.tryExec(NEW, "cat", "/var/log/matrix-test-playbook.log").stdout().contains(" begin install-all")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the install must begin on new");
    }
}
