package dev.matrixmigrate.plan;

/** The ids of the steps, as the journal and {@code status} name them. */
public final class StepIds {
    public static final String PREFLIGHT = "preflight";
    public static final String SYNC_WARM = "sync-warm";
    public static final String INSTALL = "install";
    /** The start of the downtime in one Ansible run: stop and disable the old server, final pass, verification. */
    public static final String CUTOVER = "cutover";
    public static final String DNS = "dns";
    public static final String SWITCH_INVENTORY = "switch-inventory";
    public static final String SETUP_SYSTEM_USER = "setup-system-user";
    public static final String CHOWN = "chown";
    public static final String START = "start";
    /** After the start: the new server must answer as the old one did (and the playbook's self-check). */
    public static final String HEALTH = "health";
    /** Removes the copy's key after the start, outside the downtime; also run when a later step fails. */
    public static final String CLEANUP = "cleanup";

    private StepIds() {
    }
}
