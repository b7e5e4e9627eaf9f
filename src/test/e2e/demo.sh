#!/usr/bin/env bash
# `make demo`: a complete migration between two real SSH test hosts on this machine (old on
# 127.0.0.2, new on 127.0.0.3, each in its own namespaces; see testhost.sh), with sample data.
# Needs root (it creates the hosts). Everything lives in a temporary folder and is removed at the end.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
tool="$repo/bin/matrix-migrate"
[[ $(id -u) == 0 ]] || { echo "make demo creates namespaced SSH test hosts and must run as root" >&2; exit 2; }

work=$(mktemp -d /tmp/matrix-migrate-demo.XXXXXX)
state=$work/state
playbook=$work/matrix-docker-ansible-deploy
cleanup() {
    "$here/testhost.sh" stop old "$state" >/dev/null 2>&1 || true
    "$here/testhost.sh" stop new "$state" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

fetch() { python3 -c "import sys,urllib.request
try: print(urllib.request.urlopen('http://'+sys.argv[1]+':8008/_matrix/client/versions', timeout=3).read().decode())
except Exception as e: print('no answer (' + type(e).__name__ + ')')" "$1"; }
say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

say "Starting two SSH servers: old (127.0.0.2) and new (127.0.0.3), port 2222"
"$here/testhost.sh" start old 127.0.0.2 "$state"
"$here/testhost.sh" start new 127.0.0.3 "$state"

say "A playbook folder (a stand-in for matrix-docker-ansible-deploy) whose inventory is written by matrix-migrate"
cp -r "$here/playbook" "$playbook"
mkdir -p "$state/ansible/tmp" "$state/ansible/cp"
sed "s|STATE_DIR|$state|g" "$here/playbook/ansible.cfg.example" > "$playbook/ansible.cfg"
"$tool" inventory --playbook "$playbook" --domain example.com --address 127.0.0.2 --port 2222
cat "$playbook/inventory/hosts"
cat "$here/playbook/http-host-vars.yml" >> "$playbook/inventory/host_vars/matrix.example.com/vars.yml"

say "The old server runs Matrix (the test service) and holds data"
(cd "$playbook" && ansible-playbook -i inventory/hosts setup.yml --tags=setup-all,start | tail -n 3)
"$here/testhost.sh" exec old "$state" -- python3 /root/testhost-tools/make-tree.py /matrix/media-store 2000
"$here/testhost.sh" exec old "$state" -- du -sh /matrix
echo "old answers: $(fetch 127.0.0.2)"

say "matrix-migrate plan --to 127.0.0.3 (renders everything for review, changes nothing)"
"$tool" plan --playbook "$playbook" --to 127.0.0.3 --output "$work/plan"
cat "$work/plan/inventory.diff"

say "matrix-migrate migrate --to 127.0.0.3 --yes --forward (the old server forwards to the new one afterwards)"
"$tool" migrate --playbook "$playbook" --to 127.0.0.3 --yes --forward

say "matrix-migrate status"
"$tool" status --playbook "$playbook"
run_id=$(ls "$playbook/.matrix-migrate/runs" | tail -n 1)

say "matrix-migrate status --run $run_id (its events: runs/$run_id/events.jsonl, one JSON object a line)"
"$tool" status --playbook "$playbook" --run "$run_id" | grep -E "^  (events|Ansible tasks|last event):"

say "After the migration"
echo "new answers: $(fetch 127.0.0.3)"
echo "a client whose DNS cache still holds the old address (127.0.0.2) is forwarded: $(fetch 127.0.0.2)"

say "matrix-migrate migrate --stop-forwarding (it would end by itself in an hour)"
"$tool" migrate --playbook "$playbook" --stop-forwarding
echo "old answers: $(fetch 127.0.0.2)"
echo "old unit: $("$here/testhost.sh" exec old "$state" -- systemctl is-enabled matrix-synapse.service || true)," \
     "new unit: $("$here/testhost.sh" exec new "$state" -- systemctl is-enabled matrix-synapse.service)"
echo "inventory/hosts now: $(grep '^matrix.example.com' "$playbook/inventory/hosts")"
echo "events of run $run_id: $(wc -l < "$playbook/.matrix-migrate/runs/$run_id/events.jsonl"), the last:" \
     "$(tail -n 1 "$playbook/.matrix-migrate/runs/$run_id/events.jsonl")"
old_sum=$("$here/testhost.sh" exec old "$state" -- python3 /root/testhost-tools/manifest.py /matrix/media-store | md5sum)
new_sum=$("$here/testhost.sh" exec new "$state" -- python3 /root/testhost-tools/manifest.py /matrix/media-store | md5sum)
echo "media store manifest: old ${old_sum%% *}, new ${new_sum%% *} ($([[ $old_sum == "$new_sum" ]] && echo equal || echo DIFFERENT))"
[[ $old_sum == "$new_sum" ]]
