---
# Asks the server of ${host} what users and other servers need, for matrix-migrate: the client API,
# the federation key and the well-known files it serves. It asks from the machine running matrix-migrate,
# at the address inventory/hosts gives the host (ansible_host) with the public host name (curl
# --connect-to: the right TLS name and Host header, while DNS may still point at the other server).
# Host names, scheme and ports come from the playbook's own variables (${files.PUBLIC_NAMES}).
#
# matrix_migrate_health_record=true (-e; the preflight, against the old server): keeps the server name and
#   the signing keys the old server answers in ${files.SERVER_IDENTITY} beside this play.
# Otherwise (after the start, against the new server): every endpoint must answer, and the server name
# and signing keys must be those kept. Each endpoint is polled for up to matrix_migrate_health_timeout
# seconds (-e). What did not answer, and what it got, goes to ${files.HEALTH_RESULT} beside this play (or the
# file matrix_migrate_health_result names, -e).
# matrix_migrate_health_note_served=true (-e; the health step, against the new server): once the client API
#   answered, ${files.NEW_SERVED} beside this play notes that the server may have served users, for a
#   rollback's ${files.CHECK_NEW_WRITES}.

- name: Ask the server what users and other servers need
  hosts: ${serversGroup}
  gather_facts: false
  vars_files: [${files.PLAYBOOK_VALUES}, ${files.PUBLIC_NAMES}]
  vars:
    matrix_migrate_health_record: false
    matrix_migrate_health_timeout: 120
    matrix_migrate_health_note_served: false
    matrix_migrate_health_result: ${files.HEALTH_RESULT}
    matrix_migrate_endpoints:
      - {name: the client API, port: "{{ matrix_migrate_web_port }}", path: /_matrix/client/versions, key: versions}
      - {name: the federation key, port: "{{ matrix_migrate_federation_port }}", path: /_matrix/key/v2/server,
         key: verify_keys}
      - {name: the well-known server file, port: "{{ matrix_migrate_web_port }}", path: /.well-known/matrix/server,
         key: m.server}
      - {name: the well-known client file, port: "{{ matrix_migrate_web_port }}", path: /.well-known/matrix/client,
         key: m.homeserver}
    matrix_migrate_identity_file: "{{ playbook_dir }}/${files.SERVER_IDENTITY}"
    matrix_migrate_failure: >-
      {{ ('The old server does not answer what the health check after the start will ask, so that check could not
          tell whether the new server serves: ' if matrix_migrate_health_record | bool else 'The server does not serve
          Matrix as expected: ') ~ matrix_migrate_unanswered | default([]) | join('; ') }}{{ '. Make these answer from
          this machine (firewall, TLS name), then run matrix-migrate again.' if matrix_migrate_health_record | bool
          else '' }}
  tasks:
    - name: Ask for each endpoint until it answers
      delegate_to: localhost
      become: false
      ansible.builtin.command:  # noqa: command-instead-of-module (uri cannot send the name to another address)
        argv: [curl, --silent, --show-error, --max-time, "5", --write-out, "\n%{http_code}",
               --connect-to, "{{ matrix_migrate_fqn }}:{{ item.port }}:{{ ansible_host | default(inventory_hostname) }}:{{ item.port }}",
               "{{ matrix_migrate_scheme }}://{{ matrix_migrate_fqn }}:{{ item.port }}{{ item.path }}"]
      loop: "{{ matrix_migrate_endpoints }}"
      loop_control:
        label: "{{ item.name }}"
      register: matrix_migrate_answers
      changed_when: false
      # an endpoint that never answers is noted below, with what it got, for one clear failure at the end
      ignore_errors: true  # noqa: ignore-errors
      until: >-
        matrix_migrate_answers.rc == 0 and matrix_migrate_answers.stdout_lines[-1] == '200'
        and (matrix_migrate_answers.stdout_lines[:-1] | join('\n') | from_json)[item.key] is defined
      retries: "{{ [(matrix_migrate_health_timeout | int) // 2, 1] | max }}"
      delay: 2

    - name: Note what did not answer, and what it got
      ansible.builtin.set_fact:
        matrix_migrate_unanswered: >-
          {{ matrix_migrate_unanswered | default([]) + [item.item.name ~ ' (' ~ matrix_migrate_scheme ~ '://'
             ~ matrix_migrate_fqn ~ ':' ~ item.item.port ~ item.item.path ~ ' at ' ~ (ansible_host | default(inventory_hostname))
             ~ ') answered ' ~ ((item.stdout_lines[-1] ~ ': ' ~ item.stdout_lines[:-1] | join(' ') | truncate(200))
             if item.rc | default(1) == 0 and item.stdout_lines | default([]) | length > 0
             else 'nothing: ' ~ (item.stderr | default(item.msg | default('')) | truncate(200)))] }}
      loop: "{{ matrix_migrate_answers.results }}"
      loop_control:
        label: "{{ item.item.name }}"
      when: item.failed | default(false)

    - name: Note that the client API answered, so users may have written to this server
      delegate_to: localhost
      become: false
      ansible.builtin.copy:
        dest: "{{ playbook_dir }}/${files.NEW_SERVED}"
        mode: "0644"
        content: "the client API answered the health check\n"
        force: false
      when: matrix_migrate_health_note_served | bool and not matrix_migrate_answers.results[0].failed | default(false)

    - name: Read the server's identity
      ansible.builtin.set_fact:
        matrix_migrate_identity:
          server_name: "{{ matrix_migrate_key_answer.server_name | default('') }}"
          verify_keys: "{{ matrix_migrate_key_answer.verify_keys | default({}) | dict2items
            | map(attribute='key') | zip(matrix_migrate_key_answer.verify_keys | default({}) | dict2items
            | map(attribute='value.key')) | map('join', ' ') | sort }}"
      vars:
        matrix_migrate_key_answer: >-
          {{ (matrix_migrate_answers.results[1].stdout_lines[:-1] | join('\n') | from_json)
             if matrix_migrate_unanswered | default([]) | select('search', '^the federation key') | length == 0 else {} }}

    - name: Keep the old server's identity beside this play
      delegate_to: localhost
      become: false
      ansible.builtin.copy:
        dest: "{{ matrix_migrate_identity_file }}"
        mode: "0644"
        content: "{{ matrix_migrate_identity | to_nice_json }}\n"
      when: matrix_migrate_health_record | bool and matrix_migrate_unanswered | default([]) | length == 0

    - name: Compare the server's identity with the old server's
      ansible.builtin.set_fact:
        matrix_migrate_unanswered: >-
          {{ matrix_migrate_unanswered | default([]) + ['the federation key names ' ~ matrix_migrate_identity.server_name
             ~ ' with the keys ' ~ matrix_migrate_identity.verify_keys | join(', ') ~ '; the old server answered '
             ~ matrix_migrate_expected.server_name ~ ' with ' ~ matrix_migrate_expected.verify_keys | join(', ')] }}
      vars:
        matrix_migrate_expected: >-
          {{ lookup('ansible.builtin.file', matrix_migrate_identity_file, errors='ignore') | default('{}', true) | from_json }}
      when: >-
        not matrix_migrate_health_record | bool and matrix_migrate_unanswered | default([]) | length == 0
        and matrix_migrate_identity != matrix_migrate_expected

    - name: Keep what did not answer beside this play (for the preflight, as its refusal)
      delegate_to: localhost
      become: false
      ansible.builtin.copy:
        dest: "{{ playbook_dir }}/{{ '${files.PREFLIGHT_REFUSAL}' if matrix_migrate_health_record | bool else matrix_migrate_health_result }}"
        mode: "0644"
        content: "{{ matrix_migrate_failure }}\n"
      when: matrix_migrate_unanswered | default([]) | length > 0

    - name: Require an answer from every endpoint
      ansible.builtin.assert:
        that: matrix_migrate_unanswered | default([]) | length == 0
        fail_msg: "{{ matrix_migrate_failure }}"
        quiet: true
