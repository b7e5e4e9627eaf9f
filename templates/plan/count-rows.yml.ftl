---
# Counts the rows of every table in every database of this server's PostgreSQL (running), through the
# playbook's documented way in: docker exec into its container with its connection settings. Included by
# ${files.SYNC} right after the dump on the old server and by ${files.DATABASE_ROWS} after the import on the
# new one, for ${host}. Needs matrix_migrate_database (${files.DATABASE_ROUTE}); sets matrix_migrate_rows,
# one line per table, sorted: "<database> <schema>.<table> <rows>".
- name: Count the rows of every table in every database
  become: "{{ ansible_facts.user_id != 'root' }}"
  ansible.builtin.command:
    argv:
      - bash
      - -c
      - |
        set -o pipefail
        env=$1 name=$2 query=$3
        q() { docker exec "--env-file=$env" "$name" /usr/local/bin/psql -h "$name" -X -q -v ON_ERROR_STOP=1 -At -F ' ' "$@" </dev/null; }
        q -c "SELECT datname FROM pg_database WHERE datallowconn AND NOT datistemplate ORDER BY 1" |
        while IFS= read -r db; do
          q -d "$db" -c "$query" | awk -v db="$db" '{ print db " " $0 }' || exit
        done
      - bash
      - "{{ matrix_migrate_database.env_file }}"
      - "{{ matrix_migrate_database.container }}"
      - >-
        SELECT n.nspname || '.' || c.relname, (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I',
        n.nspname, c.relname), false, true, '')))[1]::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
        AND n.nspname NOT LIKE 'pg_toast%' ORDER BY 1
  register: matrix_migrate_counted
  changed_when: false

- name: Remember the counts
  ansible.builtin.set_fact:
    matrix_migrate_rows: "{{ matrix_migrate_counted.stdout_lines }}"
