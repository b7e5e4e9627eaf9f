package dev.matrixmigrate.playbook;

/** Where a run keeps its own files on the servers, outside the data path: the run folder and what is in it. */
public final class RemotePaths {
    /** Under root's home: only root reads the run's key, pinned host keys and progress. */
    public static final String RUNS = "/root/.matrix-migrate";
    /** The copy's rsync progress, by pass: progress-warm, progress-final. */
    public static final String PROGRESS_PREFIX = "progress-";
    /** The process group of the copy running on the old server, so that one copy runs at a time. */
    public static final String COPY_PID = "copy.pid";
    /** The dump (pg_dumpall through zstd, as the playbook's own upgrade does). */
    public static final String DUMP = "postgres.sql.zst";
    /** Written on new when an import began, and when it ended. */
    public static final String IMPORT_BEGUN = "import-begun";
    public static final String IMPORT_DONE = "import-done";

    /**
     * The stream route's standby on the new server: a container of the run's own (never the playbook's
     * matrix-postgres, whose unit would start a second server on its folder), its sockets in a folder on the host.
     */
    public static final String STANDBY_CONTAINER = "matrix-migrate-standby";
    public static final String STANDBY_SOCKETS = "/run/matrix-migrate-standby";
    /** The new server's end of the tunnel to the old server's Postgres: a TCP port on its loopback only. */
    public static final int TUNNEL_PORT = 55432;
    /** On old, beside the run's folder (which each copy makes afresh): the tunnel's key, pinned host keys, process. */
    public static final String TUNNEL_DIR_SUFFIX = "-tunnel";
    public static final String TUNNEL_PID = "tunnel.pid";
    /** Written on new when the base backup began: a folder with it and no standby.signal holds an unfinished backup. */
    public static final String BASE_BACKUP_BEGUN = "base-backup-begun";
    /** Written on new once the standby was promoted and stopped: the data folder is the new server's own. */
    public static final String PROMOTED = "standby-promoted";

    private RemotePaths() {
    }

    /** The run's folder on both servers. */
    public static String runDir(String runId) {
        return RUNS + "/" + runId;
    }

    /** The stream route's replication slot on the old server: one per run, named after it. */
    public static String slot(String runId) {
        return "matrix_migrate_" + runId.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }

    public static String progress(String runId, String pass) {
        return runDir(runId) + "/" + PROGRESS_PREFIX + pass;
    }
}
