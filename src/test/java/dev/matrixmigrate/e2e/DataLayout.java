package dev.matrixmigrate.e2e;

/**
 * Where the test playbook keeps a server's data, who owns it and its federation port: the playbook's own
 * defaults, or what a user set (the data path, user and group in host_vars, the port in the inventory's
 * group_vars, the places the real playbook's users put them).
 */
record DataLayout(String dataPath, String user, String group, int federationPort) {
    /** What the test playbook's roles default to; a harness with this layout writes no variables for it. */
    static final DataLayout PLAYBOOK_DEFAULTS = new DataLayout("/matrix", "matrix", "matrix", 8448);

    /** The lines the host's vars.yml gets, for what differs from the defaults. */
    String hostVars() {
        return (dataPath.equals(PLAYBOOK_DEFAULTS.dataPath) ? "" : "matrix_base_data_path: " + dataPath + "\n")
                + (user.equals(PLAYBOOK_DEFAULTS.user) ? "" : "matrix_user_name: " + user + "\n")
                + (group.equals(PLAYBOOK_DEFAULTS.group) ? "" : "matrix_group_name: " + group + "\n");
    }

    /** The inventory's group_vars/matrix_servers.yml, or null when the port is the default. */
    String inventoryGroupVars() {
        return federationPort == PLAYBOOK_DEFAULTS.federationPort ? null
                : "---\nmatrix_federation_public_port: " + federationPort + "\n";
    }

    String postgresEnvFile() {
        return dataPath + "/postgres/env-postgres-psql";
    }

    String postgresData() {
        return dataPath + "/postgres/data";
    }
}
