package dev.matrixmigrate.playbook;

/** Names and values that matrix-docker-ansible-deploy defines and the tool must match. */
public final class PlaybookFacts {
    /** The group setup.yml runs on. */
    public static final String SERVERS_GROUP = "matrix_servers";
    /** Without this key in vars.yml the playbook refuses every tag. */
    public static final String VALIDATED_VERSION_KEY = "matrix_playbook_migration_validated_version";
    public static final String VALIDATED_VERSION = "v2026.05.18.0";
    public static final int SECRET_LENGTH = 64;

    private PlaybookFacts() {
    }

    public static String hostName(String domain) {
        return "matrix." + domain;
    }
}
