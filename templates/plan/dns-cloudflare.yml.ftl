<#import "dns-play.ftl" as dns>
---
# Points the DNS records of ${host} that move at the new server (matrix_migrate_dns_to=new, -e), or puts
# back what they held (matrix_migrate_dns_to=old: a rollback), for matrix-migrate, through Cloudflare's API
# (community.general.cloudflare_dns) from the machine running matrix-migrate. The first value of a record
# set replaces every record of its name and type (solo), the others are added; a set without values is
# removed. Records are never proxied: Matrix federation and clients need the server's own address. With
# matrix_migrate_dns_probe=true (-e; the dns-check step, before the old server stops), it only tries an
# update in each zone: a TXT record _matrix-migrate-check.<zone> added and removed.
#
# The records come from ${files.DNS_CHANGES} (-e @), the API token from a private file matrix-migrate writes
# for the run and deletes after it (-e @): matrix_migrate_cloudflare_token. The tasks log nothing (no_log);
# when Cloudflare refuses, the module's own messages are said instead.

<@dns.play "Update the records through Cloudflare's API" "Cloudflare refused the update">
        - name: Try an update in each zone, adding a probe record
          community.general.cloudflare_dns:
            api_token: "{{ matrix_migrate_cloudflare_token }}"
            zone: "{{ item }}"
            record: "_matrix-migrate-check"
            type: TXT
            value: matrix-migrate
            ttl: 120
            state: present
          loop: "{{ matrix_migrate_dns_changes | map(attribute='zone') | unique }}"
          when: matrix_migrate_dns_probe | default(false) | bool
          no_log: true
        - name: Remove the probe record again
          community.general.cloudflare_dns:
            api_token: "{{ matrix_migrate_cloudflare_token }}"
            zone: "{{ item }}"
            record: "_matrix-migrate-check"
            type: TXT
            state: absent
          loop: "{{ matrix_migrate_dns_changes | map(attribute='zone') | unique }}"
          when: matrix_migrate_dns_probe | default(false) | bool
          no_log: true
        - name: Replace each record set that moves with its first value
          community.general.cloudflare_dns:
            api_token: "{{ matrix_migrate_cloudflare_token }}"
            zone: "{{ item.zone }}"
            record: "{{ item.name }}"
            type: "{{ item.type }}"
            value: "{{ item[matrix_migrate_dns_to]['values'] | first }}"
            ttl: "{{ item[matrix_migrate_dns_to].ttl }}"
            proxied: false
            solo: true
            state: present
          loop: "{{ matrix_migrate_dns_changes | selectattr(matrix_migrate_dns_to + '.values') | list }}"
          loop_control:
            label: "{{ item.name }} {{ item.type }}"
          when: not (matrix_migrate_dns_probe | default(false) | bool)
          no_log: true
        - name: Add the other values of each record set
          community.general.cloudflare_dns:
            api_token: "{{ matrix_migrate_cloudflare_token }}"
            zone: "{{ item.0.zone }}"
            record: "{{ item.0.name }}"
            type: "{{ item.0.type }}"
            value: "{{ item.1 }}"
            ttl: "{{ item.0[matrix_migrate_dns_to].ttl }}"
            proxied: false
            state: present
          loop: "{{ matrix_migrate_dns_changes | subelements(matrix_migrate_dns_to + '.values') }}"
          loop_control:
            label: "{{ item.0.name }} {{ item.0.type }} {{ item.1 }}"
          when: not (matrix_migrate_dns_probe | default(false) | bool) and item.1 != item.0[matrix_migrate_dns_to]['values'][0]
          no_log: true
        - name: Remove each record set that has no value
          community.general.cloudflare_dns:
            api_token: "{{ matrix_migrate_cloudflare_token }}"
            zone: "{{ item.zone }}"
            record: "{{ item.name }}"
            type: "{{ item.type }}"
            state: absent
          loop: "{{ matrix_migrate_dns_changes | rejectattr(matrix_migrate_dns_to + '.values') | list }}"
          loop_control:
            label: "{{ item.name }} {{ item.type }}"
          when: not (matrix_migrate_dns_probe | default(false) | bool)
          no_log: true
</@dns.play>
