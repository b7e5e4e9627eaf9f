package dev.matrixmigrate.e2e;

import dev.matrixmigrate.support.Programs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real BIND 9 on a loopback address, authoritative for one zone, for the DNS tests: named listens
 * only on addresses an interface has, so the address is added to lo while it runs.
 */
final class BindServer implements AutoCloseable {
    static final String ADDRESS = "127.0.0.50";
    static final int PORT = 10053;
    private final Path dir;
    private final Process named;

    private BindServer(Path dir, Process named) {
        this.dir = dir;
        this.named = named;
    }

    /** Serves {@code zone} with these records (zone file lines after the SOA and NS), every record with this TTL. */
    static BindServer start(Path dir, String zone, int ttl, List<String> records) {
        return start(dir, zone, ttl, records, null);
    }

    /**
     * The same, accepting RFC 2136 updates of any record of the zone signed with this key (a file as tsig-keygen
     * writes it), or none when null.
     */
    static BindServer start(Path dir, String zone, int ttl, List<String> records, Path key) {
        try {
            Files.createDirectories(dir);
            Programs.run(dir, List.of("ip", "addr", "replace", ADDRESS + "/32", "dev", "lo"));
            Files.writeString(dir.resolve("named.conf"), String.join("\n",
                    "options {",
                    "  directory \"" + dir + "\";",
                    "  listen-on port " + PORT + " { " + ADDRESS + "; };",
                    "  listen-on-v6 { none; };",
                    "  recursion no;",
                    "  pid-file \"" + dir.resolve("named.pid") + "\";",
                    "  dnssec-validation no;",
                    "};",
                    key == null ? "" : "include \"" + key + "\";",
                    "zone \"" + zone + "\" { type primary; file \"" + dir.resolve(zone + ".zone") + "\";"
                            + (key == null ? "" : " update-policy { grant " + keyName(key) + " zonesub ANY; };") + " };",
                    ""));
            StringBuilder file = new StringBuilder("$TTL " + ttl + "\n@ IN SOA ns1 hostmaster 1 3600 600 86400 60\n"
                    + "@ IN NS ns1\nns1 IN A " + ADDRESS + "\n");
            records.forEach(record -> file.append(record).append('\n'));
            Files.writeString(dir.resolve(zone + ".zone"), file.toString());
            Process named = new ProcessBuilder("named", "-f", "-c", dir.resolve("named.conf").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("named.log").toFile()).start();
            BindServer server = new BindServer(dir, named);
            server.awaitListening();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String keyName(Path key) throws IOException {
        String text = Files.readString(key);
        return text.substring(text.indexOf('"') + 1, text.indexOf('"', text.indexOf('"') + 1));
    }

    /** Writes a new TSIG key as tsig-keygen does, readable by its owner only. */
    static Path newKey(Path file, String name) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, Programs.ok(file.getParent(), "tsig-keygen", "-a", "hmac-sha256", name));
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the server answers for a name and type: {@code TTL VALUE} lines, sorted. */
    String answers(String name, String type) {
        return Programs.ok(dir, "dig", "+norecurse", "+noall", "+answer", "@" + ADDRESS, "-p", Integer.toString(PORT),
                name, type).lines().map(line -> line.trim().split("\\s+")).filter(f -> f.length == 5 && f[3].equals(type))
                .map(f -> f[1] + " " + f[4]).sorted().collect(java.util.stream.Collectors.joining("\n"));
    }

    String address() {
        return ADDRESS + ":" + PORT;
    }

    private void awaitListening() throws IOException {
        for (int i = 0; i < 100 && named.isAlive(); i++) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(ADDRESS, PORT), 200);
                return;
            } catch (IOException notYet) {
                TwoHosts.sleep(100);
            }
        }
        throw new IllegalStateException("named did not start: " + Files.readString(dir.resolve("named.log")));
    }

    @Override
    public void close() {
        named.destroy();
        try {
            named.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Programs.run(dir, List.of("ip", "addr", "del", ADDRESS + "/32", "dev", "lo"));
    }
}
