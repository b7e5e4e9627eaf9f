#!/usr/bin/env bash
# Runs inside a fresh private mount+UTS namespace (started by testhost.sh start):
# sets up the host's filesystem view (the stand-ins for systemctl, systemd-run and docker
# bound over the real ones, /run a private tmpfs with /run/systemd/transient), checks it,
# then becomes its sshd.
#   testhost-ns.sh NAME HOST_STATE_DIR
set -euo pipefail
name=$1 hd=$2
MARKER=matrix-migrate-testhost

fail() { echo "testhost-ns: $*" >&2; exit 1; }

# Refuse to do anything unless we really are in a namespace of our own:
# testhost.sh passes its own mount namespace in TESTHOST_OUTER_MNTNS.
self_ns=$(readlink /proc/self/ns/mnt)
[[ -n ${TESTHOST_OUTER_MNTNS:-} && -n $self_ns ]] || fail "TESTHOST_OUTER_MNTNS not set (run via testhost.sh start)"
[[ $self_ns != "$TESTHOST_OUTER_MNTNS" ]] || fail "not in a private mount namespace"
[[ -d $hd/etc && -d $hd/root && -d $hd/matrix && -f $hd/etc/$MARKER ]] || fail "bad host state dir: $hd"
mount --make-rprivate /

# /run first (with -n): libmount would otherwise create /run/mount on the real machine.
mount -n -t tmpfs -o mode=755 tmpfs /run
mount --bind "$hd/etc" /etc
mount --bind "$hd/root" /root
mount --bind "$hd/home" /home
mount --bind "$hd/matrix" /matrix
# another disk of the host, where a data path may be moved (matrix_base_data_path)
mount --bind "$hd/srv" /srv
mount --bind "$hd/log" /var/log
mount --bind "$hd/systemctl" /usr/bin/systemctl
mount --bind "$hd/systemd-run" /usr/bin/systemd-run
for docker in /usr/local/bin/docker /usr/bin/docker; do
    [[ ! -e $docker ]] || mount --bind "$hd/docker" "$docker"
done
# The host's own machine id where D-Bus (and Ansible, first) reads it too.
[[ ! -e /var/lib/dbus/machine-id ]] || mount --bind "$hd/etc/machine-id" /var/lib/dbus/machine-id
mkdir -p /run/sshd /run/user /run/systemd/transient && install -d -m 1777 /run/lock
exec 9<"$hd"                  # keeps $hd reachable once /tmp is covered
mount --bind "$hd/tmp" /tmp   # last: $hd may live under /tmp
hostname "$name"

# Checks: abort without starting sshd if anything is not in place.
[[ "$(cat /etc/$MARKER 2>/dev/null)" == "$name" ]] || fail "/etc is not the host's /etc"
[[ "$(hostname)" == "$name" ]] || fail "hostname not set"
for m in /etc /root /home /matrix /srv /tmp /var/log /usr/bin/systemctl /usr/bin/systemd-run /run; do
    findmnt -n --mountpoint "$m" >/dev/null || fail "$m is not a mount point"
done
grep -q 'systemctl stand-in' /usr/bin/systemctl || fail "/usr/bin/systemctl is not the stand-in"
grep -q 'systemd-run stand-in' /usr/bin/systemd-run || fail "/usr/bin/systemd-run is not the stand-in"
grep -q 'docker stand-in' "$(command -v docker)" || fail "docker is not the stand-in"
same() { [[ "$(stat -c %d:%i "$1")" == "$(stat -c %d:%i "$2")" ]]; }
for d in etc root home matrix srv tmp; do
    same "/$d" "/proc/self/fd/9/$d" || fail "/$d is not $hd/$d"
done
same /var/log /proc/self/fd/9/log || fail "/var/log is not $hd/log"
same /usr/bin/systemctl /proc/self/fd/9/systemctl || fail "/usr/bin/systemctl is not the stand-in"
same /usr/bin/systemd-run /proc/self/fd/9/systemd-run || fail "/usr/bin/systemd-run is not the stand-in"
[[ "$(readlink /proc/self/ns/mnt)" != "$TESTHOST_OUTER_MNTNS" ]] || fail "namespace changed?"

echo $$ >/proc/self/fd/9/host.pid.tmp
mv /proc/self/fd/9/host.pid.tmp /proc/self/fd/9/host.pid
exec 9<&-
# TESTHOST_PERSONALITY (for example linux32): sshd and every session under that personality, so that
# uname, and Ansible's ansible_architecture, report another CPU architecture (i686 for linux32)
exec ${TESTHOST_PERSONALITY:+setarch "$TESTHOST_PERSONALITY"} /usr/sbin/sshd -D -f /etc/ssh/sshd_config -E /var/log/sshd.log
