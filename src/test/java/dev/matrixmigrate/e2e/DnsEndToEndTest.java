package dev.matrixmigrate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.matrixmigrate.migrate.RunFolder;
import dev.matrixmigrate.support.Cli;
import dev.matrixmigrate.support.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's DNS records as a real BIND 9 on a loopback address serves them: the names come from the
 * playbook's variables, the records from the zone's own server, and a long TTL on a record that moves
 * stops the migration before anything runs.
 */
class DnsEndToEndTest {
    private static final String OLD = "192.0.2.10";

    @TempDir
    Path root;
    Path playbook;
    BindServer bind;

    @BeforeEach
    void playbook() throws IOException {
        Assumptions.assumeTrue(TwoHosts.available(), "the DNS tests need root (see the test output)");
        playbook = Fixtures.copy("playbook", root.resolve("playbook"));
        // one more service, whose name points elsewhere
        Files.writeString(playbook.resolve("inventory/host_vars/matrix.example.com/vars.yml"),
                "etherpad_enabled: true\nmatrix_server_fqn_etherpad: \"pad.{{ matrix_domain }}\"\n", StandardOpenOption.APPEND);
    }

    @AfterEach
    void stop() {
        if (bind != null) {
            bind.close();
        }
    }

    private void serve(int ttl) {
        bind = BindServer.start(root.resolve("bind"), "example.com", ttl, List.of("@ IN A " + OLD, "matrix IN A " + OLD,
                "element IN CNAME matrix", "pad IN A 198.51.100.99"));
    }

    private Cli.Result run(String command, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of(command, "--playbook", playbook.toString(), "--host",
                "matrix.example.com", "--to", "198.51.100.20"));
        args.addAll(List.of(more));
        return Cli.runShowingOutput(args.toArray(String[]::new));
    }

    @Test
    void planShowsEveryNameItsRecordsAndTtlAndWhichMove() throws IOException {
        serve(3600);
        Path planDir = root.resolve("plan");
        Cli.Result plan = run("plan", "--dns-server", bind.address(), "--output", planDir.toString());
        assertEquals(0, plan.exitCode(), plan.toString());
        for (String line : List.of("DNS records at 127.0.0.50:10053 (authoritative, no cache):",
                "  example.com (matrix_domain): A 192.0.2.10 TTL 3600: moves to the new server",
                "  matrix.example.com (matrix_server_fqn_matrix): A 192.0.2.10 TTL 3600: moves to the new server",
                "  element.example.com (matrix_server_fqn_element): CNAME matrix.example.com TTL 3600,"
                        + " matrix.example.com A 192.0.2.10 TTL 3600: an alias: follows its target",
                "  pad.example.com (matrix_server_fqn_etherpad): A 198.51.100.99 TTL 3600: points elsewhere: left alone",
                "warning: the DNS records that move have a TTL above --max-ttl 300 s: example.com A (3600 s),"
                        + " matrix.example.com A (3600 s)")) {
            assertTrue(plan.out().contains(line + "\n") || plan.out().contains(line + ";"), line + "\n" + plan.out());
            assertTrue(Files.readString(planDir.resolve("dns-records.txt")).contains(line), line);
        }
        assertFalse(plan.out().contains("hydrogen"), "services the host does not enable have no name to move");
    }

    @Test
    void migrateIsRefusedWhileARecordThatMovesHasALongTtl() {
        serve(3600);
        Cli.Result refused = run("migrate", "--dns-server", bind.address(), "--yes");
        assertEquals(2, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("preflight refused: the DNS records that move have a TTL above --max-ttl 300 s:"
                + " example.com A (3600 s), matrix.example.com A (3600 s); caches would send users to the stopped old"
                + " server for that long. Lower them to 300 s now: by "), refused.err());
        assertTrue(refused.err().contains("every cache has the lower TTL; then migrate (--accept-ttl goes on regardless)"
                + " (nothing was changed)"), refused.err());
        assertEquals(1, refused.err().strip().lines().count(), refused.err());
        assertFalse(Files.exists(RunFolder.runsDir(playbook)), "nothing was started");

        Cli.Result longer = run("migrate", "--dns-server", bind.address(), "--yes", "--max-ttl", "3600", "--dry-run");
        assertEquals(0, longer.exitCode(), longer.toString());
        assertTrue(longer.out().contains("matrix.example.com (matrix_server_fqn_matrix): A 192.0.2.10 TTL 3600: moves to"
                + " the new server"), longer.out());
    }

    @Test
    void aDnsServerThatDoesNotAnswerIsOneLineAndThePlanGoesOn() {
        serve(300);
        Cli.Result plan = run("plan", "--dns-server", "127.0.0.50:10054", "--output", root.resolve("plan").toString());
        assertEquals(0, plan.exitCode(), plan.toString());
        assertTrue(plan.out().contains("DNS: the DNS server 127.0.0.50:10054 did not answer for example.com as its"
                + " authority; the records are left to you.\n"),
                plan.out());
        Cli.Result bad = run("plan", "--dns-server", "127.0.0.50:port", "--output", root.resolve("plan2").toString());
        assertEquals(2, bad.exitCode(), bad.toString());
        assertTrue(bad.err().contains("--dns-server 127.0.0.50:port: the port after ':' must be a number"), bad.err());
    }
}
