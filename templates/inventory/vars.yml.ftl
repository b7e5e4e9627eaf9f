---
# Settings of this server for matrix-docker-ansible-deploy, written by matrix-migrate.
# The playbook's docs/configuring-playbook.md lists what else can go here.

# The playbook refuses to run until this names a version whose changes you have read.
matrix_playbook_migration_validated_version: ${validatedVersion}

# The base domain: user IDs look like @alice:${domain}; the server is matrix.${domain}.
matrix_domain: ${domain}

matrix_homeserver_implementation: ${homeserver}

# Secrets: random, made for this server only. Keep this file private (mode 0600).
matrix_homeserver_generic_secret_key: '${genericSecretKey}'
postgres_connection_password: '${postgresPassword}'

matrix_playbook_reverse_proxy_type: playbook-managed-traefik

devture_systemd_docker_base_ipv6_enabled: true
