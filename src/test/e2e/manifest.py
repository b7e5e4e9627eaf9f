#!/usr/bin/env python3
"""Prints a manifest of a tree, one line per entry, for comparing two hosts' copies (run inside a test host).

Usage: manifest.py ROOT [--owners] [--ctime]
Each line: path, type, mode, size and content hash (files), mtime, link count and hard-link
group, symlink target, extended attributes (ACLs included, as raw bytes), allocated blocks for
sparse files; owners (numeric) and ctime only when asked.
"""
import hashlib
import os
import stat
import sys

root = sys.argv[1]
owners = "--owners" in sys.argv
ctimes = "--ctime" in sys.argv
inodes = {}
lines = []
for folder, dirs, files in os.walk(root):
    dirs.sort()
    for name in sorted(dirs) + sorted(files):
        path = os.path.join(folder, name)
        rel = os.path.relpath(path, root)
        try:
            st = os.lstat(path)
            if stat.S_ISREG(st.st_mode):
                with open(path, "rb") as f:
                    digest = hashlib.md5(f.read()).hexdigest()
        except FileNotFoundError:
            continue  # a file a running service replaced while we walked
        fields = [rel, "mode=%o" % st.st_mode, "mtime=%d" % st.st_mtime_ns]
        if stat.S_ISREG(st.st_mode):
            fields += ["size=%d" % st.st_size, "md5=" + digest, "nlink=%d" % st.st_nlink,
                       "group=" + inodes.setdefault(st.st_ino, rel)]
            if st.st_blocks * 512 < st.st_size // 2:
                fields.append("sparse")
        if stat.S_ISLNK(st.st_mode):
            fields.append("target=" + os.readlink(path))
        else:
            for attr in sorted(os.listxattr(path, follow_symlinks=False)):
                if not attr.startswith("security."):
                    fields.append("xattr:%s=%s" % (attr, os.getxattr(path, attr, follow_symlinks=False).hex()))
        if owners:
            fields.append("owner=%d:%d" % (st.st_uid, st.st_gid))
        if ctimes:
            fields.append("ctime=%d" % st.st_ctime_ns)
        lines.append(" ".join(fields))
print("\n".join(lines))
