---
# The host name, scheme and ports at which users and other servers reach ${host}, from the playbook's values
# for the host (${files.PLAYBOOK_VALUES}: matrix_server_fqn_matrix, matrix_playbook_ssl_enabled, the bind port
# of Traefik's web entry point, matrix_federation_public_port). matrix_migrate_health_web_port, in the host's
# vars.yml, overrides the web port for a server whose public web port is another proxy's. Read by
# ${files.HEALTH} and ${files.CHECK_NEW_WRITES}, which ask the server at its inventory address with these names.
matrix_migrate_fqn: ${values.fqn()}
matrix_migrate_scheme: ${values.scheme()}
matrix_migrate_web_port: "{{ matrix_migrate_health_web_port | default(${values.webPort()?c}) }}"
matrix_migrate_federation_port: ${values.federationPort()?c}
