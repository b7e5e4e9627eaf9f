package dev.matrixmigrate.e2e;

import static dev.matrixmigrate.e2e.TwoHosts.NEW;
import static dev.matrixmigrate.e2e.TwoHosts.NEW_ADDRESS;
import static dev.matrixmigrate.e2e.TwoHosts.OLD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.matrixmigrate.engine.Journal;
import dev.matrixmigrate.engine.RunFolder;

import dev.matrixmigrate.plan.ReviewedPlan;
import dev.matrixmigrate.playbook.PlanFiles;
import dev.matrixmigrate.support.Cli;
import dev.matrixmigrate.support.Programs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * A server whose user moved the data path to another disk and named the matrix user and group otherwise
 * (host_vars), with another federation port (the inventory's group_vars), an inventory of its own elsewhere than
 * inventory/hosts (-i) and Postgres on the dump route: the migration follows the playbook's values for the host, not
 * its defaults, and switches the inventory it was given; the plan run is the one `plan` wrote (migrate --plan).
 */
class PlaybookLayoutEndToEndTest extends FreshHostsTest {
    private static final DataLayout MOVED = new DataLayout("/srv/matrix", "synapse-owner", "synapse-group", 8449,
            "environments/production/hosts.ini");

    @Override
    DataLayout layout() {
        return MOVED;
    }

    @Test
    void theMigrationCopiesTheDataPathThePlaybookUsesWithItsOwnersAndLeavesOutThePostgresData() throws IOException {
        String databaseBefore = postgres.withData();
        String fixture = MOVED.dataPath() + "/fixture";
        hosts.makeTree(OLD, fixture, 400);
        // what the playbook's defaults would name: a tool that copied /matrix would carry this along
        hosts.exec(OLD, "sh", "-c", "echo not the data > /matrix/decoy");
        String oldData = hosts.oldDataButServiceWrites();
        String oldIdentity = postgres.systemIdentifier(OLD);

        String inventoryBefore = Files.readString(hosts.hostsFile());

        // the plan a person reviews is the one that runs (migrate --plan)
        Path reviewed = hosts.playbook.resolve(".matrix-migrate/plan-reviewed");
        assertEquals(0, Cli.run("plan", "--playbook", hosts.playbook.toString(), "-i", MOVED.inventory(), "--to",
                NEW_ADDRESS, "--database", "dump", "--output", reviewed.toString()).exitCode());
        String reviewedSteps = Files.readString(reviewed.resolve(PlanFiles.STEPS));

        Cli.Result result = hosts.migrate("-i", MOVED.inventory(), "--to", NEW_ADDRESS, "--yes", "--database", "dump",
                "--plan", reviewed.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertFalse(Files.exists(hosts.playbook.resolve("inventory/hosts")), "nothing is written in its place");

        RunFolder run = RunFolder.find(hosts.playbook, null, "status");
        assertEquals(reviewed, Files.readSymbolicLink(run.planDir()), "the run's plan is the reviewed folder");
        assertEquals(ReviewedPlan.runId(reviewed), run.id());
        assertEquals(reviewedSteps, Files.readString(reviewed.resolve(PlanFiles.STEPS)));
        String preflightLog = Files.readString(run.dir().resolve(Journal.load(run.dir()).step("preflight").log()));
        assertTrue(preflightLog.contains(".matrix-migrate/plan-reviewed/preflight.yml"), preflightLog);
        String switched = Files.readString(hosts.hostsFile());
        assertEquals(Files.readString(run.planDir().resolve(PlanFiles.INVENTORY_NEW)), switched,
                "the inventory given with -i now names the new server");
        assertTrue(switched.contains("ansible_host=" + NEW_ADDRESS) && !switched.equals(inventoryBefore), switched);
        Map<String, Object> facts = new Yaml().load(Files.readString(run.planDir().resolve(PlanFiles.PLAYBOOK_VALUES)));
        assertEquals("/srv/matrix", facts.get("matrix_migrate_data_path"));
        assertEquals("synapse-owner", facts.get("matrix_user_name"));
        assertEquals(8449, facts.get("matrix_federation_public_port"), "the inventory's group_vars set it");
        Map<String, Object> route = new Yaml().load(Files.readString(run.planDir().resolve("database-route.yml")));
        assertEquals("dump", route.get("route"));
        assertEquals("/srv/matrix/postgres/data", route.get("data"));
        assertEquals("/postgres/data/", route.get("exclude"), "rsync leaves the raw database files out");

        assertEquals("", hosts.exec(NEW, "find", "/matrix", "-mindepth", "1"), "nothing is copied to /matrix");
        assertEquals(hosts.manifest(OLD, fixture), hosts.manifest(NEW, fixture));
        assertEquals("", hosts.exec(NEW, "find", MOVED.dataPath(), "(", "!", "-user", MOVED.user(), "-o", "!", "-group",
                MOVED.group(), ")", "-print"), "everything on new belongs to the playbook's user and group");
        assertNotEquals(hosts.exec(OLD, "id", "-u", MOVED.user()), hosts.exec(NEW, "id", "-u", MOVED.user()),
                "the hosts give the user different ids, or the chown would prove nothing");
        assertNotEquals(oldIdentity, postgres.systemIdentifier(NEW), "old's raw Postgres files must not be copied");
        assertEquals(databaseBefore, postgres.dumpAll(NEW), "every row travels in the dump");
        assertEquals(oldData, hosts.oldDataButServiceWrites(), "old's data is left as it was");

        String health = Files.readString(run.planDir().resolve(PlanFiles.PUBLIC_NAMES));
        assertTrue(health.contains("matrix_migrate_federation_port: 8449\n"), health);
        // the health step passed, and on new only the federation port of group_vars answers
        assertEquals(0, federationKey(8449).exitCode(), "new serves federation on 8449");
        assertNotEquals(0, federationKey(8448).exitCode(), "nothing answers on the playbook's default port");
    }

    private static Programs.Output federationKey(int port) {
        return Programs.run(Path.of("."), List.of("curl", "-sf", "--max-time", "5", "http://" + NEW_ADDRESS + ":" + port
                + "/_matrix/key/v2/server"));
    }
}
