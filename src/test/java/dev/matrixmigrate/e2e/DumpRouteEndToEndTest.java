package dev.matrixmigrate.e2e;

import static dev.matrixmigrate.e2e.TwoHosts.NEW;
import static dev.matrixmigrate.e2e.TwoHosts.NEW_ADDRESS;
import static dev.matrixmigrate.e2e.TwoHosts.OLD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.matrixmigrate.engine.Journal;
import dev.matrixmigrate.engine.RunFolder;
import dev.matrixmigrate.engine.StepState;

import dev.matrixmigrate.support.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The PostgreSQL dump route: asked for, chosen across CPU architectures, and short of room. */
class DumpRouteEndToEndTest extends FreshHostsTest {
    @Test
    void theDumpRouteImportsEveryRowAndAFailedImportIsResumedIntoAnEmptiedDatabase() throws IOException {
        String before = postgres.withData();
        String oldIdentity = postgres.systemIdentifier(OLD);
        hosts.injectFailure(NEW_ADDRESS, "fail-import", true);

        Cli.Result failed = hosts.migrate("--to", NEW_ADDRESS, "--yes", "--database", "dump");
        assertEquals(1, failed.exitCode(), failed.err());
        assertTrue(failed.err().contains("import-database") && failed.err().contains("--resume"), failed.err());
        RunFolder run = RunFolder.find(hosts.playbook, null, "resume");
        assertEquals(StepState.FAILED, Journal.load(run.dir()).step("import-database").state());
        String route = Files.readString(run.planDir().resolve("database-route.yml"));
        assertTrue(route.contains("route: dump") && route.contains("--database dump"), route);
        assertEquals("inactive", hosts.tryExec(OLD, "systemctl", "is-active", "matrix-postgres").stdout().strip(),
                "old's Postgres stops once the dump is written");
        assertEquals("disabled", hosts.tryExec(OLD, "systemctl", "is-enabled", "matrix-postgres").stdout().strip());
        String oldData = hosts.oldDataButPostgres();
        // what a half-done import leaves: a role the dump creates too, so importing again fails unless emptied
        hosts.exec(NEW, "systemctl", "start", "matrix-postgres");
        hosts.exec(NEW, "sh", "-c", "for i in $(seq 30); do docker exec --env-file=/matrix/postgres/env-postgres-psql"
                + " matrix-postgres /usr/local/bin/pg_isready -h matrix-postgres && exit 0; sleep 1; done; exit 1");
        postgres.psql(NEW, "matrix", "CREATE ROLE bridge LOGIN");
        hosts.exec(NEW, "systemctl", "stop", "matrix-postgres");
        hosts.injectFailure(NEW_ADDRESS, "fail-import", false);

        Cli.Result resumed = hosts.migrate("--resume", "--yes");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("was emptied"), "the repeated import starts from an emptied database");
        assertTrue(resumed.out().contains("traveled as a dump of"), resumed.out());
        assertEquals(before, postgres.dumpAll(NEW), "every role, database, row, byte and sequence value must be on new");
        assertEquals("message 4999 — héllo wörld ✓ 🎉", postgres.psql(NEW, "synapse", "SELECT body FROM events WHERE id = 4999"));
        assertNotEquals(oldIdentity, postgres.systemIdentifier(NEW), "new's Postgres must be its own, not old's raw files");
        assertEquals(oldIdentity, postgres.systemIdentifier(OLD));
        String rowsOld = Files.readString(run.planDir().resolve("database-rows-old.txt"));
        assertTrue(rowsOld.contains("synapse public.events 5000\n") && rowsOld.contains("bridge public.puppets 2000\n"),
                rowsOld);
        assertEquals(rowsOld, Files.readString(run.planDir().resolve("database-rows-new.txt")));
        for (String host : List.of(OLD, NEW)) {
            assertEquals("", hosts.exec(host, "find", "/root/.matrix-migrate", "-name", "postgres.sql.zst*"),
                    "the dump is removed from " + host);
        }
        assertEquals(oldData, hosts.oldDataButPostgres(), "old's data is left as it was");
        assertEquals("active", hosts.exec(NEW, "systemctl", "is-active", "matrix-postgres").strip());
    }

    @Test
    void aDumpWithNoRoomFailsBeforeOldsPostgresStopsAndTheResumeFinishes() throws IOException {
        String before = postgres.withData();
        hosts.injectFailure(NEW_ADDRESS, "fail-system-user", true);
        Cli.Result early = hosts.migrate("--to", NEW_ADDRESS, "--yes", "--database", "dump");
        assertEquals(1, early.exitCode(), early.err());
        hosts.injectFailure(NEW_ADDRESS, "fail-system-user", false);
        // after the preflight measured the room: the run folder on old becomes a file system of 32 KiB
        hosts.exec(OLD, "mount", "-t", "tmpfs", "-o", "size=32k,mode=0700", "tmpfs", "/root/.matrix-migrate");

        Cli.Result full = hosts.migrate("--resume", "--yes");
        assertEquals(1, full.exitCode(), full.err());
        assertTrue(full.err().contains("cutover"), full.err());
        assertEquals(StepState.FAILED, Journal.load(RunFolder.find(hosts.playbook, null, "resume").dir()).step("cutover")
                .state());
        assertEquals("active", hosts.exec(OLD, "systemctl", "is-active", "matrix-postgres").strip(),
                "old's Postgres still runs when its dump could not be written");
        assertEquals("5000", postgres.psql(OLD, "synapse", "SELECT count(*) FROM events"));

        hosts.exec(OLD, "umount", "/root/.matrix-migrate");
        Cli.Result resumed = hosts.migrate("--resume", "--yes");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertEquals(before, postgres.dumpAll(NEW));
    }
}
