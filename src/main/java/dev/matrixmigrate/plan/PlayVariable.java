package dev.matrixmigrate.plan;

/**
 * The extra variables the tool passes to its own plays, each with the play that declares it (and its
 * default). PlayContractTest checks both sides: every variable passed is declared in its play, and every
 * variable a play reads is declared, defaulted or passed.
 */
public enum PlayVariable {
    /** warm or final. */
    PASS("matrix_migrate_pass", PlanFiles.SYNC),
    /** Gives what is copied to this owner on the new server. */
    OWNER("matrix_migrate_owner", PlanFiles.SYNC),
    /** Keeps the copy's key for the cleanup step. */
    KEEP_KEY("matrix_migrate_keep_key", PlanFiles.SYNC),
    CHECKSUM("matrix_migrate_checksum", PlanFiles.SYNC),
    /** Disables and stops the old server before the pass. */
    STOP("matrix_migrate_stop", PlanFiles.SYNC),
    /** Leaves out what the install wrote on the new server. */
    KEEP_INSTALLED("matrix_migrate_keep_installed", PlanFiles.SYNC),
    /** Keeps the server name and signing keys the old server answers (the preflight). */
    HEALTH_RECORD("matrix_migrate_health_record", PlanFiles.HEALTH),
    HEALTH_TIMEOUT("matrix_migrate_health_timeout", PlanFiles.HEALTH),
    HEALTH_NOTE_SERVED("matrix_migrate_health_note_served", PlanFiles.HEALTH),
    HEALTH_RESULT("matrix_migrate_health_result", PlanFiles.HEALTH),
    /** Tries the DNS provider's secret with a TXT record, changing nothing else. */
    DNS_PROBE("matrix_migrate_dns_probe", PlanFiles.DNS),
    /** new or old: where the records point. */
    DNS_TO("matrix_migrate_dns_to", PlanFiles.DNS),
    /** A rollback goes on when the new server has data the old one lacks. */
    FORCE("matrix_migrate_force", PlanFiles.CHECK_NEW_WRITES),
    /** The row check removes the dump, when the cleanup that would have already ran. */
    REMOVE_DUMP("matrix_migrate_remove_dump", PlanFiles.DATABASE_ROWS);

    private final String name;
    private final String play;

    PlayVariable(String name, String play) {
        this.name = name;
        this.play = play;
    }

    public String variable() {
        return name;
    }

    /** The plan file of the play that declares it. */
    public String play() {
        return play;
    }

    /** {@code name=value}, as ansible-playbook's -e takes it. */
    public String is(Object value) {
        return name + "=" + value;
    }

    /** The whole argument: {@code --extra-vars=name=value}. */
    public String argument(Object value) {
        return PlaybookCommands.extraVariable(is(value));
    }
}
