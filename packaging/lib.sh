# shellcheck shell=bash
# Shared by the packaging scripts (bash). Sourced, not run.

# need_pkgs installs the Debian packages that are missing (through sudo
# when not root), like the Makefile's deps target.
need_pkgs() {
	local missing="" p
	for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
	[ -z "$missing" ] && return 0
	local sudo=""
	[ "$(id -u)" = 0 ] || sudo=sudo
	echo "Installation des paquets manquants :$missing"
	$sudo apt-get update -qq
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
}

# app_version prints the version from app/version.go (FyneApp.toml is kept
# in step by a test).
app_version() {
	local v
	v=$(sed -n 's/^[[:space:]]*Version[[:space:]]*=[[:space:]]*"\([0-9][0-9.]*\)".*/\1/p' app/version.go)
	case "$v" in
	[0-9]*.[0-9]*.[0-9]*) echo "$v" ;;
	*) echo "version introuvable dans app/version.go" >&2; return 1 ;;
	esac
}

# source_date_epoch is the time of the last commit, for reproducible
# archives (falls back to now outside a git checkout).
source_date_epoch() {
	git log -1 --format=%ct 2>/dev/null || date +%s
}

# Release builds: no local paths, no debug info.
# (Used by the scripts that source this file, hence SC2034.)
# shellcheck disable=SC2034
GO_RELEASE_FLAGS=(-trimpath -tags=no_emoji) # no_emoji: see the Makefile's GOFLAGS
# shellcheck disable=SC2034
GO_RELEASE_LDFLAGS="-s -w"
