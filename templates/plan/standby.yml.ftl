---
# The stream route's warm part for ${host}, for matrix-migrate: after the install, while the old server still serves,
# the new server gets the old server's database by streaming replication, and keeps following it until the cutover
# (${files.SYNC_STREAM}) promotes it. Only on the stream route (${files.DATABASE_ROUTE}); on another it does nothing.
#
# - The tunnel: the old server connects to the new one with a key of its own (${tunnelDir}/id_ed25519, beside
#   the run's folder), authorized on new from the old server's address only, for one remote forwarding only:
#   new's 127.0.0.1:${remote.TUNNEL_PORT?c} to the old server's Postgres socket in postgres_run_path. Nothing changes in the
#   old server's Postgres, no restart: its pg_hba trusts local replication connections. The tunnel runs in a
#   process group of its own on old (${remote.TUNNEL_PID}), connecting again when the link drops, until the
#   cutover or the cleanup ends it.
# - The base backup: pg_basebackup -X stream -C -S ${slot} -R --checkpoint=fast, run in the postgres role's
#   image of the old server's version, as the matrix user, into the new server's empty postgres_data_path. The
#   slot on old keeps the WAL the standby has not received yet; the cleanup drops it.
# - The standby: a container of the run's own, ${remote.STANDBY_CONTAINER}, never the playbook's matrix-postgres
#   (its unit, its Requires= and a reboot would start a second server on the folder and destroy it). It gets the
#   old server's max_connections, max_worker_processes, max_prepared_transactions, max_locks_per_transaction and
#   max_wal_senders, which a hot standby may not have lower than its primary; its socket is in ${remote.STANDBY_SOCKETS}.
# - Again after an interruption: a standby already following goes on following; a base backup that did not end
#   (${remote.BASE_BACKUP_BEGUN} on new, no standby.signal in the folder) is begun again, its slot on old dropped.
#   A data folder with anything else in it is refused.

- name: Look at the new server's Postgres data folder
  hosts: ${newGroup}
  gather_facts: true
  gather_subset: ["!all"]
  vars_files: [${files.PLAYBOOK_VALUES}, ${files.KEY_VARS}]
  vars:
    matrix_migrate_database: "{{ lookup('ansible.builtin.file', playbook_dir ~ '/${files.DATABASE_ROUTE}') | from_yaml }}"
  tasks:
    - name: Nothing to do off the stream route
      ansible.builtin.meta: end_play
      when: matrix_migrate_database.route != 'stream'

    - name: Look at the folder, the run's notes and the standby
      become: "{{ ansible_facts.user_id != 'root' }}"
      ansible.builtin.command:
        argv:
          - sh
          - -c
          - |
            echo "user: '$(id -u "$1"):$(id -g "$1")'"
            if systemctl is-active --quiet "$2"; then echo "playbook_postgres: active"; fi
            if [ "$(docker inspect --format '{{ '{{' }}.State.Running{{ '}}' }}' "$3" 2>/dev/null)" = true ]; then echo "standby: running"; fi
            if [ -f "$4/standby.signal" ]; then echo "folder: standby"
            elif [ -f "$5/${remote.BASE_BACKUP_BEGUN}" ]; then echo "folder: begun"
            elif [ -z "$(ls -A "$4" 2>/dev/null)" ]; then echo "folder: empty"
            else echo "folder: foreign"; fi
          - sh
          - "{{ matrix_user_name }}"
          - "{{ matrix_migrate_database.unit }}"
          - ${remote.STANDBY_CONTAINER}
          - "{{ matrix_migrate_postgres_data_path }}"
          - "{{ matrix_migrate_work_dir }}"
      register: matrix_migrate_look
      changed_when: false

    - name: Remember what it found
      ansible.builtin.set_fact:
        matrix_migrate_standby: "{{ matrix_migrate_look.stdout | from_yaml }}"

    - name: Refuse a data folder another server holds, or that holds anything but this run's
      ansible.builtin.assert:
        that:
          - matrix_migrate_standby.playbook_postgres is not defined
          - matrix_migrate_standby.folder != 'foreign'
        fail_msg: >-
          {{ ("The playbook's " ~ matrix_migrate_database.unit ~ ' runs on the new server, on ' ~ matrix_migrate_postgres_data_path
              ~ ': the standby needs that folder to itself, and two servers on one folder destroy it. Stop it (systemctl'
              ~ ' disable --now ' ~ matrix_migrate_database.unit ~ ') and resume.')
             if matrix_migrate_standby.playbook_postgres is defined else
             (matrix_migrate_postgres_data_path ~ ' on the new server holds files this run did not write: the base backup'
              ~ ' needs it empty. Move them away and resume, or migrate with --database copy.') }}
        quiet: true

- name: Open the tunnel from the old server's Postgres to the new server
  hosts: ${oldGroup}
  gather_facts: true
  gather_subset: ["!all"]
  vars_files: [${files.PLAYBOOK_VALUES}, ${files.KEY_VARS}]
  vars:
    matrix_migrate_database: "{{ lookup('ansible.builtin.file', playbook_dir ~ '/${files.DATABASE_ROUTE}') | from_yaml }}"
    matrix_migrate_tunnel_dir: ${tunnelDir}
    matrix_migrate_known_hosts: "{{ matrix_migrate_tunnel_dir }}/known_hosts"
    matrix_migrate_old_socket: "{{ postgres_run_path }}/.s.PGSQL.5432"
    # the key may forward the one port on new's loopback to a socket here, and do nothing else
    matrix_migrate_tunnel_restriction: >-
      from="{{ matrix_migrate_source_address }}",restrict,port-forwarding,permitlisten="127.0.0.1:${remote.TUNNEL_PORT?c}",permitopen="127.0.0.1:1",command="/bin/false"
    matrix_migrate_tunnel_command: >-
      {{ ['ssh', '-N', '-i', matrix_migrate_tunnel_dir ~ '/id_ed25519', '-p', matrix_migrate_new_port | string,
          '-o', 'UserKnownHostsFile=' ~ matrix_migrate_known_hosts, '-o', 'ExitOnForwardFailure=yes',
          '-o', 'ServerAliveCountMax=3', '-o', 'ServerAliveInterval=10']
         + matrix_migrate_ssh_options
         + ['-R', '127.0.0.1:${remote.TUNNEL_PORT?c}:' ~ matrix_migrate_old_socket,
            matrix_migrate_new_user ~ '@' ~ (('[' ~ matrix_migrate_new_address ~ ']') if ':' in matrix_migrate_new_address
            else matrix_migrate_new_address)] }}
    matrix_migrate_ssh_options:
<#list sshOptions as option>
      - "${option}"
</#list>
  tasks:
    - name: Nothing to do off the stream route
      ansible.builtin.meta: end_play
      when: matrix_migrate_database.route != 'stream'

    - name: Require the old server's Postgres socket on the host
      become: "{{ ansible_facts.user_id != 'root' }}"
      ansible.builtin.stat:
        path: "{{ matrix_migrate_old_socket }}"
        get_checksum: false
      register: matrix_migrate_socket

    - name: Refuse without it
      ansible.builtin.assert:
        that: matrix_migrate_socket.stat.exists and matrix_migrate_socket.stat.issock
        fail_msg: >-
          The old server's Postgres has no socket at {{ matrix_migrate_old_socket }}: it does not run, or its postgres role
          is older than v18.3-1, which keeps the socket inside the container. Start it, update the playbook, or migrate
          with --database copy.
        quiet: true

    - name: Find the address the old server connects to the new one from
      ansible.builtin.include_tasks: ${files.SOURCE_ADDRESS}

    - name: Make the tunnel's private folder beside the run's
      become: "{{ ansible_facts.user_id != 'root' }}"
      ansible.builtin.file:
        path: "{{ item }}"
        state: directory
        mode: "0700"
      loop: ["{{ matrix_migrate_tunnel_dir | dirname }}", "{{ matrix_migrate_tunnel_dir }}"]

    - name: Make the tunnel's key pair there, once; its private half never leaves the old server
      become: "{{ ansible_facts.user_id != 'root' }}"
      ansible.builtin.command:
        argv: [ssh-keygen, -q, -t, ed25519, -N, "", -C, "{{ matrix_migrate_key_comment }}_tunnel",
               -f, "{{ matrix_migrate_tunnel_dir }}/id_ed25519"]
        creates: "{{ matrix_migrate_tunnel_dir }}/id_ed25519"

    - name: Read its public half
      become: "{{ ansible_facts.user_id != 'root' }}"
      ansible.builtin.slurp:
        src: "{{ matrix_migrate_tunnel_dir }}/id_ed25519.pub"
      register: matrix_migrate_tunnel_key

    - name: Pin the new server's host keys there
      ansible.builtin.include_tasks: ${files.PIN_HOST_KEYS}

    - name: Find the home of the new server's SSH user
      ansible.builtin.include_tasks: ${files.NEW_HOME}

    - name: Make sure the new server's SSH user has a .ssh folder
      delegate_to: "{{ matrix_migrate_new }}"
      become: "{{ matrix_migrate_new_become }}"
      ansible.builtin.file:
        path: "{{ matrix_migrate_new_home }}/.ssh"
        state: directory
        owner: "{{ matrix_migrate_new_user }}"
        mode: "0700"

    - name: Authorize the tunnel's key on the new server, from the old server's address only, for the one forwarding only
      delegate_to: "{{ matrix_migrate_new }}"
      become: "{{ matrix_migrate_new_become }}"
      ansible.builtin.lineinfile:
        path: "{{ matrix_migrate_new_home }}/.ssh/authorized_keys"
        regexp: " {{ matrix_migrate_key_comment }}_tunnel$"
        line: "{{ matrix_migrate_tunnel_restriction }} {{ matrix_migrate_tunnel_key.content | b64decode | trim }}"
        create: true
        owner: "{{ matrix_migrate_new_user }}"
        mode: "0600"

    - name: Start the tunnel in a process group of its own, unless it runs, connecting again whenever it drops
      become: "{{ ansible_facts.user_id != 'root' }}"
      vars:
        matrix_migrate_tunnel_script: |
          dir=$1; shift
          if [ -f "$dir/${remote.TUNNEL_PID}" ]; then
            pid=$(cat "$dir/${remote.TUNNEL_PID}")
            if kill -s 0 -- "-$pid" 2>/dev/null && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF "$dir"; then
              exit 0
            fi
          fi
          setsid -f sh -c 'echo $$ > "$0/${remote.TUNNEL_PID}"; while [ -d "$0" ]; do "$@"; sleep 2; done' "$dir" "$@" \
            < /dev/null >> "$dir/tunnel.log" 2>&1
          echo started
      ansible.builtin.command:
        argv: "{{ ['sh', '-c', matrix_migrate_tunnel_script, 'sh', matrix_migrate_tunnel_dir] + matrix_migrate_tunnel_command }}"
      register: matrix_migrate_tunnel
      changed_when: matrix_migrate_tunnel.stdout == 'started'

- name: Make the standby on the new server and let it follow the old server
  hosts: ${newGroup}
  gather_facts: false
  vars_files: [${files.PLAYBOOK_VALUES}, ${files.KEY_VARS}]
  vars:
    matrix_migrate_database: "{{ lookup('ansible.builtin.file', playbook_dir ~ '/${files.DATABASE_ROUTE}') | from_yaml }}"
    matrix_migrate_user: "{{ matrix_migrate_standby.user }}"
    # a program of the postgres role's image, as the matrix user, on the host's network (the tunnel's end is on new's
    # loopback), with the data folder at /data as the role mounts it
    matrix_migrate_in_image: >-
      {{ ['docker', 'run', '--rm', '--network=host', '--user=' ~ matrix_migrate_user,
          '-v', matrix_migrate_postgres_data_path ~ ':/data', matrix_migrate_database.image] }}
    matrix_migrate_old_connection: ['-h', '127.0.0.1', '-p', '${remote.TUNNEL_PORT?c}', '-U', "{{ postgres_connection_username }}"]
    matrix_migrate_in_standby: ['docker', 'exec', '${remote.STANDBY_CONTAINER}', 'psql', '-h', '/var/run/postgresql', '-U',
                                "{{ postgres_connection_username }}", '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-At']
    matrix_migrate_settings_kept: [max_connections, max_worker_processes, max_prepared_transactions, max_locks_per_transaction,
                                   max_wal_senders]
  tasks:
    - name: Nothing to do off the stream route
      ansible.builtin.meta: end_play
      when: matrix_migrate_database.route != 'stream'

    - name: Make the data folder, the standby's socket folder and the run's folder
      become: "{{ matrix_migrate_new_become }}"
      ansible.builtin.file:
        path: "{{ item.path }}"
        state: directory
        owner: "{{ item.owner | default(omit) }}"
        group: "{{ item.group | default(omit) }}"
        mode: "0700"
      loop:
        - {path: "{{ matrix_migrate_postgres_data_path }}", owner: "{{ matrix_migrate_user.split(':')[0] }}", group: "{{ matrix_migrate_user.split(':')[1] }}"}
        - {path: ${remote.STANDBY_SOCKETS}, owner: "{{ matrix_migrate_user.split(':')[0] }}", group: "{{ matrix_migrate_user.split(':')[1] }}"}
        - {path: "{{ matrix_migrate_work_dir | dirname }}"}
        - {path: "{{ matrix_migrate_work_dir }}"}

    - name: Wait for the tunnel to reach the old server's Postgres
      become: "{{ matrix_migrate_new_become }}"
      ansible.builtin.command:
        argv: "{{ matrix_migrate_in_image + ['pg_isready'] + matrix_migrate_old_connection }}"
      register: matrix_migrate_reached
      until: matrix_migrate_reached.rc == 0
      retries: 30
      delay: 1
      changed_when: false

    - name: Read the old server's settings that a hot standby may not have lower
      become: "{{ matrix_migrate_new_become }}"
      ansible.builtin.command:
        argv: "{{ matrix_migrate_in_image + ['psql'] + matrix_migrate_old_connection + ['-d', 'postgres', '-At', '-c',
          \"SELECT name || '=' || setting FROM pg_settings WHERE name IN ('\" ~ matrix_migrate_settings_kept | join(\"', '\") ~ \"') ORDER BY name\"] }}"
      register: matrix_migrate_old_settings
      changed_when: false

    # its pg_basebackup, which an interrupted run does not stop, holds the lock on the folder until it ends
    - name: Wait for a base backup an interrupted attempt left running to end, and look whether it made the standby's folder
      become: "{{ matrix_migrate_new_become }}"
      ansible.builtin.command:
        argv: [flock, -w, "600", "{{ matrix_migrate_postgres_data_path }}", sh, -c, 'if [ -f "$0/standby.signal" ]; then echo standby; fi',
               "{{ matrix_migrate_postgres_data_path }}"]
      register: matrix_migrate_waited
      when: matrix_migrate_standby.folder == 'begun'
      changed_when: false

    - name: Take the folder that backup made
      ansible.builtin.set_fact:
        matrix_migrate_standby: "{{ matrix_migrate_standby | combine({'folder': 'standby'}) }}"
      when: matrix_migrate_standby.folder == 'begun' and matrix_migrate_waited.stdout == 'standby'

    - name: Begin again a base backup that did not end, its slot on the old server dropped
      become: "{{ matrix_migrate_new_become }}"
      ansible.builtin.command:
        argv: "{{ ['sh', '-c', 'find \"$0\" -mindepth 1 -delete && exec \"$@\"', matrix_migrate_postgres_data_path]
          + matrix_migrate_in_image + ['psql'] + matrix_migrate_old_connection + ['-d', 'postgres', '-At', '-c',
          \"SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '${slot}' AND NOT active\"] }}"
      when: matrix_migrate_standby.folder == 'begun'
      changed_when: true

    - name: Take the base backup into the new server's data folder
      become: "{{ matrix_migrate_new_become }}"
      ansible.builtin.command:
        # noted first, so that an interrupted backup is known as this run's; the lock on the folder waits for one
        # an interrupted attempt left running
        argv: "{{ ['sh', '-c', 'touch \"$0\" && exec flock -w 600 \"$@\"', matrix_migrate_work_dir ~ '/${remote.BASE_BACKUP_BEGUN}',
          matrix_migrate_postgres_data_path] + matrix_migrate_in_image + ['pg_basebackup'] + matrix_migrate_old_connection
          + ['-D', '/data', '-X', 'stream', '-C', '-S', '${slot}', '-R', '--checkpoint=fast'] }}"
      when: matrix_migrate_standby.folder in ['empty', 'begun']
      register: matrix_migrate_base_backup
      changed_when: true

    - name: Remove a standby that ended
      become: "{{ matrix_migrate_new_become }}"
      ansible.builtin.command:
        argv: [sh, -c, 'docker rm -f "$1" > /dev/null 2>&1; true', sh, ${remote.STANDBY_CONTAINER}]
      when: matrix_migrate_standby.standby is not defined
      changed_when: false

    - name: Start the standby with the old server's settings
      become: "{{ matrix_migrate_new_become }}"
      ansible.builtin.command:
        argv: >-
          {{ ['docker', 'run', '-d', '--name', '${remote.STANDBY_CONTAINER}', '--network=host', '--shm-size=256m',
              '--stop-timeout', '60', '--user=' ~ matrix_migrate_user, '-v', matrix_migrate_postgres_data_path ~ ':/data',
              '-v', '${remote.STANDBY_SOCKETS}:/var/run/postgresql', '-e', 'PGDATA=/data', matrix_migrate_database.image,
              'postgres', '-c', 'listen_addresses=', '-c', 'unix_socket_directories=/var/run/postgresql', '-c', 'hot_standby=on']
             + matrix_migrate_old_settings.stdout_lines | map('regex_replace', '^', '--') | list }}
      when: matrix_migrate_standby.standby is not defined
      changed_when: true

    - name: Wait until the standby streams from the old server
      become: "{{ matrix_migrate_new_become }}"
      ansible.builtin.command:
        argv: "{{ matrix_migrate_in_standby + ['-c', 'SELECT status FROM pg_stat_wal_receiver'] }}"
      register: matrix_migrate_streaming
      until: matrix_migrate_streaming.stdout == 'streaming'
      retries: 120
      delay: 1
      changed_when: false

    - name: Say how far behind it is
      become: "{{ matrix_migrate_new_become }}"
      ansible.builtin.command:
        argv: "{{ matrix_migrate_in_standby + ['-c', \"SELECT pg_last_wal_replay_lsn() || ' replayed, '
          || pg_size_pretty(pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn())) || ' received but not yet replayed'\"] }}"
      register: matrix_migrate_lag
      changed_when: false

    - name: Report it
      ansible.builtin.debug:
        msg: "The standby follows the old server ({{ matrix_migrate_lag.stdout }}), with {{ matrix_migrate_old_settings.stdout_lines | join(', ') }}."
