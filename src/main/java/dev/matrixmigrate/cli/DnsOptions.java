package dev.matrixmigrate.cli;

import dev.matrixmigrate.config.ConfigFileDefaults;
import dev.matrixmigrate.config.DnsProvider;
import dev.matrixmigrate.config.DnsSettings;
import dev.matrixmigrate.config.NameServer;
import dev.matrixmigrate.config.Validate;
import dev.matrixmigrate.dns.DnsCredentials;
import dev.matrixmigrate.failure.Failure;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** How the server's DNS records are checked, changed and waited for. */
@OptionGroup("DNS")
final class DnsOptions {
    private static final int CLOUDFLARE_SHORTEST_TTL = 120;

    @Option(names = "--dns-server", paramLabel = "ADDRESS[:PORT]", description = "The DNS server to ask for the"
            + " server's records, and to update (default: the zone's authoritative servers, found through this"
            + " machine's resolver).")
    String server;

    @Option(names = "--max-ttl", paramLabel = "SECONDS", defaultValue = "300", description = "The longest TTL a record"
            + " that moves to the new server may have; migrate refuses a longer one. Moved records get this TTL"
            + " (default: ${DEFAULT-VALUE}).")
    int maxTtl;

    @Option(names = "--accept-ttl", description = "Migrate even when a record that moves has a TTL above --max-ttl.")
    boolean acceptTtl;

    @Option(names = "--dns-provider", paramLabel = "PROVIDER", defaultValue = "none", description = "Who changes the"
            + " records that move, right after the cutover: none (they are printed, you change them), rfc2136"
            + " (dynamic updates signed with --tsig-key-file) or cloudflare (with --cloudflare-token-file)"
            + " (default: ${DEFAULT-VALUE}).")
    String provider;

    @Option(names = "--tsig-key-file", paramLabel = "FILE", description = "The TSIG key for rfc2136, as tsig-keygen"
            + " writes it; mode 0600 or stricter.")
    Path tsigKeyFile;

    @Option(names = "--cloudflare-token-file", paramLabel = "FILE", description = "A Cloudflare API token allowed to"
            + " edit the zone's DNS, alone in the file; mode 0600 or stricter.")
    Path cloudflareTokenFile;

    @Option(names = "--dns-address", paramLabel = "IP", split = ConfigFileDefaults.LIST_SPLIT, description = "The"
            + " address the moved records get, when the new server's public address is not --to's; at most one"
            + " IPv4 and one IPv6 address (repeat the option).")
    List<String> addresses;

    @Option(names = "--wait-dns", paramLabel = "SECONDS", defaultValue = "0", description = "After the records change,"
            + " wait this long for every authoritative server of the zone to answer the new addresses; the step fails"
            + " when one still does not (default: ${DEFAULT-VALUE}: ask once, warn).")
    int waitDns;

    DnsSettings settings() {
        Duration ttl = Validate.seconds("--max-ttl", maxTtl, 1, 86400);
        Duration wait = Validate.seconds("--wait-dns", waitDns, 0, 86400);
        DnsProvider chosen = DnsProvider.parse("--dns-provider", provider);
        if (chosen == DnsProvider.CLOUDFLARE && maxTtl < CLOUDFLARE_SHORTEST_TTL) {
            throw Failure.invalidInput("--max-ttl " + maxTtl + " is below the shortest TTL Cloudflare takes ("
                    + CLOUDFLARE_SHORTEST_TTL + " s): give " + CLOUDFLARE_SHORTEST_TTL + " or more");
        }
        Optional<Path> credentials = credentials(chosen);
        credentials.ifPresent(file -> DnsCredentials.read(chosen, file));
        return new DnsSettings(Optional.ofNullable(server).map(s -> NameServer.parse("--dns-server", s)),
                ttl, acceptTtl, chosen, credentials, addresses(), wait);
    }

    /** The provider's secret file, absolute (a resumed run reads it again); refused when it is missing or another provider's. */
    private Optional<Path> credentials(DnsProvider chosen) {
        for (DnsProvider other : DnsProvider.values()) {
            Path given = file(other);
            if (other != chosen && given != null) {
                throw Failure.invalidInput(other.credentialsOption() + " is for --dns-provider " + other.label()
                        + ", not " + chosen.label() + ": leave it out or choose that provider");
            }
        }
        if (chosen.updates() && file(chosen) == null) {
            throw Failure.invalidInput("--dns-provider " + chosen.label() + " needs " + chosen.credentialsOption()
                    + " FILE: give the file that holds its secret");
        }
        return Optional.ofNullable(file(chosen)).map(file -> file.toAbsolutePath().normalize());
    }

    private Path file(DnsProvider provider) {
        return switch (provider) {
            case RFC2136 -> tsigKeyFile;
            case CLOUDFLARE -> cloudflareTokenFile;
            case NONE -> null;
        };
    }

    private List<InetAddress> addresses() {
        if (addresses == null) {
            return List.of();
        }
        List<InetAddress> parsed = addresses.stream().map(a -> Validate.ipAddress("--dns-address", a)).distinct().toList();
        long v4 = parsed.stream().filter(a -> a instanceof Inet4Address).count();
        if (v4 > 1 || parsed.size() - v4 > 1) {
            throw Failure.invalidInput("--dns-address is given twice for one address family: give at most one IPv4"
                    + " and one IPv6 address");
        }
        return parsed;
    }
}
