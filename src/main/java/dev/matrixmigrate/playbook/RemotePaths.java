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

    private RemotePaths() {
    }

    /** The run's folder on both servers. */
    public static String runDir(String runId) {
        return RUNS + "/" + runId;
    }

    public static String progress(String runId, String pass) {
        return runDir(runId) + "/" + PROGRESS_PREFIX + pass;
    }
}
