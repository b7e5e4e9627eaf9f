---
# Removes the key matrix-migrate made for copying ${dataPath} of ${host}, once the new server runs:
# the final pass leaves it in place (matrix_migrate_keep_key) so that removing it costs no downtime.
# matrix-migrate also runs this when a step after the final pass fails.
# The first play takes the key off the new server by itself, so that an old server that cannot be
# reached any more leaves no key that would let it in; the second removes it from both servers
# (${files.REMOVE_KEY}) and fails when any of them cannot be reached. On the dump route the old server's dump
# goes with its run folder; the last play removes the new server's once its import is done and checked (a failed
# import keeps it, for the resume), after the old server's private keys and dump are gone. On the stream route the
# tunnel ends, its folder goes from the old server and its key from the new one, the run's replication slot is
# dropped on the old server, and a standby left on the new server goes.

- name: Take the key off the new server
  hosts: ${newGroup}
  gather_facts: true
  gather_subset: ["!all"]
  ignore_unreachable: true
  vars_files: [${files.KEY_VARS}]
  tasks:
    - name: Remove the key from the new server, whatever the old server's state
      ansible.builtin.import_tasks: ${files.UNAUTHORIZE_KEY}
      # ${files.REMOVE_KEY} below tries again, and fails the step, when this did not work
      ignore_errors: true  # noqa: ignore-errors

- name: Remove the key of this run
  hosts: ${oldGroup}
  gather_facts: true
  gather_subset: ["!all"]
  vars_files: [${files.KEY_VARS}]
  tasks:
    - name: Remove the key from both servers
      ansible.builtin.include_tasks: ${files.REMOVE_KEY}

- name: End the stream route's tunnel and drop its replication slot on the old server
  hosts: ${oldGroup}
  gather_facts: true
  gather_subset: ["!all"]
  vars_files: [${files.PLAYBOOK_VALUES}, ${files.KEY_VARS}]
  vars:
    matrix_migrate_database: "{{ lookup('ansible.builtin.file', playbook_dir ~ '/${files.DATABASE_ROUTE}', errors='ignore') | default('{}', true) | from_yaml }}"
  tasks:
    - name: End the tunnel and remove its folder (its key, pinned host keys and log)
      become: "{{ ansible_facts.user_id != 'root' }}"
      ansible.builtin.command:
        argv:
          - sh
          - -c
          - |
            [ -d "$1" ] || exit 0
            if [ -f "$1/${remote.TUNNEL_PID}" ]; then
              pid=$(cat "$1/${remote.TUNNEL_PID}")
              tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF "$1" && kill -s TERM -- "-$pid" 2>/dev/null
            fi
            rm -rf -- "$1"; echo removed
          - sh
          - ${tunnelDir}
      register: matrix_migrate_tunnel_removed
      changed_when: matrix_migrate_tunnel_removed.stdout | length > 0

    # The slot keeps every WAL file the standby has not received: left on old, it would fill its disk once old's
    # Postgres ran again. While that Postgres runs (a rollback started it again), it drops the slot itself; while it is
    # stopped (after the cutover), the slot's folder goes, which is all pg_drop_replication_slot leaves behind.
    - name: Drop the replication slot of this run
      become: "{{ ansible_facts.user_id != 'root' }}"
      ansible.builtin.command:
        argv:
          - sh
          - -c
          - |
            unit=$1 env=$2 container=$3 data=$4 slot=$5
            if systemctl is-active --quiet "$unit"; then
              # a walsender that still holds the slot (its standby gone, its connection not yet noticed) is ended first
              for i in 1 2 3 4 5 6 7 8 9 10; do
                out=$(docker exec "--env-file=$env" "$container" /usr/local/bin/psql -h "$container" -d postgres -At -v ON_ERROR_STOP=1 \
                  -c "SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots WHERE slot_name = '$slot' AND active_pid IS NOT NULL" \
                  -c "SELECT 'dropped' FROM (SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '$slot') AS d" \
                  2>&1) && { echo "$out" | grep -x dropped; exit 0; }
                sleep 1
              done
              echo "$out" >&2; exit 1
            elif [ -d "$data/pg_replslot/$slot" ]; then
              [ ! -f "$data/postmaster.pid" ] || { echo "$data/postmaster.pid: a server uses the folder while $unit is stopped" >&2; exit 1; }
              rm -rf -- "$data/pg_replslot/$slot" && echo dropped
            fi
          - sh
          - "{{ matrix_migrate_database.unit }}"
          - "{{ matrix_migrate_database.env_file }}"
          - "{{ matrix_migrate_database.container }}"
          - "{{ matrix_migrate_database.data }}"
          - ${slot}
      register: matrix_migrate_slot_dropped
      changed_when: matrix_migrate_slot_dropped.stdout | length > 0
      when: matrix_migrate_database.route | default('') == 'stream'

- name: Remove the stream route's standby from the new server, if one is left
  hosts: ${newGroup}
  gather_facts: true
  gather_subset: ["!all"]
  vars_files: [${files.KEY_VARS}]
  tasks:
    - name: Remove the standby's container and socket folder
      become: "{{ ansible_facts.user_id != 'root' }}"
      ansible.builtin.command:
        argv:
          - sh
          - -c
          - |
            if docker inspect "$1" > /dev/null 2>&1; then docker stop -t 60 "$1" > /dev/null; docker rm "$1" > /dev/null; echo removed; fi
            if [ -d "$2" ]; then rm -rf -- "$2"; echo removed; fi
          - sh
          - ${remote.STANDBY_CONTAINER}
          - ${remote.STANDBY_SOCKETS}
      register: matrix_migrate_standby_removed
      changed_when: matrix_migrate_standby_removed.stdout | length > 0

- name: Remove the database dump from the new server once its import is done and checked (the dump route)
  hosts: ${newGroup}
  gather_facts: true
  gather_subset: ["!all"]
  vars_files: [${files.KEY_VARS}]
  tasks:
    - name: Look for the note that the import is done
      become: "{{ ansible_facts.user_id != 'root' }}"
      ansible.builtin.stat:
        path: "{{ matrix_migrate_work_dir }}/${remote.IMPORT_DONE}"
      register: matrix_migrate_import_done

    - name: Remove the run's folder with the dump from the new server
      become: "{{ ansible_facts.user_id != 'root' }}"
      ansible.builtin.file:
        path: "{{ matrix_migrate_work_dir }}"
        state: absent
      when: matrix_migrate_import_done.stat.exists
