package dev.matrixmigrate.forward;

import dev.matrixmigrate.ansible.InventoryHost;
import dev.matrixmigrate.config.ForwardSettings;
import dev.matrixmigrate.config.Validate;
import dev.matrixmigrate.dns.DnsChanges;
import dev.matrixmigrate.dns.RecordChange;
import dev.matrixmigrate.facts.PlaybookValues;
import dev.matrixmigrate.facts.PublicPort;
import dev.matrixmigrate.failure.Failure;
import dev.matrixmigrate.files.SafeYaml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the old server forwards to the new one from its stop: every public TCP port of the playbook,
 * at the TCP level (TLS stays end to end), by HAProxy in a transient systemd unit of its own that ends by itself.
 * Ports that the playbook's Traefik answers get a PROXY protocol header, and the new server's Traefik is told to
 * trust it from the old server's addresses, so that it sees the clients' own addresses.
 *
 * @param ports the forwarded ports, each with whether it gets a PROXY header
 * @param to the new server's address the forwarder connects to
 * @param oldAddresses the old server's addresses clients knew (its inventory address, what the moved records held):
 *        the forwarder listens on those the old server has, and the new server trusts PROXY headers from them
 */
public record ForwardPlan(List<Port> ports, String to, List<String> oldAddresses, ForwardSettings settings) {
    /** The transient unit on the old server: one per server, so a later run's forwarding replaces an earlier one's. */
    public static final String UNIT = "matrix-migrate-forward";
    /** Its configuration, on the old server's /run: gone with the unit at the latest at the next boot. */
    public static final String CONFIG = "/run/matrix-migrate/forward.cfg";
    public static final String PROGRAM = "haproxy";
    /** The trust the new server's Traefik gets, by the name traefik-proxy-protocol.yml gives it. */
    static final String TRUST_VARIABLE = "matrix_migrate_traefik_trust";

    /** A forwarded port. */
    public record Port(int port, String service, boolean proxyProtocol) {
    }

    public ForwardPlan {
        ports = List.copyOf(ports);
        oldAddresses = List.copyOf(oldAddresses);
    }

    /**
     * The forwarding a migration plans, empty when it does not forward. Refused when --forward asks for it and the
     * playbook publishes no TCP port.
     */
    public static Optional<ForwardPlan> of(PlaybookValues values, InventoryHost old, String newAddress,
            Optional<DnsChanges> dns, ForwardSettings settings) {
        if (!settings.on(dns.map(DnsChanges::updates).orElse(false))) {
            return Optional.empty();
        }
        List<PublicPort> published = values.publicPorts();
        if (published.isEmpty()) {
            if (settings.requested().isPresent()) {
                throw Failure.invalidInput("--forward: the playbook publishes no TCP port for " + old.name()
                        + " (no Traefik web port, federation port or TURN port bound on the host): leave out --forward");
            }
            return Optional.empty();
        }
        Set<String> oldAddresses = new LinkedHashSet<>(addresses(old.address()));
        List<String> newAddresses = new ArrayList<>();
        for (RecordChange change : dns.map(DnsChanges::changes).orElse(List.of())) {
            change.back().values().stream().filter(v -> !change.to().values().contains(v)).forEach(oldAddresses::add);
            change.to().values().stream().filter(v -> !change.back().values().contains(v) && !newAddresses.contains(v))
                    .forEach(newAddresses::add);
        }
        // PROXY headers only where the new server can be told whom to trust: the old server's addresses
        boolean proxy = !oldAddresses.isEmpty();
        List<Port> ports = published.stream().map(p -> new Port(p.port(), p.service(), proxy && p.entryPoint().isPresent()))
                .toList();
        // the address clients reach the new server at (the moved records'), else --to
        String to = newAddresses.stream().filter(a -> (a.contains(":")) == newAddress.contains(":")).findFirst()
                .or(() -> newAddresses.stream().findFirst()).orElse(newAddress);
        return Optional.of(new ForwardPlan(ports, to, new ArrayList<>(oldAddresses), settings));
    }

    /** An address as given, or what a name resolves to here (empty: it does not). */
    private static List<String> addresses(String address) {
        if (isAddress(address)) {
            return List.of(address);
        }
        try {
            return java.util.Arrays.stream(java.net.InetAddress.getAllByName(address))
                    .map(java.net.InetAddress::getHostAddress).distinct().toList();
        } catch (java.net.UnknownHostException e) {
            return List.of();
        }
    }

    /** Whether any port gets PROXY headers, so the new server's Traefik must trust them. */
    public boolean proxyProtocol() {
        return ports.stream().anyMatch(Port::proxyProtocol);
    }

    /** The ports, for people: "80 (web, PROXY protocol), 3478 (TURN)". */
    public String describePorts() {
        return String.join(", ", ports.stream().map(p -> p.port() + " (" + p.service()
                + (p.proxyProtocol() ? ", PROXY protocol" : "") + ")").toList());
    }

    /**
     * plan/traefik-proxy-protocol.yml, given to the install and the start on the new server: each forwarded entry
     * point trusts PROXY headers from the old server's addresses, merged when Ansible runs into the extension the
     * host's own traefik_configuration_extension_yaml makes (as the traefik role reads it), so that the plan holds
     * nothing of the user's configuration.
     */
    public String traefikTrust(PlaybookValues values) {
        Map<String, Object> entryPoints = new LinkedHashMap<>();
        List<String> trusted = oldAddresses.stream().map(a -> a.contains(":") ? a + "/128" : a + "/32").toList();
        for (PublicPort port : values.publicPorts()) {
            // a list of its own for each, so that the file spells each out instead of a YAML alias
            port.entryPoint().ifPresent(name -> entryPoints.put(name, Map.of("proxyProtocol",
                    Map.of("trustedIPs", new ArrayList<>(trusted)))));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(TRUST_VARIABLE, Map.of("entryPoints", entryPoints));
        data.put("traefik_configuration_extension", "{{ (traefik_configuration_extension_yaml | from_yaml"
                + " if traefik_configuration_extension_yaml | from_yaml is mapping else {}) | combine(" + TRUST_VARIABLE
                + ", recursive=True, list_merge='append_rp') }}");
        return "---\n# For the install and the start on the new server: its Traefik trusts PROXY protocol headers from the\n"
                + "# old server, which forwards clients that still resolve its address (matrix-migrate's forwarding). It\n"
                + "# extends the host's own traefik_configuration_extension_yaml, as the traefik role reads it, when Ansible\n"
                + "# runs; trusted addresses the host lists stay.\n"
                + SafeYaml.dumper().dump(data);
    }

    private static boolean isAddress(String text) {
        try {
            Validate.ipAddress("address", text);
            return true;
        } catch (Failure notAnAddress) {
            return false;
        }
    }
}
