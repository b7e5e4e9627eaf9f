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

    private static DnsSurvey.MovingName matrix() {
        return new DnsSurvey.MovingName("matrix.example.com", "example.com", List.of(
                new DnsAnswer("matrix.example.com", "A", "192.0.2.10", 3600),
                new DnsAnswer("matrix.example.com", "A", "192.0.2.11", 600),
                new DnsAnswer("matrix.example.com", "AAAA", "2001:db8::10", 3600)));
    }

    @Test
    void eachFamilyGetsTheNewAddressesAndAFamilyTheNewServerLacksIsRemoved() throws Exception {
        List<RecordChange> changes = DnsChanges.of(List.of(matrix()), List.of(InetAddress.getByName("198.51.100.20")),
                Duration.ofSeconds(300));
        assertEquals(List.of(
                new RecordChange("matrix.example.com", "example.com", "A", new RecordChange.RecordSet(List.of("198.51.100.20"), 300),
                        new RecordChange.RecordSet(List.of("192.0.2.10", "192.0.2.11"), 3600)),
                new RecordChange("matrix.example.com", "example.com", "AAAA", new RecordChange.RecordSet(List.of(), 300),
                        new RecordChange.RecordSet(List.of("2001:db8::10"), 3600))), changes);
        assertEquals("matrix.example.com AAAA 2001:db8::10 TTL 3600 -> removed", changes.get(1).describe());
    }

    @Test
    void aFamilyTheNameLackedIsAddedAndPutBackAsNothing() throws Exception {
        DnsSurvey.MovingName base = new DnsSurvey.MovingName("example.com", "example.com",
                List.of(new DnsAnswer("example.com", "A", "192.0.2.10", 300)));
        List<RecordChange> changes = DnsChanges.of(List.of(base), List.of(InetAddress.getByName("198.51.100.20"),
                InetAddress.getByName("2001:db8::20")), Duration.ofSeconds(120));
        assertEquals(2, changes.size());
        assertEquals("example.com AAAA (none) -> 2001:db8::20 TTL 120", changes.get(1).describe());
        assertEquals(List.of(), changes.get(1).toward(true).values());
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
