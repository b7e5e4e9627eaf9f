package dev.matrixmigrate.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.matrixmigrate.config.Homeserver;
import dev.matrixmigrate.files.FileChange;
import dev.matrixmigrate.files.FileWriter;
import dev.matrixmigrate.render.TemplateRenderer;
import dev.matrixmigrate.support.FixedSecrets;
import dev.matrixmigrate.support.Golden;
import dev.matrixmigrate.support.Programs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Every output of the inventory templates against its golden file and its sample in
 * inventory-samples/, and Ansible's own parser reading what we wrote.
 */
class InventoryOutputTest {
    @TempDir
    Path dir;

    record Case(String name, String user, int port, boolean become, String existingHosts) {
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(new Case("root", "root", 22, false, null)),
                Arguments.of(new Case("become", "deploy", 22, true, null)),
                Arguments.of(new Case("custom-port", "root", 2222, false, null)),
                Arguments.of(new Case("inserted", "root", 22, false, "fixtures/hosts-with-groups")));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void rendersTheGoldenFilesAndAnsibleReadsThem(Case c) throws IOException {
        if (c.existingHosts() != null) {
            Files.createDirectories(dir.resolve("inventory"));
            Files.copy(Path.of("src/test/resources", c.existingHosts()), dir.resolve("inventory/hosts"));
        }
        InventoryRequest request = new InventoryRequest("example.com", "203.0.113.10", c.user(), c.port(), c.become(),
                Homeserver.SYNAPSE, dir, false);
        List<FileChange> changes = new InventoryGenerator(TemplateRenderer.builtIn(), new FixedSecrets()).changes(request);
        new FileWriter().apply(changes);

        String hosts = Files.readString(request.hostsPath());
        String vars = Files.readString(request.varsPath());
        Golden.assertMatches("inventory/" + c.name() + "/hosts", hosts);
        Golden.assertMatches("inventory/" + c.name() + "/vars.yml", vars);
        Path sample = Path.of("inventory-samples", c.name(), "inventory");
        Golden.assertFile(sample.resolve("hosts"), hosts);
        Golden.assertFile(sample.resolve("host_vars/matrix.example.com/vars.yml"), vars);

        Map<String, Object> listed = new Yaml().load(Programs.ok(dir, "ansible-inventory", "-i", "inventory/hosts", "--list"));
        assertEquals(List.of("matrix.example.com"), group(listed, "matrix_servers").stream()
                .filter("matrix.example.com"::equals).toList());
        Map<String, Object> host = hostVars(listed, "matrix.example.com");
        assertEquals("203.0.113.10", host.get("ansible_host"));
        assertEquals(c.user(), host.get("ansible_ssh_user"));
        assertEquals(c.port() == 22 ? null : c.port(), host.get("ansible_port"));
        assertEquals(c.become() ? "true" : null, host.get("ansible_become"));
        assertEquals(c.become() ? "root" : null, host.get("ansible_become_user"));
        assertEquals("example.com", host.get("matrix_domain"), "host_vars/matrix.example.com/vars.yml must apply");
        if (c.existingHosts() != null) {
            assertEquals(List.of("matrix.example.org", "matrix.example.com"), group(listed, "matrix_servers"));
            assertEquals(List.of("www.example.org"), group(listed, "web"));
            assertEquals("192.0.2.10", hostVars(listed, "matrix.example.org").get("ansible_host"));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> group(Map<String, Object> listed, String name) {
        return (List<String>) ((Map<String, Object>) listed.get(name)).get("hosts");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> hostVars(Map<String, Object> listed, String host) {
        Map<String, Object> meta = (Map<String, Object>) listed.get("_meta");
        return ((Map<String, Map<String, Object>>) meta.get("hostvars")).get(host);
    }
}
