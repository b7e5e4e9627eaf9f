package dev.matrixmigrate.facts;

import dev.matrixmigrate.failure.Failure;
import dev.matrixmigrate.files.SafeYaml;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The play that makes Ansible print the playbook's values for a host: setup.yml's play with its hosts, vars
 * and roles as they are (so Ansible loads every role's defaults, as for setup.yml), no fact gathering and
 * one task, which only that task's tag runs. Nothing connects to a server.
 */
final class FactsPlay {
    static final String TAG = "matrix-migrate-facts";
    /** What a play of setup.yml keeps: whatever decides its variables. */
    private static final List<String> KEPT = List.of("hosts", "vars", "vars_files", "roles", "collections");

    private FactsPlay() {
    }

    /** The play, from the text of setup.yml. */
    static String render(String setupYml, List<String> variables) {
        Object plays = SafeYaml.loader().load(setupYml);
        Map<?, ?> source = plays instanceof List<?> list ? list.stream()
                .filter(play -> play instanceof Map<?, ?> map && map.get("roles") instanceof List<?>)
                .map(play -> (Map<?, ?>) play).findFirst().orElse(null) : null;
        if (source == null) {
            throw Failure.invalidInput("setup.yml has no play with roles: --playbook must be a matrix-docker-ansible-deploy"
                    + " checkout");
        }
        Map<String, Object> play = new LinkedHashMap<>();
        play.put("name", "The playbook's values, for matrix-migrate");
        for (String key : KEPT) {
            if (source.containsKey(key)) {
                play.put(key, source.get(key));
            }
        }
        play.put("gather_facts", false);
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("name", "Print the values");
        task.put("ansible.builtin.debug", Map.of("msg", "{{ " + expression(variables) + " }}"));
        task.put("tags", List.of(TAG));
        play.put("tasks", List.of(task));
        return "---\n" + SafeYaml.dumper().dump(List.of(play));
    }

    /** A JSON object of every variable, null for one the playbook leaves undefined. */
    static String expression(List<String> variables) {
        return variables.stream().map(name -> "\"" + name + "\": " + name + " | default(none)")
                .collect(Collectors.joining(", ", "{", "} | to_json"));
    }
}
