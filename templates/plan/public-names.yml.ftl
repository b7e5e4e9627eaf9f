---
# The host name, scheme and ports at which users and other servers reach ${host}, from the playbook's own
# variables as the inventory gives them for the host (matrix_server_fqn_matrix, matrix_playbook_ssl_enabled,
# matrix_federation_public_port), with the real playbook's defaults; matrix_migrate_health_web_port overrides
# 443 (or 80 without TLS) for a server whose public web port differs. Read by ${files.HEALTH} and
# ${files.CHECK_NEW_WRITES}, which ask the server at its inventory address with these names.
matrix_migrate_fqn: "{{ matrix_server_fqn_matrix | default('matrix.' ~ matrix_domain) }}"
matrix_migrate_scheme: "{{ 'https' if matrix_playbook_ssl_enabled | default(true) | bool else 'http' }}"
matrix_migrate_web_port: "{{ matrix_migrate_health_web_port | default(443 if matrix_migrate_scheme == 'https' else 80) }}"
matrix_migrate_federation_port: "{{ matrix_federation_public_port | default(8448) }}"
