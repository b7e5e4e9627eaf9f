package dev.matrixmigrate.playbook;

/**
 * The extra variables the tool passes to its own plays, each with the play that declares it (and its
 * default). PlayContractTest checks both sides: every variable passed is declared in its play, and every
 * variable a play reads is declared, defaulted or passed.
 */
public enum PlayVariable {
    /** warm or final. */
    PASS(PlanFiles.SYNC),
    /** Gives what is copied to this owner on the new server. */
    OWNER(PlanFiles.SYNC),
    /** Keeps the copy's key for the cleanup step. */
    KEEP_KEY(PlanFiles.SYNC),
    CHECKSUM(PlanFiles.SYNC),
    /** Disables and stops the old server before the pass. */
    STOP(PlanFiles.SYNC),
    /** Leaves out what the install wrote on the new server. */
    KEEP_INSTALLED(PlanFiles.SYNC),
    /** After a warm pass: the final pass copies Postgres's raw files on their own, compared by content. */
    DATABASE_BY_CONTENT(PlanFiles.SYNC),
    /** Keeps the server name and signing keys the old server answers (the preflight). */
    HEALTH_RECORD(PlanFiles.HEALTH),
    HEALTH_TIMEOUT(PlanFiles.HEALTH),
    HEALTH_NOTE_SERVED(PlanFiles.HEALTH),
    HEALTH_RESULT(PlanFiles.HEALTH),
    /** Tries the DNS provider's secret with a TXT record, changing nothing else. */
    DNS_PROBE(PlanFiles.DNS),
    /** new or old: where the records point. */
    DNS_TO(PlanFiles.DNS),
    /** A rollback goes on when the new server has data the old one lacks. */
    FORCE(PlanFiles.CHECK_NEW_WRITES),
    /** The row check removes the dump, when the cleanup that would have already ran. */
    REMOVE_DUMP(PlanFiles.DATABASE_ROWS);

    private final String play;

    PlayVariable(String play) {
        this.play = play;
    }

    /** Its name in the plays: matrix_migrate_ and the constant's name, e.g. matrix_migrate_keep_key. */
    public String variable() {
        return "matrix_migrate_" + name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The plan file of the play that declares it. */
    public String play() {
        return play;
    }

    /** {@code name=value}, as ansible-playbook's -e takes it. */
    public String is(Object value) {
        return variable() + "=" + value;
    }

    /** The whole argument: {@code --extra-vars=name=value}. */
    public String argument(Object value) {
        return Playbook.extraVariable(is(value));
    }
}
