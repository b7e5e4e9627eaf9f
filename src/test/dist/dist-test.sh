#!/usr/bin/env bash
# make test-dist: the release archive and the .deb as a user gets them.
# - two builds of the same commit give the same bytes;
# - the archive installs into an empty prefix with neither Maven nor root, and runs there: --version, completion,
#   a man page per command listing every option of its --help; without Java 17 the launcher says so in one line;
# - the .deb installs with dpkg -i (as root; removed again after) and `matrix-migrate --help` works.
set -euo pipefail
cd "$(dirname "$0")/../../.."
fail() { echo "test-dist: FAILED: $*" >&2; exit 1; }

make -s dist >/dev/null
version=$(java -jar target/matrix-migrate.jar --version | awk '{print $2}')
archive=target/matrix-migrate-$version.tar.gz
deb=target/matrix-migrate_${version}_all.deb
first=$(sha256sum "$archive" "$deb")
rm -rf target/classes target/matrix-migrate.jar target/dist "$archive" "$deb"
make -s dist >/dev/null
[ "$first" = "$(sha256sum "$archive" "$deb")" ] || fail "two builds of one commit differ: $first"
echo "test-dist: two builds give the same $archive and $deb"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -xzf "$archive" -C "$work"
prefix=$work/prefix
# a user without Maven: mvn hidden in a mount namespace of its own; not root's HOME
unshare --mount --fork sh -c '
    for m in $(command -v mvn) /usr/share/maven/bin/mvn; do [ -e "$m" ] && mount --bind /dev/null "$m"; done
    ! mvn -v >/dev/null 2>&1 || { echo "mvn still runs"; exit 1; }
    HOME='"$work"' '"$work/matrix-migrate-$version"'/install.sh '"$prefix"'
    '"$prefix"'/bin/matrix-migrate --version
' > "$work/installed.txt" 2>&1 || { cat "$work/installed.txt"; fail "the archive does not install and run without Maven"; }
grep -q "^matrix-migrate $version$" "$work/installed.txt" || fail "--version: $(cat "$work/installed.txt")"
[ -z "$(find "$prefix" -newer "$archive" -user 0 -perm -4000)" ] || fail "a setuid file"
bash -n "$prefix/share/bash-completion/completions/matrix-migrate" || fail "the completion script"
commands="inventory plan migrate status prune completion"
for command in $commands; do
    page=$prefix/share/man/man1/matrix-migrate-$command.1.gz
    [ -f "$page" ] || fail "no man page for $command"
    text=$(zcat "$page" | sed 's/\\-/-/g; s/\\(em/-/g')
    for option in $("$prefix/bin/matrix-migrate" "$command" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
        case "$option" in --help|--version|--no-*) continue ;; esac
        grep -qF -- "$option" <<< "$text" || fail "man page matrix-migrate-$command does not list $option"
    done
done
[ -f "$prefix/share/man/man1/matrix-migrate.1.gz" ] || fail "no man page for matrix-migrate itself"
echo "test-dist: the archive installs into an empty prefix without Maven; man pages list every option"

mkdir -p "$work/nojava"
for tool in readlink dirname sed; do ln -s "$(command -v $tool)" "$work/nojava/$tool"; done
if out=$(env -i PATH="$work/nojava" /bin/sh "$prefix/bin/matrix-migrate" --version 2>&1); then
    fail "ran without Java: $out"
fi
[ "$(echo "$out" | wc -l)" -eq 1 ] && grep -q "needs Java 17 or newer" <<< "$out" || fail "without Java: $out"
mkdir -p "$work/oldjava/bin"
printf '#!/bin/sh\necho "    java.specification.version = 11" >&2\n' > "$work/oldjava/bin/java"
chmod +x "$work/oldjava/bin/java"
if out=$(JAVA_HOME=$work/oldjava "$prefix/bin/matrix-migrate" --version 2>&1); then fail "ran on Java 11: $out"; fi
grep -q "is Java 11: install a newer one" <<< "$out" || fail "on Java 11: $out"
echo "test-dist: without Java 17 the launcher says so in one line"

# (never `producer | grep -q` here: with pipefail, grep leaving early fails the producer with SIGPIPE)
info=$(dpkg-deb --info "$deb")
grep -q "Depends: default-jre-headless" <<< "$info" || fail "the .deb's dependencies: $info"
if [ "$(id -u)" = 0 ]; then
    if dpkg -s matrix-migrate >/dev/null 2>&1; then
        echo "test-dist: matrix-migrate is installed as a package here already; the .deb is not installed over it"
    else
        dpkg -i "$deb" >/dev/null || fail "dpkg -i $deb"
        trap 'dpkg --purge matrix-migrate >/dev/null 2>&1; rm -rf "$work"' EXIT
        help=$(/usr/bin/matrix-migrate --help)
        grep -q "Usage: matrix-migrate" <<< "$help" || fail "/usr/bin/matrix-migrate --help: $help"
        [ -f /usr/share/man/man1/matrix-migrate-migrate.1.gz ] || fail "the .deb's man pages"
        [ -f /usr/share/bash-completion/completions/matrix-migrate ] || fail "the .deb's completion"
        dpkg --purge matrix-migrate >/dev/null || fail "dpkg --purge"
        echo "test-dist: the .deb installs with dpkg -i, runs, and is removed"
    fi
else
    echo "test-dist: not root: the .deb is not installed"
fi
