#!/usr/bin/env bash
# `make bench`: downtime and copy throughput of (a) the manual procedure, (b) migrate --cold and
# (c) migrate (warm pass first), with raw rsync over ssh and local cp -a as references, on the
# two-host test harness. Writes BENCHMARKS.md at the top of the repository. Needs root.
# Settings (environment): BENCH_FILES (30000), BENCH_MIB (2048), BENCH_PULL_SECONDS (8),
# BENCH_CHURN_PERCENT (1), BENCH_CHURN_SECONDS (20), BENCH_RUNS (3: runs of (a) and of (c), medians
# reported, as single runs vary by about a second here).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
e2e=$repo/src/test/e2e
tool=$repo/bin/matrix-migrate
files=${BENCH_FILES:-30000}
mib=${BENCH_MIB:-2048}
pull=${BENCH_PULL_SECONDS:-8}
churn_percent=${BENCH_CHURN_PERCENT:-1}
churn_seconds=${BENCH_CHURN_SECONDS:-20}
runs=${BENCH_RUNS:-3}
[[ $(id -u) == 0 ]] || { echo "make bench creates namespaced SSH test hosts and must run as root" >&2; exit 2; }

work=$(mktemp -d /tmp/matrix-migrate-bench.XXXXXX)
state=$work/state
playbook=$work/playbook
results=$work/results
mkdir -p "$results"
stop_hosts() {
    "$e2e/testhost.sh" stop old "$state" >/dev/null 2>&1 || true
    "$e2e/testhost.sh" stop new "$state" >/dev/null 2>&1 || true
}
trap 'stop_hosts; rm -rf "$work"' EXIT
now() { date +%s.%N; }
# Written data sits in the page cache until the kernel flushes it: flush before each measurement,
# or one copy pays for the previous one's writes.
settle() { sync; sleep 2; }
elapsed() { python3 -c "print(f'{$2 - $1:.1f}')"; }
on() { local host=$1; shift; "$e2e/testhost.sh" exec "$host" "$state" -- "$@"; }
say() { printf '\n== %s\n' "$*"; }
record() { echo "$2" > "$results/$1"; }

say "generating the tree: $files files, about $mib MiB"
seed=$work/seed
bytes=$(python3 "$here/make-bench-tree.py" "$seed/media" "$files" "$mib")
record bytes "$bytes"
du -sh "$seed"

say "local cp -a"
settle; t0=$(now); cp -a "$seed" "$work/cp-copy"; sync; t1=$(now)
record cp "$(elapsed "$t0" "$t1")"; rm -rf "$work/cp-copy"

# Fresh hosts with the service running on old and the tree in its data path.
fresh_hosts() {
    stop_hosts
    rm -rf "$state" "$playbook"
    "$e2e/testhost.sh" start old 127.0.0.2 "$state" >/dev/null
    "$e2e/testhost.sh" start new 127.0.0.3 "$state" >/dev/null
    cp -r "$e2e/playbook" "$playbook"
    mkdir -p "$state/ansible/tmp" "$state/ansible/cp"
    sed "s|STATE_DIR|$state|g" "$e2e/playbook/ansible.cfg.example" > "$playbook/ansible.cfg"
    "$tool" inventory --playbook "$playbook" --domain example.com --address 127.0.0.2 --port 2222 >/dev/null
    echo "test_image_pull_seconds: $pull" >> "$playbook/inventory/host_vars/matrix.example.com/vars.yml"
    (cd "$playbook" && ansible-playbook -i inventory/hosts setup.yml --tags=setup-all,start >/dev/null)
    cp -a "$seed/media" "$state/old/matrix/media"
    on old chown -R matrix:matrix /matrix/media
    # old may copy straight to new, for the manual procedure and raw rsync
    cp "$state/client_key" "$state/old/root/.ssh/bench_key"
    grep '^\[127.0.0.3\]:2222 ' "$state/known_hosts" > "$state/old/root/.ssh/bench_known_hosts"
    cat > "$state/old/etc/systemd/system/matrix-churn.service" <<UNIT
[Service]
ExecStart=/usr/bin/python3 /root/testhost-tools/churn.py /matrix/media $churn_percent $churn_seconds
UNIT
    on old systemctl enable --now matrix-churn.service >/dev/null
    settle
}
ssh_to_new="ssh -i /root/.ssh/bench_key -p 2222 -o UserKnownHostsFile=/root/.ssh/bench_known_hosts -o StrictHostKeyChecking=yes"
rate_of() { python3 - "$1" <<'PY'
import re, sys
text = open(sys.argv[1], errors="replace").read().replace("\r", "\n")
rates = re.findall(r"100%\s+([\d.]+)([kMG]B)/s", text) or re.findall(r"copied .*\(100%\), ([\d.]+)([kMG]B)/s", text)
value, unit = rates[-1]
print(float(value) * {"kB": 1e-3, "MB": 1, "GB": 1e3}[unit])
PY
}

manual_run() {  # run number
    fresh_hosts
    cd "$playbook"
    settle
    local t0 c0 c1 t1
    t0=$(now)
    ansible-playbook -i inventory/hosts setup.yml --tags=stop >/dev/null
    on old sh -c 'cd /etc/systemd/system && systemctl disable --now matrix*' >/dev/null
    c0=$(now)
    on old rsync -a --info=progress2 -e "$ssh_to_new" /matrix/ root@127.0.0.3:/matrix/ > "$results/manual-rsync.log"
    c1=$(now)
    sed -i 's/ansible_host=127.0.0.2/ansible_host=127.0.0.3/' inventory/hosts
    ansible-playbook -i inventory/hosts setup.yml --tags=setup-system-user >/dev/null
    on new chown -R matrix:matrix /matrix
    ansible-playbook -i inventory/hosts setup.yml --tags=setup-all,start >/dev/null
    t1=$(now)
    record "manual-$1-downtime" "$(elapsed "$t0" "$t1")"
    record "manual-$1-copy" "$(elapsed "$c0" "$c1")"
    cd "$repo"
}
for i in $(seq 1 "$runs"); do
    say "(a) the manual procedure, run $i of $runs"
    manual_run "$i"
done

run_tool() {  # name, migrate options...
    local name=$1; shift
    fresh_hosts
    /usr/bin/time -f '%M' -o "$results/$name-rss" "$tool" migrate --playbook "$playbook" --to 127.0.0.3 --yes "$@" \
        > "$results/$name.log" 2>&1
    local run; run=$(ls -d "$playbook/.matrix-migrate/runs/"* | tail -n 1)
    python3 - "$run/journal.yml" "$results/$name" <<'PY'
import sys, yaml, datetime
j = yaml.safe_load(open(sys.argv[1]))
t = lambda s: datetime.datetime.fromisoformat(s.replace("Z", "+00:00"))
steps = {s["id"]: (t(s["ended"]) - t(s["started"])).total_seconds() for s in j["steps"]}
out = sys.argv[2]
open(out + "-downtime", "w").write("%.1f\n" % (t(j["services-started"]) - t(j["services-stopped"])).total_seconds())
last_copy = [s for s in j["steps"] if s["id"] in ("cutover", "sync")][-1]
open(out + "-stopped-to-copied", "w").write("%.1f\n" % (t(last_copy["ended"]) - t(j["services-stopped"])).total_seconds())
for sid, secs in steps.items():
    open(out + "-step-" + sid, "w").write("%.1f\n" % secs)
PY
    grep -h "copied" "$run"/logs/*sync*.log "$run"/logs/*cutover*.log 2>/dev/null | tail -n 1 > "$results/$name-final-copy" || true
}

# Raw rsync right after each (b), between the same hosts: the shared disk's speed drifts from one
# minute to the next, so each ratio compares two copies made close together.
raw_run() {  # run number
    on new rm -rf /root/raw
    settle
    local r0 r1
    r0=$(now)
    on old rsync -aHAX --numeric-ids --info=progress2 -e "$ssh_to_new" /matrix/media/ root@127.0.0.3:/root/raw/ \
        > "$results/raw-rsync.log"
    r1=$(now)
    record "raw-$1-wall" "$(elapsed "$r0" "$r1")"
    record "raw-$1-rate" "$(rate_of "$results/raw-rsync.log")"
    on new rm -rf /root/raw
}
for i in $(seq 1 "$runs"); do
    say "(b) matrix-migrate migrate --cold, run $i of $runs, then raw rsync -aHAX --numeric-ids over ssh"
    run_tool "cold-$i" --cold
    record "cold-$i-rate" "$(python3 - "$playbook" <<'PY'
import glob, re, sys
log = sorted(glob.glob(sys.argv[1] + "/.matrix-migrate/runs/*/logs/*-sync.log"))[-1]
text = open(log).read()
value, unit = re.findall(r"\(100%\), ([\d.]+)([kMG]B)/s", text)[-1]
print(float(value) * {"kB": 1e-3, "MB": 1, "GB": 1e3}[unit])
PY
)"
    raw_run "$i"
done

# profile_tasks times each task of the cutover, for the final pass and what else is inside the downtime.
for i in $(seq 1 "$runs"); do
    say "(c) matrix-migrate migrate (warm pass, then the final pass), run $i of $runs"
    export ANSIBLE_CALLBACKS_ENABLED=ansible.posix.profile_tasks PROFILE_TASKS_TASK_OUTPUT_LIMIT=all
    run_tool "warm-$i"
    unset ANSIBLE_CALLBACKS_ENABLED PROFILE_TASKS_TASK_OUTPUT_LIMIT
    python3 - "$playbook" "$results/warm-$i" <<'PY'
import glob, re, sys
log = sorted(glob.glob(sys.argv[1] + "/.matrix-migrate/runs/*/logs/*-cutover.log"))[-1]
tasks = dict((name.strip(), float(secs)) for name, secs in re.findall(r"^(\S.*?) -+ ([\d.]+)s$", open(log).read(), re.M))
for key, name in [("final-pass", "Copy the data path from old to new, pass final"),
                  ("verify", "Compare old and new with a dry run"),
                  ("stop-units", "Disable and stop them, then check that none is still enabled or running")]:
    open(sys.argv[2] + "-" + key, "w").write("%.2f\n" % tasks[name])
PY
done
stop_hosts

say "writing BENCHMARKS.md"
python3 - "$results" "$repo/BENCHMARKS.md" "$files" "$pull" "$churn_percent" <<'PY'
import os, platform, re, subprocess, sys, datetime
r, out, files, pull, churn = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
get = lambda name: open(os.path.join(r, name)).read().strip()
f = lambda name: float(get(name))
mib = f("bytes") / 1048576
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
mem = next(l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal"))
runs = sorted(int(n.split("-")[1]) for n in os.listdir(r) if re.fullmatch(r"warm-\d+-downtime", n))
median = lambda values: sorted(values)[len(values) // 2]
each = lambda kind, what: [f("%s-%d-%s" % (kind, i, what)) for i in runs]
listed = lambda values: ", ".join("%.1f" % v for v in values)
manual, cold, warm = median(each("manual", "downtime")), median(each("cold", "downtime")), median(each("warm", "downtime"))
manual_rate = f("bytes") / 1e6 / median(each("manual", "copy"))
cold_rate, raw_rate = median(each("cold", "rate")), median(each("raw", "rate"))
ratios = [c / w for c, w in zip(each("cold", "rate"), each("raw", "rate"))]
ratio = median(ratios)
rss = max(each("cold", "rss") + each("warm", "rss"))
cp_rate = f("bytes") / 1e6 / f("cp")
budgets = [s + p + 5 for s, p in zip(each("warm", "step-start"), each("warm", "final-pass"))]
start, final_pass = median(each("warm", "step-start")), median(each("warm", "final-pass"))
budget = median(budgets)
within = sum(1 for d, b in zip(each("warm", "downtime"), budgets) if d <= b)
lines = [
    "# Benchmarks",
    "",
    "Written by `make bench` (src/test/bench/bench.sh) on %s. Not part of the tests." % datetime.date.today(),
    "",
    "## Machine and data",
    "",
    "- %d cores (%s), %.1f GiB memory, kernel %s" % (os.cpu_count(), cpu, int(mem) / 1048576, platform.release()),
    "- two test hosts on this machine (old 127.0.0.2, new 127.0.0.3, OpenSSH on loopback, see src/test/e2e/testhost.sh);"
    " the data of both lives on the same disk",
    "- tree: %s files, %.0f MiB; the first `setup-all` on a host sleeps %s s (\"pulling images\", cached outside the"
    " data path); a service on old rewrites %s%% of the files during the first %s s of the warm pass"
    % (files, mib, pull, churn, os.environ.get("BENCH_CHURN_SECONDS", "20")),
    "",
    "## Results",
    "",
    "| | downtime | copy throughput | Java peak RSS |",
    "|---|---|---|---|",
    "| (a) manual: stop, disable, `rsync -a`, setup-system-user, chown, setup-all,start | %.1f s (median of %s) | %.0f MB/s (wall clock of the rsync) | - |" % (manual, listed(each("manual", "downtime")), manual_rate),
    "| (b) `migrate --cold` | %.1f s (median of %s) | %.0f MB/s (rsync's own average; median of %s) | %.0f MiB |" % (cold, listed(each("cold", "downtime")), cold_rate, listed(each("cold", "rate")), max(each("cold", "rss")) / 1024),
    "| (c) `migrate` (warm pass, then cutover) | %.1f s (median of %s) | - | %.0f MiB |" % (warm, listed(each("warm", "downtime")), max(each("warm", "rss")) / 1024),
    "| raw `rsync -aHAX --numeric-ids` over ssh (default cipher), right after each (b) | - | %.0f MB/s (rsync's own average; median of %s), %.1f s wall | - |" % (raw_rate, listed(each("raw", "rate")), median(each("raw", "wall"))),
    "| local `cp -a` | - | %.0f MB/s (%.1f s) | - |" % (cp_rate, f("cp")),
    "",
    "Downtime: from the moment the old server's services are told to stop to the end of the start on the new server.",
    "",
    "## Targets",
    "",
    "| target | measured | met |",
    "|---|---|---|",
    "| downtime (c) <= 25%% of (a) | %.1f s is %.0f%% of %.1f s | %s |" % (warm, 100 * warm / manual, manual, "yes" if warm <= 0.25 * manual else "no"),
    "| downtime (c) <= setup-all,start (%.1f s) + final pass (%.1f s) + 5 s = %.1f s (medians) | %.1f s; within its own run's budget in %d of %d runs | %s |" % (start, final_pass, budget, warm, within, len(runs), "yes" if within == len(runs) else "no"),
    "| copy throughput (b) >= 0.9 x raw rsync | %.2f x (median of the runs' ratios %s) | %s |" % (ratio, ", ".join("%.2f" % x for x in ratios), "yes" if ratio >= 0.9 else "no"),
    "| Java peak RSS <= 256 MiB | %.0f MiB | %s |" % (rss / 1024, "yes" if rss <= 262144 else "no"),
    "",
    "Inside the downtime of (c) (medians): %.1f s from the stop to the end of the cutover, of which the units' stop"
    " %.1f s, the final pass %.1f s and the verification (a dry run over all files) %.1f s; then the start, %.1f s."
    " The cutover run (%.1f s in all) sets the key up before the stop; the cleanup step removes it after the start."
    " The final pass is the Ansible task that runs rsync (profile_tasks), from ssh's connection to rsync's exit."
    % (median(each("warm", "stopped-to-copied")), median(each("warm", "stop-units")), final_pass,
       median(each("warm", "verify")), start, median(each("warm", "step-cutover"))),
    "",
    "Step times of (b), run 1: " + ", ".join("%s %.1f s" % (n[len("cold-1-step-"):], f(n)) for n in sorted(os.listdir(r)) if n.startswith("cold-1-step-")),
    "",
    "Step times of (c), run 1: " + ", ".join("%s %.1f s" % (n[len("warm-1-step-"):], f(n)) for n in sorted(os.listdir(r)) if n.startswith("warm-1-step-")),
    "",
    "Throughput here is bound by one shared virtual disk and its write-back: the same 1 GiB copy measured"
    " 47 to 111 MiB/s from one run to the next (options made no difference beyond that noise); hence the"
    " repeated runs, each raw copy made right after its (b) and each copy started after `sync`.",
]
open(out, "w").write("\n".join(lines))
print("\n".join(lines))
PY
