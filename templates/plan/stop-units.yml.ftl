---
# Disables and stops every matrix unit of a server of ${host}, and checks the result; included by
# ${files.SYNC} for the cutover on the old server, which keeps the moment in ${files.CUTOVER_NOTES}, and by
# ${files.STOP_NEW} for a rollback on the new one. The dump route keeps the Postgres unit running until the
# dump is written (matrix_migrate_units_kept), then stops it by itself.
- name: Find the matrix units
  ansible.builtin.find:
    paths: /etc/systemd/system
    patterns: ["matrix*.service", "matrix*.timer"]
    file_type: any
  register: matrix_migrate_units

- name: Remember their names, but those to keep running for now (matrix_migrate_units_kept)
  ansible.builtin.set_fact:
    matrix_migrate_unit_names: >-
      {{ matrix_migrate_units.files | map(attribute='path') | map('basename') | sort
         | difference(matrix_migrate_units_kept | default([])) }}

- name: Note when the services stop (on this machine's clock, like the rest of the journal)
  ansible.builtin.set_fact:
    matrix_migrate_stopped_at: "{{ now(utc=true).strftime('%Y-%m-%dT%H:%M:%S.%fZ') }}"

- name: Disable and stop them, then check that none is still enabled or running
  become: "{{ ansible_facts.user_id != 'root' }}"
  ansible.builtin.command:
    # One task, as it runs inside the downtime; sh only sequences systemctl, the unit names stay arguments.
    argv: "{{ ['sh', '-c', 'systemctl disable --now \"$@\" || exit; systemctl is-enabled \"$@\"; systemctl is-active \"$@\"; true', 'sh']
      + matrix_migrate_unit_names }}"
  register: matrix_migrate_unit_states
  when: matrix_migrate_unit_names | length > 0
  changed_when: true
  failed_when: >-
    matrix_migrate_unit_states.rc != 0
    or 'enabled' in matrix_migrate_unit_states.stdout_lines or 'active' in matrix_migrate_unit_states.stdout_lines
