package dev.matrixmigrate.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.matrixmigrate.playbook.PlaybookFacts;
import dev.matrixmigrate.support.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

class InventoryCommandTest {
    @TempDir
    Path dir;

    private Path hosts() {
        return dir.resolve("inventory/hosts");
    }

    private Path vars() {
        return dir.resolve("inventory/host_vars/matrix.example.com/vars.yml");
    }

    private Cli.Result inventory(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("inventory", "--playbook", dir.toString()));
        all.addAll(List.of(args));
        return Cli.run(all.toArray(String[]::new));
    }

    @Test
    void writesHostsAndPrivateVarsWithFreshSecrets() throws IOException {
        Cli.Result result = inventory("--domain", "example.com", "--address", "203.0.113.10");
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(Files.readString(hosts()).contains("\nmatrix.example.com ansible_host=203.0.113.10 ansible_ssh_user=root\n"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(vars())));
        Map<String, Object> vars = new Yaml().load(Files.readString(vars()));
        assertEquals("example.com", vars.get("matrix_domain"));
        assertEquals("synapse", vars.get("matrix_homeserver_implementation"));
        assertEquals(PlaybookFacts.VALIDATED_VERSION, vars.get(PlaybookFacts.VALIDATED_VERSION_KEY));
        assertEquals(true, vars.get("devture_systemd_docker_base_ipv6_enabled"));
        String key = (String) vars.get("matrix_homeserver_generic_secret_key");
        String password = (String) vars.get("postgres_connection_password");
        assertTrue(key.matches("[A-Za-z0-9]{64}"), key);
        assertTrue(password.matches("[A-Za-z0-9]{64}"), password);
        assertNotEquals(key, password);
        assertFalse(result.out().contains(key) || result.err().contains(key), "a secret reached the terminal");

        Path other = Files.createDirectories(dir.resolve("second"));
        Cli.run("inventory", "--playbook", other.toString(), "--domain", "example.com", "--address", "203.0.113.10");
        Map<String, Object> again = new Yaml().load(Files.readString(other.resolve("inventory/host_vars/matrix.example.com/vars.yml")));
        assertNotEquals(key, again.get("matrix_homeserver_generic_secret_key"), "secrets must differ between runs");
    }

    @Test
    void anExistingHostIsRefusedAndForceReplacesOnlyItsLineKeepingABackupOfVars() throws IOException {
        Files.createDirectories(hosts().getParent());
        String before = "# mine\n[matrix_servers]\nmatrix.example.com ansible_host=192.0.2.1 ansible_ssh_user=root\n\n[x]\ny\n";
        Files.writeString(hosts(), before);
        Files.createDirectories(vars().getParent());
        Files.writeString(vars(), "my: settings\n");

        Cli.Result refused = inventory("--domain", "example.com", "--address", "203.0.113.10");
        assertEquals(2, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("already in"), refused.err());
        assertEquals(before, Files.readString(hosts()));
        assertEquals("my: settings\n", Files.readString(vars()));

        Cli.Result forced = inventory("--domain", "example.com", "--address", "203.0.113.10", "--force");
        assertEquals(0, forced.exitCode(), forced.toString());
        assertEquals(before.replace("192.0.2.1", "203.0.113.10"), Files.readString(hosts()));
        try (Stream<Path> files = Files.list(vars().getParent())) {
            List<Path> backups = files.filter(p -> p.getFileName().toString().startsWith("vars.yml.bak-")).toList();
            assertEquals(1, backups.size());
            assertEquals("my: settings\n", Files.readString(backups.get(0)));
        }
    }

    @Test
    void anExistingVarsFileAloneIsRefusedWithoutForce() throws IOException {
        Files.createDirectories(vars().getParent());
        Files.writeString(vars(), "my: settings\n");
        Cli.Result refused = inventory("--domain", "example.com", "--address", "203.0.113.10");
        assertEquals(2, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("--force"), refused.err());
        assertFalse(Files.exists(hosts()), "nothing may be written when the input is refused");
    }

    @Test
    void aHostsFileWithoutMatrixServersIsRefused() throws IOException {
        Files.createDirectories(hosts().getParent());
        Files.writeString(hosts(), "[web]\nwww\n");
        Cli.Result refused = inventory("--domain", "example.com", "--address", "203.0.113.10");
        assertEquals(2, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("[matrix_servers]"), refused.err());
        assertEquals("[web]\nwww\n", Files.readString(hosts()));
    }

    @Test
    void printWritesNothingAndMasksSecrets() {
        Cli.Result printed = inventory("--domain", "example.com", "--address", "203.0.113.10", "--print");
        assertEquals(0, printed.exitCode(), printed.toString());
        assertTrue(printed.out().contains("matrix.example.com ansible_host=203.0.113.10"), printed.out());
        assertTrue(printed.out().contains("<64 random characters"), printed.out());
        assertFalse(Files.exists(dir.resolve("inventory")));
    }

    @Test
    void warnsWhenTheDomainStartsWithMatrix() {
        Cli.Result result = inventory("--domain", "matrix.example.com", "--address", "203.0.113.10", "--print");
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.err().contains("warning: --domain matrix.example.com starts with 'matrix.'"), result.err());
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of(List.of("--domain", "exa mple.com", "--address", "1.2.3.4"), "--domain"),
                Arguments.of(List.of("--domain", "example.com", "--address", "1.2.3.4 x=y"), "--address"),
                Arguments.of(List.of("--domain", "example.com", "--address", "1.2.3.4", "--user", "ro\"ot"), "--user"),
                Arguments.of(List.of("--domain", "example.com", "--address", "1.2.3.4", "--user", "a=b"), "--user"),
                Arguments.of(List.of("--domain", "example.com#x", "--address", "1.2.3.4"), "--domain"),
                Arguments.of(List.of("--domain", "example.com", "--address", "1.2.3.4\nevil"), "--address"),
                Arguments.of(List.of("--domain", "example.com", "--address", "1.2.3.4", "--user", "o'neil"), "--user"),
                Arguments.of(List.of("--domain", "-example.com", "--address", "1.2.3.4"), "--domain"),
                Arguments.of(List.of("--domain", "example..com", "--address", "1.2.3.4"), "--domain"),
                Arguments.of(List.of("--domain", "localhost", "--address", "1.2.3.4"), "--domain"),
                Arguments.of(List.of("--domain", "exam_ple.com", "--address", "1.2.3.4"), "--domain"),
                Arguments.of(List.of("--domain", "example.com", "--address", "999.1.1.1"), "--address"),
                Arguments.of(List.of("--domain", "example.com", "--address", "1.2.3.4", "--port", "0"), "--port"),
                Arguments.of(List.of("--domain", "example.com", "--address", "1.2.3.4", "--port", "65536"), "--port"),
                Arguments.of(List.of("--domain", "example.com", "--address", "1.2.3.4", "--port", "ssh"), "--port"),
                Arguments.of(List.of("--domain", "example.com", "--address", "1.2.3.4", "--homeserver", "matrix-org"),
                        "--homeserver"),
                Arguments.of(List.of("--address", "1.2.3.4"), "--domain"));
    }

    @Test
    void aPlaybookFolderThatDoesNotExistIsRefusedAndNotMade() {
        Path missing = dir.resolve("missing");
        Cli.Result result = Cli.run("inventory", "--playbook", missing.toString(), "--domain", "example.com", "--address",
                "203.0.113.10");
        assertEquals(2, result.exitCode(), result.toString());
        assertEquals(1, result.err().strip().lines().count(), "one line expected: " + result.err());
        assertTrue(result.err().contains("--playbook " + missing + " is not a folder"), result.err());
        assertFalse(Files.exists(missing), "nothing may be made");
    }

    @ParameterizedTest
    @MethodSource("badInputs")
    void badInputIsRefusedWithOneLineNamingTheOptionAndTouchesNothing(List<String> args, String option) {
        Cli.Result result = inventory(args.toArray(String[]::new));
        assertEquals(2, result.exitCode(), result.toString());
        assertEquals(1, result.err().strip().lines().count(), "one line expected: " + result.err());
        assertTrue(result.err().contains(option), result.err());
        assertFalse(Files.exists(dir.resolve("inventory")), "nothing may be written");
    }
}
