---
# Gives ${dataPath} on the new server of ${host} to the new server's matrix user, for matrix-migrate.
# The copy keeps numeric owners, and the matrix user's ids differ between servers: this is the
# guide's `chown -R matrix:matrix ${dataPath}`, skipped when everything is already owned right.

- name: Give the data path to the matrix user
  hosts: ${serversGroup}
  gather_facts: true
  gather_subset: ["!all"]
  vars:
    matrix_migrate_data_path: ${dataPath}
  tasks:
    - name: Look for anything not owned by matrix:matrix
      become: "{{ ansible_user_id != 'root' }}"
      ansible.builtin.command:
        argv: [find, "{{ matrix_migrate_data_path }}", "(", "!", -user, matrix, -o, "!", -group, matrix, ")", -print, -quit]
      register: matrix_migrate_foreign
      changed_when: false

    - name: Change the owner of everything under the data path
      become: "{{ ansible_user_id != 'root' }}"
      ansible.builtin.command:  # noqa: deprecated-command-syntax (chown -R -h also changes symlinks, quickly)
        argv: [chown, -R, -h, "matrix:matrix", "{{ matrix_migrate_data_path }}"]
      when: matrix_migrate_foreign.stdout | length > 0
      changed_when: true
