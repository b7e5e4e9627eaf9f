package dev.matrixmigrate.plan;

import dev.matrixmigrate.config.ProcedureSettings;
import dev.matrixmigrate.playbook.PlanFiles;

/** What the plan says of the database's route before the preflight has seen the servers. */
public final class DatabaseRouteNote {
    private DatabaseRouteNote() {
    }

    public static String of(ProcedureSettings settings) {
        String dump = "dump: the raw files stay behind; pg_dumpall on the old server, imported into the new server's"
                + " fresh Postgres before the start";
        return switch (settings.database()) {
            case COPY -> "copy (--database copy): Postgres's raw files travel with the rest of the data path; the"
                    + " preflight refuses servers of different CPU architectures";
            case DUMP -> dump + " (--database dump)";
            case STREAM -> "stream (--database stream): the raw files stay out of the copy; after the install a standby on"
                    + " the new server follows the old server's Postgres by streaming replication, and the cutover promotes"
                    + " it once it has replayed old's last checkpoint; the preflight takes the " + dump + " when the CPU"
                    + " architectures differ, and writes its choice and why in " + PlanFiles.DATABASE_ROUTE;
            case AUTO -> settings.mayImport()
                    ? "chosen by the preflight (--database auto): " + dump + " when the CPU architectures differ,"
                            + " copy (the raw files) otherwise; it writes its choice and why in "
                            + PlanFiles.DATABASE_ROUTE
                    : "copy (--cold leaves no moment to import a dump): the preflight refuses servers of different"
                            + " CPU architectures";
        };
    }
}
