package dev.matrixmigrate.config;

import java.time.Duration;
import java.util.Optional;

/**
 * How DNS is checked: the server to ask (empty: the zone's authoritative servers, found through this
 * machine's resolver), the longest TTL a record that moves may have, and whether a longer one is accepted.
 */
public record DnsSettings(Optional<NameServer> server, Duration maxTtl, boolean acceptTtl) {
}
