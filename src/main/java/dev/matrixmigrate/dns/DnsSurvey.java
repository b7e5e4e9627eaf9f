package dev.matrixmigrate.dns;

import dev.matrixmigrate.config.NameServer;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the zone's authoritative server answers for each public name of the server, and which names
 * move: those whose A or AAAA record is the old server's address. Names pointing elsewhere are listed
 * and left alone; a name that is an alias (CNAME) follows its target. When no authoritative server can
 * be asked, the survey says why and holds no names.
 */
public record DnsSurvey(Optional<NameServer> server, String unavailable, List<NameRecords> names) {
    /** A name, the records the server has for it, and whether they point at the old server. */
    public record NameRecords(PublicName name, List<DnsAnswer> answers, boolean moves) {
        /** The address records that move, with their TTL. */
        List<DnsAnswer> moving() {
            return moves ? answers.stream().filter(a -> a.isAddress() && a.name().equals(name.name())).toList() : List.of();
        }
    }

    public DnsSurvey {
        names = List.copyOf(names);
    }

    /**
     * Asks the given server, or else the first of the zone's name servers that answers, for the A and AAAA
     * records of every name.
     */
    public static DnsSurvey take(Dig dig, Optional<NameServer> given, List<PublicName> names, Set<String> oldAddresses) {
        String domain = names.get(0).name();
        List<NameServer> servers = given.map(List::of).orElseGet(() -> dig.authoritative(domain));
        if (servers.isEmpty()) {
            return new DnsSurvey(Optional.empty(), "no authoritative DNS server for " + domain + " could be found"
                    + " through this machine's resolver (give one with --dns-server)", List.of());
        }
        for (NameServer server : servers) {
            List<NameRecords> found = new ArrayList<>();
            for (PublicName name : names) {
                Optional<List<DnsAnswer>> v4 = dig.ask(server, name.name(), "A");
                Optional<List<DnsAnswer>> v6 = v4.flatMap(answers -> dig.ask(server, name.name(), "AAAA"));
                if (v6.isEmpty()) {
                    found = null;
                    break;
                }
                List<DnsAnswer> answers = new ArrayList<>(v4.get());
                v6.get().stream().filter(a -> !answers.contains(a)).forEach(answers::add);
                boolean moves = answers.stream().anyMatch(a -> a.isAddress() && a.name().equals(name.name())
                        && oldAddresses.contains(a.value()));
                found.add(new NameRecords(name, answers, moves));
            }
            if (found != null) {
                return new DnsSurvey(Optional.of(server), null, found);
            }
        }
        return new DnsSurvey(Optional.empty(), "the DNS server" + (servers.size() > 1 ? "s " : " ")
                + servers.stream().map(NameServer::toString).collect(Collectors.joining(", ")) + " did not answer",
                List.of());
    }

    /** The survey as lines for a person: every name, its records and TTLs, and whether it moves. */
    public List<String> lines() {
        if (server.isEmpty()) {
            return List.of("DNS: " + unavailable + "; the records are left to you.");
        }
        List<String> lines = new ArrayList<>(List.of("DNS records at " + server.get() + " (authoritative, no cache):"));
        for (NameRecords name : names) {
            String records = name.answers().isEmpty() ? "no A or AAAA record"
                    : name.answers().stream().map(a -> (a.name().equals(name.name().name()) ? "" : a.name() + " ")
                            + a.type() + " " + a.value() + " TTL " + a.ttl()).collect(Collectors.joining(", "));
            String verdict = name.moves() ? "moves to the new server"
                    : name.answers().stream().anyMatch(a -> a.type().equals("CNAME")) ? "an alias: follows its target"
                    : name.answers().isEmpty() ? "left alone" : "points elsewhere: left alone";
            lines.add("  " + name.name().name() + " (" + name.name().variable() + "): " + records + ": " + verdict);
        }
        return lines;
    }

    /**
     * Why the migration should wait when a record that moves has a TTL above {@code maxTtl}: the records,
     * their TTL, and when a TTL lowered now will have reached every cache.
     */
    public Optional<String> ttlTooLong(Duration maxTtl, Instant now) {
        List<DnsAnswer> tooLong = names.stream().flatMap(n -> n.moving().stream()).filter(a -> a.ttl() > maxTtl.toSeconds())
                .toList();
        if (tooLong.isEmpty()) {
            return Optional.empty();
        }
        long longest = tooLong.stream().mapToLong(DnsAnswer::ttl).max().orElse(0);
        return Optional.of("the DNS records that move have a TTL above --max-ttl " + maxTtl.toSeconds() + " s: "
                + tooLong.stream().map(a -> a.name() + " " + a.type() + " (" + a.ttl() + " s)").collect(Collectors.joining(", "))
                + "; caches would send users to the stopped old server for that long. Lower them to " + maxTtl.toSeconds()
                + " s now: by " + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC)
                        .format(now.plusSeconds(longest)) + " every cache has the lower TTL; then migrate (--accept-ttl"
                + " goes on regardless)");
    }
}
