<#import "dns-play.ftl" as dns>
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

<@dns.play "Update the records, signed with the TSIG key" "the DNS server {{ matrix_migrate_dns_server }} port {{ matrix_migrate_dns_port }} refused the update">
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
</@dns.play>
