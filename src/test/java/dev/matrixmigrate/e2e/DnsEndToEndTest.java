package dev.matrixmigrate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.matrixmigrate.engine.RunFolder;

import dev.matrixmigrate.support.Cli;
import dev.matrixmigrate.support.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
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
        playbook = Fixtures.playbook(root.resolve("playbook"));
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

    @Test
    void planWithRfc2136WritesThePlayAndTheChangesButNeverTheKey() throws IOException {
        serve(300);
        Path key = BindServer.newKey(root.resolve("keys/update.key"), "matrix-migrate");
        Path planDir = root.resolve("plan");
        Cli.Result plan = run("plan", "--dns-server", bind.address(), "--dns-provider", "rfc2136", "--tsig-key-file",
                key.toString(), "--max-ttl", "120", "--dns-address", "2001:db8::20", "--dns-address", "198.51.100.21",
                "--output", planDir.toString());
        assertEquals(0, plan.exitCode(), plan.toString());
        for (String line : List.of("Right after the cutover, matrix-migrate changes (--dns-provider rfc2136 at"
                        + " 127.0.0.50:10053):",
                "  example.com A 192.0.2.10 TTL 300 -> 198.51.100.21 TTL 120",
                "  matrix.example.com A 192.0.2.10 TTL 300 -> 198.51.100.21 TTL 120")) {
            assertTrue(plan.out().contains(line + "\n"), line + "\n" + plan.out());
        }
        assertFalse(plan.out().contains("AAAA (none) ->"), "a family a name never had is not added: " + plan.out());
        assertFalse(plan.out().contains("pad.example.com A"), "a name pointing elsewhere does not move");
        String steps = Files.readString(planDir.resolve("steps.md"));
        assertTrue(steps.contains("`dns-check`") && steps.contains("dns.yml --extra-vars=@"), steps);
        String secret = Files.readString(key).replaceAll("(?s).*secret \"([^\"]+)\".*", "$1").strip();
        try (var files = Files.walk(planDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertFalse(Files.readString(file).contains(secret), "the key's secret must not be in " + file);
            }
        }
        assertFalse(plan.out().contains(secret) || plan.err().contains(secret));
    }

    @Test
    void badDnsInputsAreOneLineWithExitTwoAndTouchNothing() throws IOException {
        serve(300);
        Path key = BindServer.newKey(root.resolve("keys/update.key"), "matrix-migrate");
        Path open = root.resolve("keys/open.key");
        Files.copy(key, open);
        Files.setPosixFilePermissions(open, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        Map<List<String>, String> cases = new java.util.LinkedHashMap<>();
        cases.put(List.of("--dns-provider", "route53"), "--dns-provider 'route53' is not a provider: choose none,"
                + " rfc2136, cloudflare");
        cases.put(List.of("--dns-provider", "rfc2136"), "--dns-provider rfc2136 needs --tsig-key-file FILE");
        cases.put(List.of("--dns-provider", "rfc2136", "--tsig-key-file", root.resolve("keys/none.key").toString()),
                "--tsig-key-file " + root.resolve("keys/none.key") + " does not exist");
        cases.put(List.of("--dns-provider", "rfc2136", "--tsig-key-file", open.toString()),
                "--tsig-key-file " + open + " can be read by others (mode rw-r--r--): make it private with chmod 600");
        cases.put(List.of("--dns-provider", "rfc2136", "--cloudflare-token-file", key.toString()),
                "--cloudflare-token-file is for --dns-provider cloudflare, not rfc2136");
        cases.put(List.of("--dns-provider", "rfc2136", "--tsig-key-file", key.toString(), "--dns-server", "127.0.0.50:10054"),
                "--dns-provider rfc2136 needs the zone's authoritative server, but the DNS server 127.0.0.50:10054 did"
                        + " not answer for example.com as its authority");
        cases.put(List.of("--dns-address", "pad.example.com"), "--dns-address 'pad.example.com' is not an IP address");
        cases.put(List.of("--dns-provider", "cloudflare", "--cloudflare-token-file", key.toString(), "--max-ttl", "60"),
                "--max-ttl 60 is below the shortest TTL Cloudflare takes (120 s)");
        for (Map.Entry<List<String>, String> bad : cases.entrySet()) {
            List<String> args = new java.util.ArrayList<>(List.of("--output", root.resolve("plan").toString()));
            args.addAll(bad.getKey());
            if (!bad.getKey().contains("--dns-server")) {
                args.addAll(List.of("--dns-server", bind.address()));
            }
            Cli.Result plan = run("plan", args.toArray(String[]::new));
            assertEquals(2, plan.exitCode(), plan.toString());
            assertTrue(plan.err().contains(bad.getValue()), bad.getValue() + "\n" + plan.err());
            assertEquals(1, plan.err().strip().lines().count(), plan.err());
            assertFalse(Files.exists(root.resolve("plan")), "nothing is written");
        }
    }

    /**
     * The records move with the migration, signed with a TSIG key, as BIND serves them afterwards; a key the
     * server does not know stops the run before the old server stops, and the resume with the right key
     * finishes it; a rollback puts every record back.
     */
    @Test
    void migrateWithRfc2136MovesTheRecordsWaitsForThemAndTheRollbackPutsThemBack(TestInfo test) throws IOException {
        TwoHosts hosts = TwoHosts.start(root.resolve("hosts"));
        try {
            hosts.provisionOld();
            Path key = BindServer.newKey(root.resolve("keys/update.key"), "matrix-migrate");
            // TTL 3600: above --max-ttl, so the run goes on only with --accept-ttl
            bind = BindServer.start(root.resolve("bind"), "example.com", 3600, List.of("@ IN A " + TwoHosts.OLD_ADDRESS,
                    "matrix IN A " + TwoHosts.OLD_ADDRESS, "element IN CNAME matrix", "pad IN A 198.51.100.99"), key);
            String keyText = Files.readString(key);
            BindServer.newKey(key, "matrix-migrate"); // same name, another secret: the server refuses its signature
            List<String> args = List.of("migrate", "--playbook", hosts.playbook.toString(), "--to", TwoHosts.NEW_ADDRESS,
                    "--yes", "--dns-provider", "rfc2136", "--tsig-key-file", key.toString(), "--dns-server", bind.address(),
                    "--max-ttl", "120", "--accept-ttl", "--wait-dns", "30");
            Cli.Result refused = Cli.runShowingOutput(args.toArray(String[]::new));
            assertEquals(1, refused.exitCode(), refused.toString());
            assertTrue(refused.err().contains("dns-check") && refused.err().contains("refused the update")
                    && refused.err().contains("--resume"), refused.err());
            assertEquals("3600 " + TwoHosts.OLD_ADDRESS, bind.answers("matrix.example.com", "A"), "records unchanged");
            assertEquals("enabled", hosts.unitState(TwoHosts.OLD, "is-enabled"), "the old server was not stopped");
            String secret = Files.readString(key).replaceAll("(?s).*secret \"([^\"]+)\".*", "$1").strip();
            assertFalse(refused.out().contains(secret) || refused.err().contains(secret), "the secret is never shown");

            Files.writeString(key, keyText);
            Cli.Result done = Cli.runShowingOutput("migrate", "--playbook", hosts.playbook.toString(), "--resume", "--yes");
            assertEquals(0, done.exitCode(), done.toString());
            for (String name : List.of("example.com", "matrix.example.com")) {
                assertEquals("120 " + TwoHosts.NEW_ADDRESS, bind.answers(name, "A"), name + " moved, with TTL --max-ttl");
            }
            assertEquals("198.51.100.99", bind.answers("pad.example.com", "A").split(" ")[1], "the other name stays");
            assertEquals("3600 198.51.100.99", bind.answers("pad.example.com", "A"));
            assertTrue(done.out().contains("Every authoritative server (127.0.0.50:10053) answers the new server's"
                    + " address for the records that move. Caches may hand out the previous address until "), done.out());
            assertTrue(done.out().contains("(the TTL the records had, 3600 s, after the change)"), done.out());
            String secretNow = Files.readString(key).replaceAll("(?s).*secret \"([^\"]+)\".*", "$1").strip();
            Path runDir = RunFolder.find(hosts.playbook, null, "resume").dir();
            try (var files = Files.walk(runDir)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    assertFalse(Files.readString(file).contains(secretNow), "the key's secret must not be in " + file);
                }
            }
            assertFalse(done.out().contains(secretNow), "the secret is never shown");
            try (var temp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
                assertEquals(List.of(), temp.filter(p -> p.getFileName().toString().startsWith("matrix-migrate-dns"))
                        .toList(), "the private file with the key is deleted");
            }

            Cli.Result back = Cli.runShowingOutput("migrate", "--playbook", hosts.playbook.toString(), "--rollback",
                    "--force", "--yes");
            assertEquals(0, back.exitCode(), back.toString());
            for (String name : List.of("example.com", "matrix.example.com")) {
                assertEquals("3600 " + TwoHosts.OLD_ADDRESS, bind.answers(name, "A"), name + " is back as it was");
                assertEquals("", bind.answers(name, "AAAA"));
            }
        } finally {
            try {
                hosts.recordPlaybookRuns(test, 0);
            } finally {
                hosts.close();
            }
        }
    }

    @Test
    void everyServerIsAskedForEveryMovedSetAndAFederationNameOfItsOwnCounts() throws IOException {
        Files.writeString(playbook.resolve("inventory/host_vars/matrix.example.com/vars.yml"),
                "matrix_server_fqn_matrix_federation: \"fed.{{ matrix_domain }}\"\n", StandardOpenOption.APPEND);
        bind = BindServer.start(root.resolve("bind"), "example.com", 300, List.of("@ IN A " + OLD, "matrix IN A " + OLD,
                "element IN CNAME matrix", "fed IN A " + OLD, "fed IN AAAA 2001:db8::10", "pad IN A 198.51.100.99"));
        Path planDir = root.resolve("plan");
        Cli.Result plan = run("plan", "--dns-server", bind.address(), "--output", planDir.toString());
        assertEquals(0, plan.exitCode(), plan.toString());
        assertTrue(plan.out().contains("  fed.example.com (matrix_server_fqn_matrix_federation): A 192.0.2.10 TTL 300,"
                + " AAAA 2001:db8::10 TTL 300: moves to the new server\n"), plan.out());
        assertTrue(plan.out().contains("  fed.example.com A 192.0.2.10 TTL 300 -> 198.51.100.20 TTL 300\n"), plan.out());
        assertFalse(plan.out().contains("fed.example.com AAAA 2001:db8::10 TTL 300 ->"),
                "an AAAA that is not the old server's stays: " + plan.out());
        dev.matrixmigrate.dns.DnsChanges changes = dev.matrixmigrate.dns.DnsChanges.read(planDir.resolve("dns-changes.yml"));
        dev.matrixmigrate.dns.MovedRecords records = new dev.matrixmigrate.dns.MovedRecords(
                new dev.matrixmigrate.dns.Dig(new dev.matrixmigrate.process.ProcessRunner(), root), changes);
        assertEquals(List.of("127.0.0.50:10053: example.com A answers 192.0.2.10",
                "127.0.0.50:10053: matrix.example.com A answers 192.0.2.10",
                "127.0.0.50:10053: fed.example.com A answers 192.0.2.10"), records.notYet(false),
                "nothing moved yet: every set still answers the old server");
        assertEquals(List.of(), records.notYet(true), "every set answers what it held before");
    }
}
