package dev.matrixmigrate.e2e;

import static dev.matrixmigrate.e2e.TwoHosts.HOST;
import static dev.matrixmigrate.e2e.TwoHosts.OLD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The test playbook's PostgreSQL on the test hosts, reached as the playbook documents it. */
final class PlaybookPostgres {
    private final TwoHosts hosts;

    PlaybookPostgres(TwoHosts hosts) {
        this.hosts = hosts;
    }

    /** SQL through the playbook's documented way in: docker exec into matrix-postgres (the stand-in there). */
    String psql(String host, String database, String sql) {
        return hosts.exec(host, "docker", "exec", "--env-file=" + hosts.layout.postgresEnvFile(), "matrix-postgres",
                "/usr/local/bin/psql", "-h", "matrix-postgres", "-d", database, "-v", "ON_ERROR_STOP=1", "-At", "-c", sql).strip();
    }

    /**
     * Every role, database, table, row, sequence value and grant of the cluster, as pg_dumpall writes them
     * (without the random key of its \restrict lines, which differs on every dump).
     */
    String dumpAll(String host) {
        return hosts.exec(host, "docker", "exec", "--env-file=" + hosts.layout.postgresEnvFile(), "matrix-postgres",
                "/usr/local/bin/pg_dumpall", "-h", "matrix-postgres").replaceAll("(?m)^\\\\(un)?restrict .*$", "");
    }

    /**
     * The playbook's Postgres on the host (provisioned on old) with several databases and roles, thousands of rows,
     * unicode text, bytea and a sequence; returns pg_dumpall of old.
     */
    String withData() throws IOException {
        Path vars = hosts.playbook.resolve("inventory/host_vars/" + HOST + "/vars.yml");
        Files.writeString(vars, Files.readString(vars).replace("postgres_enabled: false", "postgres_enabled: true"));
        hosts.provisionOld();
        psql(OLD, "matrix", "CREATE ROLE bridge LOGIN");
        psql(OLD, "matrix", "CREATE DATABASE bridge OWNER bridge");
        psql(OLD, "synapse", "CREATE TABLE events (id bigserial PRIMARY KEY, room text NOT NULL, body text, data bytea,"
                + " at timestamptz DEFAULT now()); INSERT INTO events (room, body, data) SELECT 'room' || (i % 7),"
                + " 'message ' || i || ' — héllo wörld ✓ 🎉', decode(md5(i::text), 'hex') FROM generate_series(1, 5000) i;"
                + " ALTER TABLE events OWNER TO synapse");
        psql(OLD, "bridge", "CREATE SEQUENCE puppets_seq START 1000; CREATE TABLE puppets (id int DEFAULT"
                + " nextval('puppets_seq'), name text); INSERT INTO puppets (name) SELECT 'пуппет ' || i FROM"
                + " generate_series(1, 2000) i");
        assertEquals("5000", psql(OLD, "synapse", "SELECT count(*) FROM events"));
        String before = dumpAll(OLD);
        assertTrue(before.contains("CREATE ROLE bridge;") && before.contains("2999, true"), "the dump holds the data");
        return before;
    }

    /** The cluster's own identity, made by initdb: equal on two servers only when the raw files were copied. */
    String systemIdentifier(String host) {
        return hosts.exec(host, "sh", "-c", "/usr/lib/postgresql/*/bin/pg_controldata " + hosts.layout.postgresData()
                + " | grep 'system identifier'").strip();
    }
}
