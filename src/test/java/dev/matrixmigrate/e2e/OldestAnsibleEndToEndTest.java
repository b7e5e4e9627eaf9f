package dev.matrixmigrate.e2e;

import static dev.matrixmigrate.e2e.TwoHosts.FIXTURE;
import static dev.matrixmigrate.e2e.TwoHosts.NEW;
import static dev.matrixmigrate.e2e.TwoHosts.NEW_ADDRESS;
import static dev.matrixmigrate.e2e.TwoHosts.OLD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.matrixmigrate.support.Cli;
import dev.matrixmigrate.support.Programs;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * One full migration with the oldest ansible-core the playbook supports (2.15), given as --ansible-playbook
 * (-Dansible.oldest=PATH; `make test` installs it into .venv/ansible-2.15).
 */
class OldestAnsibleEndToEndTest extends FreshHostsTest {
    @Test
    void aFullMigrationRunsWithTheOldestSupportedAnsible() throws IOException {
        String oldest = System.getProperty("ansible.oldest", "");
        Assumptions.assumeFalse(oldest.isEmpty(), "-Dansible.oldest names no ansible-playbook: make test gives it");
        String version = Programs.ok(hosts.playbook, oldest, "--version");
        assertTrue(version.startsWith("ansible-playbook [core 2.15."), version);
        hosts.makeTree(OLD, FIXTURE, 200);

        Cli.Result result = hosts.migrate("--to", NEW_ADDRESS, "--yes", "--ansible-playbook", Path.of(oldest).toString());
        assertEquals(0, result.exitCode(), result.err());

        assertEquals(hosts.manifest(OLD, FIXTURE), hosts.manifest(NEW, FIXTURE), "the copy is complete");
        assertTrue(TwoHosts.versions(NEW_ADDRESS).contains("\"server\": \"new\""), "the new server serves");
        assertEquals("disabled", hosts.unitState(OLD, "is-enabled"));
        assertTrue(result.out().contains("ansible-playbook") && !result.out().lines()
                .filter(line -> line.startsWith("$ ") && line.contains("ansible-playbook"))
                .anyMatch(line -> !line.contains(oldest + " -i")), "every step ran the oldest ansible-playbook:\n"
                + result.out());
    }
}
