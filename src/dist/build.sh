#!/usr/bin/env bash
# make dist: the release archive target/matrix-migrate-<version>.tar.gz and target/matrix-migrate_<version>_all.deb
# from the jar `mvn package` wrote. Reproducible: every timestamp is the commit's (SOURCE_DATE_EPOCH), owners are
# root, entries are sorted and gzip stores no name or time, so two builds of one commit give the same bytes.
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn=${MVN:-mvn -B -ntp}
jar=target/matrix-migrate.jar
[ -f "$jar" ] || { echo "no $jar: run mvn package first (make dist does)" >&2; exit 2; }
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || stat -c %Y pom.xml)}
export TZ=UTC LC_ALL=C
version=$(java -jar "$jar" --version | awk '{print $2}')
picocli=$(sed -n 's:.*<picocli.version>\(.*\)</picocli.version>.*:\1:p' pom.xml)
work=target/dist
name=matrix-migrate-$version
rm -rf "$work"
mkdir -p "$work/codegen" "$work/adoc"

# man pages: picocli's generator writes AsciiDoc from the command model, asciidoctor turns it into roff
$mvn -q dependency:copy -Dartifact="info.picocli:picocli-codegen:$picocli" -DoutputDirectory="$work/codegen"
java -cp "$jar:$work/codegen/picocli-codegen-$picocli.jar" src/dist/ManPages.java "$work/adoc"
rm -f "$work/adoc/matrix-migrate-help.adoc"

stage() { # stage ROOT BIN LIB MAN COMPLETIONS DOC
    local root=$1
    install -D -m 0755 src/main/launcher/matrix-migrate "$root/$2/matrix-migrate"
    install -D -m 0644 "$jar" "$root/$3/matrix-migrate/matrix-migrate.jar"
    mkdir -p "$root/$4/man1" "$root/$5" "$root/$6"
    asciidoctor -b manpage -a reproducible -a "revnumber=$version" -a "mansource=matrix-migrate $version" \
        -a "manmanual=matrix-migrate Manual" -D "$root/$4/man1" "$work"/adoc/*.adoc
    gzip -n -9 "$root/$4"/man1/*.1
    java -jar "$jar" completion bash > "$root/$5/matrix-migrate"
    chmod 0644 "$root/$5/matrix-migrate"
    install -m 0644 README.md "$root/$6/README.md"
    find "$root" -type d -exec chmod 0755 {} +
    find "$root" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
}

# the archive: its layout under any prefix, and install.sh to copy it there
stage "$work/$name" bin lib share/man share/bash-completion/completions share/doc/matrix-migrate
install -m 0755 src/dist/install.sh "$work/$name/install.sh"
touch -h -d "@$SOURCE_DATE_EPOCH" "$work/$name/install.sh" "$work/$name"
tar --sort=name --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner --format=gnu \
    -C "$work" -cf - "$name" | gzip -n -9 > "target/$name.tar.gz"

# the .deb: the same under /usr
deb=$work/deb
stage "$deb" usr/bin usr/lib usr/share/man usr/share/bash-completion/completions usr/share/doc/matrix-migrate
mkdir -p "$deb/DEBIAN"
sed "s/@VERSION@/$version/" src/dist/control > "$deb/DEBIAN/control"
echo "Installed-Size: $(du -sk --exclude=DEBIAN "$deb" | cut -f1)" >> "$deb/DEBIAN/control"
chmod 0644 "$deb/DEBIAN/control"
find "$deb" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
dpkg-deb --root-owner-group -Zgzip --build "$deb" "target/matrix-migrate_${version}_all.deb" >/dev/null

echo "wrote target/$name.tar.gz and target/matrix-migrate_${version}_all.deb"
