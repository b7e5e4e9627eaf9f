package dev.matrixmigrate.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.matrixmigrate.config.DnsProvider;
import dev.matrixmigrate.config.NameServer;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DnsChangesTest {
    @TempDir
    Path dir;

    private static final DnsAnswer OLD_V4 = new DnsAnswer("matrix.example.com", "A", "192.0.2.10", 3600);
    private static final DnsAnswer OLD_V6 = new DnsAnswer("matrix.example.com", "AAAA", "2001:db8::10", 3600);

    /** matrix.example.com: the old server's A and AAAA, and one more A (a second machine) that stays. */
    private static DnsSurvey.MovingName matrix() {
        return new DnsSurvey.MovingName("matrix.example.com", Optional.of("example.com"), List.of(OLD_V4,
                new DnsAnswer("matrix.example.com", "A", "192.0.2.11", 600), OLD_V6), List.of(OLD_V4, OLD_V6));
    }

    @Test
    void theOldAddressGivesWayToTheNewOneOfItsFamilyOtherValuesStayAndASetLeftEmptyIsRemoved() throws Exception {
        List<RecordChange> changes = DnsChanges.of(List.of(matrix()), List.of(InetAddress.getByName("198.51.100.20")),
                Duration.ofSeconds(300));
        assertEquals(List.of(
                new RecordChange("matrix.example.com", "example.com", "A",
                        new RecordChange.RecordSet(List.of("192.0.2.11", "198.51.100.20"), 300),
                        new RecordChange.RecordSet(List.of("192.0.2.10", "192.0.2.11"), 3600)),
                new RecordChange("matrix.example.com", "example.com", "AAAA", new RecordChange.RecordSet(List.of(), 300),
                        new RecordChange.RecordSet(List.of("2001:db8::10"), 3600))), changes);
        assertEquals("matrix.example.com AAAA 2001:db8::10 TTL 3600 -> removed", changes.get(1).describe());
    }

    @Test
    void aSetWithoutTheOldAddressIsNotTouchedAndNoFamilyIsAdded() throws Exception {
        DnsAnswer old = new DnsAnswer("example.com", "A", "192.0.2.10", 300);
        DnsSurvey.MovingName base = new DnsSurvey.MovingName("example.com", Optional.of("example.com"),
                List.of(old, new DnsAnswer("example.com", "AAAA", "2001:db8::99", 300)), List.of(old));
        List<RecordChange> changes = DnsChanges.of(List.of(base), List.of(InetAddress.getByName("198.51.100.20"),
                InetAddress.getByName("2001:db8::20")), Duration.ofSeconds(120));
        assertEquals(1, changes.size(), "the AAAA points elsewhere: it stays as it is");
        assertEquals("example.com A 192.0.2.10 TTL 300 -> 198.51.100.20 TTL 120", changes.get(0).describe());
        assertEquals(List.of("192.0.2.10"), changes.get(0).toward(true).values());
    }

    @Test
    void thePlanFileReadsBackAsWritten() throws Exception {
        DnsChanges written = new DnsChanges(DnsProvider.RFC2136, Optional.of(Path.of("/etc/matrix-migrate/key.conf")),
                new NameServer("127.0.0.50", 10053), List.of(new NameServer("127.0.0.50", 10053),
                        new NameServer("2001:db8::53", 53)), Duration.ofSeconds(30),
                DnsChanges.of(List.of(matrix()), List.of(InetAddress.getByName("198.51.100.20")), Duration.ofSeconds(300)));
        Path file = dir.resolve("dns-changes.yml");
        Files.writeString(file, written.yaml());
        assertEquals(written, DnsChanges.read(file));
        assertEquals(3600, written.longestTtlBefore());
    }
}
