package dev.matrixmigrate.plan;

/** The ids of the steps, as the journal and {@code status} name them. */
public final class StepIds {
    public static final String PREFLIGHT = "preflight";
    public static final String SYNC_WARM = "sync-warm";
    public static final String INSTALL = "install";
    /** The start of the downtime in one Ansible run: stop and disable the old server, final pass, verification. */
    public static final String CUTOVER = "cutover";
    public static final String DNS = "dns";
    /** Tries the DNS provider's secret before anything is stopped (the play's check mode). */
    public static final String DNS_CHECK = "dns-check";
    public static final String SWITCH_INVENTORY = "switch-inventory";
    public static final String SETUP_SYSTEM_USER = "setup-system-user";
    public static final String CHOWN = "chown";
    /** The dump route: the dump imported into the new server's fresh Postgres and its rows checked, before the start. */
    public static final String IMPORT_DATABASE = "import-database";
    public static final String START = "start";
    /** After the start: the new server must answer as the old one did (and the playbook's self-check). */
    public static final String HEALTH = "health";
    /** Removes the copy's key after the start, outside the downtime; also run when a later step fails. */
    public static final String CLEANUP = "cleanup";

    /** Rollback: what the new server has that the old one lacks; refuses when it may be users' data. */
    public static final String CHECK_NEW = "check-new";
    /** Rollback: disable and stop the new server's units, before the old server starts. */
    public static final String STOP_NEW = "stop-new";
    /** Rollback: inventory/hosts back to what it was before the run. */
    public static final String RESTORE_INVENTORY = "restore-inventory";
    /** Rollback: the DNS records to point at the old server again. */
    public static final String DNS_BACK = "dns-back";
    /** Rollback: the playbook's start tag on the old server (enables and starts its units). */
    public static final String START_OLD = "start-old";
    /** Rollback: the copy's key off both servers. */
    public static final String REMOVE_KEY = "remove-key";
    /** Rollback: the old server must answer as it did in the preflight. */
    public static final String HEALTH_OLD = "health-old";

    private StepIds() {
    }
}
