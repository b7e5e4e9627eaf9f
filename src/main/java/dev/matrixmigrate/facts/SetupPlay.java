package dev.matrixmigrate.facts;

import dev.matrixmigrate.failure.Failure;
import dev.matrixmigrate.files.SafeYaml;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * setup.yml's play as the tool's own plays borrow it: its hosts, vars and roles as they are (so that Ansible
 * loads every role's defaults and evaluates the host's variables as for setup.yml), nothing it would run.
 * The plays built on it run beside links to the playbook's folders ({@link BesideThePlaybook}).
 */
public record SetupPlay(Map<?, ?> play) {
    /** What the borrowed play keeps: whatever decides its variables. */
    private static final List<String> KEPT = List.of("hosts", "vars", "vars_files", "roles", "collections");

    /** The first play of setup.yml's text that has roles. */
    public static SetupPlay of(String setupYml) {
        Object plays = SafeYaml.loader().load(setupYml);
        Map<?, ?> source = plays instanceof List<?> list ? list.stream()
                .filter(play -> play instanceof Map<?, ?> map && map.get("roles") instanceof List<?>)
                .map(play -> (Map<?, ?>) play).findFirst().orElse(null) : null;
        if (source == null) {
            throw Failure.invalidInput("setup.yml has no play with roles: --playbook must be a matrix-docker-ansible-deploy"
                    + " checkout");
        }
        return new SetupPlay(source);
    }

    /** The roles as setup.yml lists them: a name, or a mapping with role and perhaps when and tags. */
    public List<?> roles() {
        return (List<?>) play.get("roles");
    }

    /** A play named {@code name}: setup.yml's kept keys, then {@code rest} (gather_facts, tasks, ...). */
    public String render(String name, Map<String, Object> rest) {
        Map<String, Object> rendered = new LinkedHashMap<>();
        rendered.put("name", name);
        for (String key : KEPT) {
            if (play.containsKey(key)) {
                rendered.put(key, play.get(key));
            }
        }
        rendered.putAll(rest);
        return "---\n" + SafeYaml.dumper().dump(List.of(rendered));
    }
}
