---
# Installs rsync where it is missing; included by both plays of ${files.SYNC} for ${host}.
- name: Look for rsync
  ansible.builtin.command:  # noqa: command-instead-of-module (synchronize is what ${files.SYNC} avoids)
    argv: [rsync, --version]
  register: matrix_migrate_rsync
  changed_when: false
  failed_when: false

- name: Install rsync
  become: "{{ ansible_facts.user_id != 'root' }}"
  ansible.builtin.package:
    name: rsync
    state: present
  when: matrix_migrate_rsync.rc != 0
