#!/usr/bin/env python3
"""Makes a data tree with everything a migration must keep (run inside a test host).

Usage: make-tree.py ROOT FILES
Nested folders, names with spaces and non-ASCII characters, relative, absolute and dangling
symlinks, hard links, a sparse file, restrictive modes, an extended attribute and an ACL.
"""
import os
import subprocess
import sys

root, count = sys.argv[1], int(sys.argv[2])
os.makedirs(root, exist_ok=True)
for i in range(count):
    folder = os.path.join(root, "media", "d%02d" % (i % 17), "sub %d" % (i % 5))
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "file-%05d.bin" % i), "wb") as f:
        f.write(os.urandom(64 + (i * 37) % 4096))

special = os.path.join(root, "spécial ünïcode", "with space")
os.makedirs(special, exist_ok=True)
with open(os.path.join(special, "naïve file ☃.txt"), "w", encoding="utf-8") as f:
    f.write("snowman\n")
os.symlink("naïve file ☃.txt", os.path.join(special, "relative link"))
os.symlink("/matrix/fixture/secret/key", os.path.join(root, "absolute-link"))
os.symlink("does-not-exist", os.path.join(root, "dangling-link"))

with open(os.path.join(root, "original"), "w") as f:
    f.write("hard linked\n")
os.link(os.path.join(root, "original"), os.path.join(root, "hard-link"))
os.link(os.path.join(root, "original"), os.path.join(special, "hard-link-elsewhere"))

with open(os.path.join(root, "sparse.img"), "wb") as f:
    f.truncate(64 * 1024 * 1024)
    f.seek(32 * 1024 * 1024)
    f.write(b"data in the middle of a hole")

secret = os.path.join(root, "secret")
os.makedirs(secret, exist_ok=True)
with open(os.path.join(secret, "key"), "w") as f:
    f.write("private\n")
os.chmod(os.path.join(secret, "key"), 0o600)
os.chmod(secret, 0o700)
with open(os.path.join(root, "no-access"), "w") as f:
    f.write("nobody may read this\n")
os.chmod(os.path.join(root, "no-access"), 0o000)

os.setxattr(os.path.join(root, "original"), "user.matrix-migrate", b"kept")
subprocess.run(["setfacl", "-m", "u:4321:r--", os.path.join(root, "original")], check=True)

os.utime(os.path.join(root, "original"), (1_000_000_000, 1_000_000_000))
