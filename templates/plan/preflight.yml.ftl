---
# Checks both servers of the migration of ${host} before anything is stopped, for matrix-migrate.
# It changes nothing on either server.

- name: Measure the old server
  hosts: ${oldGroup}
  gather_facts: true
  gather_subset: ["!all", "!min", "platform", "user", "pkg_mgr"]
  vars:
    matrix_migrate_data_path: ${dataPath}
  tasks:
    - name: Require the playbook's validated-version setting for this host
      ansible.builtin.assert:
        that: ${validatedVersionKey} is defined
        fail_msg: >-
          ${validatedVersionKey} is not set for {{ inventory_hostname }} (inventory/host_vars/{{ inventory_hostname }}/vars.yml):
          the playbook refuses every tag without it. Add it, then run matrix-migrate again.
        quiet: true

    - name: Measure the data path
      become: "{{ ansible_user_id != 'root' }}"
      ansible.builtin.command:
        argv: [du, -s, -B1, "{{ matrix_migrate_data_path }}"]
      register: matrix_migrate_du
      changed_when: false

    - name: Remember its size
      ansible.builtin.set_fact:
        matrix_migrate_data_bytes: "{{ matrix_migrate_du.stdout.split()[0] | int }}"

- name: Check the new server
  hosts: ${newGroup}
  gather_facts: true
  gather_subset: ["!all", "!min", "platform", "user", "env", "pkg_mgr"]
  vars_files: [${files.KEY_VARS}]  # matrix_migrate_new_user: the user the copy logs in as
  vars:
    matrix_migrate_data_path: ${dataPath}
    matrix_migrate_force_target: ${forceTarget?c}
    matrix_migrate_old: "{{ groups['${oldGroup}'] | first }}"
  tasks:
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

    - name: Check that the SSH user may run rsync as root without a password
      vars:
        ansible_become: false  # as the login user itself, whatever become the inventory sets
      ansible.builtin.command:
        argv: "{{ ['sudo', '-n'] + (['rsync', '--version'] if matrix_migrate_rsync.rc == 0 else ['true']) }}"
      register: matrix_migrate_sudo
      changed_when: false
      failed_when: false
      when: matrix_migrate_new_become | bool

    - name: Require passwordless sudo for rsync
      ansible.builtin.assert:
        that: not matrix_migrate_new_become | bool or matrix_migrate_sudo.rc == 0
        fail_msg: >-
          The old server copies to {{ matrix_migrate_new_user }} on the new server, whose end runs `sudo -n rsync`:
          give {{ matrix_migrate_new_user }} passwordless sudo (at least for rsync), or connect as root.
        quiet: true

    - name: Find the nearest existing folder of the data path
      ansible.builtin.command:
        argv: [sh, -c, 'p="$1"; while [ ! -e "$p" ]; do p=$(dirname "$p"); done; df -P -B1 "$p" | tail -n 1', sh,
               "{{ matrix_migrate_data_path }}"]
      register: matrix_migrate_df
      changed_when: false

    - name: Require room for the data
      ansible.builtin.assert:
        that: matrix_migrate_df.stdout.split()[3] | int >= hostvars[matrix_migrate_old].matrix_migrate_data_bytes | int
        fail_msg: >-
          The new server has {{ matrix_migrate_df.stdout.split()[3] | int | human_readable }} free for
          {{ matrix_migrate_data_path }}, the data on the old server takes
          {{ hostvars[matrix_migrate_old].matrix_migrate_data_bytes | int | human_readable }}.
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
