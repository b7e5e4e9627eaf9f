#!/usr/bin/env python3
"""Polls the test service on the old and the new server every 50 ms, from outside both, until killed.

Usage: probe.py OUT OLD_URL NEW_URL
Writes a line per poll: the time, then 1 or 0 for whether old and new answered. `probe.py --report OUT`
prints the downtime seen from outside (last answer from old -> first answer from new after it) and how
many polls found both answering at once.
"""
import sys
import time
import urllib.request


def answers(url):
    try:
        with urllib.request.urlopen(url, timeout=0.2) as response:
            return response.status == 200
    except Exception:
        return False


def poll(out, old, new):
    with open(out, "w", buffering=1) as f:
        while True:
            started = time.time()
            f.write("%.3f %d %d\n" % (started, answers(old), answers(new)))
            time.sleep(max(0.0, 0.05 - (time.time() - started)))


def report(out):
    polls = [(float(t), o == "1", n == "1") for t, o, n in (line.split() for line in open(out) if line.strip())]
    first_new = next((t for t, _, n in polls if n), None)
    last_old = max((t for t, o, _ in polls if o and (first_new is None or t <= first_new)), default=None)
    both = sum(1 for _, o, n in polls if o and n)
    if first_new is None or last_old is None:
        print("nan %d" % both)
    else:
        print("%.2f %d" % (first_new - last_old, both))


if __name__ == "__main__":
    if sys.argv[1] == "--report":
        report(sys.argv[2])
    else:
        poll(sys.argv[1], sys.argv[2], sys.argv[3])
