package dev.matrixmigrate.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.matrixmigrate.engine.Journal;
import dev.matrixmigrate.engine.RunFolder;
import dev.matrixmigrate.engine.RunRecord;
import dev.matrixmigrate.engine.StepState;
import dev.matrixmigrate.steps.StepList;

import dev.matrixmigrate.playbook.PlanFiles;
import dev.matrixmigrate.support.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What `migrate --rollback` refuses before it touches anything: exit 2, one line, no rollback journal. */
class RollbackInputTest {
    private static final String OLD = "[matrix_servers]\nmatrix.example.com ansible_host=192.0.2.10\n";
    private static final String NEW = "[matrix_servers]\nmatrix.example.com ansible_host=192.0.2.20\n";
    private static final List<String> MIGRATION = List.of(id("preflight"), id("cutover"), id("switch-inventory"),
            id("start"));

    @TempDir
    Path playbook;
    RunFolder run;

    @BeforeEach
    void aRun() throws IOException {
        Files.createDirectories(playbook.resolve("inventory"));
        Files.writeString(playbook.resolve("inventory/hosts"), NEW);
        run = RunFolder.of(playbook, "20261129-120000");
        Files.createDirectories(run.planDir());
        Files.writeString(run.planDir().resolve(PlanFiles.INVENTORY_OLD), OLD);
        Files.writeString(run.planDir().resolve(PlanFiles.INVENTORY_NEW), NEW);
        record(List.of(id("check-new"), id("stop-new"), id("restore-inventory"), id("start-old"))).write(run.dir());
    }

    private RunRecord record(List<String> rollbackSteps) {
        return new RunRecord(run.id(), playbook, playbook.resolve("inventory/hosts"), "matrix.example.com", "matrix.example.com: a -> b", "192.0.2.10", "192.0.2.20",
                steps(MIGRATION), steps(rollbackSteps));
    }

    private static List<RunRecord.StepPlan> steps(List<String> ids) {
        return ids.stream().map(id -> new RunRecord.StepPlan(id, id, "somewhere",
                List.of(new RunRecord.RecordedCommand("false", List.of("false"), Map.of())), null)).toList();
    }

    private Cli.Result rollback(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("migrate", "--playbook", playbook.toString(), "--yes"));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    private void refused(Cli.Result result, String saying) {
        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.err().contains(saying), result.toString());
        assertEquals(1, result.err().strip().lines().count(), "one line: " + result.err());
        assertFalse(Files.exists(run.dir().resolve(Journal.ROLLBACK_FILE)), "nothing was started");
    }

    private void oldServerStopped() {
        Journal journal = Journal.create(run.dir(), MIGRATION);
        journal.servicesStopped(Instant.now());
        journal.update(journal.step(id("cutover")).running(Instant.now(), "logs/02-cutover.log"));
    }

    @Test
    void aRunThatNeverStoppedTheOldServerHasNothingToRollBack() {
        Journal.create(run.dir(), MIGRATION);
        refused(rollback("--rollback"), "never stopped the old server, so there is nothing to roll back");
    }

    @Test
    void noRunAtAll() throws IOException {
        Path empty = Files.createDirectories(playbook.resolve("elsewhere"));
        Cli.Result result = Cli.run("migrate", "--playbook", empty.toString(), "--yes", "--rollback");
        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.err().contains("no run to roll back in"), result.toString());
    }

    @Test
    void aReconnectBoundThatIsNotADurationOrTooLongIsRefused() {
        oldServerStopped();
        refused(rollback("--rollback", "--reconnect-for", "five minutes"), "--reconnect-for 'five minutes' is not a"
                + " duration");
        refused(rollback("--resume", "--reconnect-for", "7h"), "--reconnect-for 7h is out of range: give 1 s to 6 h");
    }

    @Test
    void rollbackAndResumeTogether() {
        oldServerStopped();
        refused(rollback("--rollback", "--resume"), "--rollback and --resume go opposite ways");
    }

    @Test
    void stopForwardingGoesAloneAndOnlyWithARunThatForwards() {
        oldServerStopped();
        refused(rollback("--stop-forwarding", "--rollback"), "--stop-forwarding only ends a run's forwarding: leave out"
                + " --rollback (which ends it too)");
        refused(rollback("--stop-forwarding"), "run " + run.id() + " does not forward to the new server (it was planned"
                + " without forwarding): there is nothing to end");
    }

    @Test
    void forceWithoutRollback() {
        oldServerStopped();
        refused(rollback("--resume", "--force"), "--force only goes with --rollback");
    }

    @Test
    void anInventoryChangedSinceTheSwitchInAnotherWay() throws IOException {
        oldServerStopped();
        Files.writeString(playbook.resolve("inventory/hosts"), NEW + "# an edit of the user's\n");
        refused(rollback("--rollback"), "inventory/hosts changed since the run switched it");
        assertEquals(NEW + "# an edit of the user's\n", Files.readString(playbook.resolve("inventory/hosts")));
    }

    @Test
    void aRunRecordedWithoutARollbackPlan() {
        oldServerStopped();
        record(List.of()).write(run.dir());
        refused(rollback("--rollback"), "planned no rollback");
    }

    @Test
    void theCheckOfTheNewServerRunsAgainUntilTheNewServerHasStopped() {
        oldServerStopped();
        Journal rollback = Journal.createRollback(run.dir(), List.of(id("check-new"), id("stop-new"),
                id("restore-inventory"), id("start-old")));
        rollback.update(rollback.step(id("check-new")).running(Instant.now(), "logs/01-check-new.log"));
        rollback.update(rollback.step(id("check-new")).ended(StepState.DONE, Instant.now(), 0, null));

        Cli.Result result = rollback("--rollback");
        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.err().contains("step 'check-new' failed"), "the check ran again: " + result);
        assertEquals(StepState.PENDING, Journal.rollback(run.dir()).orElseThrow().step(id("stop-new")).state());
    }

    @Test
    void aRolledBackRunIsNotResumed() {
        oldServerStopped();
        Journal rollback = Journal.createRollback(run.dir(), List.of(id("check-new"), id("stop-new")));
        rollback.update(rollback.step(id("stop-new")).running(Instant.now(), "logs/02-stop-new.log"));
        Cli.Result result = rollback("--resume");
        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.err().contains("was rolled back, so it cannot go on"), result.toString());
    }

    /** A kind's id, known to the tool: a renamed kind fails here. */
    private static String id(String kind) {
        return StepList.byId(kind).orElseThrow().id();
    }
}
