package dev.matrixmigrate.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.matrixmigrate.ansible.InventoryHost;
import dev.matrixmigrate.config.DnsProvider;
import dev.matrixmigrate.config.ForwardSettings;
import dev.matrixmigrate.config.NameServer;
import dev.matrixmigrate.dns.DnsChanges;
import dev.matrixmigrate.dns.RecordChange;
import dev.matrixmigrate.facts.PlaybookValues;
import dev.matrixmigrate.facts.PublicPort;
import dev.matrixmigrate.failure.ExitCode;
import dev.matrixmigrate.failure.Failure;
import dev.matrixmigrate.files.SafeYaml;
import dev.matrixmigrate.support.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the old server forwards, from the playbook's values, and when the forwarding ends. */
class ForwardPlanTest {
    private static final InventoryHost OLD = new InventoryHost("matrix.example.com", "192.0.2.10", "root", null, false,
            null);
    private static final ForwardSettings ASKED = new ForwardSettings(Optional.of(true), Optional.empty());

    @TempDir
    Path dir;

    private static Map<String, Object> values() {
        Map<String, Object> values = Fixtures.requiredPlaybookValues();
        values.put("traefik_enabled", true);
        values.put("traefik_config_entrypoint_web_name", "web");
        values.put("traefik_config_entrypoint_web_secure_name", "web-secure");
        values.put("traefik_container_web_host_bind_port", "80");
        values.put("traefik_container_web_secure_host_bind_port", "0.0.0.0:443");
        values.put("matrix_playbook_public_matrix_federation_api_traefik_entrypoint_enabled", true);
        values.put("matrix_federation_traefik_entrypoint_name", "matrix-federation");
        values.put("coturn_enabled", true);
        values.put("coturn_container_stun_plain_host_bind_port_tcp", "3478");
        values.put("coturn_container_stun_tls_host_bind_port_tcp", "5349");
        return values;
    }

    @Test
    void everyPublicTcpPortIsForwardedAndOnlyTraefiksGetProxyHeaders() {
        ForwardPlan plan = ForwardPlan.of(new PlaybookValues("matrix.example.com", values()), OLD, "198.51.100.20",
                Optional.empty(), ASKED).orElseThrow();
        assertEquals("80 (web, PROXY protocol), 443 (web-secure, PROXY protocol), 8448 (matrix-federation, PROXY"
                + " protocol), 3478 (TURN), 5349 (TURN)", plan.describePorts());
        assertEquals(List.of("192.0.2.10"), plan.oldAddresses());
        assertEquals("198.51.100.20", plan.to());
    }

    @Test
    void portsBoundToLoopbackOrNotBoundAreNotPublicAndTheFederationPortIsForwardedOnce() {
        Map<String, Object> values = values();
        values.put("traefik_container_web_host_bind_port", "127.0.0.1:81");
        values.put("traefik_container_web_secure_host_bind_port", "");
        values.put("matrix_federation_public_port", 443);
        values.put("matrix_playbook_public_matrix_federation_api_traefik_entrypoint_enabled", false);
        values.put("coturn_enabled", false);
        assertEquals(List.of(), new PlaybookValues("h", values).publicPorts());
        Failure refused = assertThrows(Failure.class, () -> ForwardPlan.of(new PlaybookValues("h", values), OLD,
                "198.51.100.20", Optional.empty(), ASKED));
        assertEquals(ExitCode.INVALID_INPUT, refused.exitCode());
        assertTrue(refused.getMessage().startsWith("--forward: the playbook publishes no TCP port"), refused.getMessage());
        assertEquals(Optional.empty(), ForwardPlan.of(new PlaybookValues("h", values), OLD, "198.51.100.20",
                Optional.empty(), new ForwardSettings(Optional.empty(), Optional.empty())), "off unless asked or DNS moves");
    }

    @Test
    void withoutTheirOwnTraefikNoPortGetsProxyHeaders() {
        Map<String, Object> values = values();
        values.put("traefik_enabled", false);
        assertTrue(new PlaybookValues("h", values).publicPorts().stream().map(PublicPort::entryPoint)
                .allMatch(Optional::isEmpty));
        ForwardPlan plan = ForwardPlan.of(new PlaybookValues("h", values), OLD, "198.51.100.20", Optional.empty(), ASKED)
                .orElseThrow();
        assertFalse(plan.proxyProtocol());
    }

    @Test
    void theNewServersTraefikTrustsTheOldServerBesideWhatTheUsersExtensionSaysAsAnsibleMergesIt() throws Exception {
        PlaybookValues playbook = new PlaybookValues("h", values());
        Path trust = Files.writeString(dir.resolve("traefik-proxy-protocol.yml"), ForwardPlan.of(playbook, OLD,
                "198.51.100.20", Optional.empty(), ASKED).orElseThrow().traefikTrust(playbook));
        assertFalse(Files.readString(trust).contains("dashboard"), "nothing of the user's configuration is copied");
        String users = "api:\n  dashboard: true\nentryPoints:\n  web-secure:\n    proxyProtocol:\n      trustedIPs:"
                + " ['10.0.0.1/32']\n    http3: {}\n";
        Process ansible = new ProcessBuilder("ansible", "localhost", "-i", "localhost,", "-c", "local", "-m",
                "ansible.builtin.debug", "-a", "msg={{ traefik_configuration_extension | to_json }}", "-e", "@" + trust,
                "-e", "{\"traefik_configuration_extension_yaml\": \"" + users.replace("\n", "\\n") + "\"}")
                .redirectErrorStream(true).start();
        String out = new String(ansible.getInputStream().readAllBytes());
        assertEquals(0, ansible.waitFor(), out);
        Map<String, Object> extension = SafeYaml.loader().load(SafeYaml.loader().<Map<String, Object>>load(
                out.substring(out.indexOf('{'))).get("msg").toString());
        assertEquals(Map.of("dashboard", true), extension.get("api"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> entryPoints = (Map<String, Map<String, Object>>) extension.get("entryPoints");
        assertEquals(Map.of("trustedIPs", List.of("10.0.0.1/32", "192.0.2.10/32")),
                entryPoints.get("web-secure").get("proxyProtocol"));
        assertEquals(Map.of(), entryPoints.get("web-secure").get("http3"), "the rest of the entry point stays");
        for (String name : List.of("web", "matrix-federation")) {
            assertEquals(Map.of("trustedIPs", List.of("192.0.2.10/32")), entryPoints.get(name).get("proxyProtocol"), name);
        }
        assertFalse(entryPoints.containsKey("TURN"), "TURN is no Traefik entry point");
    }

    @Test
    void withoutAnOldAddressToTrustNoPortGetsProxyHeaders() {
        InventoryHost named = new InventoryHost("matrix.example.com", "old.invalid", "root", null, false, null);
        ForwardPlan plan = ForwardPlan.of(new PlaybookValues("h", values()), named, "198.51.100.20", Optional.empty(),
                ASKED).orElseThrow();
        assertFalse(plan.proxyProtocol(), plan.describePorts());
        assertEquals(List.of(), plan.oldAddresses());
    }

    @Test
    void theForwarderConnectsToTheAddressTheMovedRecordsGetAndListensOnTheOnesTheyHad() {
        RecordChange change = new RecordChange("matrix.example.com", "example.com", "A",
                new RecordChange.RecordSet(List.of("203.0.113.20"), 300), new RecordChange.RecordSet(List.of(
                        "203.0.113.10"), 3600));
        DnsChanges dns = new DnsChanges(DnsProvider.parse("--dns-provider", "rfc2136"), Optional.empty(),
                NameServer.parse("--dns-server", "192.0.2.53"), List.of(), Duration.ZERO, List.of(change));
        ForwardPlan plan = ForwardPlan.of(new PlaybookValues("h", values()), OLD, "10.8.0.20", Optional.of(dns),
                new ForwardSettings(Optional.empty(), Optional.empty())).orElseThrow();
        assertEquals("203.0.113.20", plan.to(), "the public address, not --to's VPN one");
        assertEquals(List.of("192.0.2.10", "203.0.113.10"), plan.oldAddresses());
    }

    @Test
    void theForwardingLastsUntilCachesLetGoPlusAMarginAndAtLeastAnHourUnlessForwardForSaysOtherwise() {
        Instant now = Instant.parse("2026-12-05T18:00:00Z");
        assertEquals(now.plus(Duration.ofHours(1)), ForwardSchedule.of(Optional.empty(), Optional.empty(), now).until());
        assertEquals(now.plus(Duration.ofHours(1)), ForwardSchedule.of(Optional.empty(),
                Optional.of(now.plusSeconds(300)), now).until(), "a short TTL: at least an hour");
        assertEquals(now.plus(Duration.ofMinutes(135)), ForwardSchedule.of(Optional.empty(),
                Optional.of(now.plus(Duration.ofHours(2))), now).until(), "a long TTL: its end plus 15 minutes");
        ForwardSchedule given = ForwardSchedule.of(Optional.of(Duration.ofSeconds(25)), Optional.of(now.plusSeconds(300)),
                now);
        assertEquals(now.plusSeconds(25), given.until());
        assertTrue(given.warning().orElseThrow().contains("before caches may let go of the old address"));
        assertEquals(Optional.empty(), ForwardSchedule.of(Optional.of(Duration.ofHours(2)),
                Optional.of(now.plusSeconds(300)), now).warning());
    }

    @Test
    void statusSaysWhetherItRunsRanOutOrWasEndedEarly() {
        Instant until = Instant.parse("2026-12-05T19:00:00Z");
        assertEquals("forwards to the new server until 2026-12-05 19:00:00 UTC",
                new ForwardingState(until, Optional.empty()).describe(until.minusSeconds(1), true));
        assertEquals("may forward (its step did not complete) to the new server until 2026-12-05 19:00:00 UTC",
                new ForwardingState(until, Optional.empty()).describe(until.minusSeconds(1), false));
        assertEquals("ended at 2026-12-05 19:00:00 UTC (its time ran out)",
                new ForwardingState(until, Optional.empty()).describe(until.plusSeconds(1), true));
        ForwardingState stopped = new ForwardingState(until, Optional.of(until.minusSeconds(600)));
        assertEquals("ended early at 2026-12-05 18:50:00 UTC", stopped.describe(until.minusSeconds(60), true));
        assertFalse(stopped.running(until.minusSeconds(60)));
    }
}
