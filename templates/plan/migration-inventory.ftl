# The two servers of the migration of ${host}, for the plays matrix-migrate generated.
# Used together with inventory/hosts: the old server is the playbook's own host there (with its
# host_vars); the new server is described here with the connection it will have afterwards.
[${oldGroup}]
${host}

[${newGroup}]
${newHostLine}
