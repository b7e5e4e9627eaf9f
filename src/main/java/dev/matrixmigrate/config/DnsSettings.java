package dev.matrixmigrate.config;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How DNS is checked and changed: the server to ask (empty: the zone's authoritative servers, found through
 * this machine's resolver), the longest TTL a record that moves may have (also the TTL the moved records
 * get), whether a longer one is accepted, who changes the records and the file with that provider's
 * secret (read only when it is used), the addresses the records get (empty: the new server's), and how
 * long to wait for the zone's servers to answer them.
 */
public record DnsSettings(Optional<NameServer> server, Duration maxTtl, boolean acceptTtl, DnsProvider provider,
        Optional<Path> credentials, List<InetAddress> addresses, Duration waitFor) {
    public DnsSettings {
        addresses = List.copyOf(addresses);
    }
}
