#!/usr/bin/env python3
"""Polls the test service at the old and the new server's address every 50 ms, from outside both, until killed.

Usage: probe.py OUT OLD_URL NEW_URL
Writes a line per poll: the time, which server answered at the old address ("-": none; a client whose DNS cache
still holds the old address asks there, so after the stop only a forwarding answers, with the new server), and
1 or 0 for whether the new address answered. `probe.py --report OUT` prints the downtime seen from outside (the
old server's last answer -> the first answer at the new address after it), how many polls found both servers
answering at once, the downtime a client holding the old address sees (the old server's last answer -> the
first answer the new server gives at the old address; nan when none came), and the downtime's two ends (times).
"""
import json
import sys
import time
import urllib.request


def server(url):
    try:
        with urllib.request.urlopen(url, timeout=0.2) as response:
            return json.loads(response.read()).get("server", "?") if response.status == 200 else "-"
    except Exception:
        return "-"


def poll(out, old, new):
    with open(out, "w", buffering=1) as f:
        while True:
            started = time.time()
            f.write("%.3f %s %d\n" % (started, server(old), server(new) != "-"))
            time.sleep(max(0.0, 0.05 - (time.time() - started)))


def report(out):
    polls = [(float(t), o, n == "1") for t, o, n in (line.split() for line in open(out) if line.strip())]
    first_new = next((t for t, _, n in polls if n), None)
    last_old = max((t for t, o, _ in polls if o == "old" and (first_new is None or t <= first_new)), default=None)
    both = sum(1 for _, o, n in polls if o == "old" and n)
    forwarded = next((t for t, o, _ in polls if o == "new" and last_old is not None and t > last_old), None)
    stale = "nan" if forwarded is None or last_old is None else "%.2f" % (forwarded - last_old)
    if first_new is None or last_old is None:
        print("nan %d %s nan nan" % (both, stale))
    else:
        print("%.2f %d %s %.3f %.3f" % (first_new - last_old, both, stale, last_old, first_new))


if __name__ == "__main__":
    if sys.argv[1] == "--report":
        report(sys.argv[2])
    else:
        poll(sys.argv[1], sys.argv[2], sys.argv[3])
