package dev.matrixmigrate.facts;

import java.util.List;

/**
 * One of the playbook's own validation task files, as setup.yml runs it: the role (as setup.yml names it), the
 * file under the role's tasks/ folder, and every condition it runs under (the role's in setup.yml, the blocks'
 * and the include's in the role's tasks/main.yml), all of which must hold.
 */
public record PlaybookCheck(String role, String tasksFile, List<Object> conditions) {
    public PlaybookCheck {
        conditions = List.copyOf(conditions);
    }
}
