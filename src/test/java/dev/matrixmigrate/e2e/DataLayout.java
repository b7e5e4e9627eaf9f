package dev.matrixmigrate.e2e;

/**
 * Where the test playbook keeps a server's data, who owns it and its federation port, and where the inventory is:
 * the playbook's own defaults, or what a user set (the data path, user and group in host_vars, the port in the
 * inventory's group_vars, the places the real playbook's users put them; an inventory of their own elsewhere in
 * the playbook folder, its host_vars and group_vars beside it).
 */
record DataLayout(String dataPath, String user, String group, int federationPort, String inventory) {
    /** What the test playbook's roles default to; a harness with this layout writes no variables for it. */
    static final DataLayout PLAYBOOK_DEFAULTS = new DataLayout("/matrix", "matrix", "matrix", 8448, "inventory/hosts");

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

    /** The playbook's Postgres socket folder on the host (the real role's postgres_run_path). */
    String postgresRun() {
        return dataPath + "/postgres/run";
    }

    String postgresData() {
        return dataPath + "/postgres/data";
    }
}
