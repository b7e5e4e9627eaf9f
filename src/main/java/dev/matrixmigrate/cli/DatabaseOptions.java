package dev.matrixmigrate.cli;

import dev.matrixmigrate.config.DatabaseRoute;
import picocli.CommandLine.Option;

/** How the playbook's PostgreSQL travels. */
@OptionGroup("Database")
final class DatabaseOptions {
    @Option(names = "--database", paramLabel = "ROUTE", defaultValue = "auto", description = "How the playbook's"
            + " PostgreSQL travels: copy (its raw files, with the rest), dump (pg_dumpall on the old server, imported into"
            + " a fresh Postgres on the new one; also moves between PostgreSQL versions) or auto (the default: dump when"
            + " the two servers' CPU architectures differ, copy otherwise).")
    String database;

    DatabaseRoute route() {
        return DatabaseRoute.parse("--database", database);
    }
}
