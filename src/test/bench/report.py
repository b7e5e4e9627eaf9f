#!/usr/bin/env python3
"""Writes BENCHMARKS.md from the figures bench.sh recorded (one file per figure in RESULTS)."""
import datetime
import os
import platform
import sys

r, out, runs, load, setup, pull, churn, churn_seconds, scenarios = sys.argv[1:10]
stop_each, check_each, verify_wait = (sys.argv[10:13] + ["0", "0", "0"])[:3]
scenarios = scenarios.split()
runs = int(runs)


def get(name):
    path = os.path.join(r, name)
    return float(open(path).read().strip()) if os.path.exists(path) else None


def each(scenario, kind, what):
    return [v for v in (get("%s-%s-%d-%s" % (scenario, kind, i, what)) for i in range(1, runs + 1)) if v is not None]


def median(values):
    values = sorted(values)
    n = len(values)
    return (values[n // 2] + values[(n - 1) // 2]) / 2 if n else float("nan")


def spread(values, unit=" s", digits=1):
    if not values:
        return "-"
    fmt = "%." + str(digits) + "f"
    return (fmt + "%s (%s; runs: %s)") % (median(values), unit, "min " + fmt % min(values) + ", max " + fmt % max(values),
                                           ", ".join(fmt % v for v in values))


def has(scenario):
    return scenario in scenarios and each(scenario, "manual", "downtime")


cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
mem = next(l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal"))
kinds = {"manual": "(a) manual, as the current guide: `systemctl disable --now matrix*`, `rsync -a`, setup-system-user,"
                   " chown, `install-all,start`",
         "cold": "(b) `migrate --cold`", "warm": "(c) `migrate` (warm pass, install before the stop, `start` only)"}
lines = ["# Benchmarks", "",
         "Written by `make bench` (src/test/bench/bench.sh, report.py) on %s: up to %d runs of each, as the tables"
         " list them. Not part of the tests." % (datetime.date.today(), runs), "",
         "## Machine and costs", "",
         "- %d cores (%s), %.1f GiB memory, kernel %s" % (os.cpu_count(), cpu, int(mem) / 1048576, platform.release()),
         "- two test hosts on this machine (old 127.0.0.2, new 127.0.0.3, OpenSSH on loopback, src/test/e2e/testhost.sh);"
         " the data of both lives on one shared virtual disk",
         "- the test playbook models the real one's costs (src/test/e2e/playbook, matrix_test role); a service on old"
         " rewrites %s%% of the files during the first %s s of the warm pass:" % (churn, churn_seconds), "",
         "| cost | the real playbook (c0681e4, ansible-core 2.19) | modeled here |", "|---|---|---|",
         "| every run: parse the playbook, connect, gather facts, the `always` tasks | parse about 2.5 s, then facts"
         " and the always tasks | %s s (one `always` task) |" % load,
         "| `setup-all` / `install-all` | hundreds of tasks, minutes per run even when nothing changes | %s s"
         " (scaled down), and a host's first one %s s more pulling images |" % (setup, pull),
         "| `--tags=start` | one `systemctl is-active` per service (8 in a default setup), starts the inactive ones,"
         " then waits 15 s on the control machine and checks every service; `setup-all,start` restarts everything"
         " | %s s per service check (one service without Postgres), the same conditional start, %s s wait, the check |"
         % (check_each, verify_wait),
         "| a service's stop | `docker stop -t 3` in its unit (`--tags=stop`: one task per service in reverse order;"
         " `systemctl disable --now matrix*` the same units) | %s s per unit, however it is stopped (the `systemctl`"
         " stand-in) |" % stop_each, "",
         "- downtime from outside: a prober polls the service on old and new every 50 ms; downtime = last answer from"
         " old -> first answer from new. \"journal\" is the tool's own figure (stop noted by the cutover -> end of the"
         " start run, which includes the start's wait after the services answer); for (a) the wall clock from the stop"
         " command to the end of `install-all,start`.", ""]
for scenario in scenarios:
    if not each(scenario, "manual", "downtime"):
        continue
    lines += ["## %s: %d files, %.0f MiB" % ({"base": "Side by side", "bytes": "Twice the bytes",
                                              "files": "Twice the files"}[scenario], get(scenario + "-files"),
                                             get(scenario + "-bytes") / 1048576), "",
              "| | downtime from outside (median) | journal | polls with both answering |", "|---|---|---|---|"]
    for kind in ("manual", "cold", "warm"):
        if each(scenario, kind, "downtime"):
            lines.append("| %s | %s | %s | %d |" % (kinds[kind], spread(each(scenario, kind, "downtime")),
                                                   spread(each(scenario, kind, "journal")),
                                                   sum(each(scenario, kind, "both"))))
    warm_parts = [(p, each(scenario, "warm", "part-" + p)) for p in ("stop", "final-pass", "verification")]
    lines += ["", "Inside (c)'s downtime (medians): " + ", ".join(
        "%s %.2f s" % (p.replace("-", " "), median(v)) for p, v in warm_parts if v)
        + "; the start step (its gate opening -> the end of its run, the wait after starting included) %.1f s; files"
        " the install wrote and the final pass left alone: %s."
        % (median(each(scenario, "warm", "step-start")), ", ".join("%d" % v for v in each(scenario, "warm", "installed"))),
        "", "(a)'s copy (`rsync -a`, wall clock): %s." % spread(each(scenario, "manual", "copy")), ""]
    if each(scenario, "cold", "downtime"):
        steps = sorted(n[len("%s-cold-1-step-" % scenario):] for n in os.listdir(r) if n.startswith("%s-cold-1-step-" % scenario))
        lines += ["(b)'s steps, run 1: " + ", ".join("%s %.1f s" % (s, get("%s-cold-1-step-%s" % (scenario, s))) for s in steps), ""]
    steps = sorted(n[len("%s-warm-1-step-" % scenario):] for n in os.listdir(r) if n.startswith("%s-warm-1-step-" % scenario))
    lines += ["(c)'s steps, run 1: " + ", ".join("%s %.1f s" % (s, get("%s-warm-1-step-%s" % (scenario, s))) for s in steps), ""]

# The dump scenario: the playbook's Postgres holds a database of about BENCH_DB_MIB; (c) with the default database
# route (copy) beside (d) with --database dump.
routes = {"copy": "(c) `migrate`, default database route: copy (Postgres's data files go with the rest: warm pass,"
                  " then the final pass after the stop)",
          "dump": "(d) `migrate --database dump` (in the downtime: pg_dumpall through zstd on old, sent, imported on new"
                  " with `--tags=import-postgres` and `run-postgres-vacuum`)"}
db_runs = [k for k in ("copy", "dump") if "dump" in scenarios and each("dump", k, "downtime")]
if db_runs:
    mib = lambda values: [v / 1048576 for v in values]
    sizes = [v for k in db_runs for v in each("dump", k, "db-bytes")]
    lines += ["## Database: dump route beside copy route (about %.0f MiB database)" % median(mib(sizes)), "",
              "On old the playbook's Postgres (`postgres_enabled: true`), its synapse database filled through psql by"
              " src/test/bench/fill-db.sql before each run: events, event_json and e2e_room_keys as Synapse names them"
              " (text, random bytea, three indexes), %s events, then VACUUM ANALYZE and a checkpoint. pg_database_size:"
              " %s; the data folder with its WAL: %s; filling took %s. Beside it %d files, %.0f MiB in the data path,"
              " which the churn service rewrites as in the scenarios above; the database is idle during the warm pass."
              % ("/".join(sorted({"%d" % v for k in db_runs for v in each("dump", k, "db-rows")})),
                 spread(mib(sizes), " MiB", 0),
                 spread(mib([v for k in db_runs for v in each("dump", k, "db-folder")]), " MiB", 0),
                 spread([v for k in db_runs for v in each("dump", k, "db-fill")]),
              get("dump-files"), get("dump-bytes") / 1048576), "",
              "| | downtime from outside (median) | journal | polls with both answering |", "|---|---|---|---|"]
    for kind in db_runs:
        lines.append("| %s | %s | %s | %d |" % (routes[kind], spread(each("dump", kind, "downtime")),
                                               spread(each("dump", kind, "journal")), sum(each("dump", kind, "both"))))
    lines.append("")
    for kind in db_runs:
        parts = [(p, each("dump", kind, "part-" + p)) for p in ("stop", "dump", "dump-send", "final-pass", "verification")]
        text = "Inside %s's downtime (medians): " % routes[kind][:3]
        text += ", ".join("%s %.2f s" % (p.replace("-", " "), median(v)) for p, v in parts if v)
        if each("dump", kind, "dump-size"):
            text += "; the dump's size with zstd: %s" % spread(mib(each("dump", kind, "dump-size")), " MiB", 0)
        if each("dump", kind, "step-import-database"):
            text += "; import-database step %s" % spread(each("dump", kind, "step-import-database"))
        text += "; start run %.1f s." % median(each("dump", kind, "step-start"))
        lines += [text, ""]
    old_rows, new_rows = ([v for k in db_runs for v in each("dump", k, w)] for w in ("db-rows", "db-rows-new"))
    bad = sum(1 for o, n in zip(old_rows, new_rows) if o != n)
    lines += ["Rows of events on new after each run: %s." % ("as many as on old in every run (%d)" % len(new_rows)
                                                             if new_rows and not bad else "%d of %d runs differ from old (%s)"
                                                             % (bad, len(new_rows), ", ".join("%d" % v for v in new_rows))),
              ""]
    for kind in db_runs:
        steps = sorted(n[len("dump-%s-1-step-" % kind):] for n in os.listdir(r) if n.startswith("dump-%s-1-step-" % kind))
        lines += ["%s's steps, run 1: " % routes[kind][:3] + ", ".join("%s %.1f s" % (st, get("dump-%s-1-step-%s" % (kind, st)))
                                                                      for st in steps), ""]

# The busy scenario: the same database, with a writer committing from before the migration until old's Postgres stops;
# beside the dump scenario's copy route (the same database, idle), when that ran too.
if "busy" in scenarios and each("busy", "copy", "downtime"):
    mib = lambda values: [v / 1048576 for v in values]
    lines += ["## A busy database on the copy route (about %.0f MiB database, written to until the stop)"
              % median(mib(each("busy", "copy", "db-bytes"))), "",
              "The dump scenario's database, plus pgbench's tables (scale %s) in the same synapse database, and a writer"
              " (pgbench, TPC-B-like: three updates and an insert a transaction, 2 clients, %s transactions a second)"
              " from before the migration until old's Postgres stops. After a warm pass the final pass leaves Postgres's"
              " data folder out of its main rsync and copies it with a second rsync, --checksum (read on both servers)."
              " The writer committed %s transactions (the history table's rows on new)."
              % (os.environ.get("BENCH_BUSY_SCALE", "5"), os.environ.get("BENCH_BUSY_RATE", "150"),
                 "/".join("%d" % v for v in each("busy", "copy", "committed"))), "",
              "| | downtime from outside (median) | journal | final pass: rest of the data path | final pass: Postgres's folder"
              " by content | bytes sent (rest / Postgres) |", "|---|---|---|---|---|---|"]
    rows = [("busy", "(c) `migrate`, busy database")]
    if "dump" in scenarios and each("dump", "copy", "downtime"):
        rows.append(("dump", "(c) `migrate`, the same database idle (dump scenario, copy route)"))
    for scenario, label in rows:
        sent = lambda what: "/".join("%.1f MiB" % (v / 1048576) for v in each(scenario, "copy", "part-" + what)) or "-"
        lines.append("| %s | %s | %s | %s | %s | %s / %s |" % (
            label, spread(each(scenario, "copy", "downtime")), spread(each(scenario, "copy", "journal")),
            spread(each(scenario, "copy", "part-final-pass"), digits=2),
            spread(each(scenario, "copy", "part-database-pass"), digits=2), sent("final-pass-sent"),
            sent("database-pass-sent")))
    steps = sorted(n[len("busy-copy-1-step-"):] for n in os.listdir(r) if n.startswith("busy-copy-1-step-"))
    lines += ["", "Its steps, run 1: " + ", ".join("%s %.1f s" % (st, get("busy-copy-1-step-" + st)) for st in steps), ""]

# The stale scenario: a client whose DNS cache still holds the old address, through (c) without and with --forward.
stale_kinds = {"warm": "(c) `migrate`, no forwarding", "forward": "(e) `migrate --forward`"}
stale_runs = [k for k in ("warm", "forward") if "stale" in scenarios and each("stale", k, "downtime")]
watch = os.environ.get("BENCH_STALE_WATCH", "30")


def stale_text(values, runs_done):
    values = [v for v in values if v == v]  # nan: no answer at the old address in that run
    if not values:
        return "no answer at the old address in any run, %s s watched after the migration ended: none until its" \
               " cache expires (the records' TTL, up to their old one)" % watch
    text = spread(values)
    if len(values) < runs_done:
        text += "; %d runs without any answer" % (runs_done - len(values))
    return text


if stale_runs:
    lines += ["## A client whose DNS cache holds the old address: %d files, %.0f MiB" % (get("stale-files"),
                                                                                     get("stale-bytes") / 1048576), "",
              "The prober's old column is such a client: it keeps asking the old address with the server's name, as a"
              " client, a resolver or a federating server does until the cached record expires. The new column is a"
              " client that already has the new address. Downtime for each: the old server's last answer -> the first"
              " answer it gets.", "",
              "| | a client with the new address | a client holding the old address | polls with both answering |",
              "|---|---|---|---|"]
    for kind in stale_runs:
        done = len(each("stale", kind, "downtime"))
        lines.append("| %s | %s | %s | %d |" % (stale_kinds[kind], spread(each("stale", kind, "downtime")),
                                               stale_text(each("stale", kind, "stale"), done),
                                               sum(each("stale", kind, "both"))))
    lines.append("")

# The stream scenario: the busy database on the copy route and on the stream route, and idle on the stream route, at
# each size, over a shaped link.
stream_sizes = sorted({int(n.split("-")[3]) for n in os.listdir(r) if n.startswith("stream-")
                       and n.split("-")[1] in ("copy", "stream") and n.split("-")[3].isdigit()}) if "stream" in scenarios else []
stream_kinds = [("copy-busy", "copy route, busy"), ("stream-busy", "stream route, busy"), ("stream-idle", "stream route, idle")]
if stream_sizes:
    lines += ["## The stream route over an internet-like link", "",
              "The new server's SSH traffic (everything old and new send each other) shaped to a fixed rate each way (tc"
              " htb on lo, a u32 filter on new's 127.0.0.3:2222), as a link between two providers; the disk is this"
              " machine's. The database as in the dump scenario (fill-db.sql) at each size, plus pgbench's tables (scale"
              " %s); \"busy\": a writer (pgbench, 2 clients, %s transactions a second) from before the migration until old's"
              " Postgres stops. \"bytes in the downtime\": what crossed the link to new between old's last answer and new's"
              " first (the shaped class's counter, sampled every 0.1 s)." % (os.environ.get("BENCH_BUSY_SCALE", "5"),
                                                                        os.environ.get("BENCH_BUSY_RATE", "150")), "",
              "| database | route | downtime from outside | journal | bytes in the downtime | standby catch-up / promotion"
              " | final pass | transactions committed |", "|---|---|---|---|---|---|---|---|"]
    for size in stream_sizes:
        for kind, label in stream_kinds:
            k = "%s-%d" % (kind, size)
            if not each("stream", k, "downtime"):
                continue
            lines.append("| %.0f MiB (%d MiB folder) | %s | %s | %s | %s | %s | %s | %s |" % (
                median(each("stream", k, "db-bytes")) / 1048576, median(each("stream", k, "db-folder")) / 1048576, label,
                spread(each("stream", k, "downtime")), spread(each("stream", k, "journal")),
                " / ".join("%.1f MiB" % (v / 1048576) for v in each("stream", k, "downtime-bytes")) or "-",
                " / ".join("%.2f s" % v for v in each("stream", k, "part-standby-catch-up") + each("stream", k, "part-promotion")) or "-",
                spread(each("stream", k, "part-final-pass"), digits=2),
                "/".join("%d" % v for v in each("stream", k, "committed")) or "-"))
    lines.append("")
    for size in stream_sizes:
        for kind in ("copy-busy", "stream-busy"):
            k = "%s-%d" % (kind, size)
            steps = sorted(n[len("stream-%s-1-step-" % k):] for n in os.listdir(r) if n.startswith("stream-%s-1-step-" % k))
            if steps:
                lines += ["%s at %d MiB, its steps, run 1: " % (kind, size)
                          + ", ".join("%s %.1f s" % (st, get("stream-%s-1-step-%s" % (k, st))) for st in steps), ""]

rss = [v for s in scenarios for k in ("cold", "warm", "copy", "dump", "forward") + tuple(
    "%s-%d" % (kind, size) for kind, _ in stream_kinds for size in stream_sizes) for v in each(s, k, "rss")]
lines += ["## Targets", "", "| target | measured | met |", "|---|---|---|"]
if has("base"):
    a, b, c = (median(each("base", k, "downtime")) for k in ("manual", "cold", "warm"))
    lines.append("| (c) <= 15%% of (a) | %.1f s is %.0f%% of %.1f s | %s |" % (c, 100 * c / a, a, "yes" if c <= 0.15 * a else "no"))
    lines.append("| (b) <= 110%% of (a) | %.1f s is %.0f%% of %.1f s | %s |" % (b, 100 * b / a, a, "yes" if b <= 1.1 * a else "no"))
    floor = median([s + f + v for s, f, v in zip(each("base", "warm", "part-stop"), each("base", "warm", "part-final-pass"),
                                                  each("base", "warm", "part-verification"))])
    lines.append("| (c)'s floor (report) | the stop, the final pass and its verification: %.1f s; (c) is %.1f s above it:"
                 " the start's own work after its gate (a check per service, the services' start) until the first"
                 " answer | - |" % (floor, c - floor))
    both = sum(sum(each(s, k, "both")) for s in scenarios for k in ("manual", "cold", "warm", "copy", "dump"))
    lines.append("| never both serving | %d polls found both answering | %s |" % (both, "yes" if both == 0 else "no"))
if has("base") and has("bytes"):
    a1, a2 = median(each("base", "manual", "downtime")), median(each("bytes", "manual", "downtime"))
    c1, c2 = median(each("base", "warm", "downtime")), median(each("bytes", "warm", "downtime"))
    lines.append("| (c) grows <= 10%% with twice the bytes, while (a) grows | (c) %.1f -> %.1f s (%+.0f%%); (a) %.1f -> %.1f s (%+.0f%%) | %s |"
                 % (c1, c2, 100 * (c2 / c1 - 1), a1, a2, 100 * (a2 / a1 - 1), "yes" if c2 <= 1.1 * c1 and a2 > a1 else "no"))
if has("base") and has("files"):
    c1, c3 = median(each("base", "warm", "downtime")), median(each("files", "warm", "downtime"))
    floor = median([d - f - v for d, f, v in zip(each("base", "warm", "journal"), each("base", "warm", "part-final-pass"),
                                                   each("base", "warm", "part-verification"))])
    scans = [median(each(sc, "warm", "part-final-pass")) + median(each(sc, "warm", "part-verification"))
             for sc in ("base", "files")]
    lines.append("| how (c) grows with the files (report) | %.1f -> %.1f s (%+.0f%%) with twice the files; the two scans"
                 " (final pass + verification) %.1f -> %.1f s; the floor without them (stop, start run, Ansible's own"
                 " work; journal figure) %.1f s | - |" % (c1, c3, 100 * (c3 / c1 - 1), scans[0], scans[1], floor))
if len(db_runs) == 2:
    c, d = (median(each("dump", k, "downtime")) for k in ("copy", "dump"))
    lines.append("| the dump route against the copy route (report) | (d) %.1f s against (c) %.1f s (%+.1f s), with a %.0f MiB"
                 " database: the dump %.1f s, the import-database step %.1f s | - |"
                 % (d, c, d - c, median(mib(sizes)), median(each("dump", "dump", "part-dump")),
                    median(each("dump", "dump", "step-import-database"))))
if "forward" in stale_runs and [v for v in each("stale", "forward", "stale") if v == v]:
    new = median(each("stale", "forward", "downtime"))
    old = median([v for v in each("stale", "forward", "stale") if v == v])
    lines.append("| with forwarding, a client holding the old address waits as long as one with the new | %.1f s against"
                 " %.1f s (%+.1f s) | %s |" % (old, new, old - new, "yes" if old <= new + 0.5 else "no"))
def stream_median(kind, size):
    return median(each("stream", "%s-%d" % (kind, size), "downtime"))


if len(stream_sizes) >= 2:
    small, large = stream_sizes[0], stream_sizes[-1]
    s1, s4 = stream_median("stream-busy", small), stream_median("stream-busy", large)
    lines.append("| the stream route at %d MiB within 1.2x of it at %d MiB (busy) | %.1f s against %.1f s (%.2fx) | %s |"
                 % (large, small, s4, s1, s4 / s1, "yes" if s4 <= 1.2 * s1 else "no"))
for size in stream_sizes:
    busy, idle = stream_median("stream-busy", size), stream_median("stream-idle", size)
    if busy == busy and idle == idle:
        lines.append("| the stream route busy within 5 s of it idle, %d MiB | %.1f s against %.1f s (%+.1f s) | %s |"
                     % (size, busy, idle, busy - idle, "yes" if busy <= idle + 5 else "no"))
    copy = stream_median("copy-busy", size)
    if copy == copy and busy == busy:
        lines.append("| the stream route against the copy route, busy, %d MiB (report) | %.1f s against %.1f s | - |"
                     % (size, busy, copy))
if rss:
    lines.append("| Java peak RSS <= 256 MiB | %.0f MiB | %s |" % (max(rss) / 1024, "yes" if max(rss) <= 262144 else "no"))
open(out, "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
