---
# Points the DNS records of ${host} that move at the new server (matrix_migrate_dns_to=new, -e), or puts
# back what they held (matrix_migrate_dns_to=old: a rollback), for matrix-migrate. RFC 2136 dynamic
# updates signed with a TSIG key (community.general.nsupdate, which needs python3-dnspython), sent from
# the machine running matrix-migrate to the zone's primary. Each record set is replaced as a whole; a set
# without values is removed. With matrix_migrate_dns_probe=true (-e; the dns-check step, before the old
# server stops), it only tries an update in each zone: a TXT record _matrix-migrate-check.<zone> added and removed.
#
# The records come from ${files.DNS_CHANGES} (-e @), the key from a private file matrix-migrate writes for
# the run and deletes after it (-e @): matrix_migrate_tsig_key_name, _algorithm and _secret. The task
# logs nothing (no_log); when the server refuses, the module's own messages are said instead.

- name: Point the DNS records that move (at the server matrix_migrate_dns_to names, -e)
  hosts: localhost
  connection: local
  gather_facts: false
  vars:
    ansible_python_interpreter: "{{ ansible_playbook_python }}"
  tasks:
    - name: Update the records, signed with the TSIG key
      block:
        - name: Try an update in each zone, adding a probe record and removing it again
          community.general.nsupdate:
            server: "{{ matrix_migrate_dns_server }}"
            port: "{{ matrix_migrate_dns_port }}"
            protocol: tcp
            key_name: "{{ matrix_migrate_tsig_key_name }}"
            key_algorithm: "{{ matrix_migrate_tsig_key_algorithm }}"
            key_secret: "{{ matrix_migrate_tsig_key_secret }}"
            zone: "{{ item[0] }}"
            record: "_matrix-migrate-check.{{ item[0] }}."
            type: TXT
            value: matrix-migrate
            ttl: 60
            state: "{{ item[1] }}"
          loop: "{{ matrix_migrate_dns_changes | map(attribute='zone') | unique | product(['present', 'absent']) | list }}"
          when: matrix_migrate_dns_probe | default(false) | bool
          no_log: true
        - name: Set each record set that moves
          community.general.nsupdate:
            server: "{{ matrix_migrate_dns_server }}"
            port: "{{ matrix_migrate_dns_port }}"
            protocol: tcp
            key_name: "{{ matrix_migrate_tsig_key_name }}"
            key_algorithm: "{{ matrix_migrate_tsig_key_algorithm }}"
            key_secret: "{{ matrix_migrate_tsig_key_secret }}"
            zone: "{{ item.zone }}"
            record: "{{ item.name }}."
            type: "{{ item.type }}"
            value: "{{ item[matrix_migrate_dns_to]['values'] }}"
            ttl: "{{ item[matrix_migrate_dns_to].ttl }}"
            state: "{{ 'present' if item[matrix_migrate_dns_to]['values'] else 'absent' }}"
          loop: "{{ matrix_migrate_dns_changes }}"
          loop_control:
            label: "{{ item.name }} {{ item.type }}"
          when: not (matrix_migrate_dns_probe | default(false) | bool)
          no_log: true
      rescue:
        - name: Keep why, in the provider's own words, beside this play (${files.DNS_FAILURE})
          check_mode: false
          ansible.builtin.copy:
            dest: "{{ playbook_dir }}/${files.DNS_FAILURE}"
            mode: "0600"
            content: "the DNS server {{ matrix_migrate_dns_server }} port {{ matrix_migrate_dns_port }} refused the
              update: {{ ansible_failed_result.results | default([ansible_failed_result])
              | selectattr('failed', 'defined') | selectattr('failed') | map(attribute='msg') | unique | join('; ') }}\n"
        - name: Fail with that reason
          ansible.builtin.fail:
            msg: "{{ lookup('ansible.builtin.file', playbook_dir + '/${files.DNS_FAILURE}') }}"
