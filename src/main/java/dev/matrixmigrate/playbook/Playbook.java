package dev.matrixmigrate.playbook;

/**
 * What the tool uses of matrix-docker-ansible-deploy itself: its play, the tags it runs and the variables
 * it passes to them. Only here; the plays and steps name them through these constants.
 */
public final class Playbook {
    /** The playbook's play, run from its folder. */
    public static final String SETUP = "setup.yml";

    /** Installs everything without starting it, and uninstalls what the settings turned off. */
    public static final String TAG_SETUP_ALL = "setup-all";
    /**
     * Installs everything without starting it, skipping the uninstall tasks (the guide's current last step is
     * `install-all,start`; the playbook changed it from setup-all in 2024).
     */
    public static final String TAG_INSTALL_ALL = "install-all";
    /** Starts (and enables) every service the playbook installed. */
    public static final String TAG_START = "start";
    /** Stops every service once (they start again after a reboot: the guide disables them too). */
    public static final String TAG_STOP = "stop";
    public static final String TAG_SETUP_SYSTEM_USER = "setup-system-user";
    public static final String TAG_SETUP_POSTGRES = "setup-postgres";
    public static final String TAG_IMPORT_POSTGRES = "import-postgres";
    public static final String TAG_RUN_POSTGRES_VACUUM = "run-postgres-vacuum";
    public static final String TAG_SELF_CHECK = "self-check";
    /** The guide's last step with --cold (docs/maintenance-migrating.md today): install everything, then start it. */
    public static final String COLD_START_TAGS = TAG_INSTALL_ALL + "," + TAG_START;

    /** The import-postgres tag's dump file on the server. */
    public static final String VAR_POSTGRES_DUMP = "server_path_postgres_dump";
    /** The database a plain-SQL dump's unnamed parts go to. */
    public static final String VAR_IMPORT_DATABASE = "postgres_default_import_database";
    public static final String IMPORT_DATABASE = "matrix";
    public static final String VAR_VACUUM_PRESET = "postgres_vacuum_preset";
    public static final String VACUUM_PRESET = "analyze";

    private Playbook() {
    }

    /** The argument that passes an extra variable to a play, e.g. {@code --extra-vars=name=value}. */
    public static String extraVariable(String name, Object value) {
        return extraVariable(name + "=" + value);
    }

    /** The argument that gives a play an extra variable, for example {@code matrix_migrate_force=true}. */
    public static String extraVariable(String assignment) {
        return "--extra-vars=" + assignment;
    }
}
