#!/usr/bin/env bash
# Prints a Python 3.12 or newer for the ansible-core 2.21 environment (ansible-core 2.20+ needs it; Debian 12's
# python3 is 3.11): python3.13, python3.12 or python3 on the PATH, or one of pyenv's versions. Says so and fails
# when there is none.
set -uo pipefail
candidates=(python3.13 python3.12 python3)
for dir in "${PYENV_ROOT:-$HOME/.pyenv}" /root/.pyenv; do
    mapfile -t -O "${#candidates[@]}" candidates < <(ls -d "$dir"/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV)
done
for python in "${candidates[@]}"; do
    # a pyenv shim of a version that is not selected fails here, as it should
    if "$python" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then
        command -v "$python"
        exit 0
    fi
done
echo "no Python 3.12 or newer (with venv and ensurepip) on the PATH or in pyenv's versions: ansible-core 2.21 needs one" \
    "(install one, e.g. with pyenv, or put it on the PATH as python3.12)" >&2
exit 1
