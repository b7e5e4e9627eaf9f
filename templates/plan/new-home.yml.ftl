---
# Learns the home of the new server's SSH user, where the key is authorized; included by ${files.SYNC} and
# ${files.REMOVE_KEY} for ${host}.
- name: Look up the new server's SSH user
  delegate_to: "{{ matrix_migrate_new }}"
  ansible.builtin.getent:
    database: passwd
    key: "{{ matrix_migrate_new_user }}"

- name: Remember that home
  ansible.builtin.set_fact:
    matrix_migrate_new_home: "{{ ansible_facts.getent_passwd[matrix_migrate_new_user][4] }}"
