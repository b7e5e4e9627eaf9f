package dev.matrixmigrate.e2e;

import static dev.matrixmigrate.e2e.TwoHosts.FIXTURE;
import static dev.matrixmigrate.e2e.TwoHosts.NEW;
import static dev.matrixmigrate.e2e.TwoHosts.NEW_ADDRESS;
import static dev.matrixmigrate.e2e.TwoHosts.OLD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.matrixmigrate.engine.Journal;
import dev.matrixmigrate.engine.RunFolder;

import dev.matrixmigrate.support.Cli;
import dev.matrixmigrate.support.Programs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The new server's SSH port unreachable for a while (every packet to and from it dropped, no reset, as a link that
 * went down), the way a user on an ordinary internet link meets it: a short outage costs no human, a long one ends
 * the run naming the connection, and the resume completes.
 */
class OutageEndToEndTest extends FreshHostsTest {
    /** Drops every packet to and from new's SSH port: an htb class whose queue holds none. */
    private void blackHoleNew() {
        tc("qdisc", "add", "dev", "lo", "root", "handle", "1:", "htb", "default", "10", "r2q", "1000");
        tc("class", "add", "dev", "lo", "parent", "1:", "classid", "1:10", "htb", "rate", "10gbit");
        tc("class", "add", "dev", "lo", "parent", "1:", "classid", "1:20", "htb", "rate", "8bit", "ceil", "8bit",
                "burst", "1", "cburst", "1");
        tc("qdisc", "add", "dev", "lo", "parent", "1:20", "handle", "20:", "pfifo", "limit", "0");
        tc("filter", "add", "dev", "lo", "parent", "1:", "protocol", "ip", "prio", "1", "u32", "match", "ip", "dst",
                NEW_ADDRESS + "/32", "match", "ip", "dport", "2222", "0xffff", "flowid", "1:20");
        tc("filter", "add", "dev", "lo", "parent", "1:", "protocol", "ip", "prio", "2", "u32", "match", "ip", "src",
                NEW_ADDRESS + "/32", "match", "ip", "sport", "2222", "0xffff", "flowid", "1:20");
    }

    private void restoreLink() {
        Programs.run(root, List.of("tc", "qdisc", "del", "dev", "lo", "root"));
    }

    private void tc(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "tc";
        System.arraycopy(args, 0, command, 1, args.length);
        Programs.ok(root, command);
    }

    private Process migrate(Path log, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("migrate", "--playbook",
                hosts.playbook.toString(), "--to", NEW_ADDRESS, "--yes"));
        args.addAll(List.of(more));
        return tools.start(log, args.toArray(String[]::new));
    }

    /** The run's output and folder once it ended. */
    private record Ended(String output, RunFolder run) {
    }

    /**
     * A migration whose new server's SSH port is black-holed for 20 s, from 1 s into {@code step}: it must end by
     * itself with exit 0, the data equal and no copy left running.
     */
    private Ended twentySecondOutageDuring(String step) throws Exception {
        hosts.makeTree(OLD, FIXTURE, 6000);
        Path log = root.resolve("run.log");
        Process tool = migrate(log);
        RunFolder run = tools.awaitStep(tool, step, log);
        TwoHosts.sleep(1000);
        blackHoleNew();
        try {
            TwoHosts.sleep(20_000);
        } finally {
            restoreLink();
        }
        assertTrue(tool.waitFor(600, TimeUnit.SECONDS), Files.readString(log));
        String output = Files.readString(log);
        assertEquals(0, tool.exitValue(), "the run goes on by itself: " + output);
        assertEquals(hosts.manifest(OLD, FIXTURE), hosts.manifest(NEW, FIXTURE));
        assertTrue(TwoHosts.versions(NEW_ADDRESS).contains("\"server\": \"new\""));
        assertEquals(Set.of(), hosts.rsyncGroups(OLD));
        assertEquals(Set.of(), hosts.rsyncGroups(NEW));
        return new Ended(output, run);
    }

    @Test
    void aTwentySecondOutageOfTheNewServerDuringTheWarmCopyCostsNoHuman() throws Exception {
        Ended ended = twentySecondOutageDuring("sync-warm");
        // what rode through the outage: a retry of a step, shown and journaled, or connections that held on
        long retries = Journal.load(ended.run().dir()).steps().stream().mapToLong(step -> step.retries().size()).sum();
        System.out.println("retries during a 20 s outage: " + retries);
        assertEquals(retries > 0, ended.output().contains("stopped answering over SSH"), ended.output());
    }

    @Test
    void aTwentySecondOutageOfTheNewServerDuringTheCutoverCostsNoHumanAndSaysTheDowntimeGoesOn() throws Exception {
        Ended ended = twentySecondOutageDuring("cutover");
        long retries = Journal.load(ended.run().dir()).step("cutover").retries().size();
        System.out.println("cutover retries during a 20 s outage: " + retries);
        if (retries > 0) {
            assertTrue(ended.output().contains("(the old server is stopped: the downtime goes on meanwhile)"),
                    ended.output());
        }
    }

    @Test
    void anOutageLongerThanTheBoundEndsTheRunNamingTheConnectionAndTheResumeCompletes() throws Exception {
        hosts.makeTree(OLD, FIXTURE, 6000);
        Path log = root.resolve("run.log");
        Process tool = migrate(log, "--reconnect-for", "10s");
        RunFolder run = tools.awaitStep(tool, "sync-warm", log);
        TwoHosts.sleep(1000);
        blackHoleNew();
        try {
            assertTrue(tool.waitFor(300, TimeUnit.SECONDS), "a black-holed link ends the run in bounded time: "
                    + Files.readString(log));
        } finally {
            restoreLink();
        }
        String output = Files.readString(log);
        assertEquals(1, tool.exitValue(), output);
        assertTrue(output.contains("stopped answering over SSH") && output.contains("(--reconnect-for 10s)")
                && output.contains("resume with: "), output);
        assertTrue(Journal.load(run.dir()).steps().stream().anyMatch(step -> !step.retries().isEmpty()),
                "each retry is journaled");

        Cli.Result resumed = hosts.migrate("--resume", "--yes");
        assertEquals(0, resumed.exitCode(), resumed.toString());
        assertEquals(hosts.manifest(OLD, FIXTURE), hosts.manifest(NEW, FIXTURE));
        assertEquals(Set.of(), hosts.rsyncGroups(OLD));
        assertEquals(Set.of(), hosts.rsyncGroups(NEW));
    }
}
