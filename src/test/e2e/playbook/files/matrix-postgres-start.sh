#!/usr/bin/env bash
# matrix-postgres (e2e test stand-in for the playbook's Postgres container): Debian's PostgreSQL, run as the
# matrix user, listening on a Unix socket only, in the socket folder the real role puts on the host
# (postgres_run_path). Like the container's entrypoint, an empty data folder is
# initialized on the first start: the superuser matrix, its database matrix, and the managed roles and
# databases given as NAME:USER arguments.
#   matrix-postgres-start.sh DATA_DIR SOCKET_DIR [NAME:USER...]
set -euo pipefail
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
data=$1 sockets=$2
shift 2
mkdir -p "$sockets"
# As the real unit's ExecStartPre: sockets a stopped server left (or a copy brought) are deleted.
rm -f "$sockets"/.s.PGSQL.*
if [[ ! -s $data/PG_VERSION ]]; then
    "$BIN/initdb" -D "$data" -U matrix --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    {
        echo 'CREATE DATABASE matrix;'
        for pair in "$@"; do
            echo "CREATE ROLE \"${pair#*:}\" LOGIN;"
            echo "CREATE DATABASE \"${pair%%:*}\" OWNER \"${pair#*:}\";"
        done
    } | "$BIN/postgres" --single -D "$data" postgres >/dev/null
fi
# In its container, Postgres has a PID namespace of its own: a postmaster.pid another server left (a crash, or a copy
# of a running server's folder) never names a live process there, and Postgres takes it as stale. The test hosts
# share one PID namespace, so the stand-in drops such a file itself, as the container would find it stale.
rm -f "$data/postmaster.pid"
exec "$BIN/postgres" -D "$data" -c listen_addresses= -c unix_socket_directories="$sockets"
