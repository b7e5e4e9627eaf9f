---
# The dump route's part of the cutover of ${host} on the old server, for matrix-migrate: imported by ${files.SYNC}
# after the other units stopped, with the old server's Postgres still running (matrix_migrate_dumps), before the
# final pass. Dumps every database with pg_dumpall inside its container through zstd into
# ${dumpFile} (outside the data path), counts every table's rows (${files.ROWS_OLD} beside the play),
# stops and disables Postgres, and sends the dump to the same folder on the new server with the run's second key
# (id_ed25519_dump), which may only write there. Needs ${files.SYNC}'s variables (matrix_migrate_database,
# matrix_migrate_in_own_group, matrix_migrate_dump_command).
- name: Make sure Postgres runs (a resumed cutover may have stopped it before its dump was sent)
  ansible.builtin.include_tasks: ${files.POSTGRES_RUNNING}

- name: Dump every database with pg_dumpall inside the container, through zstd, outside the data path
  ansible.builtin.command:
    # in the copy's process group of its own, so that an interrupted attempt's dump is stopped like its copy
    argv: "{{ matrix_migrate_in_own_group + ['-'] + matrix_migrate_dump_script }}"
  register: matrix_migrate_dump
  changed_when: true
  vars:
    matrix_migrate_dump_script:
      - bash
      - -c
      - |
        set -o pipefail
        docker exec "--env-file=$1" "$2" /usr/local/bin/pg_dumpall -h "$2" | zstd -q --stdout > "$3.part" \
          && mv "$3.part" "$3" || { status=$?; rm -f "$3.part"; df -P -B1 "$(dirname "$3")" >&2; exit $status; }
        stat -c %s "$3"
      - bash
      - "{{ matrix_migrate_database.env_file }}"
      - "{{ matrix_migrate_database.container }}"
      - "{{ matrix_migrate_database.dump }}"

- name: Count every table's rows on the old server, right after the dump
  ansible.builtin.include_tasks: ${files.COUNT_ROWS}

- name: Keep the counts beside this play
  delegate_to: localhost
  become: false
  ansible.builtin.copy:
    dest: "{{ playbook_dir }}/${files.ROWS_OLD}"
    mode: "0644"
    content: "{{ (matrix_migrate_rows | join('\n')) ~ '\n' }}"

- name: Stop and disable Postgres too, then check that it is
  ansible.builtin.command:
    argv: [sh, -c, 'systemctl disable --now "$1" || exit; ! systemctl is-active --quiet "$1"', sh,
           "{{ matrix_migrate_database.unit }}"]
  changed_when: true

- name: Send the dump to the new server's run folder
  ansible.builtin.command:  # noqa: command-instead-of-module (synchronize cannot go host to host safely)
    argv: "{{ matrix_migrate_in_own_group + ['-'] + matrix_migrate_dump_command }}"
  register: matrix_migrate_dump_sent
  changed_when: true

- name: Say how big the dump is and how long it took
  ansible.builtin.debug:
    msg: >-
      The dump: {{ matrix_migrate_dump.stdout_lines[-1] | int | human_readable }} (zstd), written in
      {{ matrix_migrate_dump.delta }}, sent in {{ matrix_migrate_dump_sent.delta }};
      {{ matrix_migrate_rows | length }} tables counted.
