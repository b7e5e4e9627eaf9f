---
# Lists what the install of ${host} wrote under ${dataPath} on the new server, for matrix-migrate: every
# file and link whose ctime is later than the moment ${files.MARK_INSTALL} noted before the install began
# (the ctime is set by every write, rename, chmod and chown, and nothing can set it back; the warm
# copy and the chown came before that moment). The final pass of ${files.SYNC} leaves these as they are.
# Written once the install succeeded, so a resumed cutover leaves out the same paths.

- name: List what the install wrote on the new server
  hosts: ${serversGroup}
  gather_facts: false
  vars_files: [${files.PLAYBOOK_VALUES}]
  vars:
    matrix_migrate_install_started: "{{ lookup('ansible.builtin.file', playbook_dir ~ '/${files.INSTALL_STARTED_AT}') }}"
  tasks:
    - name: Find what changed under the data path since the install began
      ansible.builtin.command:
        argv: [find, "{{ matrix_migrate_data_path }}", "(", -type, f, -o, -type, l, ")",
               -newerct, "@{{ matrix_migrate_install_started }}", -printf, "/%P\n"]
      register: matrix_migrate_installed
      changed_when: false

    - name: Keep the list beside this play
      delegate_to: localhost
      become: false
      ansible.builtin.copy:
        dest: "{{ playbook_dir }}/${files.INSTALLED_ON_NEW}"
        mode: "0644"
        content: "{{ matrix_migrate_installed.stdout ~ '\n' if matrix_migrate_installed.stdout | length > 0 else '' }}"

    - name: Show it
      ansible.builtin.debug:
        msg: >-
          {{ matrix_migrate_installed.stdout_lines | length }} files written by the install stay as it wrote them
          on the new server: {{ matrix_migrate_installed.stdout_lines | join(' ') }}
