---
# After the install of ${host} on the new server, for matrix-migrate: nothing of the playbook may run there
# before the start step, and the final pass must know what the install wrote.
# 1. Every matrix unit the install left running, starting or restarting (and the playbook's Postgres unit, whatever
#    its name) is stopped (not disabled: the start step enables them) and named in ${files.STARTED_BY_INSTALL} beside
#    this play. The real playbook's postgres role starts Postgres to prepare its managed databases;
#    ${files.INSTALL_ON_NEW} tells it not to on the copy route, and this is the check. matrix_migrate_units_folder
#    (-e) is where the units are found (a test points it elsewhere).
# 2. What the install wrote under ${dataPath}: every file and link whose ctime is later than the moment
#    ${files.MARK_INSTALL} noted before the install began (the ctime is set by every write, rename, chmod and
#    chown, and nothing can set it back; the warm copy and the chown came before that moment). The final pass
#    of ${files.SYNC} leaves these as they are. Postgres's data folder (matrix_migrate_postgres_data_path) is
#    never listed: whatever wrote there, the final pass makes it the old server's again, compared by content.
# Written once the install succeeded, so a resumed cutover leaves out the same paths.

- name: Stop what the install left running, list what it wrote on the new server
  hosts: ${serversGroup}
  gather_facts: false
  vars_files: [${files.PLAYBOOK_VALUES}]
  vars:
    matrix_migrate_install_started: "{{ lookup('ansible.builtin.file', playbook_dir ~ '/${files.INSTALL_STARTED_AT}') }}"
    matrix_migrate_units_folder: /etc/systemd/system
    # the preflight's route: on the dump route the install prepares the fresh Postgres the dump goes into
    matrix_migrate_database: "{{ lookup('ansible.builtin.file', playbook_dir ~ '/${files.DATABASE_ROUTE}') | from_yaml }}"
    matrix_migrate_expected_running: "{{ [matrix_migrate_database.unit] if matrix_migrate_database.route == 'dump' else [] }}"
    matrix_migrate_unexpected_running: >-
      {{ matrix_migrate_started_by_install.stdout_lines | default([]) | difference(matrix_migrate_expected_running) }}
    matrix_migrate_unit_names: >-
      {{ (matrix_migrate_units.files | map(attribute='path') | map('basename')
          | union([postgres_identifier ~ '.service'] if postgres_enabled | bool else [])) | sort }}
  tasks:
    - name: Find the matrix units
      ansible.builtin.find:
        paths: "{{ matrix_migrate_units_folder }}"
        patterns: ["matrix*.service"]
        file_type: any
      register: matrix_migrate_units

    - name: Stop those that run, start or restart, and name them
      ansible.builtin.command:
        # sh only loops over systemctl; the unit names stay arguments. Anything but inactive or failed (activating,
        # a unit waiting to restart, deactivating) may still write.
        argv: "{{ ['sh', '-c', 'for u; do case $(systemctl is-active \"$u\" 2>/dev/null) in inactive|failed|unknown|\"\") continue;; esac;
                                   echo \"$u\"; systemctl stop \"$u\" >&2 || exit; done', 'sh'] + matrix_migrate_unit_names }}"
      register: matrix_migrate_started_by_install
      changed_when: matrix_migrate_started_by_install.stdout | length > 0
      when: matrix_migrate_unit_names | length > 0

    - name: Keep their names beside this play
      delegate_to: localhost
      become: false
      ansible.builtin.copy:
        dest: "{{ playbook_dir }}/${files.STARTED_BY_INSTALL}"
        mode: "0644"
        content: "{{ matrix_migrate_started_by_install.stdout }}\n"
      when: matrix_migrate_started_by_install.stdout | default('') | length > 0

    - name: Say so
      ansible.builtin.debug:
        msg: >-
          WARNING: the install left {{ matrix_migrate_unexpected_running | join(', ') }} running on the new
          server: stopped again, so that nothing of the playbook runs there before the start step. Postgres's data
          folder becomes the old server's again in the final pass (compared by content), but what these services wrote
          elsewhere under the data path is listed below as the install's and kept: review
          {{ playbook_dir }}/${files.INSTALLED_ON_NEW}.
      when: matrix_migrate_unexpected_running | length > 0

    - name: Say what was expected
      ansible.builtin.debug:
        msg: >-
          The install prepared the fresh Postgres the dump goes into ({{ matrix_migrate_expected_running | join(', ') }}):
          stopped again until the import.
      when: matrix_migrate_started_by_install.stdout_lines | default([]) | intersect(matrix_migrate_expected_running) | length > 0

    - name: Find what changed under the data path since the install began, but in Postgres's data folder
      ansible.builtin.command:
        argv: [find, "{{ matrix_migrate_data_path }}", -path, "{{ matrix_migrate_postgres_data_path }}", -prune, -o,
               "(", -type, f, -o, -type, l, ")", -newerct, "@{{ matrix_migrate_install_started }}", -printf, "/%P\n"]
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
