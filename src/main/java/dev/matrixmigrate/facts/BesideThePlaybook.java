package dev.matrixmigrate.facts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Ansible reads beside a playbook file (its group_vars, host_vars, roles and plugin folders): a play of
 * the tool's own that borrows setup.yml's play runs from a folder with links to these, so that it sees what
 * setup.yml sees.
 */
public final class BesideThePlaybook {
    private static final List<String> FOLDERS = List.of("group_vars", "host_vars", "roles", "collections",
            "library", "module_utils", "filter_plugins", "lookup_plugins", "test_plugins", "action_plugins");

    private BesideThePlaybook() {
    }

    /** The links a folder beside the play needs: each folder of the playbook that exists, by its name. */
    public static Map<String, Path> links(Path playbookDir) {
        Map<String, Path> links = new LinkedHashMap<>();
        for (String name : FOLDERS) {
            Path target = playbookDir.toAbsolutePath().resolve(name);
            if (Files.exists(target)) {
                links.put(name, target);
            }
        }
        return links;
    }
}
