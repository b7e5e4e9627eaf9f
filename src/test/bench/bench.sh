#!/usr/bin/env bash
# `make bench`: the downtime of (a) the manual procedure, (b) migrate --cold and (c) migrate, side by
# side on the two-host harness, with a test playbook that costs what the real one costs (scaled down);
# then (a) and (c) with twice the bytes, and with twice the files; then, with the playbook's Postgres holding
# a database of about 1 GiB, (c) with its default database route (copy: the data files go with the rest)
# beside (d) migrate --database dump (pg_dumpall | zstd in the downtime, imported on new). Writes
# BENCHMARKS.md at the top of the repository. Needs root.
# Downtime is measured from outside: a prober polls the service on old and new every 50 ms; downtime =
# last answer from old -> first answer from new. The tool's own journal figure is shown beside it.
# Settings (environment): BENCH_RUNS (3), BENCH_SCALED_RUNS (BENCH_RUNS: runs of twice the bytes or files), BENCH_FILES (20000), BENCH_MIB (2048), BENCH_LOAD_SECONDS (2:
# every playbook run), BENCH_SETUP_SECONDS (20: every setup-all or install-all run), BENCH_PULL_SECONDS (8: a host's
# first setup-all), BENCH_STOP_SECONDS (1: each unit's stop, however it is stopped), BENCH_CHECK_SECONDS (0.2:
# the start's check of each service), BENCH_VERIFY_WAIT_SECONDS (15: the start's wait after starting a service), BENCH_CHURN_PERCENT (1) and BENCH_CHURN_SECONDS (20: old rewrites files meanwhile),
# BENCH_SCENARIOS ("base bytes files dump stale"), BENCH_LOGS (a folder to keep each run's logs and plan in),
# BENCH_REPORT (the file written, BENCHMARKS.md at the top; it holds only this run's scenarios). The dump
# scenario: BENCH_DB_MIB (1024: the synapse database, filled by fill-db.sql), BENCH_DB_FILES (2000) and
# BENCH_DB_TREE_MIB (256: a small tree beside it, so that the database dominates), BENCH_DB_ROUTES
# ("copy dump": the routes run, each BENCH_RUNS times). Only this scenario:
# BENCH_SCENARIOS=dump BENCH_RUNS=1 BENCH_REPORT=/tmp/dump.md bash src/test/bench/bench.sh
# The stale scenario: a client whose DNS cache still holds the old address (the prober's old column) through (c)
# without and with --forward; BENCH_STALE_FILES (2000), BENCH_STALE_MIB (256), BENCH_STALE_WATCH (30: how long the
# old address is still watched after the migration).
# The busy scenario: the dump scenario's database (BENCH_DB_MIB, BENCH_DB_FILES, BENCH_DB_TREE_MIB) and pgbench's tables
# (BENCH_BUSY_SCALE, 5), which a writer changes at BENCH_BUSY_RATE (150) transactions a second from before the
# migration until old's Postgres stops; (c) with the copy route (its final pass copies Postgres's files by content).
# The stream scenario: the new server's SSH traffic shaped to BENCH_LINK_RATE (200mbit: tc htb on lo, a u32 filter on
# 127.0.0.3:2222 each way, as an internet link between two providers), and for each size in BENCH_STREAM_DB_MIBS
# ("1024 4096") the busy database on the copy route, the busy database on the stream route (--database stream), and
# the same database idle on the stream route. The bytes that cross the link inside the downtime (old's last answer ->
# new's first) are read from the shaped class's counters, sampled every 0.1 s.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
e2e=$repo/src/test/e2e
tool=$repo/bin/matrix-migrate
runs=${BENCH_RUNS:-3}
scaled_runs=${BENCH_SCALED_RUNS:-$runs}
files=${BENCH_FILES:-20000}
mib=${BENCH_MIB:-2048}
load=${BENCH_LOAD_SECONDS:-2}
setup=${BENCH_SETUP_SECONDS:-20}
pull=${BENCH_PULL_SECONDS:-8}
stop_each=${BENCH_STOP_SECONDS:-1}
check_each=${BENCH_CHECK_SECONDS:-0.2}
verify_wait=${BENCH_VERIFY_WAIT_SECONDS:-15}
churn_percent=${BENCH_CHURN_PERCENT:-1}
churn_seconds=${BENCH_CHURN_SECONDS:-20}
scenarios=${BENCH_SCENARIOS:-base bytes files dump stale busy stream}
busy_scale=${BENCH_BUSY_SCALE:-5}
busy_rate=${BENCH_BUSY_RATE:-150}
db_mib=${BENCH_DB_MIB:-1024}
db_files=${BENCH_DB_FILES:-2000}
db_tree_mib=${BENCH_DB_TREE_MIB:-256}
db_routes=${BENCH_DB_ROUTES:-copy dump}
stale_files=${BENCH_STALE_FILES:-2000}
stale_mib=${BENCH_STALE_MIB:-256}
stale_watch=${BENCH_STALE_WATCH:-30}
link_rate=${BENCH_LINK_RATE:-200mbit}
stream_db_mibs=${BENCH_STREAM_DB_MIBS:-1024 4096}
report=${BENCH_REPORT:-$repo/BENCHMARKS.md}
[[ $(id -u) == 0 ]] || { echo "make bench creates namespaced SSH test hosts and must run as root" >&2; exit 2; }
if [[ " $scenarios " == *" dump "* && " $db_routes " == *" dump "* ]] &&
    ! "$tool" migrate --help 2>&1 | grep -q -- '--database'; then
    echo "$tool has no migrate --database for the dump scenario: build it, or set BENCH_DB_ROUTES=copy" >&2
    exit 2
fi

work=$(mktemp -d /tmp/matrix-migrate-bench.XXXXXX)
state=$work/state
playbook=$work/playbook
results=$work/results
mkdir -p "$results"
prober=
sampler=
stop_hosts() {
    "$e2e/testhost.sh" stop old "$state" >/dev/null 2>&1 || true
    "$e2e/testhost.sh" stop new "$state" >/dev/null 2>&1 || true
}
# The link between the two servers: their SSH traffic (everything old and new send each other goes through new's
# sshd on 127.0.0.3:2222) through an htb class of that rate each way; lo's other traffic is not shaped.
shape_link() {
    unshape_link
    tc qdisc add dev lo root handle 1: htb default 99 r2q 1000
    tc class add dev lo parent 1: classid 1:99 htb rate 100gbit
    tc class add dev lo parent 1: classid 1:10 htb rate "$link_rate" ceil "$link_rate"
    tc class add dev lo parent 1: classid 1:11 htb rate "$link_rate" ceil "$link_rate"
    tc filter add dev lo parent 1: protocol ip prio 1 u32 match ip dst 127.0.0.3/32 match ip dport 2222 0xffff flowid 1:10
    tc filter add dev lo parent 1: protocol ip prio 1 u32 match ip src 127.0.0.3/32 match ip sport 2222 0xffff flowid 1:11
}
unshape_link() { tc qdisc del dev lo root 2>/dev/null || true; }
start_sampler() {  # name: the bytes sent to new through the shaped class, every 0.1 s
    while :; do
        printf '%s %s\n' "$(date +%s.%N)" "$(tc -s class show dev lo classid 1:10 | awk '$1 == "Sent" { print $2; exit }')"
        sleep 0.1
    done > "$results/$1-link" &
    sampler=$!
}
stop_sampler() { [[ -z $sampler ]] || { kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true; sampler=; }; }
busy_run() { [[ $1 == busy-* || $1 == *-busy-* ]]; }
stop_prober() { [[ -z $prober ]] || { kill "$prober" 2>/dev/null || true; wait "$prober" 2>/dev/null || true; prober=; }; }
trap 'stop_prober; stop_sampler; unshape_link; stop_hosts; rm -rf "$work"' EXIT
now() { date +%s.%N; }
# Written data sits in the page cache until the kernel flushes it: flush before each measurement,
# or one copy pays for the previous one's writes.
settle() { sync; sleep 2; }
elapsed() { python3 -c "print(f'{$2 - $1:.1f}')"; }
on() { local host=$1; shift; "$e2e/testhost.sh" exec "$host" "$state" -- "$@"; }
say() { printf '\n== %s\n' "$*"; }
record() { echo "$2" > "$results/$1"; }

# Fresh hosts: the tree in old's data path, the service running there, nothing on new. The costs are
# set after old's own installation, so that only the measured runs pay them. With with_db set (the dump
# scenario), old runs the playbook's Postgres too, its synapse database filled with about db_mib MiB.
with_db=
fresh_hosts() {  # seed name
    stop_hosts
    rm -rf "$state" "$playbook"
    "$e2e/testhost.sh" start old 127.0.0.2 "$state" >/dev/null
    "$e2e/testhost.sh" start new 127.0.0.3 "$state" >/dev/null
    cp -r "$e2e/playbook" "$playbook"
    mkdir -p "$state/ansible/tmp" "$state/ansible/cp"
    sed "s|STATE_DIR|$state|g" "$e2e/playbook/ansible.cfg.example" > "$playbook/ansible.cfg"
    "$tool" inventory --playbook "$playbook" --domain example.com --address 127.0.0.2 --port 2222 >/dev/null
    cat "$e2e/playbook/http-host-vars.yml" >> "$playbook/inventory/host_vars/matrix.example.com/vars.yml"
    [[ -z $with_db ]] || sed -i 's/^postgres_enabled: false$/postgres_enabled: true/' "$playbook/inventory/host_vars/matrix.example.com/vars.yml"
    # the units' stop cost is in the units old's installation writes
    printf 'test_stop_seconds_per_service: %s\n' "$stop_each" >> "$playbook/inventory/host_vars/matrix.example.com/vars.yml"
    (cd "$playbook" && ansible-playbook -i inventory/hosts setup.yml --tags=setup-all,start >/dev/null)
    printf 'test_load_seconds: %s\ntest_setup_seconds: %s\ntest_image_pull_seconds: %s\n' "$load" "$setup" "$pull" \
        >> "$playbook/inventory/host_vars/matrix.example.com/vars.yml"
    printf 'test_service_check_seconds: %s\ntest_start_verification_seconds: %s\n' \
        "$check_each" "$verify_wait" >> "$playbook/inventory/host_vars/matrix.example.com/vars.yml"
    cp -a "$1/media" "$state/old/matrix/media"
    on old chown -R matrix:matrix /matrix/media
    [[ -z $with_db ]] || fill_db "$2"
    ! busy_run "$2" || busy_db "$2"
    # old may copy straight to new, for the manual procedure
    cp "$state/client_key" "$state/old/root/.ssh/bench_key"
    grep '^\[127.0.0.3\]:2222 ' "$state/known_hosts" > "$state/old/root/.ssh/bench_known_hosts"
    cat > "$state/old/etc/systemd/system/matrix-churn.service" <<UNIT
[Service]
ExecStart=/usr/bin/python3 /root/testhost-tools/churn.py /matrix/media $churn_percent $churn_seconds
UNIT
    on old systemctl enable --now matrix-churn.service >/dev/null
    settle
}
psql_on() {  # host psql-arguments...
    local host=$1; shift
    on "$host" docker exec -i --env-file=/matrix/postgres/env-postgres-psql matrix-postgres /usr/local/bin/psql \
        -h matrix-postgres -v ON_ERROR_STOP=1 "$@"
}
fill_db() {  # name
    local t0 out rows size
    t0=$(now)
    out=$(psql_on old -q -d synapse -v target_mib="$db_mib" -f - < "$here/fill-db.sql")
    read -r rows size <<< "$out"
    record "$1-db-fill" "$(elapsed "$t0" "$(now)")"
    record "$1-db-rows" "$rows"
    record "$1-db-bytes" "$size"
    record "$1-db-folder" "$(du -sb "$state/old/matrix/postgres/data" | cut -f1)"
    echo "database filled: $rows events, $((size / 1048576)) MiB in $(cat "$results/$1-db-fill") s"
}
pg_bin='$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)'
busy_db() {  # name: pgbench's tables beside the filled database
    on old sh -c "$pg_bin/pgbench -q -h /matrix/postgres/run -U matrix -i -s $busy_scale synapse" >/dev/null 2>&1
}
start_writer() {  # until old's Postgres stops (its connections end), or 15 minutes
    on old sh -c "setsid nohup $pg_bin/pgbench -h /matrix/postgres/run -U matrix -n -c 2 -R $busy_rate -T 900 synapse \
        > /root/writer.log 2>&1 < /dev/null &"
}
start_prober() {  # name
    python3 "$here/probe.py" "$results/$1-probe" http://127.0.0.2:8008/_matrix/client/versions \
        http://127.0.0.3:8008/_matrix/client/versions &
    prober=$!
    # the measurement starts once the prober has seen old answer (the manual stop is immediate)
    for _ in $(seq 200); do
        awk '$2 == "old" { found = 1 } END { exit !found }' "$results/$1-probe" 2>/dev/null && return
        sleep 0.05
    done
    echo "the prober never saw the old server answer" >&2; exit 1
}
end_prober() {  # name [seconds to keep watching the old address]
    sleep "${2:-1}"
    stop_prober
    read -r down both stale from to < <(python3 "$here/probe.py" --report "$results/$1-probe")
    record "$1-downtime" "$down"
    if [[ -n $sampler ]]; then
        stop_sampler
        record "$1-downtime-bytes" "$(awk -v from="$from" -v to="$to" '$1 <= from { a = $2 } $1 <= to { b = $2 } END { print b - a }' \
            "$results/$1-link")"
    fi
    record "$1-both" "$both"
    record "$1-stale" "$stale"
    rm -f "$results/$1-probe"
}

ssh_to_new="ssh -i /root/.ssh/bench_key -p 2222 -o UserKnownHostsFile=/root/.ssh/bench_known_hosts -o StrictHostKeyChecking=yes"
manual() {  # name seed
    fresh_hosts "$2" "$1"
    cd "$playbook"
    start_prober "$1"
    local t0 c0 c1 t1
    t0=$(now)
    # the current guide: disable --now (the stop tag stops only until a reboot), rsync -a, install-all,start
    on old sh -c 'cd /etc/systemd/system && systemctl disable --now matrix*' >/dev/null
    c0=$(now)
    on old rsync -a -e "$ssh_to_new" /matrix/ root@127.0.0.3:/matrix/
    c1=$(now)
    sed -i 's/ansible_host=127.0.0.2/ansible_host=127.0.0.3/' inventory/hosts
    ansible-playbook -i inventory/hosts setup.yml --tags=setup-system-user >/dev/null
    on new chown -R matrix:matrix /matrix
    ansible-playbook -i inventory/hosts setup.yml --tags=install-all,start >/dev/null
    t1=$(now)
    end_prober "$1"
    record "$1-journal" "$(elapsed "$t0" "$t1")"
    record "$1-copy" "$(elapsed "$c0" "$c1")"
    cd "$repo"
}
migrate_run() {  # name seed migrate-options...
    local name=$1 seed=$2 watch=1; shift 2
    # the stale scenario keeps watching the old address after the migration, as a client holding it would
    [[ $name != stale-* ]] || watch=$stale_watch
    fresh_hosts "$seed" "$name"
    start_prober "$name"
    [[ $name != stream-* ]] || start_sampler "$name"
    ! busy_run "$name" || { start_writer; sleep 5; }
    # profile_tasks times every task in the step logs (kept with BENCH_LOGS)
    ANSIBLE_CALLBACKS_ENABLED=ansible.posix.profile_tasks \
    /usr/bin/time -f '%M' -o "$results/$name-rss" "$tool" migrate --playbook "$playbook" --to 127.0.0.3 --yes "$@" \
        > "$results/$name.log" 2>&1 || { echo "$name: migrate failed:" >&2; tail -n 40 "$results/$name.log" >&2; exit 1; }
    end_prober "$name" "$watch"
    # the rows must have arrived, or the downtime measured nothing worth comparing
    [[ -z $with_db ]] || record "$name-db-rows-new" "$(psql_on new -At -d synapse -c 'SELECT count(*) FROM events' || echo -1)"
    if busy_run "$name"; then
        record "$name-committed" "$(psql_on new -At -d synapse -c 'SELECT count(*) FROM pgbench_history' || echo -1)"
    fi
    local run; run=$(ls -d "$playbook/.matrix-migrate/runs/"* | tail -n 1)
    [[ -z ${BENCH_LOGS:-} ]] || { mkdir -p "$BENCH_LOGS/$name"; cp -r "$run/logs" "$run/plan" "$results/$name.log" "$BENCH_LOGS/$name/"; }
    python3 - "$run" "$results/$name" <<'PY'
import datetime, os, sys, yaml
run, out = sys.argv[1], sys.argv[2]
j = yaml.safe_load(open(run + "/journal.yml"))
t = lambda s: datetime.datetime.fromisoformat(s.replace("Z", "+00:00"))
open(out + "-journal", "w").write("%.1f\n" % (t(j["services-started"]) - t(j["services-stopped"])).total_seconds())
for s in j["steps"]:
    open(out + "-step-" + s["id"], "w").write("%.1f\n" % (t(s["ended"]) - t(s["started"])).total_seconds())
notes = yaml.safe_load(open(run + "/plan/cutover-notes.yml"))
for key in ("stop", "dump", "dump-send", "final-pass", "database-pass", "verification"):  # dump*: the dump route
    if len(str(notes.get(key) or "").split(":")) == 3:
        h, m, sec = str(notes[key]).split(":")
        open(out + "-part-" + key, "w").write("%.2f\n" % (int(h) * 3600 + int(m) * 60 + float(sec)))
for key in ("standby-catch-up", "promotion"):  # the stream route: seconds
    if str(notes.get(key) or "").replace(".", "").isdigit():
        open(out + "-part-" + key, "w").write("%s\n" % notes[key])
for key in ("final-pass-sent", "database-pass-sent"):
    if str(notes.get(key) or "").replace(",", "").isdigit():
        open(out + "-part-" + key, "w").write("%s\n" % str(notes[key]).replace(",", ""))
if isinstance(notes.get("dump-bytes"), int):
    open(out + "-dump-size", "w").write("%d\n" % notes["dump-bytes"])
listed = run + "/plan/installed-on-new.txt"
count = sum(1 for line in open(listed) if line.strip()) if os.path.exists(listed) else 0
open(out + "-installed", "w").write("%d\n" % count)
PY
}

declare -A scenario_files=([base]=$files [bytes]=$files [files]=$((files * 2)) [dump]=$db_files [stale]=$stale_files
    [busy]=$db_files [stream]=$db_files)
declare -A scenario_mib=([base]=$mib [bytes]=$((mib * 2)) [files]=$mib [dump]=$db_tree_mib [stale]=$stale_mib
    [busy]=$db_tree_mib [stream]=$db_tree_mib)
stream_kinds=
for size in $stream_db_mibs; do stream_kinds+=" copy-busy-$size stream-busy-$size stream-idle-$size"; done
declare -A scenario_kinds=([base]="manual cold warm" [bytes]="manual warm" [files]="manual warm" [dump]=$db_routes
    [busy]="copy" [stream]=$stream_kinds
    [stale]="warm forward")
for scenario in $scenarios; do
    with_db=; [[ $scenario != dump && $scenario != busy && $scenario != stream ]] || with_db=1
    if [[ $scenario == stream ]]; then shape_link; else unshape_link; fi
    seed=$work/seed-$scenario
    say "$scenario: generating the tree, ${scenario_files[$scenario]} files, about ${scenario_mib[$scenario]} MiB"
    record "$scenario-bytes" "$(python3 "$here/make-bench-tree.py" "$seed/media" "${scenario_files[$scenario]}" "${scenario_mib[$scenario]}")"
    record "$scenario-files" "${scenario_files[$scenario]}"
    n=$runs; [[ $scenario != bytes && $scenario != files ]] || n=$scaled_runs
    for i in $(seq 1 "$n"); do
        for kind in ${scenario_kinds[$scenario]}; do
            say "$scenario: $kind, run $i of $n"
            # the stream scenario's kinds name their database's size
            [[ $scenario != stream ]] || db_mib=${kind##*-}
            case $kind in
                manual) manual "$scenario-$kind-$i" "$seed" ;;
                cold) migrate_run "$scenario-$kind-$i" "$seed" --cold ;;
                warm) migrate_run "$scenario-$kind-$i" "$seed" ;;
                copy) migrate_run "$scenario-$kind-$i" "$seed" ;;  # the default route: copy, as both have one architecture
                dump) migrate_run "$scenario-$kind-$i" "$seed" --database dump ;;
                forward) migrate_run "$scenario-$kind-$i" "$seed" --forward --forward-for 10m ;;
                copy-busy-*) migrate_run "$scenario-$kind-$i" "$seed" --database copy ;;
                stream-*) migrate_run "$scenario-$kind-$i" "$seed" --database stream ;;
            esac
            echo "downtime $(cat "$results/$scenario-$kind-$i-downtime") s from outside, $(cat "$results/$scenario-$kind-$i-journal") s by the clock, $(cat "$results/$scenario-$kind-$i-stale") s for a client holding the old address"
        done
    done
    rm -rf "$seed"
    # after each scenario, so that what was measured is kept even if a later one is cut short
    say "writing $report"
    python3 "$here/report.py" "$results" "$report" "$runs" "$load" "$setup" "$pull" "$churn_percent" \
        "$churn_seconds" "$scenarios" "$stop_each" "$check_each" "$verify_wait"
done
stop_hosts
