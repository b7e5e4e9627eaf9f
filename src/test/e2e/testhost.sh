#!/usr/bin/env bash
# Real OpenSSH test hosts on loopback addresses, each in its own mount+UTS namespace.
#
#   testhost.sh start NAME ADDRESS[,ADDRESS...] STATE_DIR   (sshd listens on each; the first is the host's)
#   testhost.sh stop NAME STATE_DIR
#   testhost.sh exec NAME STATE_DIR -- CMD...
#   testhost.sh add-sudo-user NAME STATE_DIR USER
#   testhost.sh pid NAME STATE_DIR            (prints the namespace's main pid)
#
# Per host, STATE_DIR/NAME/ holds: etc/ root/ home/ matrix/ srv/ tmp/ log/ (bound on
# /etc /root /home /matrix /srv /tmp /var/log inside the namespace; /run is a private
# tmpfs, with /run/systemd/transient for transient units), systemctl, systemd-run and docker
# (stand-ins, bound on /usr/bin/), host.pid, host.mntns,
# address, sshd.log (symlink to log/sshd.log), ns-setup.log; root/testhost-tools/ holds the tree
# maker, the manifest and the churn service (/root/testhost-tools inside the host).
# Shared per STATE_DIR: client_key(.pub), known_hosts, ssh_config.
# Env: TESTHOST_PERSONALITY=linux32 (start) runs sshd under setarch linux32 (uname -m: i686).
# TESTHOST_ID_SHIFT=N (start) pre-creates N dummy system users/groups so the
# next system uid/gid differs between hosts (default 1 for host "new", else 0).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PORT=2222
MARKER=matrix-migrate-testhost

die() { echo "testhost.sh: $*" >&2; exit 1; }
abspath() { mkdir -p "$1" && (cd "$1" && pwd); }

# Prints the pid of the host's main process if it is alive and really is that host.
host_pid() {
    local name=$1 hd=$2 pid
    [[ -f $hd/host.pid ]] || return 1
    pid=$(cat "$hd/host.pid")
    [[ -n $pid && -d /proc/$pid ]] || return 1
    is_host_proc "$pid" "$name" || return 1
    echo "$pid"
}

# True when PID runs inside the namespace of host NAME (checked through the
# process's own view of /etc, so a recycled pid or ns inode cannot match).
is_host_proc() {
    local pid=$1 name=$2
    [[ "$(cat "/proc/$pid/root/etc/$MARKER" 2>/dev/null)" == "$name" ]]
}

# All pids whose mount namespace is MNTNS and that belong to host NAME.
ns_pids() {
    local mntns=$1 name=$2 p
    for p in /proc/[0-9]*; do
        p=${p#/proc/}
        [[ "$(readlink "/proc/$p/ns/mnt" 2>/dev/null)" == "$mntns" ]] || continue
        is_host_proc "$p" "$name" && echo "$p"
    done
    return 0
}

ensure_client_files() {
    local sd=$1
    if [[ ! -f $sd/client_key ]]; then
        ssh-keygen -q -t ed25519 -N '' -C matrix-migrate-test-client -f "$sd/client_key"
    fi
    chmod 600 "$sd/client_key"
    touch "$sd/known_hosts"
    cat >"$sd/ssh_config" <<EOF
Host *
    Port $PORT
    IdentityFile $sd/client_key
    IdentitiesOnly yes
    UserKnownHostsFile $sd/known_hosts
    GlobalKnownHostsFile /dev/null
    StrictHostKeyChecking yes
    BatchMode yes
    ConnectTimeout 10
EOF
}

cmd_start() {
    [[ $# -eq 3 ]] || die "usage: start NAME ADDRESS STATE_DIR"
    local name=$1 addrs=$2 addr=${2%%,*} sd hd a
    sd=$(abspath "$3"); hd=$sd/$name
    [[ $name =~ ^[a-z][a-z0-9-]*$ ]] || die "bad host name: $name"
    if host_pid "$name" "$hd" >/dev/null; then die "host $name already running"; fi
    cmd_stop "$name" "$sd" >/dev/null

    [[ $sd != / ]] || die "STATE_DIR must not be /"
    # Only ever delete a previous state dir of this very host.
    if [[ -e $hd ]]; then
        [[ "$(cat "$hd/etc/$MARKER" 2>/dev/null)" == "$name" || -z "$(ls -A "$hd")" ]] ||
            die "$hd exists and is not a test host state dir; refusing to replace it"
        rm -rf "$hd"
    fi
    mkdir -p "$hd"/{root/.ssh,home,matrix,srv,tmp,log}
    chmod 700 "$hd/root" "$hd/root/.ssh"
    chmod 1777 "$hd/tmp"
    chmod 755 "$hd/home" "$hd/matrix" "$hd/srv"
    touch "$hd"/log/{lastlog,faillog,wtmp,btmp}
    cp -a /etc "$hd/etc"
    echo "$name" >"$hd/etc/$MARKER"
    echo "$name" >"$hd/etc/hostname"
    # A machine of its own: its own machine id, as a real second machine has.
    tr -d '-' </proc/sys/kernel/random/uuid >"$hd/etc/machine-id"
    echo "$addr" >"$hd/address"
    install -m 0755 "$HERE/systemctl" "$hd/systemctl"
    install -m 0755 "$HERE/systemd-run" "$hd/systemd-run"
    install -m 0755 "$HERE/docker" "$hd/docker"
    mkdir -p "$hd/etc/systemd/system" "$hd/etc/systemd/standin/enabled"
    # Drop the real machine's units so only the test's units exist on the host.
    find "$hd/etc/systemd/system" -mindepth 1 -maxdepth 1 -exec rm -rf {} +

    # Fresh sshd host keys.
    rm -f "$hd"/etc/ssh/ssh_host_*
    ssh-keygen -q -t ed25519 -N '' -C "$name" -f "$hd/etc/ssh/ssh_host_ed25519_key"
    ssh-keygen -q -t ecdsa -N '' -C "$name" -f "$hd/etc/ssh/ssh_host_ecdsa_key"
    for a in ${addrs//,/ }; do echo "ListenAddress $a"; done >"$hd/etc/ssh/sshd_config"
    cat >>"$hd/etc/ssh/sshd_config" <<EOF
Port $PORT
HostKey /etc/ssh/ssh_host_ed25519_key
HostKey /etc/ssh/ssh_host_ecdsa_key
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
AuthorizedKeysFile .ssh/authorized_keys
PidFile /run/sshd.pid
PrintMotd no
MaxStartups 50:30:100
MaxSessions 50
Subsystem sftp internal-sftp
EOF

    ensure_client_files "$sd"
    cp "$sd/client_key.pub" "$hd/root/.ssh/authorized_keys"
    chmod 600 "$hd/root/.ssh/authorized_keys"
    # The test tools, where the host sees them (the repository may live under /tmp, which the host
    # has its own of): /root/testhost-tools inside.
    mkdir -p "$hd/root/testhost-tools"
    cp "$HERE/make-tree.py" "$HERE/manifest.py" "$HERE/../bench/churn.py" "$hd/root/testhost-tools/"
    # known_hosts: replace lines for this address with the new host keys.
    local kh=$sd/known_hosts tmp
    tmp=$(mktemp "$sd/.known_hosts.XXXXXX")
    cp "$kh" "$tmp"
    for a in ${addrs//,/ }; do
        grep -vF "[$a]:$PORT " "$tmp" >"$tmp.next" || true
        mv "$tmp.next" "$tmp"
        for f in "$hd"/etc/ssh/ssh_host_*_key.pub; do
            awk -v h="[$a]:$PORT" '{print h" "$1" "$2}' "$f" >>"$tmp"
        done
    done
    mv "$tmp" "$kh"; chmod 644 "$kh"

    # Mount points on the real machine (only created when missing).
    mkdir -p /matrix /srv
    [[ -e /usr/bin/systemctl ]] || { : >/usr/bin/systemctl; chmod 755 /usr/bin/systemctl; }
    [[ -e /usr/bin/systemd-run ]] || { : >/usr/bin/systemd-run; chmod 755 /usr/bin/systemd-run; }
    # docker: the stand-in covers every docker the hosts' PATH could find (a real client may be installed)
    [[ -e /usr/local/bin/docker || -e /usr/bin/docker ]] || { : >/usr/bin/docker; chmod 755 /usr/bin/docker; }

    ln -sfn log/sshd.log "$hd/sshd.log"
    rm -f "$hd/host.pid" "$hd/host.mntns"
    TESTHOST_OUTER_MNTNS=$(readlink /proc/self/ns/mnt) setsid unshare -m -u --propagation private \
        bash "$HERE/testhost-ns.sh" "$name" "$hd" \
        </dev/null >"$hd/ns-setup.log" 2>&1 &

    local i ok=
    for ((i = 0; i < 100; i++)); do
        if [[ -f $hd/host.pid ]] && host_pid "$name" "$hd" >/dev/null &&
            (exec 3<>"/dev/tcp/$addr/$PORT") 2>/dev/null; then
            ok=1; break
        fi
        sleep 0.1
    done
    if [[ -z $ok ]]; then
        echo "--- ns-setup.log" >&2; cat "$hd/ns-setup.log" >&2 || true
        echo "--- sshd.log" >&2; cat "$hd/log/sshd.log" >&2 2>/dev/null || true
        cmd_stop "$name" "$sd" >/dev/null 2>&1 || true
        die "host $name did not come up on $addr:$PORT"
    fi
    readlink "/proc/$(cat "$hd/host.pid")/ns/mnt" >"$hd/host.mntns"

    # Make system ids differ between hosts: TESTHOST_ID_SHIFT dummy system
    # users+groups take the next free ids (default: 1 on the host named "new").
    local shift_n=${TESTHOST_ID_SHIFT:-}
    [[ -n $shift_n ]] || { [[ $name == new ]] && shift_n=1 || shift_n=0; }
    for ((i = 1; i <= shift_n; i++)); do
        "$HERE/testhost.sh" exec "$name" "$sd" -- useradd --system --user-group --no-create-home \
            --shell /usr/sbin/nologin "idshift$i"
    done
    echo "host $name up on $addr:$PORT (pid $(cat "$hd/host.pid"))"
}

cmd_stop() {
    [[ $# -eq 2 ]] || die "usage: stop NAME STATE_DIR"
    local name=$1 sd hd mntns pid i pids
    sd=$(abspath "$2"); hd=$sd/$name
    mntns=
    if pid=$(host_pid "$name" "$hd"); then
        mntns=$(readlink "/proc/$pid/ns/mnt")
    elif [[ -f $hd/host.mntns ]]; then
        mntns=$(cat "$hd/host.mntns")
    fi
    if [[ -n $mntns ]]; then
        pids=$(ns_pids "$mntns" "$name")
        [[ -z $pids ]] || kill -TERM $pids 2>/dev/null || true
        for ((i = 0; i < 50; i++)); do
            pids=$(ns_pids "$mntns" "$name")
            [[ -n $pids ]] || break
            ((i < 20)) || kill -KILL $pids 2>/dev/null || true
            sleep 0.1
        done
        pids=$(ns_pids "$mntns" "$name")
        [[ -z $pids ]] || die "processes of host $name still alive: $pids"
    fi
    rm -f "$hd/host.pid" "$hd/host.mntns"
    echo "host $name stopped"
}

cmd_exec() {
    [[ $# -ge 4 && $3 == -- ]] || die "usage: exec NAME STATE_DIR -- CMD..."
    local name=$1 sd hd pid
    sd=$(abspath "$2"); hd=$sd/$name; shift 3
    pid=$(host_pid "$name" "$hd") || die "host $name is not running"
    # Run in the host's mount+UTS namespaces with its root and working dir /root.
    exec nsenter -t "$pid" -m -u --wd=/root -- env HOME=/root "$@"
}

cmd_add_sudo_user() {
    [[ $# -eq 3 ]] || die "usage: add-sudo-user NAME STATE_DIR USER"
    local name=$1 sd user=$3
    sd=$(abspath "$2")
    [[ $user =~ ^[a-z_][a-z0-9_-]*$ ]] || die "bad user name: $user"
    cmd_exec_sub() { "$HERE/testhost.sh" exec "$name" "$sd" -- "$@"; }
    cmd_exec_sub sh -c "id -u '$user' >/dev/null 2>&1 || useradd -m -s /bin/bash '$user'"
    # '*' instead of the locked '!' password: with UsePAM no sshd refuses locked accounts.
    cmd_exec_sub usermod -p '*' "$user"
    cmd_exec_sub sh -c "install -d -m 700 -o '$user' -g '$user' ~$user/.ssh &&
        cat > ~$user/.ssh/authorized_keys && chown '$user:$user' ~$user/.ssh/authorized_keys &&
        chmod 600 ~$user/.ssh/authorized_keys" <"$sd/client_key.pub"
    cmd_exec_sub sh -c "printf '%s ALL=(ALL:ALL) NOPASSWD: ALL\n' '$user' > /etc/sudoers.d/.$user.new &&
        chmod 440 /etc/sudoers.d/.$user.new && visudo -cqf /etc/sudoers.d/.$user.new &&
        mv /etc/sudoers.d/.$user.new /etc/sudoers.d/$user"
    echo "user $user added on $name with passwordless sudo"
}

cmd_pid() {
    [[ $# -eq 2 ]] || die "usage: pid NAME STATE_DIR"
    local sd; sd=$(abspath "$2")
    host_pid "$1" "$sd/$1" || die "host $1 is not running"
}

[[ $# -ge 1 ]] || die "usage: testhost.sh start|stop|exec|add-sudo-user|pid ..."
action=$1; shift
case $action in
    start) cmd_start "$@" ;;
    stop) cmd_stop "$@" ;;
    exec) cmd_exec "$@" ;;
    add-sudo-user) cmd_add_sudo_user "$@" ;;
    pid) cmd_pid "$@" ;;
    *) die "unknown action: $action" ;;
esac
