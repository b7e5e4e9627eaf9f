package dev.matrixmigrate.ansible;

import dev.matrixmigrate.files.SafeYaml;
import java.util.Optional;

/** The JSON an Ansible command prints, which warnings may precede. */
public final class AnsibleJson {
    private AnsibleJson() {
    }

    /** The JSON value that starts at the first {@code opening} ('{' or '['); empty when there is none. */
    public static Optional<Object> read(String output, char opening) {
        int start = output.indexOf(opening);
        return start < 0 ? Optional.empty() : Optional.ofNullable(SafeYaml.loader().load(output.substring(start)));
    }
}
