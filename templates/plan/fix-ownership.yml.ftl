---
# Gives ${dataPath} on the new server of ${host} to the new server's matrix user, for matrix-migrate.
# The copy keeps numeric owners, and the matrix user's ids differ between servers: this is the
# guide's `chown -R matrix:matrix ${dataPath}`, skipped when everything is already owned right.

- name: Give the data path to the matrix user
  hosts: ${serversGroup}
  gather_facts: false  # with --cold this runs inside the downtime: no fact it would need
  vars:
    matrix_migrate_data_path: ${dataPath}
  tasks:
    - name: Change the owner of everything under the data path, unless all of it is matrix:matrix already
      ansible.builtin.command:  # noqa: command-instead-of-module (chown -R -h also changes symlinks, quickly)
        # One task: sh only sequences find and chown; the path stays an argument.
        argv: [sh, -c, 'if find "$1" \( ! -user matrix -o ! -group matrix \) -print -quit | grep -q .;
                        then chown -R -h matrix:matrix "$1" && echo changed; fi', sh, "{{ matrix_migrate_data_path }}"]
      register: matrix_migrate_chown
      changed_when: matrix_migrate_chown.stdout == 'changed'
