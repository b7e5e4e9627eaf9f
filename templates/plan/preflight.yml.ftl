---
# Checks both servers of the migration of ${host} before anything is stopped, for matrix-migrate.
# It changes nothing on either server. When a check refuses the servers, its message is written to
# ${files.PREFLIGHT_REFUSAL} beside this play: matrix-migrate ends with it (exit 2, nothing changed)
# instead of offering a resume.

- name: Measure the old server
  hosts: ${oldGroup}
  gather_facts: true
  gather_subset: ["!all", "!min", "platform", "user", "pkg_mgr", "ssh_pub_keys"]
  vars_files: [${files.PLAYBOOK_VALUES}]
  tasks:
    - name: Check the old server
      block:
        - name: Measure the blocks the data path takes (hard links once, sparse files by what they hold) and its largest file
          become: "{{ ansible_facts.user_id != 'root' }}"
          ansible.builtin.command:
            argv: [sh, -c, 'du -s -B1 "$1" | cut -f 1 && find "$1" -type f -printf "%b\n" | sort -n | tail -n 1', sh,
                   "{{ matrix_migrate_data_path }}"]
          register: matrix_migrate_du
          changed_when: false

        - name: Note what identifies the data path's folder
          ansible.builtin.stat:
            path: "{{ matrix_migrate_data_path }}"
            get_checksum: false
            get_mime: false
            get_attributes: false
          register: matrix_migrate_data_stat

        - name: Find the playbook's own PostgreSQL, by the playbook's values (${files.PLAYBOOK_VALUES})
          ansible.builtin.set_fact:
            matrix_migrate_postgres_enabled: "{{ postgres_enabled | bool }}"
            matrix_migrate_postgres_base: "{{ matrix_migrate_postgres_base_path }}"
            matrix_migrate_postgres_data: "{{ matrix_migrate_postgres_data_path }}"

        - name: Measure the databases of the playbook's Postgres (the dump's size is at most about theirs, before compression)
          become: "{{ ansible_facts.user_id != 'root' }}"
          ansible.builtin.command:
            argv: [sh, -c, 'if [ -d "$1/base" ]; then du -s -B1 "$1/base" | cut -f 1; else echo 0; fi; cat "$1/PG_VERSION" 2>/dev/null || true',
                   sh, "{{ matrix_migrate_postgres_data }}"]
          register: matrix_migrate_postgres_du
          changed_when: false
          when: matrix_migrate_postgres_enabled | bool

        - name: Measure the room for the dump in the run's folder (${workDir})
          ansible.builtin.command:
            argv: [sh, -c, 'p="$1"; while [ ! -e "$p" ]; do p=$(dirname "$p"); done; df -P -B1 "$p" | tail -n 1', sh,
                   "${workDir}"]
          register: matrix_migrate_work_df
          changed_when: false

        - name: Remember the size, the room rsync needs beside it, and what identifies this machine
          ansible.builtin.set_fact:
            matrix_migrate_data_bytes: "{{ matrix_migrate_du.stdout_lines[0] | int }}"
            # rsync writes a changed file beside the old one before it replaces it
            matrix_migrate_temporary_bytes: "{{ (matrix_migrate_du.stdout_lines[1] | default(0) | int) * 512 }}"
            matrix_migrate_database_bytes: "{{ (matrix_migrate_postgres_du.stdout_lines | default(['0']))[0] | int }}"
            # the major version the data folder was made by (empty when it has none)
            matrix_migrate_pg_version: "{{ (matrix_migrate_postgres_du.stdout_lines | default([]))[1] | default('') | trim }}"
            matrix_migrate_host_keys: &host_keys >-
              {{ [ansible_facts.ssh_host_key_ed25519_public | default(''), ansible_facts.ssh_host_key_ecdsa_public | default(''),
                  ansible_facts.ssh_host_key_rsa_public | default(''), ansible_facts.ssh_host_key_dsa_public | default('')] | select | list }}
            matrix_migrate_data_identity: &data_identity >-
              {{ [matrix_migrate_data_stat.stat.dev, matrix_migrate_data_stat.stat.inode, matrix_migrate_data_stat.stat.mtime,
                  matrix_migrate_data_stat.stat.ctime] if matrix_migrate_data_stat.stat.exists else [] }}
      rescue: &refuse
        - name: Keep the refusal beside this play and stop
          ansible.builtin.import_tasks: ${files.REFUSE}
          vars:
            matrix_migrate_refusal_file: ${files.PREFLIGHT_REFUSAL}

- name: Check the new server
  hosts: ${newGroup}
  gather_facts: true
  gather_subset: ["!all", "!min", "platform", "user", "env", "pkg_mgr", "ssh_pub_keys"]
  vars_files: [${files.PLAYBOOK_VALUES}, ${files.KEY_VARS}]  # matrix_migrate_new_user: the user the copy logs in as
  vars:
    matrix_migrate_force_target: ${forceTarget?c}
    matrix_migrate_old: "{{ groups['${oldGroup}'] | first }}"
  tasks:
    - name: Check the new server
      block:
        - name: Note what identifies the data path's folder
          ansible.builtin.stat:
            path: "{{ matrix_migrate_data_path }}"
            get_checksum: false
            get_mime: false
            get_attributes: false
          register: matrix_migrate_data_stat

        - name: Refuse a new server that is the old server itself, whatever its address (also with --force-target)
          vars:
            matrix_migrate_host_keys: *host_keys
            matrix_migrate_data_identity: *data_identity
            matrix_migrate_same: >-
              {{ (['the same machine id (/etc/machine-id)'] if ansible_facts.machine_id | default('') | length > 0
                  and ansible_facts.machine_id == hostvars[matrix_migrate_old].ansible_facts.machine_id | default('') else [])
                 + (['the same SSH host key']
                    if matrix_migrate_host_keys | intersect(hostvars[matrix_migrate_old].matrix_migrate_host_keys) | length > 0
                    else [])
                 + (['the very same ' ~ matrix_migrate_data_path ~ ' (device, inode and times of the folder)']
                    if matrix_migrate_data_identity | length > 0
                    and matrix_migrate_data_identity == hostvars[matrix_migrate_old].matrix_migrate_data_identity else []) }}
          ansible.builtin.assert:
            that: matrix_migrate_same | length == 0
            fail_msg: >-
              The new server {{ ansible_host | default(inventory_hostname) }} is the old server
              {{ hostvars[matrix_migrate_old].ansible_host | default(matrix_migrate_old) }} itself ({{ matrix_migrate_same | join(', ') }}):
              give --to the address of the new machine.
            quiet: true

        - name: Choose how the database travels (--database ${database})
          vars:
            matrix_migrate_old_facts: "{{ hostvars[matrix_migrate_old] }}"
            # --cold installs and starts in one run, with no moment to import a dump: the raw files or nothing
            matrix_migrate_requested: ${offeredRoute}
            matrix_migrate_architectures: >-
              {{ matrix_migrate_old_facts.ansible_facts.architecture }} on the old server, {{ ansible_facts.architecture }} on the new one
            matrix_migrate_streams_across: >-
              {{ matrix_migrate_requested == 'stream' and ansible_facts.architecture != matrix_migrate_old_facts.ansible_facts.architecture }}
          ansible.builtin.set_fact:
            matrix_migrate_route: >-
              {{ 'copy' if not matrix_migrate_old_facts.matrix_migrate_postgres_enabled | bool
                 else 'dump' if matrix_migrate_streams_across | bool
                 else matrix_migrate_requested if matrix_migrate_requested != 'auto'
                 else 'dump' if ansible_facts.architecture != matrix_migrate_old_facts.ansible_facts.architecture else 'copy' }}
            matrix_migrate_route_why: >-
              {{ "postgres_enabled is false: the database is not the playbook's own, so there is nothing of it to move"
                 if not matrix_migrate_old_facts.matrix_migrate_postgres_enabled | bool
                 else ('--database stream, but the CPU architectures differ (' ~ matrix_migrate_architectures ~ '): a standby'
                       ~ " replays the old server's raw pages, which only work on the architecture that wrote them, so the dump route")
                 if matrix_migrate_streams_across | bool
                 else ('--database ' ~ matrix_migrate_requested ~ ' (' ~ matrix_migrate_architectures ~ ')')
                 if matrix_migrate_requested != 'auto'
                 else ('the CPU architectures differ (' ~ matrix_migrate_architectures ~ "): PostgreSQL's raw files only work on"
                       ~ ' the architecture that wrote them')
                 if ansible_facts.architecture != matrix_migrate_old_facts.ansible_facts.architecture
                 else ('the same CPU architecture on both (' ~ ansible_facts.architecture ~ '): the raw files work on the new server') }}

        - name: Refuse the raw files of the database across CPU architectures
          ansible.builtin.assert:
            that: >-
              matrix_migrate_route == 'dump' or not hostvars[matrix_migrate_old].matrix_migrate_postgres_enabled | bool
              or ansible_facts.architecture == hostvars[matrix_migrate_old].ansible_facts.architecture
            fail_msg: >-
              The old server is {{ hostvars[matrix_migrate_old].ansible_facts.architecture }} and the new one {{ ansible_facts.architecture }}:
              PostgreSQL's raw data files cannot move between CPU architectures, so the database must travel as a dump.
<#if cold>
              The dump route imports between the install and the start: run matrix-migrate without --cold.
<#else>
              Run matrix-migrate with --database dump (or auto), not --database copy.
</#if>
            quiet: true

        - name: Require the postgres role's image of the old server's PostgreSQL version for the standby (the stream route)
          vars:
            matrix_migrate_pg_version: "{{ hostvars[matrix_migrate_old].matrix_migrate_pg_version }}"
          ansible.builtin.assert:
            that: >-
              matrix_migrate_route != 'stream' or (matrix_migrate_pg_version | length > 0
              and (postgres_container_image_by_major_version | default({}, true))[matrix_migrate_pg_version] | default('') | length > 0)
            fail_msg: >-
              {{ ("The old server's " ~ hostvars[matrix_migrate_old].matrix_migrate_postgres_data ~ ' has no PG_VERSION')
                 if matrix_migrate_pg_version | length == 0 else
                 ('postgres_container_image_by_major_version names no image for PostgreSQL ' ~ matrix_migrate_pg_version
                  ~ " (the old server's PG_VERSION)") }}: the standby of the stream route runs that image. Run matrix-migrate
              with --database copy or dump.
            quiet: true

        - name: Refuse the copy route for a database kept outside the data path
          vars:
            matrix_migrate_old_facts: "{{ hostvars[matrix_migrate_old] }}"
          ansible.builtin.assert:
            that: >-
              matrix_migrate_route in ['dump', 'stream'] or not matrix_migrate_old_facts.matrix_migrate_postgres_enabled | bool
              or (matrix_migrate_old_facts.matrix_migrate_postgres_data ~ '/').startswith(matrix_migrate_data_path ~ '/')
            fail_msg: >-
              The playbook's Postgres keeps its data in {{ matrix_migrate_old_facts.matrix_migrate_postgres_data }}
              (postgres_data_path), outside {{ matrix_migrate_data_path }}, which is all the copy carries.
<#if cold>
              Set postgres_data_path under the data path, or migrate without --cold with --database dump.
<#else>
              Run matrix-migrate with --database dump.
</#if>
            quiet: true

        - name: Keep the route and the names of the playbook's Postgres beside this play
          delegate_to: localhost
          become: false
          vars:
            matrix_migrate_old_facts: "{{ hostvars[matrix_migrate_old] }}"
            matrix_migrate_relative_data: >-
              {{ matrix_migrate_old_facts.matrix_migrate_postgres_data[matrix_migrate_data_path | length:]
                 if (matrix_migrate_old_facts.matrix_migrate_postgres_data ~ '/').startswith(matrix_migrate_data_path ~ '/') else '' }}
          ansible.builtin.copy:
            dest: "{{ playbook_dir }}/${files.DATABASE_ROUTE}"
            mode: "0644"
            content: |
              # How the database travels, chosen by ${files.PREFLIGHT}; read by the dump route's plays.
              route: {{ matrix_migrate_route }}
              why: {{ matrix_migrate_route_why | to_json }}
              unit: {{ postgres_identifier ~ '.service' }}
              container: {{ postgres_identifier }}
              env_file: {{ (matrix_migrate_old_facts.matrix_migrate_postgres_base ~ '/env-postgres-psql') | to_json }}
              data: {{ matrix_migrate_old_facts.matrix_migrate_postgres_data | to_json }}
              # the raw data's path inside the data path, as rsync excludes it (empty when it lies elsewhere)
              exclude: {{ (matrix_migrate_relative_data ~ '/') | to_json if matrix_migrate_relative_data | length > 0 else '""' }}
              database_bytes: {{ matrix_migrate_old_facts.matrix_migrate_database_bytes | int }}
              dump: ${dumpFile}
              # the stream route's standby: the postgres role's image of the old server's version
              image: {{ (postgres_container_image_by_major_version | default({}, true))[matrix_migrate_old_facts.matrix_migrate_pg_version]
                        | default('') | to_json if matrix_migrate_route == 'stream' else '""' }}

        - name: Keep what the install on the new server is told beside this play, for the route
          delegate_to: localhost
          become: false
          vars:
            matrix_migrate_copies_database: >-
              {{ matrix_migrate_route in ['copy', 'stream'] and hostvars[matrix_migrate_old].matrix_migrate_postgres_enabled | bool }}
          ansible.builtin.copy:
            dest: "{{ playbook_dir }}/${files.INSTALL_ON_NEW}"
            mode: "0644"
            content: |
              ---
              # What the install on the new server is told (-e @${files.INSTALL_ON_NEW}), written by ${files.PREFLIGHT} with the
              # database's route ({{ matrix_migrate_route }}).
              {% if matrix_migrate_copies_database | bool %}
              {% if matrix_migrate_route == 'stream' %}
              # The database travels by streaming replication: after the install, a base backup of the old server's
              # Postgres goes into the new server's empty data folder, and a standby follows it there until the cutover.
              # The postgres role's install starts Postgres whenever postgres_managed_databases is not empty
              # (tasks/util/prepare_managed_databases.yml): on an empty folder that runs initdb, which the base backup
              # cannot go into. Old's database has them already, so the install is told there are none.
              {% else %}
              # The database travels as raw files: until the final pass, the new server's copy of Postgres's data folder
              # was taken while the old server's Postgres wrote to it, and is torn. The postgres role's install starts
              # Postgres whenever postgres_managed_databases is not empty, to create or alter those databases and roles
              # (tasks/util/prepare_managed_databases.yml): on the warm copy that would be crash recovery on torn files.
              # The copied database has them already, so the install is told there are none.
              {% endif %}
              postgres_managed_databases: []
              # What the playbook derives from it for the backup roles, as Ansible evaluated it for the host (the names
              # of the databases, which the copy carries), so that their configuration still lists them.
              {% for name in [<#list playbookVariables.DERIVED_FROM_MANAGED_DATABASES as name>'${name}'<#sep>, </#sep></#list>]
                 if lookup('ansible.builtin.vars', name, default=none) is not none %}
              {{ name }}: {{ lookup('ansible.builtin.vars', name) | to_json }}
              {% endfor %}
              {% else %}
              # Nothing: {{ 'the database travels as a dump, into the fresh Postgres the install prepares'
                             if matrix_migrate_route == 'dump' else "the playbook's Postgres is not enabled" }}.
              {}
              {% endif %}

        - name: Require room for the dump in the old server's run folder
          vars:
            matrix_migrate_old_facts: "{{ hostvars[matrix_migrate_old] }}"
          ansible.builtin.assert:
            that: >-
              matrix_migrate_route != 'dump'
              or matrix_migrate_old_facts.matrix_migrate_work_df.stdout.split()[3] | int >= matrix_migrate_old_facts.matrix_migrate_database_bytes | int
            fail_msg: >-
              The old server has {{ matrix_migrate_old_facts.matrix_migrate_work_df.stdout.split()[3] | int | human_readable }} free
              for the dump in ${workDir}; the dump may take up to
              {{ matrix_migrate_old_facts.matrix_migrate_database_bytes | int | human_readable }}
              (the size of the databases in {{ matrix_migrate_old_facts.matrix_migrate_postgres_data }}/base, before compression).
              Make room on the old server's {{ matrix_migrate_old_facts.matrix_migrate_work_df.stdout.split()[5] }}.
            quiet: true

        - name: Look for rsync
          ansible.builtin.command:  # noqa: command-instead-of-module (only asks for its version)
            argv: [rsync, --version]
          register: matrix_migrate_rsync
          changed_when: false
          failed_when: false

        - name: Require rsync, or a package manager to install it
          ansible.builtin.assert:
            that: matrix_migrate_rsync.rc == 0 or ansible_facts.pkg_mgr != 'unknown'
            fail_msg: rsync is missing on the new server and no package manager was found to install it.
            quiet: true

        - name: Check that the SSH user may run the copy's receiver as root without a password
          vars:
            ansible_become: false  # as the login user itself, whatever become the inventory sets
          ansible.builtin.command:
            argv: [sudo, -n, /usr/bin/env, SSH_ORIGINAL_COMMAND=true, "true"]
          register: matrix_migrate_sudo
          changed_when: false
          failed_when: false
          when: matrix_migrate_new_become | bool

        - name: Require passwordless sudo for the receiver
          ansible.builtin.assert:
            that: not matrix_migrate_new_become | bool or matrix_migrate_sudo.rc == 0
            fail_msg: >-
              The old server copies to {{ matrix_migrate_new_user }} on the new server, whose end runs
              `sudo -n /usr/bin/env SSH_ORIGINAL_COMMAND=... rrsync`: give {{ matrix_migrate_new_user }} passwordless
              sudo (at least for /usr/bin/env), or connect as root.
            quiet: true

        - name: Find the nearest existing folder of the data path
          ansible.builtin.command:
            argv: [sh, -c, 'p="$1"; while [ ! -e "$p" ]; do p=$(dirname "$p"); done; df -P -B1 "$p" | tail -n 1', sh,
                   "{{ matrix_migrate_data_path }}"]
          register: matrix_migrate_df
          changed_when: false

        - name: Measure the room for the dump in the new server's run folder (${workDir})
          ansible.builtin.command:
            argv: [sh, -c, 'p="$1"; while [ ! -e "$p" ]; do p=$(dirname "$p"); done; df -P -B1 "$p" | tail -n 1', sh,
                   "${workDir}"]
          register: matrix_migrate_work_df
          changed_when: false
          when: matrix_migrate_route == 'dump'

        - name: Require room for the dump on the new server, where it lies apart from the data path
          vars:
            matrix_migrate_dump_bytes: "{{ hostvars[matrix_migrate_old].matrix_migrate_database_bytes | int }}"
          ansible.builtin.assert:
            that: matrix_migrate_work_df.stdout.split()[3] | int >= matrix_migrate_dump_bytes | int
            fail_msg: >-
              The new server has {{ matrix_migrate_work_df.stdout.split()[3] | int | human_readable }} free for the dump in
              ${workDir}; the dump may take up to {{ matrix_migrate_dump_bytes | int | human_readable }}. Make room on the
              new server's {{ matrix_migrate_work_df.stdout.split()[5] }}.
            quiet: true
          when: matrix_migrate_route == 'dump' and matrix_migrate_work_df.stdout.split()[0] != matrix_migrate_df.stdout.split()[0]

        - name: Require room for the data's blocks and rsync's temporary copy of its largest file
          vars:
            # the dump route's file counts here too when it lies on the data path's file system
            matrix_migrate_needed: >-
              {{ hostvars[matrix_migrate_old].matrix_migrate_data_bytes | int
                 + hostvars[matrix_migrate_old].matrix_migrate_temporary_bytes | int
                 + (hostvars[matrix_migrate_old].matrix_migrate_database_bytes | int
                    if matrix_migrate_route == 'dump' and matrix_migrate_work_df.stdout.split()[0] == matrix_migrate_df.stdout.split()[0]
                    else 0) }}
          ansible.builtin.assert:
            that: matrix_migrate_df.stdout.split()[3] | int >= matrix_migrate_needed | int
            fail_msg: >-
              The new server has {{ matrix_migrate_df.stdout.split()[3] | int | human_readable }} free for
              {{ matrix_migrate_data_path }}; the copy needs {{ matrix_migrate_needed | int | human_readable }}: the data on
              the old server takes {{ hostvars[matrix_migrate_old].matrix_migrate_data_bytes | int | human_readable }} on disk, and rsync's
              temporary copy of the largest file {{ hostvars[matrix_migrate_old].matrix_migrate_temporary_bytes | int | human_readable }}{{
              ', and the database dump up to ' ~ (hostvars[matrix_migrate_old].matrix_migrate_database_bytes | int | human_readable)
              if matrix_migrate_route == 'dump' and matrix_migrate_work_df.stdout.split()[0] == matrix_migrate_df.stdout.split()[0] else '' }}.
              Make room on the new server, or give it a bigger disk.
            quiet: true

        - name: Look for anything in the data path
          become: "{{ ansible_facts.user_id != 'root' }}"
          ansible.builtin.find:
            paths: "{{ matrix_migrate_data_path }}"
            file_type: any
            hidden: true
          register: matrix_migrate_target

        - name: Require an empty data path on the new server
          ansible.builtin.assert:
            that: matrix_migrate_target.matched == 0 or matrix_migrate_force_target | bool
            fail_msg: >-
              {{ matrix_migrate_data_path }} on the new server is not empty ({{ matrix_migrate_target.matched }}
              entries): move them away, or run matrix-migrate with --force-target to replace them.
            quiet: true
      rescue: *refuse
