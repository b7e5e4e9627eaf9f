package dev.matrixmigrate.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.matrixmigrate.config.NameServer;
import dev.matrixmigrate.failure.Failure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DnsSurveyTest {
    private static DnsSurvey.NameRecords name(String variable, String name, boolean moves, DnsAnswer... answers) {
        return new DnsSurvey.NameRecords(new PublicName(variable, name), List.of(answers), moves);
    }

    @Test
    void digAnswerLinesAreRead() {
        assertEquals(Optional.of(new DnsAnswer("element.example.com", "CNAME", "matrix.example.com", 300)),
                DnsAnswer.parse("element.example.com.\t300\tIN\tCNAME\tmatrix.example.com."));
        assertEquals(Optional.empty(), DnsAnswer.parse(";; connection timed out; no servers could be reached"));
    }

    @Test
    void aServerIsAnAddressAndAnOptionalPort() {
        assertEquals(new NameServer("192.0.2.53", 53), NameServer.parse("--dns-server", "192.0.2.53"));
        assertEquals(new NameServer("192.0.2.53", 5353), NameServer.parse("--dns-server", "192.0.2.53:5353"));
        assertEquals(new NameServer("2001:db8::53", 5353), NameServer.parse("--dns-server", "[2001:db8::53]:5353"));
        assertEquals(new NameServer("2001:db8::53", 53), NameServer.parse("--dns-server", "2001:db8::53"));
        assertThrows(Failure.class, () -> NameServer.parse("--dns-server", "192.0.2.53:0"));
    }

    @Test
    void onlyTheAddressRecordsThatMoveCountForTheTtlAndTheMessageSaysWhenCachesHaveTheLowerOne() {
        DnsSurvey survey = new DnsSurvey(Optional.of(new NameServer("192.0.2.53", 53)), null, List.of(
                name("matrix_server_fqn_matrix", "matrix.example.com", true,
                        new DnsAnswer("matrix.example.com", "A", "192.0.2.10", 3600)),
                name("matrix_server_fqn_element", "element.example.com", false,
                        new DnsAnswer("element.example.com", "CNAME", "matrix.example.com", 7200),
                        new DnsAnswer("matrix.example.com", "A", "192.0.2.10", 3600)),
                name("matrix_server_fqn_etherpad", "pad.example.com", false,
                        new DnsAnswer("pad.example.com", "A", "198.51.100.9", 86400))));
        String why = survey.ttlTooLong(Duration.ofSeconds(300), Instant.parse("2026-11-29T20:00:00Z")).orElseThrow();
        assertTrue(why.startsWith("the DNS records that move have a TTL above --max-ttl 300 s: matrix.example.com A"
                + " (3600 s); "), why);
        assertTrue(why.contains("by 2026-11-29 21:00 UTC every cache has the lower TTL"), why);
        assertEquals(Optional.empty(), survey.ttlTooLong(Duration.ofSeconds(3600), Instant.now()));
    }
}
