package dev.matrixmigrate.facts;

import dev.matrixmigrate.files.SafeYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds what the playbook itself validates before it installs: in each role setup.yml applies, the task files
 * named validate*.yml that the role's tasks/main.yml includes or imports (the playbook's roles keep their checks
 * there, each a task file of fail and assert tasks that change nothing), when the tags a migration runs would run
 * them, with every condition they run under.
 */
public final class PlaybookChecks {
    private static final Set<String> INCLUDES = Set.of("ansible.builtin.include_tasks", "include_tasks",
            "ansible.builtin.import_tasks", "import_tasks");
    private static final String ALWAYS = "always";

    private final Path playbookDir;
    private final Set<String> tags;

    /** @param tags the tags the migration runs setup.yml with (install and start) */
    public PlaybookChecks(Path playbookDir, Collection<String> tags) {
        this.playbookDir = playbookDir;
        this.tags = Set.copyOf(tags);
    }

    /** The checks, in setup.yml's order of roles and each role's order of tasks. */
    public List<PlaybookCheck> find(SetupPlay play) {
        List<PlaybookCheck> checks = new ArrayList<>();
        for (Object entry : play.roles()) {
            String role = String.valueOf(entry instanceof Map<?, ?> map
                    ? (map.get("role") != null ? map.get("role") : map.get("name")) : entry);
            Path main = playbookDir.resolve("roles").resolve(role).resolve("tasks/main.yml");
            if (!Files.isRegularFile(main)) {
                continue; // a role without tasks, or one found elsewhere than roles/: nothing of it can be read here
            }
            List<Object> conditions = new ArrayList<>();
            Set<String> inherited = new LinkedHashSet<>();
            if (entry instanceof Map<?, ?> map) {
                addConditions(conditions, map.get("when"));
                inherited.addAll(tagsOf(map.get("tags")));
            }
            walk(role, load(main), conditions, inherited, checks);
        }
        return checks;
    }

    private void walk(String role, Object tasks, List<Object> conditions, Set<String> inherited,
            List<PlaybookCheck> checks) {
        if (!(tasks instanceof List<?> list)) {
            return;
        }
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> task)) {
                continue;
            }
            List<Object> when = new ArrayList<>(conditions);
            addConditions(when, task.get("when"));
            Set<String> taskTags = new LinkedHashSet<>(inherited);
            taskTags.addAll(tagsOf(task.get("tags")));
            if (task.get("block") != null) {
                walk(role, task.get("block"), when, taskTags, checks);
                continue;
            }
            for (Map.Entry<?, ?> field : task.entrySet()) {
                if (INCLUDES.contains(String.valueOf(field.getKey()))) {
                    Object value = field.getValue() instanceof Map<?, ?> arguments ? arguments.get("file") : field.getValue();
                    String file = tasksFile(String.valueOf(value));
                    if (file.startsWith("validate") && file.endsWith(".yml") && runs(taskTags)) {
                        checks.add(new PlaybookCheck(role, file, when));
                    }
                }
            }
        }
    }

    /** Whether a task with these tags runs when setup.yml runs with the migration's tags. */
    private boolean runs(Set<String> taskTags) {
        if (taskTags.contains(ALWAYS)) {
            return true;
        }
        if (tags.contains("all") && !taskTags.contains("never")) {
            return true;
        }
        return taskTags.stream().anyMatch(tags::contains);
    }

    /** The file as the role's tasks/ folder names it: "{{ role_path }}/tasks/validate_config.yml" is validate_config.yml. */
    private static String tasksFile(String path) {
        int tasks = path.lastIndexOf("tasks/");
        String file = tasks >= 0 ? path.substring(tasks + "tasks/".length()) : path;
        return file.contains("{{") ? "" : file;
    }

    private static void addConditions(List<Object> conditions, Object when) {
        if (when instanceof List<?> list) {
            conditions.addAll(list);
        } else if (when != null) {
            conditions.add(when);
        }
    }

    private static Set<String> tagsOf(Object tags) {
        Set<String> names = new LinkedHashSet<>();
        if (tags instanceof List<?> list) {
            list.forEach(tag -> names.add(String.valueOf(tag).strip()));
        } else if (tags != null) {
            Arrays.stream(String.valueOf(tags).split(",")).map(String::strip).forEach(names::add);
        }
        return names;
    }

    private static Object load(Path file) {
        try {
            return SafeYaml.loader().load(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException unreadable) {
            return null; // Ansible itself says what is wrong with a role it cannot read, at the install
        }
    }
}
