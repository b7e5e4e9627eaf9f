package dev.matrixmigrate.dns;

import dev.matrixmigrate.config.DnsProvider;
import dev.matrixmigrate.config.NameServer;
import dev.matrixmigrate.files.SafeYaml;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the DNS steps do, decided with the plan and kept in it ({@code dns-changes.yml}, which is also the
 * generated play's variables): who changes the records, at which server, which record sets move and to
 * what, which servers must answer the new addresses, and for how long to wait for them. Holds no secret:
 * the provider's secret file is named, not read.
 */
public record DnsChanges(DnsProvider provider, Optional<Path> credentials, NameServer server, List<NameServer> servers,
        Duration waitFor, List<RecordChange> changes) {
    public DnsChanges {
        servers = List.copyOf(servers);
        changes = List.copyOf(changes);
    }

    /**
     * The record sets that move: those holding an old server's address. In each, the old server's addresses
     * give way to the new server's of the same family (values pointing elsewhere stay), with {@code ttl}; a set
     * left without values is removed. A set of a name without any old address is not touched.
     */
    public static List<RecordChange> of(List<DnsSurvey.MovingName> moving, List<InetAddress> to, Duration ttl) {
        List<RecordChange> changes = new ArrayList<>();
        for (DnsSurvey.MovingName name : moving) {
            for (String type : List.of("A", "AAAA")) {
                List<DnsAnswer> now = name.records().stream().filter(r -> r.type().equals(type)).toList();
                if (now.stream().noneMatch(name.old()::contains)) {
                    continue;
                }
                List<String> next = new ArrayList<>(now.stream().filter(r -> !name.old().contains(r))
                        .map(DnsAnswer::value).toList());
                to.stream().filter(a -> (a instanceof Inet4Address) == type.equals("A")).map(DnsAnswer::text)
                        .filter(a -> !next.contains(a)).forEach(next::add);
                long before = now.stream().mapToLong(DnsAnswer::ttl).max().orElse(ttl.toSeconds());
                changes.add(new RecordChange(name.name(), name.zone().orElseThrow(), type,
                        new RecordChange.RecordSet(next, ttl.toSeconds()),
                        new RecordChange.RecordSet(now.stream().map(DnsAnswer::value).toList(), before)));
            }
        }
        return changes;
    }

    /** Whether a provider changes records, and there are any to change. */
    public boolean updates() {
        return provider.updates() && !changes.isEmpty();
    }

    /** The longest TTL the moved records had: how long a cache may still answer what they held before. */
    public long longestTtlBefore() {
        return changes.stream().mapToLong(c -> c.back().ttl()).max().orElse(0);
    }

    /** The play's variables, and what the steps read back. */
    public String yaml() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("matrix_migrate_dns_provider", provider.label());
        credentials.ifPresent(file -> data.put("matrix_migrate_dns_credentials", file.toString()));
        data.put("matrix_migrate_dns_server", server.address());
        data.put("matrix_migrate_dns_port", server.port());
        data.put("matrix_migrate_dns_servers", servers.stream().map(NameServer::toString).toList());
        data.put("matrix_migrate_dns_wait", waitFor.toSeconds());
        data.put("matrix_migrate_dns_changes", changes.stream().map(DnsChanges::yaml).toList());
        return "# Written by matrix-migrate: the DNS records that move (new) and what they held (old).\n"
                + SafeYaml.dumper().dump(data);
    }

    private static Map<String, Object> yaml(RecordChange change) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", change.name());
        data.put("zone", change.zone());
        data.put("type", change.type());
        data.put("new", yaml(change.to()));
        data.put("old", yaml(change.back()));
        return data;
    }

    private static Map<String, Object> yaml(RecordChange.RecordSet set) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("values", set.values());
        data.put("ttl", set.ttl());
        return data;
    }

    @SuppressWarnings("unchecked")
    public static DnsChanges read(Path file) throws IOException {
        try {
            Map<String, Object> data = SafeYaml.readMapping(file);
            List<RecordChange> changes = new ArrayList<>();
            for (Map<String, Object> change : (List<Map<String, Object>>) data.get("matrix_migrate_dns_changes")) {
                changes.add(new RecordChange((String) change.get("name"), (String) change.get("zone"),
                        (String) change.get("type"), set((Map<String, Object>) change.get("new")),
                        set((Map<String, Object>) change.get("old"))));
            }
            return new DnsChanges(DnsProvider.parse("provider", (String) data.get("matrix_migrate_dns_provider")),
                    Optional.ofNullable((String) data.get("matrix_migrate_dns_credentials")).map(Path::of),
                    new NameServer((String) data.get("matrix_migrate_dns_server"),
                            ((Number) data.get("matrix_migrate_dns_port")).intValue()),
                    ((List<String>) data.get("matrix_migrate_dns_servers")).stream()
                            .map(s -> NameServer.parse("server", s)).toList(),
                    Duration.ofSeconds(((Number) data.get("matrix_migrate_dns_wait")).longValue()), changes);
        } catch (ClassCastException | NullPointerException | dev.matrixmigrate.failure.Failure e) {
            throw new IOException(file + " is not as matrix-migrate wrote it", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static RecordChange.RecordSet set(Map<String, Object> data) {
        return new RecordChange.RecordSet((List<String>) data.get("values"), ((Number) data.get("ttl")).longValue());
    }
}
