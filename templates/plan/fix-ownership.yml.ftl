---
# Gives ${dataPath} on the new server of ${host} to the new server's matrix user, for matrix-migrate.
# The copy keeps numeric owners, and the matrix user's ids differ between servers: this is the
# guide's `chown -R` with the playbook's user, group and data path (${owner} on ${dataPath}),
# skipped when everything is already owned right.

- name: Give the data path to the matrix user
  hosts: ${serversGroup}
  gather_facts: false  # with --cold this runs inside the downtime: no fact it would need
  vars_files: [${files.PLAYBOOK_VALUES}]
  tasks:
    - name: Change the owner of everything under the data path, unless all of it is the playbook's user and group already
      ansible.builtin.command:  # noqa: command-instead-of-module (chown -R -h also changes symlinks, quickly)
        # One task: sh only sequences find and chown; the path stays an argument.
        argv: [sh, -c, 'if find "$1" \( ! -user "$2" -o ! -group "$3" \) -print -quit | grep -q .;
                        then chown -R -h "$2:$3" "$1" && echo changed; fi', sh, "{{ matrix_migrate_data_path }}",
               "{{ matrix_user_name }}", "{{ matrix_group_name }}"]
      register: matrix_migrate_chown
      changed_when: matrix_migrate_chown.stdout == 'changed'
