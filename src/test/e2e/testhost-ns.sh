#!/usr/bin/env bash
# Runs inside a fresh private mount+UTS namespace (started by testhost.sh start):
# sets up the host's filesystem view, checks it, then becomes its sshd.
#   testhost-ns.sh NAME HOST_STATE_DIR
set -euo pipefail
name=$1 hd=$2
MARKER=matrix-migrate-testhost

fail() { echo "testhost-ns: $*" >&2; exit 1; }

# Refuse to do anything unless we really are in a namespace of our own.
[[ "$(readlink /proc/self/ns/mnt)" != "$(readlink /proc/1/ns/mnt)" ]] || fail "not in a private mount namespace"
mount --make-rprivate /

mount --bind "$hd/etc" /etc
mount --bind "$hd/root" /root
mount --bind "$hd/home" /home
mount --bind "$hd/matrix" /matrix
mount --bind "$hd/log" /var/log
mount --bind "$hd/systemctl" /usr/bin/systemctl
mount -t tmpfs -o mode=755 tmpfs /run
mkdir -p /run/sshd /run/user && install -d -m 1777 /run/lock
exec 9<"$hd"                  # keeps $hd reachable once /tmp is covered
mount --bind "$hd/tmp" /tmp   # last: $hd may live under /tmp
hostname "$name"

# Checks: abort without starting sshd if anything is not in place.
[[ "$(cat /etc/$MARKER 2>/dev/null)" == "$name" ]] || fail "/etc is not the host's /etc"
[[ "$(hostname)" == "$name" ]] || fail "hostname not set"
for m in /etc /root /home /matrix /tmp /var/log /usr/bin/systemctl /run; do
    findmnt -n --mountpoint "$m" >/dev/null || fail "$m is not a mount point"
done
grep -q 'systemctl stand-in' /usr/bin/systemctl || fail "/usr/bin/systemctl is not the stand-in"
[[ "$(stat -c %d:%i /matrix)" != "$(stat -c %d:%i /proc/1/root/matrix)" ]] || fail "/matrix is the real /matrix"
[[ "$(stat -c %d:%i /root)" != "$(stat -c %d:%i /proc/1/root/root)" ]] || fail "/root is the real /root"
[[ "$(stat -c %d:%i /etc)" != "$(stat -c %d:%i /proc/1/root/etc)" ]] || fail "/etc is the real /etc"

echo $$ >/proc/self/fd/9/host.pid.tmp
mv /proc/self/fd/9/host.pid.tmp /proc/self/fd/9/host.pid
exec 9<&-
exec /usr/sbin/sshd -D -f /etc/ssh/sshd_config -E /var/log/sshd.log
