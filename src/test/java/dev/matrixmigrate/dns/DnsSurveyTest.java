package dev.matrixmigrate.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.matrixmigrate.config.NameServer;
import dev.matrixmigrate.failure.Failure;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DnsSurveyTest {
    @Test
    void digAnswerLinesAreRead() {
        assertEquals(Optional.of(new DnsAnswer("element.example.com", "CNAME", "matrix.example.com", 300)),
                DnsAnswer.parse("Element.Example.com.\t300\tIN\tCNAME\tmatrix.example.com."));
        assertEquals(Optional.empty(), DnsAnswer.parse(";; connection timed out; no servers could be reached"));
        assertEquals(Optional.empty(), DnsAnswer.parse(";example.com.\t\t\tIN\tA"));
    }

    @Test
    void onlyAnAnswerFromTheZonesAuthorityCounts() {
        assertTrue(Dig.fromTheAuthority(";; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 1\n;; flags: qr aa; QUERY: 1"));
        assertTrue(Dig.fromTheAuthority(";; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: 1\n;; flags: qr aa; QUERY: 1"));
        assertFalse(Dig.fromTheAuthority(";; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 1\n;; flags: qr ra; QUERY: 1"),
                "a cache's answer");
        assertFalse(Dig.fromTheAuthority(";; ->>HEADER<<- opcode: QUERY, status: REFUSED, id: 1\n;; flags: qr aa; QUERY: 1"));
        assertFalse(Dig.fromTheAuthority(";; connection timed out; no servers could be reached"));
    }

    @Test
    void addressesAreComparedAsAddresses() throws Exception {
        Set<InetAddress> old = Set.of(InetAddress.getByName("2001:db8:0:0:0:0:0:1"));
        assertTrue(new DnsAnswer("matrix.example.com", "AAAA", "2001:db8::1", 300).pointsAt(old));
        assertFalse(new DnsAnswer("matrix.example.com", "CNAME", "2001:db8::1", 300).pointsAt(old));
    }

    @Test
    void anIpv6AddressIsWrittenWithItsLongestRunOfZerosShortened() throws Exception {
        assertEquals("2001:db8::20", DnsAnswer.text(InetAddress.getByName("2001:db8:0:0:0:0:0:20")));
        assertEquals("2001:0:0:1::1", DnsAnswer.text(InetAddress.getByName("2001:0:0:1:0:0:0:1")));
        assertEquals("::1", DnsAnswer.text(InetAddress.getByName("::1")));
        assertEquals("2001:db8:1:2:3:4:5:6", DnsAnswer.text(InetAddress.getByName("2001:db8:1:2:3:4:5:6")));
        assertEquals("198.51.100.20", DnsAnswer.text(InetAddress.getByName("198.51.100.20")));
    }

    @Test
    void aServerIsAnAddressAndAnOptionalPort() {
        assertEquals(new NameServer("2001:db8::53", 53), NameServer.parse("--dns-server", "[2001:db8::53]"));
        assertEquals(new NameServer("192.0.2.53", 53), NameServer.parse("--dns-server", "192.0.2.53"));
        assertEquals(new NameServer("192.0.2.53", 5353), NameServer.parse("--dns-server", "192.0.2.53:5353"));
        assertEquals(new NameServer("2001:db8::53", 5353), NameServer.parse("--dns-server", "[2001:db8::53]:5353"));
        assertEquals(new NameServer("2001:db8::53", 53), NameServer.parse("--dns-server", "2001:db8::53"));
        assertThrows(Failure.class, () -> NameServer.parse("--dns-server", "192.0.2.53:0"));
    }

    @Test
    void theTtlMessageNamesTheRecordsAndWhenCachesHaveTheLowerTtlRoundedUp() {
        List<DnsAnswer> moving = List.of(new DnsAnswer("matrix.example.com", "A", "192.0.2.10", 3600),
                new DnsAnswer("example.com", "A", "192.0.2.10", 300));
        String why = DnsSurvey.tooLong(moving, Duration.ofSeconds(300), Instant.parse("2026-11-29T20:00:01Z")).orElseThrow();
        assertTrue(why.startsWith("the DNS records that move have a TTL above --max-ttl 300 s: matrix.example.com A"
                + " (3600 s); "), why);
        assertTrue(why.contains("by 2026-11-29 21:01 UTC every cache has the lower TTL"), why);
        assertEquals(Optional.empty(), DnsSurvey.tooLong(moving, Duration.ofSeconds(3600), Instant.now()));
    }
}
