---
# Ends the old server's forwarding to the new server of ${host} before its time, for matrix-migrate (migrate
# --stop-forwarding, and first in a rollback, before the old server's services start again). Nothing else of the
# old server is touched; HAProxy, when the forwarding installed it, stays installed.

- name: End the old server's forwarding
  hosts: ${serversGroup}
  gather_facts: true
  gather_subset: ["!all"]
  vars_files: [${files.PLAYBOOK_VALUES}, ${files.FORWARDING}]
  tasks:
    - name: Stop the forwarder's unit (gone already when its time ran out)
      become: "{{ ansible_facts.user_id != 'root' }}"
      ansible.builtin.command:
        argv: [systemctl, stop, "{{ matrix_migrate_forward_unit }}.service"]
      register: matrix_migrate_forward_stopped
      changed_when: false
      failed_when: matrix_migrate_forward_stopped.rc not in [0, 5]

    - name: Remove its configuration
      become: "{{ ansible_facts.user_id != 'root' }}"
      ansible.builtin.file:
        path: "{{ matrix_migrate_forward_config }}"
        state: absent

    - name: Check that nothing forwards any more
      ansible.builtin.command:
        argv: [systemctl, is-active, "{{ matrix_migrate_forward_unit }}.service"]
      register: matrix_migrate_forward_state
      changed_when: false
      failed_when: matrix_migrate_forward_state.stdout == 'active'
