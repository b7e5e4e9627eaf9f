---
# Makes sure the playbook's Postgres runs on this server of ${host} and accepts connections, starting its unit
# when it does not run (then matrix_migrate_postgres_started.stdout is "started"); included by ${files.SYNC} for
# the dump on the old server (a resumed cutover whose earlier attempt stopped it) and by ${files.DATABASE_ROWS}
# for the count on the new one. Needs matrix_migrate_database (${files.DATABASE_ROUTE}).
- name: Start Postgres when it does not run
  ansible.builtin.command:
    argv: [sh, -c, 'systemctl is-active --quiet "$1" && exit 0; systemctl start "$1" && echo started', sh,
           "{{ matrix_migrate_database.unit }}"]
  register: matrix_migrate_postgres_started
  changed_when: matrix_migrate_postgres_started.stdout == 'started'

- name: Wait until Postgres accepts connections
  ansible.builtin.command:
    argv: [docker, exec, "--env-file={{ matrix_migrate_database.env_file }}", "{{ matrix_migrate_database.container }}",
           /usr/local/bin/pg_isready, -h, "{{ matrix_migrate_database.container }}"]
  register: matrix_migrate_postgres_ready
  until: matrix_migrate_postgres_ready.rc == 0
  retries: 60
  delay: 1
  changed_when: false
