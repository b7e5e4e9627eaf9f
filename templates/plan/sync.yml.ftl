---
<#-- What each key this run authorizes on the new server may do: connect from the old server only, run its command only. -->
<#assign keyRestriction>from="{{ matrix_migrate_source_address }}",restrict,no-pty,no-port-forwarding,no-agent-forwarding,no-X11-forwarding</#assign>
# Copies ${dataPath} of ${host} from the old server to the new one, for matrix-migrate.
# The data travels directly from old to new over SSH; it never passes through the machine running
# this play. Old authenticates to new with a key pair made on old for this run only (its private half
# never leaves old), authorized on new from old's address only, with no pty or forwarding, and for one
# command only: rrsync, which lets it write into ${dataPath} and nothing else. ${files.REMOVE_KEY} removes
# it from old and new at the end, also when the copy fails. New's host key is pinned from what Ansible
# already verified.
# One copy at a time: the copy on old runs in a process group of its own, noted in ${workDir}/${remote.COPY_PID};
# a copy that an interrupted attempt left running is stopped before anything else, and on new rrsync
# holds a lock on ${dataPath} while it writes, which the next copy waits for.
#
# matrix_migrate_pass (-e) chooses the copy:
#   warm    a first copy while the old server still runs: files vanishing meanwhile (rsync exit 24)
#           are expected
#   final   the copy after the old server stopped: the target ends equal to the source, and a dry run
#           then must find no difference (-e matrix_migrate_checksum=true compares contents too); the
#           differences it finds are kept in ${files.VERIFY_RESULT} beside this play
# matrix_migrate_owner (-e, the playbook's matrix_user_name:matrix_group_name) gives what is copied to that owner on the new server.
# matrix_migrate_stop=true (-e) stops and disables the old server's matrix units (${files.STOP_UNITS}) once
# the key is in place, right before the final pass: the whole cutover is then this one run.
# matrix_migrate_keep_key=true (-e) leaves the key in place after a copy that succeeded, for ${files.CLEANUP}
# to remove once the new server runs: removing it then costs no downtime.
# matrix_migrate_keep_installed=true (-e) makes the final pass and its verification leave out the paths that
# ${files.INSTALLED_ON_NEW} beside this play lists: what the install wrote on new (${files.LIST_INSTALLED}).
# The database's route is the preflight's (${files.DATABASE_ROUTE} beside this play). On the dump route both passes
# and the verification leave out the raw data of the playbook's Postgres, and the cutover keeps its unit
# running after the others stopped, dumps every database with pg_dumpall inside its container through zstd
# into ${dumpFile} on the old server (outside the data path), counts every table's rows
# (${files.ROWS_OLD} beside this play), stops and disables it, and sends the dump to the same place on the new
# server with a second key made for this run, restricted to writing into that folder (${files.SYNC_DUMP}).
# On the stream route both passes and the verification leave out the raw data of the playbook's Postgres, and the
# cutover keeps its unit running after the others stopped, checkpoints it, stops and disables it, waits until the
# standby on the new server replayed its last checkpoint, promotes the standby and stops it (${files.SYNC_STREAM}).
# The final pass keeps ${files.CUTOVER_NOTES} beside this play, also when it fails: when the services stopped,
# how long the stop, the copy and the verification took, and how many differences were found.
# Inside the downtime, only tasks that must be there run, and no other write from here to this machine.
# The empty-target check is the preflight's (${files.PREFLIGHT}); rsync's live progress goes to
# ${workDir}/${remote.PROGRESS_PREFIX}<pass> on the old server while it runs.

- name: End the copy an interrupted attempt left running on the old server
  hosts: ${oldGroup}
  gather_facts: true
  gather_subset: ["!all"]
  vars_files: [${files.KEY_VARS}]
  tasks:
    - name: Stop the copy's process group noted in the run's folder, if it still runs
      become: "{{ ansible_facts.user_id != 'root' }}"
      ansible.builtin.command:
        # the group is only taken for this run's copy (or dump) when its leader still names this run's folder
        argv:
          - sh
          - -c
          - |
            [ -f "$1/${remote.COPY_PID}" ] || exit 0
            pid=$(cat "$1/${remote.COPY_PID}")
            tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF "$1/" || exit 0
            echo "stopped the copy an earlier attempt left running on the old server (process group $pid)"
            kill -s TERM -- "-$pid" 2>/dev/null
            for i in $(seq 50); do kill -s 0 -- "-$pid" 2>/dev/null || exit 0; sleep 0.1; done
            kill -s KILL -- "-$pid" 2>/dev/null; sleep 0.5
          - sh
          - "{{ matrix_migrate_work_dir }}"
      register: matrix_migrate_leftover
      changed_when: matrix_migrate_leftover.stdout | length > 0

    - name: Say so
      ansible.builtin.debug:
        msg: "{{ matrix_migrate_leftover.stdout }}"
      when: matrix_migrate_leftover.stdout | length > 0

- name: Prepare the new server and learn its host keys
  hosts: ${newGroup}
  gather_facts: true
  gather_subset: ["!all"]
  vars_files: [${files.PLAYBOOK_VALUES}, ${files.KEY_VARS}]
  tasks:
    - name: Make sure rsync is installed
      ansible.builtin.include_tasks: ${files.RSYNC_PRESENT}

    - name: Find rrsync, the command the copy's key is restricted to
      ansible.builtin.command:
        argv: [sh, -c, command -v rrsync]
      register: matrix_migrate_rrsync
      changed_when: false
      failed_when: matrix_migrate_rrsync.rc != 0 and matrix_migrate_rrsync.rc != 127 and matrix_migrate_rrsync.rc != 1

    - name: Require rrsync
      ansible.builtin.assert:
        that: matrix_migrate_rrsync.stdout | length > 0
        fail_msg: >-
          rrsync is missing on the new server: it comes with rsync 3.2.4 and later (Debian 12, Ubuntu 22.04);
          the copy's key is restricted to it.
        quiet: true

    # rrsync writes only into a folder that exists (the copy then gives it the old one's mode and owner), and
    # holds a lock on it while it writes
    - name: Make the data path when it is missing, or wait until a copy an interrupted attempt left running here has ended
      become: "{{ matrix_migrate_new_become }}"
      ansible.builtin.command:
        argv:
          - sh
          - -c
          - |
            if [ ! -d "$1" ]; then mkdir -m 0700 -- "$1" && echo "made $1 on the new server"; exit; fi
            flock -n "$1" true && exit 0
            echo "waited for the copy an earlier attempt left running on the new server"
            flock -w 60 "$1" true
          - sh
          - "{{ matrix_migrate_data_path }}"
      register: matrix_migrate_receiver_wait
      changed_when: matrix_migrate_receiver_wait.stdout | length > 0

    - name: Require the host keys of the new server
      ansible.builtin.assert:
        that: >-
          ansible_facts.ssh_host_key_ed25519_public is defined or ansible_facts.ssh_host_key_ecdsa_public is defined
          or ansible_facts.ssh_host_key_rsa_public is defined
        fail_msg: Ansible found no SSH host key under /etc/ssh on the new server, so none can be pinned on the old one.
        quiet: true

- name: Copy ${dataPath} from the old server to the new one
  hosts: ${oldGroup}
  gather_facts: true
  gather_subset: ["!all"]
  vars_files: [${files.PLAYBOOK_VALUES}, ${files.KEY_VARS}]
  vars:
    matrix_migrate_pass: final
    matrix_migrate_keep_key: false
    matrix_migrate_stop: false
    matrix_migrate_checksum: false
    matrix_migrate_owner: ""
    matrix_migrate_database: "{{ lookup('ansible.builtin.file', playbook_dir ~ '/${files.DATABASE_ROUTE}') | from_yaml }}"
    matrix_migrate_dump_route: "{{ matrix_migrate_database.route == 'dump' }}"
    # the dump is made, counted and sent in the cutover, between the stop and the final pass
    matrix_migrate_dumps: "{{ matrix_migrate_dump_route | bool and matrix_migrate_stop | bool }}"
    # the stream route: the standby on new has the database; the cutover promotes it after old's Postgres stopped
    matrix_migrate_stream_route: "{{ matrix_migrate_database.route == 'stream' }}"
    matrix_migrate_promotes: "{{ matrix_migrate_stream_route | bool and matrix_migrate_stop | bool }}"
    matrix_migrate_destination: >-
      {{ matrix_migrate_new_user }}@{{ ('[' ~ matrix_migrate_new_address ~ ']') if ':' in matrix_migrate_new_address
         else matrix_migrate_new_address }}:{{ matrix_migrate_data_path }}/
    # The copy runs in a process group of its own, noted in ${remote.COPY_PID}, so that an interrupted attempt's copy can
    # be found and stopped. Then the first argument: where its output goes (- for Ansible; rsync's progress goes
    # to a file the person's terminal follows, and its count of the bytes it sent to Ansible's stderr).
    matrix_migrate_in_own_group:
      - setsid
      - -w
      - sh
      - -c
      - 'echo $$ > "$0"; out=$1; shift; [ "$out" = - ] && exec "$@"; "$@" > "$out"; rc=$?; grep "^Total bytes sent:" "$out" >&2; exit $rc'
      - "{{ matrix_migrate_work_dir }}/${remote.COPY_PID}"
    matrix_migrate_rsync_base: >-
      {{ ['rsync'] + matrix_migrate_rsync_options
         + (['--chown=' ~ matrix_migrate_owner] if matrix_migrate_owner | length > 0 else [])
         + ['-e', (['ssh', '-i', matrix_migrate_work_dir ~ '/id_ed25519', '-p', matrix_migrate_new_port | string,
                    '-o', 'UserKnownHostsFile=' ~ matrix_migrate_work_dir ~ '/known_hosts'] + matrix_migrate_ssh_options) | join(' ')] }}
    matrix_migrate_rsync_command: >-
      {{ matrix_migrate_rsync_base
         + (['--exclude-from=' ~ matrix_migrate_exclusions] if matrix_migrate_installed_paths | length > 0 else [])
         + (['--exclude=' ~ matrix_migrate_database.exclude] if (matrix_migrate_dump_route | bool or matrix_migrate_stream_route | bool
            or matrix_migrate_database_pass | bool)
            and matrix_migrate_database.exclude | length > 0 else []) }}
    # After a warm pass, the final pass copies Postgres's raw files on their own, compared by content, as PostgreSQL's
    # documentation says of rsync (File System Level Backup): rsync's quick check sees a change by size and time, and a
    # page written in the same second as the warm pass read its file, or a file the new server changed since, keeps
    # both. Nothing of that folder is ever left out as the install's.
    matrix_migrate_database_by_content: false
    # rsync's count of what a pass sent (--info=stats2), for ${files.CUTOVER_NOTES}
    matrix_migrate_sent: 'Total bytes sent: ([0-9,]+)'
    matrix_migrate_database_pass: >-
      {{ matrix_migrate_pass == 'final' and matrix_migrate_database_by_content | bool and matrix_migrate_database.route == 'copy'
         and postgres_enabled | bool and matrix_migrate_database.exclude | length > 0 }}
    matrix_migrate_database_endpoints:
      - "{{ matrix_migrate_data_path ~ matrix_migrate_database.exclude }}"
      - "{{ matrix_migrate_destination ~ matrix_migrate_database.exclude[1:] }}"
    # what the key may run on new: rrsync, writing into the data path only (through sudo, which keeps the
    # command rrsync checks, when the copy logs in as another user than root)
    matrix_migrate_receiver: >-
      {{ ('sudo -n /usr/bin/env SSH_ORIGINAL_COMMAND=\"$SSH_ORIGINAL_COMMAND\" ' if matrix_migrate_new_become | bool else '')
         ~ hostvars[matrix_migrate_new].matrix_migrate_rrsync.stdout ~ ' -wo -absolute ' ~ (matrix_migrate_data_path | quote) }}
    matrix_migrate_endpoints: ["{{ matrix_migrate_data_path }}/", "{{ matrix_migrate_destination }}"]
    # the dump's key may only write into the run's folder on new
    matrix_migrate_dump_receiver: >-
      {{ ('sudo -n /usr/bin/env SSH_ORIGINAL_COMMAND=\"$SSH_ORIGINAL_COMMAND\" ' if matrix_migrate_new_become | bool else '')
         ~ hostvars[matrix_migrate_new].matrix_migrate_rrsync.stdout ~ ' -wo -absolute ' ~ (matrix_migrate_work_dir | quote) }}
    matrix_migrate_dump_command: >-
      {{ ['rsync', '--times', '--chmod=F644', '--info=stats2', '-e', (['ssh', '-i', matrix_migrate_work_dir ~ '/id_ed25519_dump', '-p',
          matrix_migrate_new_port | string, '-o', 'UserKnownHostsFile=' ~ matrix_migrate_work_dir ~ '/known_hosts']
          + matrix_migrate_ssh_options) | join(' '), matrix_migrate_database.dump | default(''),
          matrix_migrate_new_user ~ '@' ~ (('[' ~ matrix_migrate_new_address ~ ']') if ':' in matrix_migrate_new_address
          else matrix_migrate_new_address) ~ ':' ~ matrix_migrate_work_dir ~ '/'] }}
    matrix_migrate_keep_installed: false
    # never a path under Postgres's data folder, whatever the list says
    matrix_migrate_installed_paths: >-
      {{ (lookup('ansible.builtin.file', playbook_dir ~ '/${files.INSTALLED_ON_NEW}', rstrip=false).splitlines()
         if matrix_migrate_keep_installed | bool else [])
         | reject('search', '^' ~ (matrix_migrate_database.exclude | regex_escape) if matrix_migrate_database.exclude | length > 0 else '^$')
         | list }}
    matrix_migrate_exclusions: "{{ matrix_migrate_work_dir }}/installed-on-new"
    matrix_migrate_rsync_options:
<#list rsyncOptions as option>
      - "${option}"
</#list>
    matrix_migrate_ssh_options:
<#list sshOptions as option>
      - "${option}"
</#list>
  tasks:
    - name: Require a known pass
      ansible.builtin.assert:
        that: matrix_migrate_pass in ['warm', 'final']
        fail_msg: matrix_migrate_pass must be warm or final, not {{ matrix_migrate_pass }}.
        quiet: true

    - name: Make sure rsync is installed
      ansible.builtin.include_tasks: ${files.RSYNC_PRESENT}

    - name: Find the address the old server connects to the new one from
      ansible.builtin.include_tasks: ${files.SOURCE_ADDRESS}

    - name: Copy with a key made for this run only
      block:
        - name: Make a fresh private folder on the old server
          become: "{{ ansible_facts.user_id != 'root' }}"
          ansible.builtin.file:
            path: "{{ item.path }}"
            state: "{{ item.state }}"
            mode: "0700"
          loop:
            - {path: "{{ matrix_migrate_work_dir }}", state: absent}
            - {path: "{{ matrix_migrate_work_dir | dirname }}", state: directory}
            - {path: "{{ matrix_migrate_work_dir }}", state: directory}

        - name: Make the key pair there; its private half never leaves the old server
          become: "{{ ansible_facts.user_id != 'root' }}"
          ansible.builtin.command:
            argv: [ssh-keygen, -q, -t, ed25519, -N, "", -C, "{{ matrix_migrate_key_comment }}{{ item }}",
                   -f, "{{ matrix_migrate_work_dir }}/id_ed25519{{ item }}"]
          loop: "{{ [''] + (['_dump'] if matrix_migrate_dumps | bool else []) }}"
          changed_when: true

        - name: Read its public half
          become: "{{ ansible_facts.user_id != 'root' }}"
          ansible.builtin.slurp:
            src: "{{ matrix_migrate_work_dir }}/id_ed25519.pub"
          register: matrix_migrate_public_key

        - name: Read the dump key's public half
          become: "{{ ansible_facts.user_id != 'root' }}"
          ansible.builtin.slurp:
            src: "{{ matrix_migrate_work_dir }}/id_ed25519_dump.pub"
          register: matrix_migrate_dump_public_key
          when: matrix_migrate_dumps | bool

        - name: Pin the new server's host keys there
          ansible.builtin.include_tasks: ${files.PIN_HOST_KEYS}
          vars:
            matrix_migrate_known_hosts: "{{ matrix_migrate_work_dir }}/known_hosts"

        - name: Write what the install wrote on new as rsync exclusions (anchored; wildcards escaped)
          become: "{{ ansible_facts.user_id != 'root' }}"
          ansible.builtin.copy:
            dest: "{{ matrix_migrate_exclusions }}"
            mode: "0600"
            content: |
              {% for path in matrix_migrate_installed_paths %}
              {{ (path | regex_replace('([*?\[\\])', '\\\1')) if path is search('[*?\[]') else path }}
              {% endfor %}
          when: matrix_migrate_installed_paths | length > 0

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

        - name: Authorize the key on the new server, from the old server's address only, for the copy only
          delegate_to: "{{ matrix_migrate_new }}"
          become: "{{ matrix_migrate_new_become }}"
          ansible.builtin.lineinfile:
            path: "{{ matrix_migrate_new_home }}/.ssh/authorized_keys"
            line: >-
              ${keyRestriction},command="{{
              matrix_migrate_receiver }}" {{ matrix_migrate_public_key.content | b64decode | trim }}
            create: true
            owner: "{{ matrix_migrate_new_user }}"
            mode: "0600"

        - name: Make the folder the dump goes to on the new server, apart from the data path
          delegate_to: "{{ matrix_migrate_new }}"
          become: "{{ matrix_migrate_new_become }}"
          ansible.builtin.file:
            path: "{{ item }}"
            state: directory
            mode: "0700"
          loop: ["{{ matrix_migrate_work_dir | dirname }}", "{{ matrix_migrate_work_dir }}"]
          when: matrix_migrate_dumps | bool

        - name: Authorize the dump's key on the new server, from the old server's address only, for writing the dump only
          delegate_to: "{{ matrix_migrate_new }}"
          become: "{{ matrix_migrate_new_become }}"
          ansible.builtin.lineinfile:
            path: "{{ matrix_migrate_new_home }}/.ssh/authorized_keys"
            line: >-
              ${keyRestriction},command="{{
              matrix_migrate_dump_receiver }}" {{ matrix_migrate_dump_public_key.content | b64decode | trim }}
            create: true
            owner: "{{ matrix_migrate_new_user }}"
            mode: "0600"
          when: matrix_migrate_dumps | bool

        - name: >-
            Stop the old server for good{{ ', but its Postgres until the dump is written' if matrix_migrate_dumps | bool
            else ', but its Postgres until its last changes are checkpointed' if matrix_migrate_promotes | bool else '' }}
          ansible.builtin.include_tasks: ${files.STOP_UNITS}
          vars:
            matrix_migrate_units_kept: "{{ [matrix_migrate_database.unit] if matrix_migrate_dumps | bool or matrix_migrate_promotes | bool else [] }}"
          when: matrix_migrate_stop | bool
          tags: [${files.GATE_TAG}]  # --cold: the run waits here, prepared, until the playbook's --tags=stop has run

        - name: Dump the database while the old server's Postgres still runs, count its rows, stop it, send the dump
          ansible.builtin.import_tasks: ${files.SYNC_DUMP}
          when: matrix_migrate_dumps | bool
          become: "{{ ansible_facts.user_id != 'root' }}"

        - name: Stop the old server's Postgres, wait until the standby on new replayed its last checkpoint, promote it
          ansible.builtin.import_tasks: ${files.SYNC_STREAM}
          when: matrix_migrate_promotes | bool
          become: "{{ ansible_facts.user_id != 'root' }}"

        - name: Copy the data path from old to new, pass {{ matrix_migrate_pass }}
          become: "{{ ansible_facts.user_id != 'root' }}"
          ansible.builtin.command:  # noqa: command-instead-of-module (synchronize cannot go host to host safely)
            argv: "{{ matrix_migrate_in_own_group + [matrix_migrate_work_dir ~ '/${remote.PROGRESS_PREFIX}' ~ matrix_migrate_pass]
              + matrix_migrate_rsync_command + ['--info=progress2', '--outbuf=L'] + matrix_migrate_endpoints }}"
          register: matrix_migrate_copy
          changed_when: true
          # exit 24: files vanished while they were being copied, which a running server does
          failed_when: matrix_migrate_copy.rc != 0 and not (matrix_migrate_pass == 'warm' and matrix_migrate_copy.rc == 24)

        - name: Copy Postgres's raw files, compared by content
          become: "{{ ansible_facts.user_id != 'root' }}"
          ansible.builtin.command:  # noqa: command-instead-of-module (synchronize cannot go host to host safely)
            argv: "{{ matrix_migrate_in_own_group + [matrix_migrate_work_dir ~ '/${remote.PROGRESS_PREFIX}' ~ matrix_migrate_pass]
              + matrix_migrate_rsync_base + ['--checksum', '--info=progress2', '--outbuf=L'] + matrix_migrate_database_endpoints }}"
          register: matrix_migrate_database_copy
          changed_when: true
          when: matrix_migrate_database_pass | bool

        - name: Compare old and new with a dry run
          become: "{{ ansible_facts.user_id != 'root' }}"
          ansible.builtin.command:  # noqa: command-instead-of-module (synchronize cannot go host to host safely)
            argv: "{{ matrix_migrate_in_own_group + ['-'] + matrix_migrate_rsync_command + ['--dry-run', '--itemize-changes', '--info=stats0,progress0']
              + (['--checksum'] if matrix_migrate_checksum | bool else []) + matrix_migrate_endpoints }}"
          register: matrix_migrate_verify_data
          changed_when: false
          when: matrix_migrate_pass == 'final'

        - name: Compare Postgres's raw files with a dry run
          become: "{{ ansible_facts.user_id != 'root' }}"
          ansible.builtin.command:  # noqa: command-instead-of-module (synchronize cannot go host to host safely)
            # each difference named from the data path, as the other comparison names them
            argv: "{{ matrix_migrate_in_own_group + ['-'] + matrix_migrate_rsync_base + ['--dry-run', '--itemize-changes', '--info=stats0,progress0',
              '--out-format=%i ' ~ matrix_migrate_database.exclude[1:] ~ '%n%L'] + (['--checksum'] if matrix_migrate_checksum | bool else [])
              + matrix_migrate_database_endpoints }}"
          register: matrix_migrate_verify_database
          changed_when: false
          when: matrix_migrate_database_pass | bool

        - name: Wait for the standby's promotion, begun before the final pass (the stream route)
          delegate_to: "{{ matrix_migrate_new }}"
          become: "{{ matrix_migrate_new_become }}"
          ansible.builtin.async_status:
            jid: "{{ matrix_migrate_promotion_job.ansible_job_id }}"
          register: matrix_migrate_promotion
          until: matrix_migrate_promotion.finished
          retries: 900
          delay: 1
          when: matrix_migrate_promotes | bool and matrix_migrate_promotion_job.ansible_job_id is defined

        - name: Take the differences of both
          ansible.builtin.set_fact:
            matrix_migrate_verify:
              delta: "{{ matrix_migrate_verify_data.delta }}"
              stdout_lines: "{{ matrix_migrate_verify_data.stdout_lines + (matrix_migrate_verify_database.stdout_lines | default([])) }}"
              stdout: "{{ (matrix_migrate_verify_data.stdout_lines + (matrix_migrate_verify_database.stdout_lines | default([]))) | join('\n') }}"
          when: matrix_migrate_pass == 'final'

        - name: Keep the differences beside this play
          delegate_to: localhost
          become: false
          ansible.builtin.copy:
            dest: "{{ playbook_dir }}/${files.VERIFY_RESULT}"
            mode: "0644"
            content: "{{ matrix_migrate_verify.stdout }}\n"
          when: matrix_migrate_pass == 'final' and matrix_migrate_verify.stdout | length > 0

        - name: Require no difference between old and new
          ansible.builtin.assert:
            that: matrix_migrate_verify.stdout | length == 0
            fail_msg: >-
              The new server differs from the old one ({{ matrix_migrate_verify.stdout_lines | length }} differences,
              all in {{ playbook_dir }}/${files.VERIFY_RESULT}); the first: {{ matrix_migrate_verify.stdout_lines[:10] | join(' | ') }}
            quiet: true
          when: matrix_migrate_pass == 'final'

        - name: Note that the copy is complete
          ansible.builtin.set_fact:
            matrix_migrate_copied: true

      always:
        - name: Note when the services stopped and how long the parts of the downtime took, beside this play
          delegate_to: localhost
          become: false
          ansible.builtin.copy:
            dest: "{{ playbook_dir }}/${files.CUTOVER_NOTES}"
            mode: "0644"
            content: |
              stopped-at: "{{ matrix_migrate_stopped_at | default('') }}"
              stop: "{{ matrix_migrate_unit_states.delta | default('') }}"
              final-pass: "{{ matrix_migrate_copy.delta | default('') }}"
              database-pass: "{{ matrix_migrate_database_copy.delta | default('') }}"
              final-pass-sent: "{{ (matrix_migrate_copy.stderr | default('') | regex_findall(matrix_migrate_sent) + [''])[0] }}"
              database-pass-sent: "{{ (matrix_migrate_database_copy.stderr | default('') | regex_findall(matrix_migrate_sent) + [''])[0] }}"
              verification: "{{ matrix_migrate_verify.delta | default('') }}"
              database-verification: "{{ matrix_migrate_verify_database.delta | default('') }}"
              differences: {{ matrix_migrate_verify.stdout_lines | default([]) | length }}
              dump: "{{ matrix_migrate_dump.delta | default('') }}"
              dump-bytes: {{ matrix_migrate_dump.stdout_lines[-1] | default('') }}
              dump-send: "{{ matrix_migrate_dump_sent.delta | default('') }}"
              standby-catch-up: "{{ (matrix_migrate_promotion.stdout | default('') | regex_findall('catch-up: ([0-9.]+)') + [''])[0] }}"
              promotion: "{{ (matrix_migrate_promotion.stdout | default('') | regex_findall('promotion: ([0-9.]+)') + [''])[0] }}"
          when: matrix_migrate_pass == 'final'

        - name: Remove the key from both servers
          ansible.builtin.include_tasks: ${files.REMOVE_KEY}
          when: not (matrix_migrate_keep_key | bool and matrix_migrate_copied | default(false))
