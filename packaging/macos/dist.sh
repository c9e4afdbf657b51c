#!/usr/bin/env bash
# make dist-macos, on a Mac only (Go 1.26 and the Xcode command-line tools):
# a universal (Apple silicon + Intel) "Atlas RI.app" made by `fyne package`
# from a binary built here, signed when an identity is given, in a .dmg:
# dist/atlas-ri-VERSION-macos.dmg.
#
# Env (all optional; never commit what they point to):
#   ATLAS_RI_MACOS_IDENTITY  codesign identity, e.g. "Developer ID Application: NAME (TEAMID)",
#                            already in the keychain; without it the app is unsigned
#                            (Gatekeeper then asks users to confirm the first opening).
#   ATLAS_RI_NOTARY_PROFILE  a `xcrun notarytool store-credentials` profile: notarize and
#                            staple the .dmg (needs the identity above).
set -euo pipefail
cd "$(dirname "$0")/../.."
. packaging/lib.sh

if [ "$(uname -s)" != Darwin ]; then
	echo "make dist-macos se lance sur un Mac (Go et outils Xcode : xcode-select --install) ;" >&2
	echo "le workflow .github/workflows/release.yml le fait sur un runner macOS." >&2
	exit 1
fi
version=$(app_version)
out=dist/macos
app="$out/Atlas RI.app"
dmg=dist/atlas-ri-$version-macos.dmg
rm -rf "$out" "$dmg"
mkdir -p "$out"

# Go 1.26 supports macOS 12 and later; build the C parts for the same.
export CGO_ENABLED=1 MACOSX_DEPLOYMENT_TARGET=12.0
for arch in arm64 amd64; do
	echo "go build darwin/$arch"
	GOARCH=$arch go build "${GO_RELEASE_FLAGS[@]}" -ldflags "$GO_RELEASE_LDFLAGS" -o "$out/atlas-ri-$arch" .
done
lipo -create -output "$out/atlas-ri" "$out/atlas-ri-arm64" "$out/atlas-ri-amd64"
rm "$out/atlas-ri-arm64" "$out/atlas-ri-amd64"

GOBIN=$PWD/.cache/bin go install fyne.io/tools/cmd/fyne@v1.7.4
# fyne package increments Build in FyneApp.toml: keep the committed file.
cp FyneApp.toml "$out/FyneApp.toml.orig"
trap 'cp "$out/FyneApp.toml.orig" FyneApp.toml' EXIT
.cache/bin/fyne package --target darwin --executable "$out/atlas-ri" --name "Atlas RI" \
	--app-id fr.atlasri.desktop --app-version "$version" --icon resources/icon.png --release
mv "Atlas RI.app" "$app"
cp NOTICE resources/licenses.txt "$app/Contents/Resources/"

identity=${ATLAS_RI_MACOS_IDENTITY:-}
if [ -n "$identity" ]; then
	codesign --force --options runtime --timestamp --sign "$identity" "$app"
	codesign --verify --strict --verbose=2 "$app"
else
	echo "Pas de signature : ATLAS_RI_MACOS_IDENTITY est vide."
fi

staging=$out/dmg
mkdir -p "$staging"
cp -R "$app" "$staging/"
ln -s /Applications "$staging/Applications"
cp NOTICE "$staging/NOTICE.txt"
hdiutil create -volname "Atlas RI $version" -srcfolder "$staging" -ov -format UDZO "$dmg"
if [ -n "$identity" ]; then
	codesign --force --timestamp --sign "$identity" "$dmg"
	if [ -n "${ATLAS_RI_NOTARY_PROFILE:-}" ]; then
		xcrun notarytool submit "$dmg" --keychain-profile "$ATLAS_RI_NOTARY_PROFILE" --wait
		xcrun stapler staple "$dmg"
	fi
fi
ls -l "$out/atlas-ri" "$dmg"
