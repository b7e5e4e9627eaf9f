---
# Pins the new server's host keys, as Ansible verified and gathered them, into matrix_migrate_known_hosts on the old
# server of ${host}, for the old server's connections to the new one. Included by ${files.SYNC} and ${files.STANDBY}.
- name: Pin the new server's host keys
  become: "{{ ansible_facts.user_id != 'root' }}"
  ansible.builtin.copy:
    dest: "{{ matrix_migrate_known_hosts }}"
    mode: "0600"
    content: |
      {% set facts = hostvars[matrix_migrate_new].ansible_facts %}
      {% for type in ['ed25519', 'ecdsa', 'rsa'] if facts['ssh_host_key_' ~ type ~ '_public'] is defined %}
      {% set key = 'ssh_host_key_' ~ type ~ '_public' %}
      {{ matrix_migrate_known_name }} {{ facts[key ~ '_keytype'] }} {{ facts[key] }}
      {% endfor %}
