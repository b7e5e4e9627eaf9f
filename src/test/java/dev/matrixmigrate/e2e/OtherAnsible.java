package dev.matrixmigrate.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.matrixmigrate.support.Programs;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The ansible-core versions `make test` installs beside the suite's own (the newest, on the PATH), each given to one
 * migration: the oldest the playbook supports and the one before the newest.
 */
enum OtherAnsible {
    /** -Dansible.oldest: 2.15, geerlingguy.docker's min_ansible_version. */
    OLDEST("ansible.oldest", "2.15."),
    /** -Dansible.previous: 2.19. */
    PREVIOUS("ansible.previous", "2.19.");

    private final String property;
    private final String version;

    OtherAnsible(String property, String version) {
        this.property = property;
        this.version = version;
    }

    /** Its ansible-playbook, when the suite was given it (checked to be that version). */
    Optional<String> program(Path dir) {
        String program = System.getProperty(property, "");
        if (program.isEmpty()) {
            return Optional.empty();
        }
        String shown = Programs.ok(dir, program, "--version");
        assertTrue(shown.contains("ansible-playbook [core " + version), program + " is not " + version + ": " + shown);
        return Optional.of(program);
    }

    /** The migrate arguments that make every step run it: --ansible-playbook, when the suite was given it. */
    List<String> arguments(Path dir) {
        return program(dir).map(program -> List.of("--ansible-playbook", program)).orElse(List.of());
    }
}
