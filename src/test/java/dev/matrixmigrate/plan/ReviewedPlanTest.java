package dev.matrixmigrate.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.matrixmigrate.engine.RunFolder;
import dev.matrixmigrate.playbook.PlanFiles;
import dev.matrixmigrate.support.Cli;
import dev.matrixmigrate.support.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `migrate --plan DIR` runs the plan folder `plan` wrote as it is, and refuses (exit 2, one line, nothing written)
 * when what it was written from changed. Shown with --dry-run, which builds and compares the plan as a run would,
 * with no server (MigrateWithReviewedPlan in PlaybookLayoutEndToEndTest runs one).
 */
class ReviewedPlanTest {
    private static final List<String> OPTIONS = List.of("--host", "matrix.example.com", "--to", "198.51.100.20");

    @TempDir
    Path root;
    Path dir;
    Path planDir;
    String planned;

    @BeforeEach
    void plan() throws IOException {
        dir = Fixtures.playbook(root.resolve("playbook"));
        planDir = dir.resolve(".matrix-migrate/plan-reviewed");
        List<String> args = new ArrayList<>(List.of("plan", "--playbook", dir.toString(), "--output", planDir.toString()));
        args.addAll(OPTIONS);
        Cli.Result result = Cli.run(args.toArray(String[]::new));
        assertEquals(0, result.exitCode(), result.toString());
        planned = Files.readString(planDir.resolve(PlanFiles.STEPS));
    }

    private Cli.Result migrate(String... more) {
        List<String> args = new ArrayList<>(List.of("migrate", "--playbook", dir.toString(), "--plan", planDir.toString(),
                "--dry-run"));
        args.addAll(OPTIONS);
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    private void assertRefused(Cli.Result result, String... expected) throws IOException {
        assertEquals(2, result.exitCode(), result.toString());
        String message = result.err().strip();
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.startsWith("error: --plan " + planDir + " is not the plan that would run now: "), message);
        for (String part : expected) {
            assertTrue(message.contains(part), part + " in: " + message);
        }
        assertTrue(message.endsWith("make a new plan with matrix-migrate plan, review it and run that (nothing was"
                + " changed)"), message);
        assertEquals(planned, Files.readString(planDir.resolve(PlanFiles.STEPS)), "the reviewed plan is left as it is");
        assertFalse(Files.exists(RunFolder.runsDir(dir)), "no run is started");
    }

    @Test
    void theReviewedPlanRunsAsItIsWithItsOwnRunIdAndPaths() {
        Cli.Result result = migrate();
        assertEquals(0, result.exitCode(), result.toString());
        String runId = ReviewedPlan.runId(planDir);
        assertTrue(result.out().contains(".matrix-migrate/plan-reviewed/preflight.yml"), result.out());
        assertTrue(result.out().contains("--extra-vars=@.matrix-migrate/plan-reviewed/install-on-new.yml"), result.out());
        assertFalse(result.out().contains(".matrix-migrate/runs/"), "the commands name the reviewed folder: " + result.out());
        assertTrue(planned.contains("matrix-migrate migrate --plan .matrix-migrate/plan-reviewed"), planned);
        assertTrue(result.out().contains(runId), "the run keeps the plan's id (its folder on the servers): " + result.out());
    }

    @Test
    void otherOptionsAreRefusedNamingTheFilesThatWouldDiffer() throws IOException {
        assertRefused(migrate("--cold"), "its ", "steps.md", "would be written otherwise (give migrate the options plan"
                + " was given, or the same --config)");
    }

    @Test
    void aChangedInventoryOrHostVariableIsRefusedNamingIt() throws IOException {
        Path vars = dir.resolve("inventory/host_vars/matrix.example.com/vars.yml");
        Files.writeString(vars, Files.readString(vars) + "matrix_federation_public_port: 8449\n");
        assertRefused(migrate(), "the inventory's host_vars/matrix.example.com changed since it was written",
                "playbook-facts.yml");
    }

    @Test
    void aChangedRoleIsRefusedNamingItEvenWhenNoValueTheToolReadsChanged() throws IOException {
        Path defaults = dir.resolve("roles/galaxy/traefik/defaults/main.yml");
        Files.writeString(defaults, Files.readString(defaults) + "# a comment the update added\n");
        Cli.Result result = migrate();
        assertRefused(result, "the playbook's roles/galaxy/traefik changed since it was written; make a new plan");
    }

    @Test
    void aFolderThatIsNoPlanOrAPlanWithAnotherActionIsRefused() throws IOException {
        Path other = Files.createDirectories(root.resolve("not-a-plan"));
        Cli.Result result = Cli.run("migrate", "--playbook", dir.toString(), "--plan", other.toString(), "--to",
                "198.51.100.20", "--dry-run");
        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.err().contains("is not a plan folder that matrix-migrate plan wrote"), result.err());
        Cli.Result resume = Cli.run("migrate", "--playbook", dir.toString(), "--plan", planDir.toString(), "--resume");
        assertEquals(2, resume.exitCode(), resume.toString());
        assertTrue(resume.err().contains("--plan starts a new run of a reviewed plan: leave out --resume"), resume.err());
    }
}
