#!/usr/bin/env python3
"""Writes a benchmark tree: FILES files of mixed sizes totalling about TOTAL_MIB MiB, in nested folders.

Usage: make-bench-tree.py ROOT FILES TOTAL_MIB
Contents are random (slices of one random buffer, so writing is fast); sizes vary between a
fraction and twice the mean, like a media store. Prints the bytes written.
"""
import os
import random
import sys

root, files, total_mib = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(20261124)
mean = total_mib * 1024 * 1024 // files
pool = os.urandom(4 * mean + 1024 * 1024)
written = 0
for i in range(files):
    folder = os.path.join(root, "local_content", "%02x" % (i % 256), "%02x" % (i // 256 % 64))
    os.makedirs(folder, exist_ok=True)
    size = rng.randint(mean // 8, 2 * mean - mean // 8)
    start = rng.randint(0, len(pool) - size - 1)
    with open(os.path.join(folder, "m%06d" % i), "wb") as f:
        f.write(pool[start:start + size])
    written += size
print(written)
