---
# Finds the address the old server of ${host} connects to the new one from (matrix_migrate_source_address): the keys
# this run authorizes on the new server are accepted from it only. Included by ${files.SYNC} and ${files.STANDBY}.
- name: Resolve the new server's address on the old server
  ansible.builtin.command:
    argv: [getent, ahosts, "{{ matrix_migrate_new_address }}"]
  register: matrix_migrate_resolved
  changed_when: false

- name: Ask the old server which address it connects to the new one from
  ansible.builtin.command:
    argv: [ip, -o, route, get, "{{ matrix_migrate_resolved.stdout_lines[0].split()[0] }}"]
  register: matrix_migrate_route
  changed_when: false

- name: Remember that source address
  ansible.builtin.set_fact:
    matrix_migrate_source_address: "{{ matrix_migrate_route.stdout | regex_search('\\bsrc\\s+(\\S+)', '\\1') | first }}"
