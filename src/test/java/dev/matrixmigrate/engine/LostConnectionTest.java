package dev.matrixmigrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What counts as a lost connection in a failed command's output, and which connection it names. */
class LostConnectionTest {
    private static Optional<String> lost(String output) {
        return LostConnection.in(output, "192.0.2.10", "192.0.2.20").map(LostConnection::toString);
    }

    @Test
    void ansiblesUnreachableSshsAndRsyncsConnectionErrorsAreLostConnectionsNamingTheServer() {
        assertEquals(Optional.of("the new server (192.0.2.20 port 2222) stopped answering over SSH (UNREACHABLE!)"),
                lost("TASK [Copy]\nfatal: [matrix.example.com-new]: UNREACHABLE! => {\"msg\": \"Failed to connect to the"
                        + " host via ssh: ssh: connect to host 192.0.2.20 port 2222: Connection timed out\"}"));
        assertEquals(Optional.of("the new server stopped answering over SSH (Timeout (12s) waiting for privilege"
                + " escalation prompt)"), lost("fatal: [matrix.example.com -> matrix.example.com-new]: FAILED! =>"
                        + " {\"msg\": \"Timeout (12s) waiting for privilege escalation prompt: \"}"));
        assertEquals(Optional.of("the old server (192.0.2.10) stopped answering over SSH (Timeout, server 192.0.2.10 not"
                + " responding)"), lost("Timeout, server 192.0.2.10 not responding.\r\nrsync: connection unexpectedly"
                        + " closed (0 bytes received so far) [sender]"));
        assertEquals(Optional.of("the server matrix.example.com stopped answering over SSH (rsync error: error in rsync"
                + " protocol data stream (code 12))"), lost("fatal: [matrix.example.com]: FAILED! => {\"stderr\":"
                        + " \"rsync error: error in rsync protocol data stream (code 12) at io.c(232)\"}"));
    }

    @Test
    void aTaskThatFailedOnAServerThatAnsweredIsNoLostConnection() {
        assertEquals(Optional.empty(), lost("fatal: [matrix.example.com]: FAILED! => {\"msg\": \"the image could not be"
                + " pulled: connection refused by registry.example\"}"));
        assertEquals(Optional.empty(), lost("fatal: [matrix.example.com-new]: FAILED! => {\"msg\": \"Missing sudo"
                + " password\"}"));
        assertEquals(Optional.empty(), lost("fatal: [matrix.example.com -> localhost]: FAILED! => {\"msg\": \"Status code"
                + " was -1: Request failed: <urlopen error [Errno 104] Connection reset by peer>\"}"),
                "the health check's own connection is no SSH connection");
    }

    @Test
    void theWaitsDoubleFromTwoSecondsToThirtyWithinTheBoundAndZeroTurnsItOff() {
        ConnectionRetry retry = new ConnectionRetry(Duration.ofMinutes(5), "a", "b");
        assertEquals(Optional.of(Duration.ofSeconds(2)), retry.waitBefore(1, Duration.ZERO));
        assertEquals(Optional.of(Duration.ofSeconds(16)), retry.waitBefore(4, Duration.ofSeconds(20)));
        assertEquals(Optional.of(Duration.ofSeconds(30)), retry.waitBefore(9, Duration.ofSeconds(200)));
        assertEquals(Optional.empty(), retry.waitBefore(9, Duration.ofSeconds(290)), "it would end beyond 5 minutes");
        assertEquals(13, retry.mostRetries(), "2+4+8+16 s, then 30 s nine times: 300 s");
        assertEquals(Optional.empty(), ConnectionRetry.off().lost("fatal: [x]: UNREACHABLE!"));
    }
}
