---
# Removes the line of the key this run made for copying ${host} from the new server's authorized_keys;
# included by ${files.REMOVE_KEY} and ${files.CLEANUP}.
- name: Find the home of the new server's SSH user
  ansible.builtin.import_tasks: ${files.NEW_HOME}
  when: matrix_migrate_new_home is not defined

- name: Remove the key from the new server
  delegate_to: "{{ matrix_migrate_new }}"
  become: "{{ matrix_migrate_new_become }}"
  ansible.builtin.lineinfile:
    path: "{{ matrix_migrate_new_home }}/.ssh/authorized_keys"
    regexp: " {{ matrix_migrate_key_comment }}(_dump|_tunnel)?$"
    state: absent
