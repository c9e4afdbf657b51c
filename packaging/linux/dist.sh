#!/usr/bin/env bash
# make dist-linux: the Linux x64 release archive,
# dist/atlas-ri-VERSION-linux-x64.tar.gz, holding the stripped program, its
# .desktop file and icon, install.sh, NOTICE and licenses.txt. The archive
# is reproducible: fixed owner, order and dates (those of the last commit).
set -euo pipefail
cd "$(dirname "$0")/../.."
. packaging/lib.sh

need_pkgs gcc pkg-config libgl1-mesa-dev xorg-dev
go mod download

version=$(app_version)
name=atlas-ri-$version-linux-x64
out=dist/linux
pkg=$out/$name
tarball=dist/$name.tar.gz
rm -rf "$out" "$tarball"
mkdir -p "$pkg"

echo "go build atlas-ri"
CGO_ENABLED=1 go build "${GO_RELEASE_FLAGS[@]}" -ldflags "$GO_RELEASE_LDFLAGS" -o "$pkg/atlas-ri" .
install -m 644 packaging/linux/fr.atlasri.desktop.desktop "$pkg/"
install -m 644 resources/icon.png "$pkg/fr.atlasri.desktop.png"
install -m 755 packaging/linux/install.sh "$pkg/"
install -m 644 NOTICE resources/licenses.txt "$pkg/"

# The stripped program must still run: build a data folder and check it.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$pkg/atlas-ri" check --data-dir "$tmp/data" >"$tmp/check.txt" || {
	cat "$tmp/check.txt"
	echo "le programme de l'archive échoue à « atlas-ri check »" >&2
	exit 1
}
grep "^$(printf '%s' "Atlas RI $version")" "$tmp/check.txt"
if command -v desktop-file-validate >/dev/null; then
	desktop-file-validate "$pkg/fr.atlasri.desktop.desktop"
fi

epoch=$(source_date_epoch)
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" \
	-C "$out" -cf - "$name" | gzip -n -9 >"$tarball"
ls -l "$pkg/atlas-ri" "$tarball"
