package dev.matrixmigrate.cli;

import dev.matrixmigrate.config.DnsSettings;
import dev.matrixmigrate.config.NameServer;
import dev.matrixmigrate.failure.Failure;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** How the server's DNS records are checked. */
final class DnsOptions {
    @Option(names = "--dns-server", paramLabel = "ADDRESS[:PORT]", description = "The DNS server to ask for the"
            + " server's records (default: the zone's authoritative servers, found through this machine's resolver).")
    String server;

    @Option(names = "--max-ttl", paramLabel = "SECONDS", defaultValue = "300", description = "The longest TTL a record"
            + " that moves to the new server may have; migrate refuses a longer one (default: ${DEFAULT-VALUE}).")
    int maxTtl;

    @Option(names = "--accept-ttl", description = "Migrate even when a record that moves has a TTL above --max-ttl.")
    boolean acceptTtl;

    DnsSettings settings() {
        if (maxTtl < 1 || maxTtl > 86400) {
            throw Failure.invalidInput("--max-ttl " + maxTtl + " is out of range: give 1 to 86400 seconds");
        }
        return new DnsSettings(Optional.ofNullable(server).map(s -> NameServer.parse("--dns-server", s)),
                Duration.ofSeconds(maxTtl), acceptTtl);
    }
}
