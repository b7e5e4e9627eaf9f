---
# Prepares the import of ${host}'s database on the new server (the dump route of ${files.DATABASE_ROUTE}), for
# matrix-migrate, right before the playbook's --tags=import-postgres. The dump must be in ${dumpFile}.
# The playbook imports only into an empty database. The first import goes into the fresh Postgres the install
# prepared; when an earlier attempt began an import and did not end it, that database is emptied here as the
# playbook's docs/importing-postgres.md says (Postgres stopped, its data folder emptied), and ${files.IMPORT_EMPTIED}
# beside this play tells matrix-migrate to run --tags=setup-postgres before importing again. Never once the new
# server may have served users (${files.NEW_ON_ITS_OWN_FROM} beside this play): then it stops with why in
# ${files.IMPORT_FAILURE}.

- name: Prepare the import of the database on the new server
  hosts: ${serversGroup}
  gather_facts: false
  vars:
    matrix_migrate_database: "{{ lookup('ansible.builtin.file', playbook_dir ~ '/${files.DATABASE_ROUTE}') | from_yaml }}"
    matrix_migrate_begun: ${workDir}/${remote.IMPORT_BEGUN}
  tasks:
    - name: Prepare the import
      block:
        - name: Look for the dump and for an import an earlier attempt began
          ansible.builtin.stat:
            path: "{{ item }}"
            get_checksum: false
          loop: ["{{ matrix_migrate_database.dump }}", "{{ matrix_migrate_begun }}"]
          register: matrix_migrate_found

        - name: Require the dump
          ansible.builtin.assert:
            that: matrix_migrate_found.results[0].stat.exists
            fail_msg: >-
              The dump {{ matrix_migrate_database.dump }} is not on the new server, where the cutover sent it: put the old
              server back with matrix-migrate migrate --rollback, then migrate again (a new run dumps again).
            quiet: true

        - name: Refuse to empty a database the new server may have served users from
          ansible.builtin.assert:
            that: >-
              not matrix_migrate_found.results[1].stat.exists
              or not (playbook_dir ~ '/${files.NEW_ON_ITS_OWN_FROM}') is exists
            fail_msg: >-
              An earlier import on the new server did not end, and the new server has started since: its database may
              hold what users wrote there, so matrix-migrate does not empty it. Check {{ matrix_migrate_database.data }}
              on the new server and import by hand (the playbook's docs/importing-postgres.md).
            quiet: true

        - name: Empty the database a failed earlier import left (Postgres stopped, its data folder emptied)
          ansible.builtin.command:
            argv: [sh, -c, 'systemctl stop "$1" && find "$2" -mindepth 1 -delete && echo emptied', sh,
                   "{{ matrix_migrate_database.unit }}", "{{ matrix_migrate_database.data }}"]
          changed_when: true
          when: matrix_migrate_found.results[1].stat.exists

        - name: Tell matrix-migrate to have the playbook make the roles and databases again
          delegate_to: localhost
          become: false
          ansible.builtin.copy:
            dest: "{{ playbook_dir }}/${files.IMPORT_EMPTIED}"
            mode: "0644"
            content: "{{ matrix_migrate_database.data }}\n"
          when: matrix_migrate_found.results[1].stat.exists

        - name: Note that an import begins
          ansible.builtin.copy:
            dest: "{{ matrix_migrate_begun }}"
            mode: "0600"
            content: "{{ now(utc=true).strftime('%Y-%m-%dT%H:%M:%SZ') }}\n"
      rescue:
        - name: Keep why beside this play and stop
          ansible.builtin.import_tasks: ${files.REFUSE}
          vars:
            matrix_migrate_refusal_file: ${files.IMPORT_FAILURE}
