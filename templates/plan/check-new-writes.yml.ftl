---
# Before a rollback puts the old server of ${host} back in service, for matrix-migrate: finds what the new
# server has that the old one lacks. Every file and link under ${dataPath} whose ctime is later than the moment
# from which the new server's services could run on their own (${files.NEW_ON_ITS_OWN_FROM}: this machine's clock,
# turned into the new server's by reading both clocks now) was written on the new server, not by the run: by its
# services, and by users if it served them. It may have served users unless its client API answered neither
# the health check after the start (which notes an answer in ${files.NEW_SERVED} and a failure in
# ${files.HEALTH_RESULT}) nor a request now. Then any such file refuses the rollback (${files.ROLLBACK_REFUSAL}),
# unless matrix_migrate_force=true (-e; --force). The count, bytes and paths go to ${files.WRITTEN_ON_NEW} beside
# this play. Changes nothing on the servers.

- name: Find what the new server has that the old one lacks
  hosts: ${serversGroup}
  gather_facts: false
  vars_files: [${files.PLAYBOOK_VALUES}, ${files.PUBLIC_NAMES}]
  vars:
    matrix_migrate_force: false
    matrix_migrate_on_its_own_from: >-
      {{ lookup('ansible.builtin.file', playbook_dir ~ '/${files.NEW_ON_ITS_OWN_FROM}', errors='ignore') | default('', true) | trim }}
    matrix_migrate_started: "{{ matrix_migrate_on_its_own_from | length > 0 }}"
  tasks:
    - name: Ask the new server's client API once
      delegate_to: localhost
      become: false
      ansible.builtin.command:  # noqa: command-instead-of-module (uri cannot send the name to another address)
        argv: [curl, --silent, --output, /dev/null, --max-time, "5", --write-out, "%{http_code}",
               --connect-to, "{{ matrix_migrate_fqn }}:{{ matrix_migrate_web_port }}:{{ matrix_migrate_address }}:{{ matrix_migrate_web_port }}",
               "{{ matrix_migrate_scheme }}://{{ matrix_migrate_fqn }}:{{ matrix_migrate_web_port }}/_matrix/client/versions"]
      vars:
        matrix_migrate_address: "{{ ansible_host | default(inventory_hostname) }}"
      register: matrix_migrate_probe
      changed_when: false
      failed_when: false
      when: matrix_migrate_started | bool

    - name: Read the new server's clock
      ansible.builtin.command:
        argv: [date, +%s.%N]
      register: matrix_migrate_new_clock
      changed_when: false
      when: matrix_migrate_started | bool

    - name: Read this machine's clock right after (the difference errs towards finding more)
      delegate_to: localhost
      become: false
      ansible.builtin.command:
        argv: [date, +%s.%N]
      register: matrix_migrate_local_clock
      changed_when: false
      when: matrix_migrate_started | bool

    - name: Find what changed under the data path since then (files the running services remove meanwhile are no error)
      ansible.builtin.command:
        argv: [find, "{{ matrix_migrate_data_path }}", -ignore_readdir_race, "(", -type, f, -o, -type, l, ")", -newerct,
               "@{{ '%.6f' | format(matrix_migrate_on_its_own_from | float + matrix_migrate_new_clock.stdout | float
                    - matrix_migrate_local_clock.stdout | float) }}", -printf, "%s /%P\n"]
      register: matrix_migrate_written
      changed_when: false
      when: matrix_migrate_started | bool

    - name: Sum it up
      ansible.builtin.set_fact:
        matrix_migrate_answered: >-
          {{ (playbook_dir ~ '/${files.NEW_SERVED}') is exists or matrix_migrate_probe.stdout | default('') == '200' }}
        matrix_migrate_never_answered: >-
          {{ (playbook_dir ~ '/${files.HEALTH_RESULT}') is exists and (playbook_dir ~ '/${files.NEW_SERVED}') is not exists
             and matrix_migrate_probe.stdout | default('') != '200' }}
        matrix_migrate_paths: "{{ matrix_migrate_written.stdout_lines | default([]) | map('regex_replace', '^[0-9]+ ', '') | sort }}"
        matrix_migrate_bytes: "{{ matrix_migrate_written.stdout_lines | default([]) | map('regex_replace', ' .*$', '') | map('int') | sum }}"

    - name: Say it
      ansible.builtin.set_fact:
        matrix_migrate_found: >-
          {{ (matrix_migrate_paths | length) ~ ' files (' ~ matrix_migrate_bytes ~ ' bytes) under ' ~ matrix_migrate_data_path
             ~ ' changed on the new server since its services could run' ~ ((': ' ~ matrix_migrate_paths[:10] | join(', ')
             ~ ((' and ' ~ (matrix_migrate_paths | length - 10) ~ ' more') if matrix_migrate_paths | length > 10 else ''))
             if matrix_migrate_paths | length > 0 else '') ~ '; '
             ~ ('its client API answered (in the health check or now), so users may have written them'
                if matrix_migrate_answered | bool
                else 'its client API answered neither the health check nor now, so no user can have written them'
                if matrix_migrate_never_answered | bool
                else 'no health check ran since its start, so users may have written them')
             if matrix_migrate_started | bool else 'the new server never started its services: it has nothing the old one lacks' }}

    - name: Keep it beside this play
      delegate_to: localhost
      become: false
      ansible.builtin.copy:
        dest: "{{ playbook_dir }}/${files.WRITTEN_ON_NEW}"
        mode: "0644"
        content: "{{ ([matrix_migrate_found] + matrix_migrate_paths) | join('\n') }}\n"

    - name: Show it
      ansible.builtin.debug:
        msg: "{{ matrix_migrate_found }}"

    - name: Refuse to leave behind what users may have written, unless forced
      block:
        - name: Require nothing written on the new server since its services could run, unless it never answered, or --force
          ansible.builtin.assert:
            that: matrix_migrate_force | bool or matrix_migrate_never_answered | bool or matrix_migrate_paths | length == 0
            fail_msg: >-
              the new server may have served users, and going back leaves behind {{ matrix_migrate_paths | length }}
              files ({{ matrix_migrate_bytes }} bytes) written there since its start: {{ matrix_migrate_paths[:5] | join(', ') }}
              {{- (' and ' ~ (matrix_migrate_paths | length - 5) ~ ' more') if matrix_migrate_paths | length > 5 else '' }}
              (all listed in {{ playbook_dir }}/${files.WRITTEN_ON_NEW}). Nothing was changed. To go back without them
              (they stay on the new server's disk), roll back with --force
            quiet: true
      rescue:
        - name: Keep the refusal beside this play and refuse
          ansible.builtin.import_tasks: ${files.REFUSE}
          vars:
            matrix_migrate_refusal_file: ${files.ROLLBACK_REFUSAL}
