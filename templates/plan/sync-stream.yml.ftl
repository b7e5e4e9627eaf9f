---
# The stream route's part of the cutover of ${host}, for matrix-migrate: imported by ${files.SYNC} on the old server
# after the other units stopped, with the old server's Postgres still running (matrix_migrate_promotes), before the
# final pass, which leaves Postgres's data folder out.
# - The standby on the new server (${files.STANDBY}) must stream from the old server; it is started again if it ended.
# - The old server's Postgres is checkpointed, then stopped and disabled: its fast shutdown writes a last checkpoint,
#   and sends all of its WAL to the standby before it ends. pg_controldata must then find it shut down cleanly, and
#   names that checkpoint's location.
# - On new, in the background while the final pass runs, once the standby replayed past it: pg_promote();
#   primary_conninfo and primary_slot_name are reset, then the standby stops (${remote.STANDBY_CONTAINER} removed) and pg_controldata must find its folder
#   shut down cleanly. ${remote.PROMOTED} in the run's folder on new notes it, so that a resumed cutover does not
#   do it again. The playbook's start then runs it as its own matrix-postgres.
# - The tunnel on old ends.
# Needs ${files.SYNC}'s variables (matrix_migrate_database).
- name: Look for the note that the standby was promoted (a resumed cutover)
  delegate_to: "{{ matrix_migrate_new }}"
  become: "{{ matrix_migrate_new_become }}"
  ansible.builtin.stat:
    path: "{{ matrix_migrate_work_dir }}/${remote.PROMOTED}"
  register: matrix_migrate_promoted

- name: Ask whether the old server's Postgres still runs
  ansible.builtin.command:
    argv: [sh, -c, 'systemctl is-active --quiet "$1"', sh, "{{ matrix_migrate_database.unit }}"]
  register: matrix_migrate_old_postgres
  changed_when: false
  failed_when: false

- name: Make sure the standby streams from the old server before its Postgres stops
  delegate_to: "{{ matrix_migrate_new }}"
  become: "{{ matrix_migrate_new_become }}"
  ansible.builtin.command:
    argv:
      - sh
      - -c
      - |
        c=$1 u=$2
        running=$(docker inspect --format '{{ '{{' }}.State.Running{{ '}}' }}' "$c" 2>/dev/null) || { echo "the standby $c is gone" >&2; exit 1; }
        [ "$running" = true ] || { docker start "$c" > /dev/null && echo "started the standby again"; }
        for i in $(seq 600); do
          status=$(docker exec "$c" psql -h /var/run/postgresql -U "$u" -d postgres -At -c 'SELECT status FROM pg_stat_wal_receiver' 2>/dev/null)
          [ "$status" = streaming ] && exit 0
          sleep 0.1
        done
        echo "the standby $c does not stream from the old server: see docker logs $c on the new server" >&2; exit 1
      - sh
      - ${remote.STANDBY_CONTAINER}
      - "{{ postgres_connection_username }}"
  register: matrix_migrate_standby_ready
  changed_when: matrix_migrate_standby_ready.stdout | length > 0
  when: not matrix_migrate_promoted.stat.exists and matrix_migrate_old_postgres.rc == 0

- name: Checkpoint the old server's Postgres, then stop and disable it, and check that it is
  ansible.builtin.command:
    argv:
      - sh
      - -c
      - |
        if systemctl is-active --quiet "$1"; then
          docker exec "--env-file=$2" "$3" /usr/local/bin/psql -h "$3" -d postgres -At -c CHECKPOINT > /dev/null || exit
        fi
        systemctl disable --now "$1" || exit
        ! systemctl is-active --quiet "$1"
      - sh
      - "{{ matrix_migrate_database.unit }}"
      - "{{ matrix_migrate_database.env_file }}"
      - "{{ matrix_migrate_database.container }}"
  changed_when: true

- name: Read the old server's last checkpoint, which must be a clean shutdown's
  ansible.builtin.command:
    argv:
      - sh
      - -c
      - exec docker run --rm --network=none --user="$(stat -c %u:%g "$1")" -v "$1:/data" "$2" pg_controldata /data
      - sh
      - "{{ matrix_migrate_database.data }}"
      - "{{ matrix_migrate_database.image }}"
  register: matrix_migrate_old_control
  changed_when: false
  when: not matrix_migrate_promoted.stat.exists
  failed_when: >-
    matrix_migrate_old_control.rc != 0
    or matrix_migrate_old_control.stdout is not search('(?m)^Database cluster state: +shut down$')

# in the background, while the final pass copies the rest; ${files.SYNC} waits for it before its verification's verdict
- name: Begin to wait until the standby replayed it, then promote it and stop it
  delegate_to: "{{ matrix_migrate_new }}"
  become: "{{ matrix_migrate_new_become }}"
  async: 900
  poll: 0
  ansible.builtin.command:
    argv:
      - sh
      - -c
      - |
        c=$1 u=$2 lsn=$3 data=$4 image=$5 marker=$6
        q() { docker exec "$c" psql -h /var/run/postgresql -U "$u" -d postgres -v ON_ERROR_STOP=1 -At "$@"; }
        now() { date +%s.%N; }
        begun=$(now)
        running=$(docker inspect --format '{{ '{{' }}.State.Running{{ '}}' }}' "$c" 2>/dev/null) || running=gone
        if [ "$running" = gone ]; then
          [ ! -f "$data/standby.signal" ] || { echo "the standby $c is gone, and $data is still a standby's" >&2; exit 1; }
          caught=$begun
        else
          [ "$running" = true ] || docker start "$c" > /dev/null || exit
          until [ "$(q -c "SELECT NOT pg_is_in_recovery() OR pg_last_wal_replay_lsn() > '$lsn'::pg_lsn" 2>/dev/null)" = t ]; do
            [ "$(awk "BEGIN { print ($(now) - $begun < 600) }")" = 1 ] || {
              echo "the standby did not replay the old server's last checkpoint ($lsn) within 600 s: see docker logs $c on the new server" >&2
              exit 1; }
            sleep 0.1
          done
          caught=$(now)
          if [ "$(q -c 'SELECT pg_is_in_recovery()')" = t ]; then
            [ "$(q -c 'SELECT pg_promote(true, 60)')" = t ] || { echo "the standby was not promoted within 60 s" >&2; exit 1; }
          fi
          q -c 'ALTER SYSTEM RESET primary_conninfo' -c 'ALTER SYSTEM RESET primary_slot_name' > /dev/null || exit
          docker stop -t 60 "$c" > /dev/null && docker rm "$c" > /dev/null || exit
        fi
        state=$(docker run --rm --network=none --user="$(stat -c %u:%g "$data")" -v "$data:/data" "$image" pg_controldata /data \
          | sed -n 's/^Database cluster state: *//p')
        [ "$state" = "shut down" ] || { echo "the promoted standby's folder is not shut down cleanly: $state" >&2; exit 1; }
        touch "$marker"
        echo "catch-up: $(awk "BEGIN { printf \"%.3f\", $caught - $begun }")"
        echo "promotion: $(awk "BEGIN { printf \"%.3f\", $(now) - $caught }")"
      - sh
      - ${remote.STANDBY_CONTAINER}
      - "{{ postgres_connection_username }}"
      - "{{ matrix_migrate_old_control.stdout | regex_search('Latest checkpoint location:\\s+(\\S+)', '\\1') | first }}"
      - "{{ matrix_migrate_postgres_data_path }}"
      - "{{ matrix_migrate_database.image }}"
      - "{{ matrix_migrate_work_dir }}/${remote.PROMOTED}"
  register: matrix_migrate_promotion_job
  changed_when: true
  when: not matrix_migrate_promoted.stat.exists

- name: End the tunnel
  ansible.builtin.command:
    argv:
      - sh
      - -c
      - |
        [ -f "$1/${remote.TUNNEL_PID}" ] || exit 0
        pid=$(cat "$1/${remote.TUNNEL_PID}")
        tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF "$1" || exit 0
        kill -s TERM -- "-$pid" 2>/dev/null; echo "ended the tunnel"
      - sh
      - ${tunnelDir}
  register: matrix_migrate_tunnel_end
  changed_when: matrix_migrate_tunnel_end.stdout | length > 0
