#!/usr/bin/env bash
# End-to-end smoke test of the test harness: testhost.sh, the systemctl
# stand-in and the test playbook.   Usage: smoke.sh STATE_DIR
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[[ $# -eq 1 ]] || { echo "usage: smoke.sh STATE_DIR" >&2; exit 2; }
mkdir -p "$1"; S="$(cd "$1" && pwd)"
TH="$HERE/testhost.sh"
T0=$SECONDS

step() { echo; echo "=== [$((SECONDS - T0))s] $*"; }
fail() { echo "SMOKE FAILED: $*" >&2; exit 1; }

# Snapshot of what must not change on the real machine.
snapshot() {
    {
        md5sum /etc/passwd /etc/group /etc/shadow /etc/gshadow /etc/hostname /etc/ssh/ssh_host_*
        find /etc /home -xdev -printf '%p %s %m %u %g %T@\n' 2>/dev/null | sort
        # /root is large here (toolchains): its top levels, plus .ssh and .ansible fully.
        find /root -maxdepth 2 -printf '%p %s %m %u %g %T@\n' | sort
        for d in /root/.ssh /root/.ansible; do [[ ! -e $d ]] || find "$d" -printf '%p %s %m %u %g %T@\n'; done | sort
        if [[ -d /matrix ]]; then find /matrix -printf '%p %s %m %u %T@\n' | sort; fi
        ls -A /run
        hostname
    } >"$1"
}
[[ -d /matrix ]] || mkdir /matrix   # the only allowed change (empty mount point)
snapshot "$S/real-before.txt"

ALL_NS=()
cleanup() {
    "$TH" stop old "$S" >/dev/null 2>&1 || true
    "$TH" stop new "$S" >/dev/null 2>&1 || true
}
trap cleanup EXIT

step "start hosts"
"$TH" start old 127.0.0.2 "$S"
"$TH" start new 127.0.0.3 "$S"
ALL_NS=("$(cat "$S/old/host.mntns")" "$(cat "$S/new/host.mntns")")
[[ ${ALL_NS[0]} != "${ALL_NS[1]}" ]] || fail "hosts share a mount namespace"

step "ssh with host key checking"
[[ "$(ssh -F "$S/ssh_config" root@127.0.0.2 hostname)" == old ]] || fail "ssh old"
[[ "$(ssh -F "$S/ssh_config" root@127.0.0.3 hostname)" == new ]] || fail "ssh new"
# A wrong host key must be rejected: old's key presented for new's address.
sed -n 's/^\[127\.0\.0\.2\]:2222 /[127.0.0.3]:2222 /p' "$S/known_hosts" >"$S/bad_known_hosts"
if ssh -F "$S/ssh_config" -o UserKnownHostsFile="$S/bad_known_hosts" root@127.0.0.3 true 2>/dev/null; then
    fail "ssh accepted a wrong host key"
fi
[[ "$("$TH" exec old "$S" -- cat /etc/matrix-migrate-testhost)" == old ]] || fail "exec old"

step "write playbook dir"
PB=$S/playbook
rm -rf "$PB"; cp -r "$HERE/playbook" "$PB"
mkdir -p "$S/ansible/tmp" "$S/ansible/cp"
cat >"$PB/ansible.cfg" <<EOF
[defaults]
host_key_checking = True
private_key_file = $S/client_key
local_tmp = $S/ansible/tmp
interpreter_python = /usr/bin/python3
retry_files_enabled = False

[ssh_connection]
ssh_args = -o UserKnownHostsFile=$S/known_hosts -o ControlMaster=auto -o ControlPersist=30s
control_path_dir = $S/ansible/cp
pipelining = True
EOF
write_inventory() { # write_inventory DIR ADDRESS USER [extra host vars]
    mkdir -p "$1/host_vars/matrix.example.com"
    printf '[matrix_servers]\nmatrix.example.com ansible_host=%s ansible_port=2222 ansible_ssh_user=%s %s\n' \
        "$2" "$3" "${4:-}" >"$1/hosts"
    cat >"$1/host_vars/matrix.example.com/vars.yml" <<EOF
---
matrix_playbook_migration_validated_version: v2026.05.18.0
matrix_domain: example.com
test_image_pull_seconds: 1
EOF
}
write_inventory "$PB/inventory" 127.0.0.2 root
write_inventory "$PB/inventory-new" 127.0.0.3 root
write_inventory "$PB/inventory-deploy" 127.0.0.3 deploy "ansible_become=true"
play() { (cd "$PB" && ANSIBLE_CONFIG="$PB/ansible.cfg" HOME="$S/ansible" ansible-playbook "$@"); }

versions() { python3 -c '
import json, sys, urllib.request
print(json.load(urllib.request.urlopen("http://%s:8008/_matrix/client/versions" % sys.argv[1], timeout=3))["server"])' "$1"; }
lines() { "$TH" exec "$1" "$S" -- sh -c 'wc -l < /matrix/synapse/data/writes.log'; }
hctl() { local h=$1; shift; "$TH" exec "$h" "$S" -- systemctl "$@"; }

step "playbook refuses to run without matrix_playbook_migration_validated_version"
mkdir -p "$S/noval"; printf '[matrix_servers]\nmatrix.example.com ansible_host=127.0.0.2 ansible_port=2222 ansible_ssh_user=root\n' >"$S/noval/hosts"
if play -i "$S/noval/hosts" setup.yml --tags=stop >"$S/noval/out.txt" 2>&1; then fail "playbook ran without validated version"; fi
grep -q matrix_playbook_migration_validated_version "$S/noval/out.txt" || fail "no validation message"

step "setup-all,start on old (as root)"
[[ "$("$TH" exec old "$S" -- sh -c 'test -e /root/.image-cache/pulled && echo y || echo n')" == n ]] || fail "image cache pre-exists"
t=$SECONDS
play -i inventory/hosts setup.yml --tags=setup-all,start
echo "took $((SECONDS - t))s"
"$TH" exec old "$S" -- test -e /root/.image-cache/pulled || fail "image cache not created"
[[ "$(versions 127.0.0.2)" == old ]] || fail "versions endpoint on old"
hctl old is-active matrix-synapse >/dev/null || fail "not active after start"
[[ "$(hctl old is-enabled matrix-synapse.service)" == enabled ]] || fail "not enabled after start"
a=$(lines old); sleep 1; b=$(lines old)
((b >= a + 3)) || fail "writes.log does not grow ($a -> $b)"
owner=$("$TH" exec old "$S" -- stat -c %U /matrix/synapse/data/writes.log)
[[ $owner == matrix ]] || fail "writes.log owned by $owner"

step "setup-all again keeps data (image pull cached)"
t=$SECONDS
play -i inventory/hosts setup.yml --tags=setup-all >/dev/null
a2=$(lines old); ((a2 >= b)) || fail "data lost by setup-all ($b -> $a2)"

step "stop on old: stopped but still enabled"
play -i inventory/hosts setup.yml --tags=stop
if hctl old is-active matrix-synapse >/dev/null; then fail "still active after stop"; fi
[[ "$(hctl old is-enabled matrix-synapse)" == enabled ]] || fail "stop disabled the unit"
a=$(lines old); sleep 0.6; b=$(lines old); ((a == b)) || fail "writes.log grows after stop"
if versions 127.0.0.2 2>/dev/null; then fail "old still answers after stop"; fi

step "systemctl stand-in: glob forms"
play -i inventory/hosts setup.yml --tags=start >/dev/null
[[ "$(hctl old is-active matrix-synapse)" == active ]] || fail "start again"
"$TH" exec old "$S" -- sh -c 'cd /etc/systemd/system && systemctl disable --now matrix*'
[[ "$(hctl old is-active matrix-synapse || true)" == inactive ]] || fail "disable --now matrix* did not stop"
[[ "$(hctl old is-enabled matrix-synapse || true)" == disabled ]] || fail "disable --now matrix* did not disable"
hctl old enable --now 'matrix*' 2>/dev/null
[[ "$(hctl old is-active matrix-synapse)" == active ]] || fail "enable --now 'matrix*'"
out=$(hctl old list-units --no-pager 'matrix*'); grep -q 'matrix-synapse.service *loaded *active' <<<"$out" || fail "list-units"
out=$(hctl old list-unit-files 'matrix*'); grep -q 'matrix-synapse.service *enabled' <<<"$out" || fail "list-unit-files"
hctl old disable --now 'matrix*' 2>/dev/null
[[ "$(hctl old is-active matrix-synapse || true)" == inactive ]] || fail "disable --now 'matrix*'"
rc=0; hctl old start nosuch.service 2>/dev/null || rc=$?
((rc == 5)) || fail "unknown unit: exit $rc, expected 5"

step "matrix uid/gid differ between old and new"
play -i inventory-new/hosts setup.yml --tags=setup-system-user >/dev/null
uo=$("$TH" exec old "$S" -- id -u matrix); un=$("$TH" exec new "$S" -- id -u matrix)
go=$("$TH" exec old "$S" -- id -g matrix); gn=$("$TH" exec new "$S" -- id -g matrix)
echo "old matrix=$uo:$go new matrix=$un:$gn"
[[ $uo != "$un" && $go != "$gn" ]] || fail "ids do not differ"
if grep -q '^matrix:' /etc/passwd; then fail "matrix user leaked to the real /etc/passwd"; fi

step "non-root sudo user runs the playbook on new"
"$TH" add-sudo-user new "$S" deploy
[[ "$(ssh -F "$S/ssh_config" deploy@127.0.0.3 sudo -n id -u)" == 0 ]] || fail "deploy sudo"
play -i inventory-deploy/hosts setup.yml --tags=setup-all,start
[[ "$(versions 127.0.0.3)" == new ]] || fail "versions endpoint on new"
play -i inventory-deploy/hosts setup.yml --tags=stop >/dev/null
if hctl new is-active matrix-synapse >/dev/null; then fail "new still active after stop"; fi

step "start a service again, then stop both hosts"
play -i inventory-deploy/hosts setup.yml --tags=start >/dev/null
ssh -F "$S/ssh_config" root@127.0.0.2 'sleep 300' </dev/null >/dev/null 2>&1 &   # open session
sleep 0.5
"$TH" stop old "$S"
"$TH" stop new "$S"
"$TH" stop new "$S" >/dev/null   # idempotent
"$TH" stop never "$S" >/dev/null # never started
for ns in "${ALL_NS[@]}"; do
    for p in /proc/[0-9]*; do
        [[ "$(readlink "$p/ns/mnt" 2>/dev/null)" != "$ns" ]] || fail "process ${p#/proc/} of $ns still alive"
    done
done
if versions 127.0.0.3 2>/dev/null; then fail "new still answers after stop"; fi
wait || true

step "real machine unchanged"
snapshot "$S/real-after.txt"
if ! diff "$S/real-before.txt" "$S/real-after.txt"; then fail "real /etc, /root, /home or /matrix changed"; fi
[[ -z "$(ls -A /matrix)" ]] || fail "real /matrix not empty"

trap - EXIT
echo; echo "SMOKE OK in $((SECONDS - T0))s"
