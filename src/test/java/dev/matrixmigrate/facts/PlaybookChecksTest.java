package dev.matrixmigrate.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which of the playbook's validation task files the preflight runs, read from setup.yml and the roles' tasks/main.yml
 * laid out as the real playbook's are (the play itself runs under the real Ansible in PlaybookChecksPlayTest).
 */
class PlaybookChecksTest {
    @TempDir
    Path dir;

    private void write(String path, String text) throws IOException {
        Files.createDirectories(dir.resolve(path).getParent());
        Files.writeString(dir.resolve(path), text);
    }

    @Test
    void findsTheValidationFilesSetupYmlRunsForTheMigrationsTagsWithEveryConditionInOrder() throws IOException {
        write("setup.yml", """
                - hosts: matrix_servers
                  roles:
                    - role: galaxy/playbook_help
                      tags: [setup-all, install-all]
                    - custom/matrix_playbook_migration
                    - when: matrix_playbook_docker_installation_enabled | bool
                      role: galaxy/docker
                    - custom/matrix-synapse
                    - galaxy/systemd_service_manager
                    - galaxy/no_tasks
                """);
        // checks run by the role's tags in setup.yml, though the include has none of its own
        write("roles/galaxy/playbook_help/tasks/main.yml", """
                - ansible.builtin.include_tasks: "{{ role_path }}/tasks/validate_config.yml"
                - ansible.builtin.include_tasks: "{{ role_path }}/tasks/install.yml"
                """);
        write("roles/custom/matrix_playbook_migration/tasks/main.yml", """
                - tags: [always]
                  block:
                    - ansible.builtin.include_tasks: "{{ role_path }}/tasks/validate_migration_version.yml"
                - tags: [setup-all, install-all]
                  block:
                    - ansible.builtin.include_tasks: "{{ role_path }}/tasks/validate_config.yml"
                - tags: [setup-all]
                  block:
                    - ansible.builtin.include_tasks: "{{ role_path }}/tasks/validate_uninstall.yml"
                """);
        write("roles/galaxy/docker/tasks/main.yml", """
                - name: Validate
                  import_tasks:
                    file: validate.yml
                  tags: "install-all,install-docker"
                """);
        write("roles/custom/matrix-synapse/tasks/main.yml", """
                - tags: [setup-all, setup-synapse, install-all, install-synapse]
                  when: matrix_synapse_enabled | bool
                  block:
                    - when: ["run_setup | bool", "matrix_synapse_workers_enabled | bool"]
                      ansible.builtin.include_tasks: "{{ role_path }}/tasks/validate_config.yml"
                    - ansible.builtin.include_tasks: "{{ role_path }}/tasks/setup_install.yml"
                """);
        write("roles/galaxy/systemd_service_manager/tasks/main.yml", """
                - block:
                    - ansible.builtin.include_tasks: "{{ role_path }}/tasks/validate_config.yml"
                  tags: [start, restart, stop]
                - ansible.builtin.include_tasks: validate_untagged.yml
                """);
        Files.createDirectories(dir.resolve("roles/galaxy/no_tasks/defaults"));

        List<PlaybookCheck> checks = new PlaybookChecks(dir, List.of("install-all", "start"))
                .find(SetupPlay.of(Files.readString(dir.resolve("setup.yml"))));

        assertEquals(List.of(
                new PlaybookCheck("galaxy/playbook_help", "validate_config.yml", List.of()),
                new PlaybookCheck("custom/matrix_playbook_migration", "validate_migration_version.yml", List.of()),
                new PlaybookCheck("custom/matrix_playbook_migration", "validate_config.yml", List.of()),
                new PlaybookCheck("galaxy/docker", "validate.yml",
                        List.of("matrix_playbook_docker_installation_enabled | bool")),
                new PlaybookCheck("custom/matrix-synapse", "validate_config.yml",
                        List.of("matrix_synapse_enabled | bool", "run_setup | bool", "matrix_synapse_workers_enabled | bool")),
                new PlaybookCheck("galaxy/systemd_service_manager", "validate_config.yml", List.of())), checks);

        List<PlaybookCheck> setupAll = new PlaybookChecks(dir, List.of("setup-all"))
                .find(SetupPlay.of(Files.readString(dir.resolve("setup.yml"))));
        assertEquals(List.of("galaxy/playbook_help validate_config.yml",
                "custom/matrix_playbook_migration validate_migration_version.yml",
                "custom/matrix_playbook_migration validate_config.yml",
                "custom/matrix_playbook_migration validate_uninstall.yml",
                "custom/matrix-synapse validate_config.yml"),
                setupAll.stream().map(check -> check.role() + " " + check.tasksFile()).toList(),
                "only what setup-all would run: the docker role's check is install-all's, the service manager's start's");
    }
}
