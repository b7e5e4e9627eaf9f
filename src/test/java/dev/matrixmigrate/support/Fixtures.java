package dev.matrixmigrate.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Copies test fixtures into a test's own folder. */
public final class Fixtures {
    public static final Path ROOT = Path.of("src/test/resources/fixtures");

    private Fixtures() {
    }

    /** The test stand-in of the playbook (setup.yml, its roles and group_vars, as the real one lays them out). */
    public static final Path TEST_PLAYBOOK = Path.of("src/test/e2e/playbook");

    /**
     * A playbook checkout for the tests that reach no server: the test playbook's setup.yml, roles and
     * group_vars (Ansible computes the playbook's values from them), the fixture's inventory.
     */
    public static Path playbook(Path target) {
        for (String part : new String[] {"setup.yml", "roles", "group_vars"}) {
            copyTree(TEST_PLAYBOOK.resolve(part), target.resolve(part));
        }
        return copy("playbook", target);
    }

    public static Path copy(String fixture, Path target) {
        return copyTree(ROOT.resolve(fixture), target);
    }

    private static Path copyTree(Path source, Path target) {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path to = target.resolve(source.relativize(file).toString());
                Files.createDirectories(to.getParent());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The playbook's values every host has (those PlaybookValues requires), to add to; a fresh map each time. */
    public static java.util.Map<String, Object> requiredPlaybookValues() {
        java.util.Map<String, Object> values = new java.util.LinkedHashMap<>();
        values.put("matrix_domain", "example.com");
        values.put("matrix_base_data_path", "/matrix");
        values.put("matrix_user_name", "matrix");
        values.put("matrix_group_name", "matrix");
        values.put("matrix_server_fqn_matrix", "matrix.example.com");
        values.put("matrix_federation_public_port", 8448);
        return values;
    }
}
