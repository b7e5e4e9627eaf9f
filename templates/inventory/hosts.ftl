# The servers of matrix-docker-ansible-deploy, written by matrix-migrate.
# Each server's settings are in host_vars/<server>/vars.yml beside this file.
[${group}]
${hostLine}
