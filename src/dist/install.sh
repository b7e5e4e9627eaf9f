#!/bin/sh
# Installs matrix-migrate from this archive under a prefix (default: ~/.local), as the user who runs it: no root,
# no Maven. It needs Java 17 or newer to run, ansible-core 2.15 or newer and ssh.
#   ./install.sh                 ~/.local/bin/matrix-migrate, its man pages and bash completion under ~/.local/share
#   ./install.sh /opt/mm         /opt/mm/bin/matrix-migrate, ...
set -eu
prefix=${1:-$HOME/.local}
here=$(dirname "$(readlink -f "$0")")
case "$prefix" in
    -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    /*) ;;
    *) prefix=$(pwd)/$prefix ;;
esac
for part in bin lib share; do
    mkdir -p "$prefix/$part"
    cp -R "$here/$part/." "$prefix/$part/"
done
echo "installed matrix-migrate into $prefix: run $prefix/bin/matrix-migrate --help"
case ":$PATH:" in
    *":$prefix/bin:"*) ;;
    *) echo "note: $prefix/bin is not on your PATH; add it (export PATH=\"$prefix/bin:\$PATH\")" ;;
esac
case ":${MANPATH:-}:" in
    *":$prefix/share/man:"*) ;;
    *) [ "$prefix" = /usr/local ] || [ "$prefix" = /usr ] || echo "note: man pages are in $prefix/share/man (MANPATH)" ;;
esac
