package dev.matrixmigrate.dns;

import dev.matrixmigrate.config.NameServer;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the zone's authoritative server answers for each public name of the server, and which records
 * move: the address records (A, AAAA) that are the old server's address, the name's own or, for an alias
 * (CNAME), its target's. Names pointing elsewhere are listed and left alone. When no authoritative server
 * can be asked, the survey says why and holds no names. Whether a moving record's TTL is too long is
 * decided once, when the survey is taken.
 */
public record DnsSurvey(Optional<NameServer> server, List<NameServer> servers, Optional<NameServer> primary,
        String unavailable, List<NameRecords> names, List<MovingName> moving, Optional<String> ttlTooLong) {
    /** A name and the records the server has for it; no records and not answered: another server's zone. */
    public record NameRecords(PublicName name, boolean answered, List<DnsAnswer> answers, boolean moves) {
    }

    /**
     * A name with an address record that is the old server's, its zone (empty when the server did not say),
     * all its address records now, and which of them are the old server's.
     */
    public record MovingName(String name, Optional<String> zone, List<DnsAnswer> records, List<DnsAnswer> old) {
        public MovingName {
            records = List.copyOf(records);
            old = List.copyOf(old);
        }
    }

    public DnsSurvey {
        servers = List.copyOf(servers);
        names = List.copyOf(names);
        moving = List.copyOf(moving);
    }

    static DnsSurvey unavailable(String why) {
        return new DnsSurvey(Optional.empty(), List.of(), Optional.empty(), why, List.of(), List.of(), Optional.empty());
    }

    public boolean available() {
        return server.isPresent();
    }

    /**
     * Asks the given server, or else the first of the zone's name servers that answers for the base domain as
     * its authority, for the A and AAAA records of every name. The servers that must answer the moved records
     * later are that one and every name server of the zone that answers as its authority; the primary, where
     * updates go, is the address of the zone's SOA MNAME when it can be found.
     */
    public static DnsSurvey take(Dig dig, Optional<NameServer> given, List<PublicName> names, Set<InetAddress> old,
            Duration maxTtl, Instant now) {
        String domain = names.get(0).name();
        List<NameServer> servers = new ArrayList<>(given.map(List::of).orElse(List.of()));
        dig.authoritative(domain).stream().filter(s -> !servers.contains(s)).forEach(servers::add);
        if (servers.isEmpty()) {
            return unavailable("no authoritative DNS server for " + domain + " could be found through this machine's"
                    + " resolver (give one with --dns-server)");
        }
        List<NameServer> answering = servers.stream().filter(s -> dig.ask(s, domain, "SOA").isPresent()).toList();
        Optional<NameServer> server = answering.stream().findFirst();
        if (server.isEmpty()) {
            return unavailable((servers.size() > 1 ? "none of the DNS servers " : "the DNS server ")
                    + servers.stream().map(NameServer::toString).collect(Collectors.joining(", "))
                    + (servers.size() > 1 ? " answered" : " did not answer") + " for " + domain + " as its authority");
        }
        List<NameRecords> found = new ArrayList<>();
        Map<String, DnsAnswer> moving = new LinkedHashMap<>();
        for (PublicName name : names) {
            Optional<List<DnsAnswer>> v4 = dig.ask(server.get(), name.name(), "A");
            Optional<List<DnsAnswer>> v6 = v4.flatMap(answers -> dig.ask(server.get(), name.name(), "AAAA"));
            List<DnsAnswer> answers = new ArrayList<>(v4.orElse(List.of()));
            v6.orElse(List.of()).stream().filter(a -> !answers.contains(a)).forEach(answers::add);
            answers.stream().filter(a -> a.pointsAt(old)).forEach(a -> moving.putIfAbsent(a.name() + " " + a.type(), a));
            found.add(new NameRecords(name, v6.isPresent(), answers,
                    answers.stream().anyMatch(a -> a.name().equals(name.name()) && a.pointsAt(old))));
        }
        return new DnsSurvey(server, answering, primary(dig, server.get(), domain), null, found,
                movingNames(dig, server.get(), found, moving.values(), old), tooLong(List.copyOf(moving.values()), maxTtl, now));
    }

    /** The address of the zone's primary (its SOA MNAME), as the zone itself or this machine's resolver gives it. */
    private static Optional<NameServer> primary(Dig dig, NameServer server, String domain) {
        Optional<String> mname = dig.zoneOf(server, domain).flatMap(zone -> dig.ask(server, zone, "SOA"))
                .flatMap(answers -> answers.stream().filter(a -> a.type().equals("SOA")).findFirst())
                .map(soa -> DnsAnswer.normal(soa.value().split("\\s+")[0]));
        if (mname.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> address = dig.ask(server, mname.get(), "A").flatMap(answers -> answers.stream()
                .filter(a -> a.type().equals("A")).map(DnsAnswer::value).findFirst());
        if (address.isEmpty()) {
            try {
                address = Optional.of(InetAddress.getByName(mname.get()).getHostAddress());
            } catch (java.net.UnknownHostException e) {
                return Optional.empty();
            }
        }
        return address.map(a -> new NameServer(a, NameServer.DNS_PORT)).filter(primary -> dig.ask(primary, domain, "SOA")
                .isPresent());
    }

    /** Every owner of a record that moves, with all its address records (an alias's target included) and its zone. */
    private static List<MovingName> movingNames(Dig dig, NameServer server, List<NameRecords> found,
            java.util.Collection<DnsAnswer> moving, Set<InetAddress> old) {
        List<String> owners = moving.stream().map(DnsAnswer::name).distinct().toList();
        List<MovingName> names = new ArrayList<>();
        for (String owner : owners) {
            List<DnsAnswer> records = found.stream().flatMap(name -> name.answers().stream())
                    .filter(a -> a.name().equals(owner) && a.isAddress()).distinct().toList();
            names.add(new MovingName(owner, dig.zoneOf(server, owner), records,
                    records.stream().filter(a -> a.pointsAt(old)).toList()));
        }
        return names;
    }

    /** The survey as lines for a person: every name, its records and TTLs, and whether it moves. */
    public List<String> lines() {
        if (server.isEmpty()) {
            return List.of("DNS: " + unavailable + "; the records are left to you.");
        }
        List<String> lines = new ArrayList<>(List.of("DNS records at " + server.get() + " (authoritative, no cache):"));
        for (NameRecords name : names) {
            String records = !name.answered() ? "not answered by this server (another zone)"
                    : name.answers().isEmpty() ? "no A or AAAA record"
                    : name.answers().stream().map(a -> (a.name().equals(name.name().name()) ? "" : a.name() + " ")
                            + a.type() + " " + a.value() + " TTL " + a.ttl()).collect(Collectors.joining(", "));
            boolean alias = name.answers().stream().anyMatch(a -> a.type().equals("CNAME"));
            String verdict = name.moves() ? "moves to the new server"
                    : alias ? "an alias: follows its target"
                    : name.answers().isEmpty() ? "left to you" : "points elsewhere: left alone";
            lines.add("  " + name.name().name() + " (" + name.name().variable() + "): " + records + ": " + verdict);
        }
        return lines;
    }

    /**
     * Why the migration should wait when a record that moves has a TTL above {@code maxTtl}: the records,
     * their TTL, and when a TTL lowered now will have reached every cache (rounded up to the minute).
     */
    static Optional<String> tooLong(List<DnsAnswer> moving, Duration maxTtl, Instant now) {
        List<DnsAnswer> tooLong = moving.stream().filter(a -> a.ttl() > maxTtl.toSeconds()).toList();
        if (tooLong.isEmpty()) {
            return Optional.empty();
        }
        long longest = tooLong.stream().mapToLong(DnsAnswer::ttl).max().orElse(0);
        Instant cachesAgree = now.plusSeconds(longest).plus(Duration.ofMinutes(1)).minusNanos(1)
                .truncatedTo(ChronoUnit.MINUTES);
        return Optional.of("the DNS records that move have a TTL above --max-ttl " + maxTtl.toSeconds() + " s: "
                + tooLong.stream().map(a -> a.name() + " " + a.type() + " (" + a.ttl() + " s)").collect(Collectors.joining(", "))
                + "; caches would send users to the stopped old server for that long. Lower them to " + maxTtl.toSeconds()
                + " s now: by " + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC)
                        .format(cachesAgree) + " every cache has the lower TTL; then migrate (--accept-ttl goes on"
                + " regardless)");
    }
}
