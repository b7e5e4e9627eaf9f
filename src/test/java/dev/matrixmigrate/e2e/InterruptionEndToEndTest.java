package dev.matrixmigrate.e2e;

import static dev.matrixmigrate.e2e.TwoHosts.FIXTURE;
import static dev.matrixmigrate.e2e.TwoHosts.NEW;
import static dev.matrixmigrate.e2e.TwoHosts.NEW_ADDRESS;
import static dev.matrixmigrate.e2e.TwoHosts.OLD;
import static dev.matrixmigrate.e2e.TwoHosts.OLD_ADDRESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.matrixmigrate.engine.Journal;
import dev.matrixmigrate.engine.RunFolder;
import dev.matrixmigrate.engine.StepState;

import dev.matrixmigrate.events.EventLog;
import dev.matrixmigrate.support.Cli;
import dev.matrixmigrate.support.Programs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The tool interrupted: kill -9 during the copies, Ctrl-C, and a person answering at a terminal. */
class InterruptionEndToEndTest extends FreshHostsTest {
    @Test
    void killNineLeavesNothingRunningAndTheResumeNeverRunsTwoCopiesOrTwoRuns() throws Exception {
        hosts.makeTree(OLD, FIXTURE, 6000);
        ToolProcesses.CopySampler sampler = tools.sampleCopies();
        try {
            Process tool = tools.start(root.resolve("first.log"), "migrate", "--playbook", hosts.playbook.toString(),
                    "--to", NEW_ADDRESS, "--yes");
            RunFolder run = tools.awaitStep(tool, "sync-warm", root.resolve("first.log"));

            // a second run and a resume on the same folder while this one works
            Cli.Result second = hosts.migrate("--to", NEW_ADDRESS, "--yes");
            assertEquals(2, second.exitCode(), second.toString());
            assertTrue(second.err().contains("another matrix-migrate is working on")
                    && second.err().contains("run " + run.id() + ", process " + tool.pid()), second.err());
            Cli.Result resume = hosts.migrate("--resume", "--yes");
            assertEquals(2, resume.exitCode(), resume.toString());
            assertTrue(resume.err().contains("process " + tool.pid()), resume.err());
            assertTrue(tool.isAlive());
            assertEquals(StepState.RUNNING, Journal.load(run.dir()).step("sync-warm").state(), "the running one goes on");

            tools.killNineWhileCopying(tool, run);
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
            Cli.Result failed = hosts.migrate("--resume", "--yes");
            assertEquals(1, failed.exitCode(), failed.toString());
            assertEquals(StepState.DONE, Journal.load(run.dir()).step("sync-warm").state());
            hosts.injectFailure(NEW_ADDRESS, "fail-system-user", false);
            hosts.makeTree(OLD, "/matrix/more", 6000);

            Process again = tools.start(root.resolve("second.log"), "migrate", "--playbook", hosts.playbook.toString(),
                    "--resume", "--yes");
            tools.awaitStep(again, "cutover", root.resolve("second.log"));
            tools.killNineWhileCopying(again, run);

            List<String> before = Files.readAllLines(run.dir().resolve(EventLog.FILE));
            Cli.Result finished = hosts.migrate("--resume", "--yes", "--events", "-");
            assertEquals(0, finished.exitCode(), finished.toString());
            List<String> appended = Files.readAllLines(run.dir().resolve(EventLog.FILE));
            assertEquals(appended.subList(appended.size() - finished.out().strip().lines().count() > 0
                    ? appended.size() - (int) finished.out().strip().lines().count() : 0, appended.size()),
                    finished.out().strip().lines().toList(), "--events - gives the same events as the file");
            assertTrue(appended.size() > before.size() && finished.err().contains("Migration complete"),
                    "the human output goes to stderr: " + finished.err());
            RunEventsSeen.assertWholeRun(run.dir().resolve(EventLog.FILE), 2);
            // with --events - the human output is on stderr
            for (String said : List.of(failed.out(), finished.err())) {
                assertTrue(said.contains("stopped the copy an earlier attempt left running on the old server"),
                        "the resume stops the copy the killed run left behind before it copies: " + said);
            }
        } finally {
            sampler.stop();
        }
        assertTrue(sampler.mostGroups(OLD) == 1 && sampler.mostGroups(NEW) == 1,
                "at no moment two copies: " + sampler.mostGroups(OLD) + " on old, " + sampler.mostGroups(NEW) + " on new");
        assertEquals(hosts.manifest(OLD, FIXTURE), hosts.manifest(NEW, FIXTURE));
        assertEquals(hosts.manifest(OLD, "/matrix/more"), hosts.manifest(NEW, "/matrix/more"));
        assertTrue(TwoHosts.versions(NEW_ADDRESS).contains("\"server\": \"new\""));
        assertEquals(Set.of(), hosts.rsyncGroups(OLD));
        assertEquals(Set.of(), hosts.rsyncGroups(NEW));
    }

    @Test
    void ctrlCStopsTheProcessTreeAndTheRunResumes() throws Exception {
        hosts.makeTree(OLD, FIXTURE, 3000);
        Process process = tools.start(root.resolve("interrupted.log"), "migrate", "--playbook", hosts.playbook.toString(),
                "--to", NEW_ADDRESS, "--yes");
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

        Cli.Result resumed = hosts.migrate("--resume", "--yes");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertEquals(hosts.manifest(OLD, FIXTURE), hosts.manifest(NEW, FIXTURE));
        assertTrue(TwoHosts.versions(NEW_ADDRESS).contains("\"server\": \"new\""));
        assertFalse(hosts.exec(NEW, "cat", "/root/.ssh/authorized_keys")
                .contains("matrix-migrate-" + RunFolder.find(hosts.playbook, null, "resume").id()));
        assertEquals("", hosts.exec(OLD, "find", "/root/.matrix-migrate", "-mindepth", "1"));
    }
}
