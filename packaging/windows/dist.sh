#!/usr/bin/env bash
# make dist-windows: cross-compile Atlas RI for Windows x64 on Debian or
# Ubuntu (mingw-w64, cgo on) and build its MSI installer with wixl.
#
# Output: dist/atlas-ri-VERSION-windows-x64.msi, and the staged files in
# dist/windows/stage/ (atlas-ri.exe, the windowed program; atlas-ri-cli.exe,
# its small console front for scripts; NOTICE.txt; licenses.txt).
#
# Signing: when ATLAS_RI_SIGN_PFX (path to a PKCS#12 file) or
# ATLAS_RI_SIGN_PFX_BASE64 (its content, for CI secrets) is set, both
# executables and the MSI are signed with osslsigncode, using
# ATLAS_RI_SIGN_PASSWORD if set and timestamped by ATLAS_RI_SIGN_TIMESTAMP_URL
# if set. Keys never enter the repository.
set -euo pipefail
cd "$(dirname "$0")/../.."
. packaging/lib.sh

need_pkgs gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 wixl msitools
go mod download

version=$(app_version)
IFS=. read -r major minor patch <<<"$version"
out=dist/windows
stage=$out/stage
msi=dist/atlas-ri-$version-windows-x64.msi
rm -rf "$out" "$msi"
mkdir -p "$stage"

# The resource object must sit in the main package's directory for the Go
# linker to take it; the windows_amd64 suffix keeps it out of other builds,
# and it is removed whatever happens.
syso=zz_atlasri_windows_amd64.syso
cli=packaging/windows/atlas-ri-cli
secrets=$(mktemp -d)
trap 'rm -f "$syso" "$cli/$syso"; rm -rf "$secrets"' EXIT

go run ./packaging/windows/icogen -in resources/icon.png -out "$out/atlas-ri.ico"
sed -e "s/@VERSION_DOTS@/$major.$minor.$patch.0/" packaging/windows/atlas-ri.manifest.in >"$out/atlas-ri.manifest"

# build_exe NAME DESCRIPTION PACKAGE_DIR EXTRA_LDFLAGS
build_exe() {
	sed -e "s/@VERSION@/$version/g" -e "s/@VERSION_COMMAS@/$major,$minor,$patch,0/g" \
		-e "s/@EXE@/$1/g" -e "s/@DESCRIPTION@/$2/g" \
		packaging/windows/atlas-ri.rc.in >"$out/atlas-ri.rc"
	x86_64-w64-mingw32-windres --input-format=rc --output-format=coff \
		-I "$out" -i "$out/atlas-ri.rc" -o "$3/$syso"
	echo "go build $1"
	GOOS=windows GOARCH=amd64 go build "${GO_RELEASE_FLAGS[@]}" -ldflags "$GO_RELEASE_LDFLAGS $4" -o "$stage/$1" "./$3"
	rm -f "$3/$syso"
}
# The program itself: cgo (SQLite, OpenGL) with mingw-w64, no console.
CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc build_exe atlas-ri.exe "Atlas RI" . "-H=windowsgui"
# Its console front for scripts (pure Go): see atlas-ri-cli/main.go.
CGO_ENABLED=0 build_exe atlas-ri-cli.exe "Atlas RI (ligne de commande)" "$cli" ""

# Text files with Windows line ends, for Notepad.
sed 's/$/\r/' NOTICE >"$stage/NOTICE.txt"
sed 's/$/\r/' resources/licenses.txt >"$stage/licenses.txt"

# sign FILE: signs in place when signing material is configured.
sign() {
	local pfx=${ATLAS_RI_SIGN_PFX:-}
	if [ -z "$pfx" ] && [ -n "${ATLAS_RI_SIGN_PFX_BASE64:-}" ]; then
		pfx=$secrets/sign.pfx
		(umask 077; printf '%s' "$ATLAS_RI_SIGN_PFX_BASE64" | base64 -d >"$pfx")
	fi
	[ -n "$pfx" ] || return 0
	need_pkgs osslsigncode
	local args=(sign -pkcs12 "$pfx" -h sha256 -n "Atlas RI")
	if [ -n "${ATLAS_RI_SIGN_PASSWORD:-}" ]; then
		(umask 077; printf '%s' "$ATLAS_RI_SIGN_PASSWORD" >"$secrets/pass")
		args+=(-readpass "$secrets/pass")
	fi
	[ -z "${ATLAS_RI_SIGN_TIMESTAMP_URL:-}" ] || args+=(-ts "$ATLAS_RI_SIGN_TIMESTAMP_URL")
	osslsigncode "${args[@]}" -in "$1" -out "$1.signed" >/dev/null
	mv "$1.signed" "$1"
	echo "signé : $1"
}
if [ -z "${ATLAS_RI_SIGN_PFX:-}${ATLAS_RI_SIGN_PFX_BASE64:-}" ]; then
	echo "Pas de signature : ATLAS_RI_SIGN_PFX et ATLAS_RI_SIGN_PFX_BASE64 sont vides."
fi
sign "$stage/atlas-ri.exe"
sign "$stage/atlas-ri-cli.exe"

wixl -a x64 -D Version="$version" -D StageDir="$stage" -D IconFile="$out/atlas-ri.ico" \
	-o "$msi" packaging/windows/atlas-ri.wxs
sign "$msi"

bash packaging/windows/check-msi.sh "$msi" "$version"
ls -l "$stage"/*.exe "$msi"
