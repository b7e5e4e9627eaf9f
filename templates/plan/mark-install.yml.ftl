---
# Notes the new server's clock before the playbook installs ${host} there, for matrix-migrate. What
# the install then writes under ${dataPath} (configuration rendered from the new server's facts) changes
# a file's ctime after this moment, which rsync cannot set: ${files.LIST_INSTALLED} finds it so, and the final
# pass leaves it as the install wrote it. A resumed install keeps the first attempt's moment.

- name: Note when the install begins on the new server
  hosts: ${serversGroup}
  gather_facts: false
  tasks:
    - name: Read the new server's clock
      ansible.builtin.command:
        argv: [date, +%s.%N]
      register: matrix_migrate_clock
      changed_when: false

    - name: Keep it beside this play, unless an earlier attempt did
      delegate_to: localhost
      become: false
      ansible.builtin.copy:
        dest: "{{ playbook_dir }}/${files.INSTALL_STARTED_AT}"
        content: "{{ matrix_migrate_clock.stdout }}\n"
        force: false
        mode: "0644"
