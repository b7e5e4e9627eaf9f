#!/usr/bin/env python3
"""Stands in for a homeserver writing to its media store while a warm copy runs.

Usage: churn.py ROOT PERCENT SECONDS
Rewrites PERCENT % of the files under ROOT (new random content, same size) spread over SECONDS,
then keeps running without writing, like a service that stays up until it is stopped.
"""
import os
import random
import sys
import time

root, percent, seconds = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
paths = sorted(os.path.join(d, f) for d, _, names in os.walk(root) for f in names)
chosen = random.Random(7).sample(paths, max(1, int(len(paths) * percent / 100)))
pause = seconds / len(chosen)
for path in chosen:
    size = os.path.getsize(path)
    with open(path, "r+b") as f:
        f.write(os.urandom(size))
    time.sleep(pause)
while True:
    time.sleep(3600)
