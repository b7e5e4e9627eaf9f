package dev.matrixmigrate.dns;

import dev.matrixmigrate.config.NameServer;
import dev.matrixmigrate.process.CommandSpec;
import dev.matrixmigrate.process.ProcessOutput;
import dev.matrixmigrate.process.ProcessResult;
import dev.matrixmigrate.process.ProcessRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks DNS servers with dig (one try, two seconds): a name's records at one server without recursion,
 * taken only when the server answers as the zone's authority, and a zone's name servers.
 */
public final class Dig {
    private static final List<String> ONE_QUICK_TRY = List.of("+time=2", "+tries=1");
    private static final Pattern STATUS = Pattern.compile(";; ->>HEADER<<- .*status: ([A-Z]+),");
    private static final Pattern FLAGS = Pattern.compile(";; flags: ([a-z ]*);");
    private final ProcessRunner runner;
    private final Path workingDir;

    public Dig(ProcessRunner runner, Path workingDir) {
        this.runner = runner;
        this.workingDir = workingDir;
    }

    /** Whether dig is installed: without it there is no survey, and the records are left to the person. */
    public static boolean installed() {
        return dev.matrixmigrate.ansible.AnsibleTools.find("dig").isPresent();
    }

    /**
     * The records of a type the server has for a name (an empty list when none), or empty when it does not
     * answer as the zone's authority (no reply, REFUSED, SERVFAIL, a referral, or an answer from a cache).
     */
    public Optional<List<DnsAnswer>> ask(NameServer server, String name, String type) {
        List<String> argv = new ArrayList<>(List.of("dig", "+norecurse", "+noall", "+comments", "+answer"));
        argv.addAll(ONE_QUICK_TRY);
        argv.addAll(List.of("@" + server.address(), "-p", Integer.toString(server.port()), name, type));
        return run(argv).filter(Dig::fromTheAuthority)
                .map(output -> output.lines().map(DnsAnswer::parse).flatMap(Optional::stream).toList());
    }

    /**
     * The zone the server holds a name in (the owner of the SOA record it answers, or names in the authority
     * section of a reply without one), or empty when it does not answer for the name as its authority.
     */
    public Optional<String> zoneOf(NameServer server, String name) {
        List<String> argv = new ArrayList<>(List.of("dig", "+norecurse", "+noall", "+comments", "+answer", "+authority"));
        argv.addAll(ONE_QUICK_TRY);
        argv.addAll(List.of("@" + server.address(), "-p", Integer.toString(server.port()), name, "SOA"));
        return run(argv).filter(Dig::fromTheAuthority).flatMap(output -> output.lines().map(DnsAnswer::parse)
                .flatMap(Optional::stream).filter(answer -> answer.type().equals("SOA")).map(DnsAnswer::name).findFirst());
    }

    static boolean fromTheAuthority(String output) {
        Matcher status = STATUS.matcher(output);
        Matcher flags = FLAGS.matcher(output);
        return status.find() && (status.group(1).equals("NOERROR") || status.group(1).equals("NXDOMAIN"))
                && flags.find() && List.of(flags.group(1).split(" ")).contains("aa");
    }

    /**
     * The name servers of the zone that holds a name, found through this machine's resolver by asking
     * for NS records from the name up; empty when none is found.
     */
    public List<NameServer> authoritative(String name) {
        for (String zone = name; zone.contains("."); zone = zone.substring(zone.indexOf('.') + 1)) {
            List<String> servers = answers(zone, "NS");
            if (!servers.isEmpty()) {
                return servers.stream().flatMap(server -> answers(server, "A").stream())
                        .map(address -> new NameServer(address, NameServer.DNS_PORT)).toList();
            }
        }
        return List.of();
    }

    /** The data of the records of this type the resolver answers for the name (a CNAME in between is not one). */
    private List<String> answers(String name, String type) {
        List<String> argv = new ArrayList<>(List.of("dig", "+noall", "+answer"));
        argv.addAll(ONE_QUICK_TRY);
        argv.addAll(List.of(name, type));
        return run(argv).map(output -> output.lines().map(DnsAnswer::parse).flatMap(Optional::stream)
                .filter(answer -> answer.type().equals(type)).map(DnsAnswer::value).toList()).orElse(List.of());
    }

    private Optional<String> run(List<String> argv) {
        ProcessResult result = runner.run(CommandSpec.of(workingDir, argv).withTimeout(Duration.ofSeconds(10)),
                ProcessOutput.captured());
        return result.succeeded() ? Optional.of(result.output()) : Optional.empty();
    }
}
