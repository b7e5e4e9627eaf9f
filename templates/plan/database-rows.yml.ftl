---
# Checks the import of ${host}'s database on the new server (the dump route), for matrix-migrate, before
# anything starts: per database, every table and its row count must equal what the old server counted right
# after the dump (${files.ROWS_OLD} beside this play). Postgres is started for the count when it does not run,
# and stopped again. New's counts are kept in ${files.ROWS_NEW}; a difference fails with the first differing
# tables in ${files.IMPORT_FAILURE}. Then the import is noted as done on the new server, so that the cleanup
# may remove the dump; with -e matrix_migrate_remove_dump=true (the cleanup already ran after an earlier
# failure) the dump is removed here.

- name: Compare the new server's tables with the old server's
  hosts: ${serversGroup}
  gather_facts: true
  gather_subset: ["!all"]  # ansible_facts.user_id, for the count's become
  vars:
    matrix_migrate_database: "{{ lookup('ansible.builtin.file', playbook_dir ~ '/${files.DATABASE_ROUTE}') | from_yaml }}"
    matrix_migrate_rows_old: "{{ lookup('ansible.builtin.file', playbook_dir ~ '/${files.ROWS_OLD}').splitlines() }}"
  tasks:
    - name: Count and compare
      block:
        - name: Make sure Postgres runs for the count
          ansible.builtin.include_tasks: ${files.POSTGRES_RUNNING}

        - name: Count every table's rows on the new server
          ansible.builtin.include_tasks: ${files.COUNT_ROWS}

        - name: Keep the counts beside this play
          delegate_to: localhost
          become: false
          ansible.builtin.copy:
            dest: "{{ playbook_dir }}/${files.ROWS_NEW}"
            mode: "0644"
            content: "{{ (matrix_migrate_rows | join('\n')) ~ '\n' }}"

        - name: Require the same tables with the same rows
          vars:
            matrix_migrate_only_old: "{{ matrix_migrate_rows_old | difference(matrix_migrate_rows) }}"
            matrix_migrate_only_new: "{{ matrix_migrate_rows | difference(matrix_migrate_rows_old) }}"
          ansible.builtin.assert:
            that: matrix_migrate_only_old | length == 0 and matrix_migrate_only_new | length == 0
            fail_msg: >-
              The imported database differs from the old server's in {{ (matrix_migrate_only_old + matrix_migrate_only_new)
              | map('regex_replace', ' [0-9]+$', '') | unique | length }} tables (database, table, rows): old has
              {{ matrix_migrate_only_old[:5] | join(', ') | default('nothing else', true) }}; new has
              {{ matrix_migrate_only_new[:5] | join(', ') | default('nothing else', true) }}. Both lists are in
              {{ playbook_dir }}/${files.ROWS_OLD} and ${files.ROWS_NEW}; nothing was started.
            quiet: true

        - name: Note on the new server that the import is done and checked
          ansible.builtin.copy:
            dest: ${workDir}/${remote.IMPORT_DONE}
            mode: "0600"
            content: "{{ now(utc=true).strftime('%Y-%m-%dT%H:%M:%SZ') }}\n"

        - name: Remove the dump now when the cleanup already ran (after an earlier failure) and will not run again
          ansible.builtin.file:
            path: ${workDir}
            state: absent
          when: matrix_migrate_remove_dump | default(false) | bool
      rescue:
        - name: Keep why beside this play and stop
          ansible.builtin.import_tasks: ${files.REFUSE}
          vars:
            matrix_migrate_refusal_file: ${files.IMPORT_FAILURE}
      always:
        - name: Stop Postgres again when it was started for the count
          ansible.builtin.command:  # noqa: command-instead-of-module (the same systemctl as the playbook's own stop)
            argv: [systemctl, stop, "{{ matrix_migrate_database.unit }}"]
          changed_when: true
          when: matrix_migrate_postgres_started.stdout | default('') == 'started'
