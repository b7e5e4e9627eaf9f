package dev.matrixmigrate.facts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The play that makes Ansible print the playbook's values for a host: setup.yml's play ({@link SetupPlay}), no
 * fact gathering and one task, which only that task's tag runs. Nothing connects to a server.
 */
final class FactsPlay {
    static final String TAG = "matrix-migrate-facts";

    private FactsPlay() {
    }

    /** The play, from the text of setup.yml. */
    static String render(String setupYml, List<String> variables) {
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("name", "Print the values");
        task.put("ansible.builtin.debug", Map.of("msg", "{{ " + expression(variables) + " }}"));
        task.put("tags", List.of(TAG));
        Map<String, Object> rest = new LinkedHashMap<>();
        rest.put("gather_facts", false);
        rest.put("tasks", List.of(task));
        return SetupPlay.of(setupYml).render("The playbook's values, for matrix-migrate", rest);
    }

    /** A JSON object of every variable, null for one the playbook leaves undefined. */
    static String expression(List<String> variables) {
        return variables.stream().map(name -> "\"" + name + "\": " + name + " | default(none)")
                .collect(Collectors.joining(", ", "{", "} | to_json"));
    }
}
