---
# Disables and stops every matrix unit of the old server of ${host}, and checks the result; included
# by stop-old.yml and, for the warm migration's cutover, by sync.yml.
- name: Find the matrix units
  ansible.builtin.find:
    paths: /etc/systemd/system
    patterns: ["matrix*.service", "matrix*.timer"]
    file_type: any
  register: matrix_migrate_units

- name: Remember their names
  ansible.builtin.set_fact:
    matrix_migrate_unit_names: "{{ matrix_migrate_units.files | map(attribute='path') | map('basename') | sort }}"

- name: Disable and stop them
  become: "{{ ansible_user_id != 'root' }}"
  ansible.builtin.command:
    argv: "{{ ['systemctl', 'disable', '--now'] + matrix_migrate_unit_names }}"
  when: matrix_migrate_unit_names | length > 0
  changed_when: true

- name: Ask which are still enabled or running
  become: "{{ ansible_user_id != 'root' }}"
  ansible.builtin.command:
    argv: "{{ ['systemctl', 'is-enabled'] + matrix_migrate_unit_names }}"
  register: matrix_migrate_enabled
  when: matrix_migrate_unit_names | length > 0
  changed_when: false
  failed_when: "'enabled' in matrix_migrate_enabled.stdout_lines"

- name: Check that none is running
  become: "{{ ansible_user_id != 'root' }}"
  ansible.builtin.command:
    argv: "{{ ['systemctl', 'is-active'] + matrix_migrate_unit_names }}"
  register: matrix_migrate_active
  when: matrix_migrate_unit_names | length > 0
  changed_when: false
  failed_when: "'active' in matrix_migrate_active.stdout_lines"
