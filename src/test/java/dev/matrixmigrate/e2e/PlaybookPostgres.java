package dev.matrixmigrate.e2e;

import static dev.matrixmigrate.e2e.TwoHosts.NEW;
import static dev.matrixmigrate.e2e.TwoHosts.OLD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.matrixmigrate.support.Programs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        Path vars = hosts.hostVarsFile();
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

    /** pgbench's tables: what its writer changes (branches, tellers, accounts) and appends to (history). */
    static final List<String> BUSY_TABLES = List.of("pgbench_accounts", "pgbench_branches", "pgbench_tellers",
            "pgbench_history");
    private static final String PG_BIN = "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)";

    /** The playbook's Postgres on old with pgbench's tables at this scale in the synapse database (15 MB a unit). */
    void busy(int scale) throws IOException {
        Path vars = hosts.hostVarsFile();
        Files.writeString(vars, Files.readString(vars).replace("postgres_enabled: false", "postgres_enabled: true"));
        hosts.provisionOld();
        hosts.exec(OLD, "sh", "-c", PG_BIN + "/pgbench -q -h " + hosts.layout.postgresRun() + " -U matrix -i -s " + scale + " synapse");
    }

    /**
     * Starts a writer on old: pgbench's TPC-B-like transactions (updates of three tables, an insert into history) at
     * about {@code rate} a second, until old's Postgres stops (or 15 minutes); it logs into /root/writer.log there.
     */
    void startWriter(int rate) {
        hosts.exec(OLD, "sh", "-c", "setsid nohup " + PG_BIN + "/pgbench -h " + hosts.layout.postgresRun() + " -U matrix -n -c 2 -R "
                + rate + " -T 900 -P 5 synapse > /root/writer.log 2>&1 < /dev/null &");
    }

    /** How many transactions the writer committed so far (the history table's rows on the server where it writes). */
    long committed(String host) {
        return Long.parseLong(psql(host, "synapse", "SELECT count(*) FROM pgbench_history"));
    }

    /** Per busy table: its rows and a digest of their contents, on a server's running Postgres. */
    Map<String, String> digests(String host) {
        return digests(host, hosts.layout.postgresRun(), "5432");
    }

    /**
     * The same of old's database as it was when it stopped, read from a copy of its stopped data folder by a
     * throwaway server (old's own never starts again, and its folder is not touched).
     */
    Map<String, String> oldAtItsStop() {
        assertEquals("inactive", hosts.tryExec(OLD, "systemctl", "is-active", "matrix-postgres").stdout().strip());
        hosts.exec(OLD, "sh", "-c", "cd /srv && rm -rf pgcheck pgcheck-run && cp -a " + hosts.layout.postgresData()
                + " pgcheck && rm -f pgcheck/postmaster.pid && mkdir pgcheck-run && chown matrix pgcheck-run"
                + " && runuser -u matrix -- " + PG_BIN + "/pg_ctl -D /srv/pgcheck -w -l /srv/pgcheck-run/log"
                + " -o '-c listen_addresses= -c unix_socket_directories=/srv/pgcheck-run -p 5499' start");
        try {
            return digests(OLD, "/srv/pgcheck-run", "5499");
        } finally {
            hosts.exec(OLD, "sh", "-c", "cd /srv && runuser -u matrix -- " + PG_BIN + "/pg_ctl -D /srv/pgcheck -w -m fast"
                    + " stop; rm -rf /srv/pgcheck /srv/pgcheck-run");
        }
    }

    private Map<String, String> digests(String host, String sockets, String port) {
        Map<String, String> digests = new LinkedHashMap<>();
        for (String table : BUSY_TABLES) {
            digests.put(table, hosts.exec(host, "sh", "-c", PG_BIN + "/psql -h " + sockets + " -p " + port
                    + " -U matrix -d synapse -v ON_ERROR_STOP=1 -At -c \"SELECT count(*) || ' rows, digest '"
                    + " || coalesce(sum(hashtextextended(t::text, 0)::numeric), 0) FROM " + table + " t\"").strip());
        }
        return digests;
    }

    /** pg_amcheck of every database of a server's Postgres, heap and every index entry; what it reports. */
    Programs.Output amcheck(String host) {
        return hosts.tryExec(host, "sh", "-c", PG_BIN + "/pg_amcheck -h " + hosts.layout.postgresRun() + " -U matrix --all"
                + " --install-missing --heapallindexed 2>&1");
    }

    /** What the playbook's Postgres on a host logged (the stand-in's unit log). */
    String log(String host) {
        return hosts.exec(host, "cat", "/etc/systemd/standin/matrix-postgres.service.log");
    }

    /**
     * New's database is old's at the moment it stopped (every busy table's rows and contents, the writer having
     * committed until then), pg_amcheck finds nothing, new's Postgres never recovered from a torn folder, and old's
     * shut down cleanly.
     */
    void assertNewHasOldsDatabaseAtItsStop() {
        Map<String, String> old = oldAtItsStop();
        assertTrue(Long.parseLong(old.get("pgbench_history").split(" ")[0]) > 100,
                "the writer committed on old until its stop: " + old);
        assertEquals(old, digests(NEW), "every table's rows and contents on new are old's at its stop");
        Programs.Output amcheck = amcheck(NEW);
        assertEquals(0, amcheck.exitCode(), "pg_amcheck --heapallindexed finds nothing: " + amcheck.stdout());
        String newLog = log(NEW);
        assertFalse(newLog.contains("was not properly shut down") || newLog.contains("automatic recovery in progress")
                || newLog.contains("was interrupted"), "new's Postgres never recovered from a torn folder:\n" + newLog);
        assertTrue(log(OLD).contains("database system is shut down"), "old's Postgres shut down cleanly");
    }
}
