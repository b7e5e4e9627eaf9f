package dev.matrixmigrate.facts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The play that runs the playbook's own checks ({@link PlaybookCheck}) for a host, changing nothing: setup.yml's
 * play ({@link SetupPlay}), the facts it gathers, then each check's task file from its role under its conditions.
 * Run with only {@link #TAG} (and --skip-tags always, so that none of the roles' own tasks runs), from a folder
 * beside links to the playbook's folders. When a check fails, its message goes to a file for the tool, named by
 * the variable {@link #REFUSAL_FILE_VARIABLE} (relative to the play's folder), with the server the variable
 * {@link #SERVER_VARIABLE} names (old or new).
 */
public final class ChecksPlay {
    public static final String TAG = "matrix-migrate-playbook-checks";
    public static final String REFUSAL_FILE_VARIABLE = "matrix_migrate_refusal_file";
    public static final String SERVER_VARIABLE = "matrix_migrate_server";

    private ChecksPlay() {
    }

    public static String render(SetupPlay play, List<PlaybookCheck> checks) {
        List<Map<String, Object>> tasks = new ArrayList<>();
        if (!Boolean.FALSE.equals(play.play().get("gather_facts"))) {
            Map<String, Object> setup = new LinkedHashMap<>();
            if (play.play().containsKey("gather_subset")) {
                setup.put("gather_subset", play.play().get("gather_subset"));
            }
            tasks.add(task("Gather the facts setup.yml gathers", "ansible.builtin.setup", setup));
        }
        List<Object> includes = new ArrayList<>();
        for (PlaybookCheck check : checks) {
            Map<String, Object> role = new LinkedHashMap<>();
            role.put("name", check.role());
            role.put("tasks_from", check.tasksFile());
            role.put("apply", Map.of("tags", List.of(TAG)));
            Map<String, Object> include = task(check.role() + "'s checks (tasks/" + check.tasksFile() + ")",
                    "ansible.builtin.include_role", role);
            if (!check.conditions().isEmpty()) {
                include.put("when", check.conditions());
            }
            includes.add(include);
        }
        Map<String, Object> block = new LinkedHashMap<>();
        block.put("name", "The playbook's own checks of its configuration, in setup.yml's order");
        block.put("block", includes.isEmpty() ? List.of(task("No check found", "ansible.builtin.meta", "noop")) : includes);
        block.put("rescue", List.of(keepMessage(), task("Stop here", "ansible.builtin.fail",
                Map.of("msg", "{{ ansible_failed_result.msg | default('the check failed') }}"))));
        tasks.add(block);
        tasks.forEach(task -> task.put("tags", List.of(TAG)));
        Map<String, Object> rest = new LinkedHashMap<>();
        rest.put("gather_facts", false);
        rest.put("tasks", tasks);
        return "# The playbook's own checks for one server, for matrix-migrate: setup.yml's play, roles and variables as\n"
                + "# they are, the facts it gathers, then the validation task files its roles run for the migration's tags.\n"
                + "# Run beside links to the playbook's folders, with --tags=" + TAG + " --skip-tags=always: nothing\n"
                + "# of the roles runs but their checks, which change nothing.\n"
                + play.render("The playbook's own checks, for matrix-migrate", rest);
    }

    private static Map<String, Object> keepMessage() {
        Map<String, Object> copy = new LinkedHashMap<>();
        copy.put("dest", "{{ playbook_dir }}/{{ " + REFUSAL_FILE_VARIABLE + " }}");
        copy.put("mode", "0644");
        copy.put("content", "The playbook's own check \"{{ ansible_failed_task.name }}\" refuses {{ inventory_hostname }}"
                + " on the {{ " + SERVER_VARIABLE + " }} server: {{ (ansible_failed_result.msg | default('it failed'))"
                + " | regex_replace('\\s+', ' ') | trim }}\n");
        Map<String, Object> task = task("Keep the playbook's message for matrix-migrate", "ansible.builtin.copy", copy);
        task.put("delegate_to", "localhost");
        task.put("become", false);
        return task;
    }

    private static Map<String, Object> task(String name, String module, Object arguments) {
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("name", name);
        task.put(module, arguments);
        return task;
    }
}
