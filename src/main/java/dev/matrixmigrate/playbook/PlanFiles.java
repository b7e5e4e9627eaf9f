package dev.matrixmigrate.playbook;

/** The names of the files in a plan folder. */
public final class PlanFiles {
    public static final String INVENTORY_OLD = "inventory.old";
    public static final String INVENTORY_NEW = "inventory.new";
    public static final String INVENTORY_DIFF = "inventory.diff";
    public static final String MIGRATION_INVENTORY = "migration-inventory";
    public static final String PREFLIGHT = "preflight.yml";
    /** What the plan was written from (its run id, digests of the playbook and the inventory): {@code plan.PlanSource}. */
    public static final String PLAN_SOURCE = "plan-source.yml";
    /**
     * The playbook's own checks of its configuration, run by the preflight for each server: a play in a folder of
     * its own, beside links to the playbook's folders (group_vars, roles, ...), as setup.yml sees them.
     */
    public static final String PLAYBOOK_CHECKS_DIR = "playbook-checks";
    public static final String PLAYBOOK_CHECKS = PLAYBOOK_CHECKS_DIR + "/playbook-checks.yml";
    /** Written by the preflight when one of its checks refuses the servers: the check's message. */
    public static final String PREFLIGHT_REFUSAL = "preflight-refusal.txt";
    /** Tasks that disable and stop the old server's units, included by sync.yml. */
    public static final String STOP_UNITS = "stop-units.yml";
    public static final String SYNC = "sync.yml";
    /** Tasks of the dump route's cutover on the old server (dump, count, stop Postgres, send), imported by sync.yml. */
    public static final String SYNC_DUMP = "sync-dump.yml";
    /** Tasks of the stream route's cutover (the standby's promotion once it replayed old's last checkpoint), imported by sync.yml. */
    public static final String SYNC_STREAM = "sync-stream.yml";
    /** The stream route's warm part: the tunnel from old, the base backup into new's data folder, the standby following old. */
    public static final String STANDBY = "standby.yml";
    /** Tasks that find the address the old server connects to the new one from, included by sync.yml and standby.yml. */
    public static final String SOURCE_ADDRESS = "source-address.yml";
    /** Tasks that pin the new server's host keys on the old one, included by sync.yml and standby.yml. */
    public static final String PIN_HOST_KEYS = "pin-host-keys.yml";
    /** Tasks of the rescue of a check that refuses: an assert's message beside the play, then stop; imported by the checks. */
    public static final String REFUSE = "refuse.yml";
    /** Tasks that install rsync where it is missing, included by sync.yml. */
    public static final String RSYNC_PRESENT = "rsync-present.yml";
    /** Who holds the copy's key and what it is called, read by sync.yml and cleanup.yml. */
    public static final String KEY_VARS = "key-vars.yml";
    /** Tasks that learn the home of the new server's SSH user, where the key is authorized. */
    public static final String NEW_HOME = "new-home.yml";
    /** Tasks that remove the copy's key from both servers, included by sync.yml and cleanup.yml. */
    public static final String REMOVE_KEY = "remove-key.yml";
    /** Tasks that remove the key's line from the new server's authorized_keys. */
    public static final String UNAUTHORIZE_KEY = "unauthorize-key.yml";
    /** Removes the key the final pass left in place, once the new server runs. */
    public static final String CLEANUP = "cleanup.yml";
    public static final String FIX_OWNERSHIP = "fix-ownership.yml";
    public static final String STEPS = "steps.md";
    /** The new inventory in a folder of its own, with links to the playbook's host_vars and group_vars. */
    public static final String INVENTORY_NEW_DIR = "inventory-new";
    public static final String INVENTORY_NEW_HOSTS = INVENTORY_NEW_DIR + "/hosts";
    /** The old inventory the same way, for the cleanup, which still needs the old server after the switch. */
    public static final String INVENTORY_OLD_DIR = "inventory-old";
    public static final String INVENTORY_OLD_HOSTS = INVENTORY_OLD_DIR + "/hosts";
    /** The differences the final pass's verification found; written only when there are any. */
    public static final String VERIFY_RESULT = "verify-result.txt";
    /** Notes the new server's clock when the install begins (warm mode), into INSTALL_STARTED_AT. */
    public static final String MARK_INSTALL = "mark-install.yml";
    /** The new server's clock (seconds since the epoch) when the install began; kept across a resumed install. */
    public static final String INSTALL_STARTED_AT = "install-started-at";
    /** After the install: lists what it wrote under the data path on new into INSTALLED_ON_NEW. */
    public static final String LIST_INSTALLED = "list-installed.yml";
    /** What the install wrote under the data path on new, never under Postgres's data folder; the final pass leaves it out. */
    public static final String INSTALLED_ON_NEW = "installed-on-new.txt";
    /** Written by LIST_INSTALLED when the install left services of the playbook running on new: their units, stopped. */
    public static final String STARTED_BY_INSTALL = "started-by-install.txt";
    /**
     * Written by the preflight with the route: the variables the install on new is given (-e @), on the copy route
     * the postgres role's managed databases switched off, so that it does not start Postgres on the warm copy.
     */
    public static final String INSTALL_ON_NEW = "install-on-new.yml";
    /**
     * Written by the final pass, also when it fails: when the services stopped, how long the stop, the
     * copy and the verification took, and how many differences the verification found.
     */
    public static final String CUTOVER_NOTES = "cutover-notes.yml";
    /**
     * The start run's gate: Ansible loads callback plugins from this folder for that run, and the plugin
     * holds the run before its first task that is neither fact gathering nor tagged always, until
     * START_GATE exists (the tool creates it once the copy is verified).
     */
    public static final String GATE_PLUGINS = "callback_plugins";
    public static final String GATE_PLUGIN = GATE_PLUGINS + "/matrix_migrate_gate.py";
    /**
     * Beside the gate: every task result of every Ansible run of the run's steps as a JSON line, into the file the
     * environment variable TASK_EVENTS_VARIABLE names (the run's events); every playbook command loads this folder.
     */
    public static final String EVENTS_PLUGIN = GATE_PLUGINS + "/matrix_migrate_events.py";
    public static final String TASK_EVENTS_VARIABLE = "MATRIX_MIGRATE_TASK_EVENTS";
    public static final String START_GATE = "start-gate";
    /** The environment variable that names the gate file to the plugin. */
    public static final String GATE_VARIABLE = "MATRIX_MIGRATE_GATE";
    /**
     * --cold: the copy's run (SYNC) waits at this gate before its first task tagged GATE_TAG (the old server's stop),
     * until the playbook's --tags=stop has run; GATE_TAG_VARIABLE names the tag to the plugin.
     */
    public static final String COPY_GATE = "copy-gate";
    public static final String GATE_TAG = "matrix-migrate-stop";
    public static final String GATE_TAG_VARIABLE = "MATRIX_MIGRATE_GATE_TAG";
    /** Asks a server for the client API, the federation key and the well-known files (health check). */
    public static final String HEALTH = "health.yml";
    /** The server name and signing keys the old server answered in the preflight; the new one must answer the same. */
    public static final String SERVER_IDENTITY = "server-identity.json";
    /** Written by the health check when an endpoint did not answer as expected: which, and what it got. */
    public static final String HEALTH_RESULT = "health-result.txt";

    /** The new server answered the client API in the health check after the start: it may have served users. */
    public static final String NEW_SERVED = "new-served";
    /**
     * This machine's clock (seconds since the epoch) from which the new server's services may have run on
     * their own: when the start step first began, or when it ended where it also installs (--cold). What
     * changes on the new server after it is the new server's own, not the run's.
     */
    public static final String NEW_ON_ITS_OWN_FROM = "new-on-its-own-from";
    /** Before a rollback: what the new server has that the old one lacks (written there since the start began). */
    public static final String CHECK_NEW_WRITES = "check-new-writes.yml";
    /** What the rollback's check found written on the new server: count, bytes and the first paths. */
    public static final String WRITTEN_ON_NEW = "written-on-new.txt";
    /** Written by that check when it refuses the rollback: why. */
    public static final String ROLLBACK_REFUSAL = "rollback-refusal.txt";
    /** The playbook's values for the host, as Ansible computes them; every play of the plan reads it. */
    public static final String PLAYBOOK_VALUES = "playbook-facts.yml";
    /** The host name, scheme and ports the server is reached at, from those values (health checks). */
    public static final String PUBLIC_NAMES = "public-names.yml";
    /** Written by the rollback's health check of the old server when an endpoint did not answer as expected. */
    public static final String HEALTH_OLD_RESULT = "health-old-result.txt";
    /** Disables and stops the new server's matrix units for a rollback. */
    public static final String STOP_NEW = "stop-new.yml";

    /** What the zone's authoritative server answers for the server's public names, and which of them move. */
    /** The play that changes the DNS records that move (rendered for --dns-provider rfc2136 or cloudflare). */
    public static final String DNS = "dns.yml";
    /** What the DNS steps do: the records that move and to what, the servers, the wait; the play's variables. */
    public static final String DNS_CHANGES = "dns-changes.yml";
    /** Why the DNS play failed, in the provider's words, written by its rescue beside it. */
    public static final String DNS_FAILURE = "dns-failure.txt";
    public static final String DNS_RECORDS = "dns-records.txt";

    /**
     * Written by the preflight: how the database travels (copy or dump) and why, with the names of the
     * playbook's Postgres (unit, connection settings, data path); read by the plays of the dump route.
     */
    public static final String DATABASE_ROUTE = "database-route.yml";
    /** Tasks that count every table's rows in every database of a server's Postgres, included by sync.yml and DATABASE_ROWS. */
    public static final String COUNT_ROWS = "count-rows.yml";
    /** Tasks that start the playbook's Postgres when it does not run and wait for it, included by SYNC and DATABASE_ROWS. */
    public static final String POSTGRES_RUNNING = "postgres-running.yml";
    /** Before the import on new: the dump is there; a failed earlier import's database is emptied. */
    public static final String PREPARE_IMPORT = "prepare-import.yml";
    /** After the import on new: every table's row count must equal old's (ROWS_OLD). */
    public static final String DATABASE_ROWS = "database-rows.yml";
    /** Per database, every table and its row count on old, taken right after the dump. */
    public static final String ROWS_OLD = "database-rows-old.txt";
    /** The same on new after the import. */
    public static final String ROWS_NEW = "database-rows-new.txt";
    /** Written by PREPARE_IMPORT when it emptied the new server's Postgres after an import that did not end. */
    public static final String IMPORT_EMPTIED = "import-emptied";
    /** Written by DATABASE_ROWS or PREPARE_IMPORT when they fail: why, in one sentence. */
    public static final String IMPORT_FAILURE = "import-failure.txt";
    /** The forwarding's play on the old server: HAProxy in a transient unit that ends by itself. */
    public static final String FORWARD = "forward.yml";
    /** The forwarding's run waits at this gate (before its tasks tagged FORWARD_GATE_TAG) until the old server stopped. */
    public static final String FORWARD_GATE = "forward-gate";
    public static final String FORWARD_GATE_TAG = "matrix-migrate-forward-start";
    /** Ends the forwarding early (migrate --stop-forwarding, and first in a rollback). */
    public static final String STOP_FORWARDING = "stop-forwarding.yml";
    /** The forwarding's variables: ports, unit, the new server's address, the old server's addresses. */
    public static final String FORWARDING = "forwarding.yml";
    /** For the install and start on new: its Traefik trusts PROXY headers from the old server. */
    public static final String TRAEFIK_TRUST = "traefik-proxy-protocol.yml";
    /** Written by the dns step: until when caches may hand out the old address (an instant, ISO-8601). */
    public static final String CACHES_EXPIRE = "caches-expire-at";
    /** Written by the forward step: until when the forwarder runs (an instant, ISO-8601). */
    public static final String FORWARDING_UNTIL = "forwarding-until";
    /** Written when the forwarding was ended early: when (an instant, ISO-8601). */
    public static final String FORWARDING_STOPPED = "forwarding-stopped";

    private PlanFiles() {
    }
}
