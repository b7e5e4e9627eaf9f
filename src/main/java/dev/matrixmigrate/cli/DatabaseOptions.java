package dev.matrixmigrate.cli;

import dev.matrixmigrate.config.DatabaseRoute;
import picocli.CommandLine.Option;

/** How the playbook's PostgreSQL travels. */
@OptionGroup("Database")
final class DatabaseOptions {
    @Option(names = "--database", paramLabel = "ROUTE", defaultValue = "auto", description = "How the playbook's"
            + " PostgreSQL travels: copy (its raw files, with the rest), dump (pg_dumpall on the old server, imported into"
            + " a fresh Postgres on the new one; also moves between PostgreSQL versions), stream (a standby on the new server"
            + " follows the old one by streaming replication while it serves, promoted in the downtime; same CPU"
            + " architecture, else dump) or auto (the default: dump when"
            + " the two servers' CPU architectures differ, copy otherwise).")
    String database;

    DatabaseRoute route() {
        return DatabaseRoute.parse("--database", database);
    }
}
