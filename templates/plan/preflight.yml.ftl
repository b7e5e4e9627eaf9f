---
# Checks both servers of the migration of ${host} before anything is stopped, for matrix-migrate.
# It changes nothing on either server. When a check refuses the servers, its message is written to
# ${files.PREFLIGHT_REFUSAL} beside this play: matrix-migrate ends with it (exit 2, nothing changed)
# instead of offering a resume.

- name: Measure the old server
  hosts: ${oldGroup}
  gather_facts: true
  gather_subset: ["!all", "!min", "platform", "user", "pkg_mgr", "ssh_pub_keys"]
  vars:
    matrix_migrate_data_path: ${dataPath}
  tasks:
    - name: Check the old server
      block:
        - name: Require the playbook's validated-version setting for this host
          ansible.builtin.assert:
            that: ${validatedVersionKey} is defined
            fail_msg: >-
              ${validatedVersionKey} is not set for {{ inventory_hostname }} (inventory/host_vars/{{ inventory_hostname }}/vars.yml):
              the playbook refuses every tag without it. Add it, then run matrix-migrate again.
            quiet: true

        - name: Measure the blocks the data path takes (hard links once, sparse files by what they hold) and its largest file
          become: "{{ ansible_user_id != 'root' }}"
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

        - name: Remember the size, the room rsync needs beside it, and what identifies this machine
          ansible.builtin.set_fact:
            matrix_migrate_data_bytes: "{{ matrix_migrate_du.stdout_lines[0] | int }}"
            # rsync writes a changed file beside the old one before it replaces it
            matrix_migrate_temporary_bytes: "{{ (matrix_migrate_du.stdout_lines[1] | default(0) | int) * 512 }}"
            matrix_migrate_host_keys: &host_keys >-
              {{ [ansible_ssh_host_key_ed25519_public | default(''), ansible_ssh_host_key_ecdsa_public | default(''),
                  ansible_ssh_host_key_rsa_public | default(''), ansible_ssh_host_key_dsa_public | default('')] | select | list }}
            matrix_migrate_data_identity: &data_identity >-
              {{ [matrix_migrate_data_stat.stat.dev, matrix_migrate_data_stat.stat.inode, matrix_migrate_data_stat.stat.mtime,
                  matrix_migrate_data_stat.stat.ctime] if matrix_migrate_data_stat.stat.exists else [] }}
      rescue: &refuse
        - name: Keep the refusal beside this play
          delegate_to: localhost
          become: false
          ansible.builtin.copy:
            dest: "{{ playbook_dir }}/${files.PREFLIGHT_REFUSAL}"
            mode: "0644"
            content: "{{ ansible_failed_result.msg }}\n"
          when: ansible_failed_task.action in ['ansible.builtin.assert', 'assert']

        - name: Stop here
          ansible.builtin.fail:
            msg: "{{ ansible_failed_result.msg }}"

- name: Check the new server
  hosts: ${newGroup}
  gather_facts: true
  gather_subset: ["!all", "!min", "platform", "user", "env", "pkg_mgr", "ssh_pub_keys"]
  vars_files: [${files.KEY_VARS}]  # matrix_migrate_new_user: the user the copy logs in as
  vars:
    matrix_migrate_data_path: ${dataPath}
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
              {{ (['the same machine id (/etc/machine-id)'] if ansible_machine_id | default('') | length > 0
                  and ansible_machine_id == hostvars[matrix_migrate_old].ansible_machine_id | default('') else [])
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

        - name: Require the same CPU architecture on both servers
          ansible.builtin.assert:
            that: ansible_architecture == hostvars[matrix_migrate_old].ansible_architecture
            fail_msg: >-
              The old server is {{ hostvars[matrix_migrate_old].ansible_architecture }} and the new one
              {{ ansible_architecture }}: PostgreSQL's raw data files cannot move between CPU architectures.
              Dump the database on the old server and import it on the new one instead (see the playbook's
              docs/maintenance-postgres.md); matrix-migrate does not do that route yet.
            quiet: true

        - name: Look for rsync
          ansible.builtin.command:  # noqa: command-instead-of-module (only asks for its version)
            argv: [rsync, --version]
          register: matrix_migrate_rsync
          changed_when: false
          failed_when: false

        - name: Require rsync, or a package manager to install it
          ansible.builtin.assert:
            that: matrix_migrate_rsync.rc == 0 or ansible_pkg_mgr != 'unknown'
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

        - name: Require room for the data's blocks and rsync's temporary copy of its largest file
          vars:
            matrix_migrate_needed: >-
              {{ hostvars[matrix_migrate_old].matrix_migrate_data_bytes | int
                 + hostvars[matrix_migrate_old].matrix_migrate_temporary_bytes | int }}
          ansible.builtin.assert:
            that: matrix_migrate_df.stdout.split()[3] | int >= matrix_migrate_needed | int
            fail_msg: >-
              The new server has {{ matrix_migrate_df.stdout.split()[3] | int | human_readable }} free for
              {{ matrix_migrate_data_path }}; the copy needs {{ matrix_migrate_needed | int | human_readable }}: the data on
              the old server takes {{ hostvars[matrix_migrate_old].matrix_migrate_data_bytes | int | human_readable }} on disk, and rsync's
              temporary copy of the largest file {{ hostvars[matrix_migrate_old].matrix_migrate_temporary_bytes | int | human_readable }}.
              Make room on the new server, or give it a bigger disk.
            quiet: true

        - name: Look for anything in the data path
          become: "{{ ansible_user_id != 'root' }}"
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
