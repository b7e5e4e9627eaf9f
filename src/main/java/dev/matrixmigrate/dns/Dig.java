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

/**
 * Asks DNS servers with dig (one try, two seconds): a name's records at one server without recursion,
 * so that the answer is the zone's own and not a cache's, and a zone's name servers.
 */
public final class Dig {
    private static final List<String> ONE_QUICK_TRY = List.of("+time=2", "+tries=1");
    private final ProcessRunner runner;
    private final Path workingDir;

    public Dig(ProcessRunner runner, Path workingDir) {
        this.runner = runner;
        this.workingDir = workingDir;
    }

    /** The records of a type the server has for a name (an empty list when none), or empty when it does not answer. */
    public Optional<List<DnsAnswer>> ask(NameServer server, String name, String type) {
        List<String> argv = new ArrayList<>(List.of("dig", "+norecurse", "+noall", "+answer"));
        argv.addAll(ONE_QUICK_TRY);
        argv.addAll(List.of("@" + server.address(), "-p", Integer.toString(server.port()), name, type));
        return run(argv).map(output -> output.lines().map(DnsAnswer::parse).flatMap(Optional::stream).toList());
    }

    /**
     * The name servers of the zone that holds a name, found through this machine's resolver by asking
     * for NS records from the name up; empty when none is found.
     */
    public List<NameServer> authoritative(String name) {
        for (String zone = name; zone.contains("."); zone = zone.substring(zone.indexOf('.') + 1)) {
            List<String> servers = shortAnswer(zone, "NS");
            if (!servers.isEmpty()) {
                return servers.stream().flatMap(server -> shortAnswer(server, "A").stream())
                        .filter(address -> address.matches("[0-9.]+"))
                        .map(address -> new NameServer(address, NameServer.DNS_PORT)).toList();
            }
        }
        return List.of();
    }

    private List<String> shortAnswer(String name, String type) {
        List<String> argv = new ArrayList<>(List.of("dig", "+short"));
        argv.addAll(ONE_QUICK_TRY);
        argv.addAll(List.of(name, type));
        return run(argv).map(output -> output.lines().map(String::strip).filter(line -> !line.isEmpty())
                .map(line -> line.endsWith(".") ? line.substring(0, line.length() - 1) : line).toList())
                .orElse(List.of());
    }

    private Optional<String> run(List<String> argv) {
        ProcessResult result = runner.run(CommandSpec.of(workingDir, argv).withTimeout(Duration.ofSeconds(10)),
                ProcessOutput.captured());
        return result.succeeded() ? Optional.of(result.output()) : Optional.empty();
    }
}
