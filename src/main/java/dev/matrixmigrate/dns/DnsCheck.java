package dev.matrixmigrate.dns;

import dev.matrixmigrate.config.DnsSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Surveys the DNS records of a host's public names, as its playbook variables give them. */
public final class DnsCheck {
    private final Dig dig;

    public DnsCheck(Dig dig) {
        this.dig = dig;
    }

    /**
     * @param oldAddress the old server's address as the inventory gives it (a name is resolved here)
     */
    public DnsSurvey survey(List<PublicName> names, String oldAddress, DnsSettings settings) {
        if (!Dig.installed()) {
            return DnsSurvey.unavailable("dig is not installed (Debian: apt-get install bind9-dnsutils)");
        }
        return DnsSurvey.take(dig, settings.server(), names, addresses(oldAddress),
                settings.maxTtl(), Instant.now());
    }

    private static Set<InetAddress> addresses(String address) {
        try {
            return new HashSet<>(Arrays.asList(InetAddress.getAllByName(address)));
        } catch (UnknownHostException e) {
            return Set.of();
        }
    }
}
