package dev.matrixmigrate.e2e;

import static dev.matrixmigrate.e2e.TwoHosts.NEW;
import static dev.matrixmigrate.e2e.TwoHosts.NEW_ADDRESS;
import static dev.matrixmigrate.e2e.TwoHosts.OLD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.matrixmigrate.engine.RunFolder;

import dev.matrixmigrate.support.Cli;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** Servers of different CPU architectures: the dump route is chosen by itself, the raw files refused. */
class CrossArchitectureEndToEndTest extends FreshHostsTest {
    @Test
    void serversOfAnotherArchitectureTakeTheDumpRouteByThemselvesAndRefuseTheRawFiles() throws IOException {
        hosts.restartNew("linux32");
        String before = postgres.withData();

        Cli.Result refused = hosts.migrate("--to", NEW_ADDRESS, "--yes", "--database", "copy");
        assertEquals(2, refused.exitCode(), refused.err());
        assertTrue(refused.err().contains("x86_64 and the new one i386") && refused.err().contains("--database dump"),
                refused.err());
        assertEquals("active", hosts.exec(OLD, "systemctl", "is-active", "matrix-postgres").strip(), "nothing stopped");

        Cli.Result result = hosts.migrate("--to", NEW_ADDRESS, "--yes");
        assertEquals(0, result.exitCode(), result.err());
        RunFolder run = RunFolder.find(hosts.playbook, null, "resume");
        String route = Files.readString(run.planDir().resolve("database-route.yml"));
        assertTrue(route.contains("route: dump") && route.contains("the CPU architectures differ"), route);
        assertEquals(before, postgres.dumpAll(NEW), "every role, database, row, byte and sequence value must be on new");
        assertNotEquals(postgres.systemIdentifier(OLD), postgres.systemIdentifier(NEW), "the raw files stayed behind");
    }
}
