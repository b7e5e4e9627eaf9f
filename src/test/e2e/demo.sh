#!/usr/bin/env bash
# The built-in demo. Until `migrate` exists it shows `inventory` on a sample playbook folder.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../../.." && pwd)
tool="$repo/bin/matrix-migrate"
work=$(mktemp -d /tmp/matrix-migrate-demo.XXXXXX)
mkdir -p "$work/inventory"
cp "$repo/src/test/resources/fixtures/hosts-with-groups" "$work/inventory/hosts"
echo "== a playbook folder with an existing inventory: $work"
cat "$work/inventory/hosts"
echo
echo "== matrix-migrate inventory --playbook $work --domain example.com --address 203.0.113.10"
"$tool" inventory --playbook "$work" --domain example.com --address 203.0.113.10
echo
echo "== inventory/hosts now"
cat "$work/inventory/hosts"
echo
echo "== what Ansible sees"
(cd "$work" && ansible-inventory -i inventory/hosts --graph)
