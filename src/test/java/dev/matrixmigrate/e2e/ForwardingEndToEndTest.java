package dev.matrixmigrate.e2e;

import static dev.matrixmigrate.e2e.TwoHosts.FIXTURE;
import static dev.matrixmigrate.e2e.TwoHosts.NEW_ADDRESS;
import static dev.matrixmigrate.e2e.TwoHosts.OLD;
import static dev.matrixmigrate.e2e.TwoHosts.OLD_ADDRESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.matrixmigrate.engine.RunFolder;

import dev.matrixmigrate.forward.ForwardPlan;
import dev.matrixmigrate.support.Cli;
import dev.matrixmigrate.support.Programs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Clients whose DNS caches still hold the old server's address: after the migration, the old server forwards them
 * to the new one (HAProxy in a transient unit, PROXY headers the new server's Traefik stand-in trusts), until its
 * time runs out, it is ended early, or a rollback ends it before the old server serves again.
 */
class ForwardingEndToEndTest extends FreshHostsTest {
    /** A client of its own address, as a remote one, that resolved the server's name to {@code address}. */
    private static final String CLIENT = "127.0.0.9";
    private static final String UNIT = ForwardPlan.UNIT + ".service";

    /** curl for the test service's status at the server's name, resolved to {@code address}; null when nothing answers. */
    private static String statusThrough(String address, int port) {
        Programs.Output out = Programs.run(Path.of("."), List.of("curl", "-sS", "--max-time", "5", "--interface", CLIENT,
                "--connect-to", "matrix.example.com:" + port + ":" + address + ":" + port,
                "http://matrix.example.com:" + port + "/_test/status"));
        return out.exitCode() == 0 ? out.stdout() : null;
    }

    private String unitState() {
        return hosts.tryExec(OLD, "systemctl", "is-active", UNIT).stdout().strip();
    }

    @Test
    void aClientHoldingTheOldAddressReachesTheNewServerWithItsOwnAddressUntilTheForwardingEnds() throws Exception {
        hosts.makeTree(OLD, FIXTURE, 20);
        Instant before = Instant.now();
        Cli.Result migrated = hosts.migrate("--to", NEW_ADDRESS, "--yes", "--no-self-check", "--forward",
                "--forward-for", "45s");
        assertEquals(0, migrated.exitCode(), migrated.toString());
        // the forwarding began before the migration ended, and runs for at most its 45 s
        Instant migratedAt = Instant.now();
        assertTrue(migrated.out().contains("The old server forwards ports 8008, 8448 to the new server until "),
                migrated.out());
        assertTrue(migrated.out().indexOf("the forwarding's run begins now and waits at its gate until the old server"
                + " stopped") < migrated.out().indexOf("[7/"), "it begins with the cutover: " + migrated.out());
        String oldAfterMigration = hosts.oldServerState();

        for (int port : List.of(8008, 8448)) {
            String status = statusThrough(OLD_ADDRESS, port);
            assertTrue(status != null && status.contains("\"server\": \"new\""), port + ": the new server answers at the"
                    + " old address: " + status);
            assertTrue(status.contains("\"client\": \"" + CLIENT + "\""), port + ": the new server sees the client's own"
                    + " address through the PROXY header: " + status);
        }
        String direct = statusThrough(NEW_ADDRESS, 8008);
        assertTrue(direct != null && direct.contains("\"client\": \"" + CLIENT + "\""), direct);
        assertEquals("active", unitState());
        String config = hosts.exec(OLD, "cat", ForwardPlan.CONFIG);
        assertTrue(config.contains("bind 127.0.0.2:8448") && config.contains("server new 127.0.0.3:8448 send-proxy source"
                + " 127.0.0.2"), config);
        String unit = hosts.exec(OLD, "cat", "/run/systemd/transient/" + UNIT);
        int runtime = Integer.parseInt(unit.replaceAll("(?s).*RuntimeMaxSec=(\\d+).*", "$1"));
        assertTrue(runtime > 0 && runtime <= 45 && unit.contains("haproxy"), unit);
        Cli.Result status = Cli.run("status", "--playbook", hosts.playbook.toString());
        assertTrue(status.out().contains("forward            done") && status.out().contains("forwarding: the old server"
                + " forwards to the new server until "), status.out());

        // the unit's own runtime ends it, without the tool
        while (unitState().equals("active") && Instant.now().isBefore(migratedAt.plusSeconds(45 + 60))) {
            TwoHosts.sleep(500);
        }
        assertNotEquals("active", unitState());
        assertTrue(Duration.between(before, Instant.now()).toSeconds() >= 44, "it ran for its time");
        assertEquals(null, statusThrough(OLD_ADDRESS, 8008), "the old address answers nothing once it ended");
        assertEquals(1, hosts.tryExec(OLD, "test", "-e", "/run/systemd/transient/" + UNIT).exitCode(), "the unit is gone");
        assertTrue(Cli.run("status", "--playbook", hosts.playbook.toString()).out().contains("(its time ran out)"));
        assertEquals(oldAfterMigration, hosts.oldServerState(), "the forwarding changed nothing of the old server's");
    }

    @Test
    void aRollbackEndsTheForwardingBeforeTheOldServerServesAgain() {
        Cli.Result migrated = hosts.migrate("--to", NEW_ADDRESS, "--yes", "--no-self-check", "--forward");
        assertEquals(0, migrated.exitCode(), migrated.toString());
        assertEquals("active", unitState());
        assertTrue(statusThrough(OLD_ADDRESS, 8008).contains("\"server\": \"new\""));

        Cli.Result refused = hosts.migrate("--rollback", "--yes");
        assertEquals(2, refused.exitCode(), "the new server served: " + refused);
        assertEquals("active", unitState(), "a refused rollback leaves the forwarding on, as the new server serves on");
        Cli.Result back = hosts.migrate("--rollback", "--yes", "--force");
        assertEquals(0, back.exitCode(), back.toString());
        int stopped = back.out().indexOf("stop-forwarding: end the old server's forwarding");
        assertTrue(stopped >= 0 && stopped < back.out().indexOf("start-old: "), back.out());
        assertNotEquals("active", unitState());
        String old = statusThrough(OLD_ADDRESS, 8008);
        assertTrue(old != null && old.contains("\"server\": \"old\"") && old.contains("\"client\": \"" + CLIENT + "\""),
                "the old server's own service answers again: " + old);
        assertTrue(Cli.run("status", "--playbook", hosts.playbook.toString()).out().contains("forwarding: the old server"
                + " ended early at "));
        Cli.Result again = hosts.migrate("--stop-forwarding");
        assertEquals(0, again.exitCode(), again.toString());
        assertTrue(again.out().contains("ended early at"), again.out());
    }

    @Test
    void aForwardingBegunByAFailedRunIsShownAndEndedAndAPortAnotherProgramHoldsFailsTheStepNamingIt() {
        hosts.injectFailure(NEW_ADDRESS, "fail-start", true);
        Cli.Result failed = hosts.migrate("--to", NEW_ADDRESS, "--yes", "--no-self-check", "--forward");
        assertEquals(1, failed.exitCode(), failed.toString());
        assertEquals("active", unitState(), "the forwarding began once the old server stopped, before the start failed");
        Cli.Result shown = Cli.run("status", "--playbook", hosts.playbook.toString());
        assertTrue(shown.out().contains("forwarding: the old server may forward (its step did not complete) to the new"
                + " server until "), shown.out());
        Cli.Result dry = hosts.migrate("--stop-forwarding", "--dry-run");
        assertEquals(0, dry.exitCode(), dry.toString());
        assertTrue(dry.out().contains("stop-forwarding.yml"), dry.out());
        assertEquals("active", unitState(), "a dry run ends nothing");
        Cli.Result stop = hosts.migrate("--stop-forwarding");
        assertEquals(0, stop.exitCode(), stop.toString());
        assertTrue(stop.out().contains("The old server no longer forwards (run "
                + RunFolder.find(hosts.playbook, null, "check").id() + ")."), stop.out());
        assertNotEquals("active", unitState());
        assertEquals(null, statusThrough(OLD_ADDRESS, 8008));
        Cli.Result status = Cli.run("status", "--playbook", hosts.playbook.toString());
        assertTrue(status.out().contains("forwarding: the old server ended early at "), status.out());
        assertFalse(status.out().contains("--stop-forwarding --run"), "nothing left to end: " + status.out());

        // the old server is stopped and its ports free: another program takes its federation port there
        hosts.injectFailure(NEW_ADDRESS, "fail-start", false);
        hosts.exec(OLD, "systemd-run", "--unit=port-holder", "python3", "-c", "import socket, time; s = socket.socket();"
                + " s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1);"
                + " s.bind(('" + OLD_ADDRESS + "', 8448)); s.listen(); time.sleep(600)");
        Cli.Result busy = hosts.migrate("--resume", "--yes");
        assertEquals(1, busy.exitCode(), busy.toString());
        assertTrue(busy.err().contains("step 'forward' failed"), busy.err());
        assertTrue(busy.out().contains("another program listens on the old server at port 8448 on " + OLD_ADDRESS),
                busy.out());
        assertNotEquals("active", unitState());

        hosts.exec(OLD, "systemctl", "stop", "port-holder");
        Cli.Result resumed = hosts.migrate("--resume", "--yes");
        assertEquals(0, resumed.exitCode(), resumed.toString());
        assertEquals("active", unitState());
        assertTrue(statusThrough(OLD_ADDRESS, 8448).contains("\"server\": \"new\""));
    }
}
