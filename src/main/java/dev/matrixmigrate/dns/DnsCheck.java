package dev.matrixmigrate.dns;

import dev.matrixmigrate.config.NameServer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Surveys the DNS records of a host's public names, as its playbook variables give them. */
public final class DnsCheck {
    private final ServiceNames names;
    private final Dig dig;

    public DnsCheck(ServiceNames names, Dig dig) {
        this.names = names;
        this.dig = dig;
    }

    /**
     * @param oldAddress the old server's address as the inventory gives it (a name is resolved here)
     */
    public DnsSurvey survey(Path playbookDir, String inventory, String host, String oldAddress,
            Optional<NameServer> server) {
        return DnsSurvey.take(dig, server, names.of(playbookDir, inventory, host), addresses(oldAddress));
    }

    private static Set<String> addresses(String address) {
        Set<String> all = new TreeSet<>(Set.of(address));
        try {
            Arrays.stream(InetAddress.getAllByName(address)).map(InetAddress::getHostAddress).forEach(all::add);
        } catch (UnknownHostException e) {
            // the literal address is all there is to compare with
        }
        return all;
    }
}
