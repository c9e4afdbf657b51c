#!/usr/bin/env bash
# make smoke-windows: tries the Windows installer for real under Wine, on a
# virtual X display. In a throwaway 64-bit Wine prefix it installs the MSI
# silently, runs the installed `check` and `version` and reads their output,
# opens the window and takes a screenshot, upgrades to a newer version and
# checks the user's data survived, then uninstalls silently and checks
# nothing of the program is left. Builds the MSI first if dist/ lacks it.
#
# Debian's Wine 8.0 lacks bcryptprimitives.dll, which Go programs need at
# start: a test-only stand-in (smoke/processprng.c) is compiled into the
# prefix. It is never shipped.
#
# Env: SMOKE_DISPLAY (X display to create, default :97), SMOKE_DIR
# (default dist/smoke; holds logs, the screenshot, and the Wine prefix
# when the test fails).
set -euo pipefail
cd "$(dirname "$0")/../.."
. packaging/lib.sh

need_pkgs wine wine64 xvfb x11-utils gcc-mingw-w64-x86-64 wixl msitools
version=$(app_version)
msi=dist/atlas-ri-$version-windows-x64.msi
[ -f "$msi" ] || bash packaging/windows/dist.sh

work=$(realpath -m "${SMOKE_DIR:-dist/smoke}")
rm -rf "$work"
mkdir -p "$work"
export WINEPREFIX=$work/prefix WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
export DISPLAY=${SMOKE_DISPLAY:-:97} LANG=fr_FR.UTF-8
start=$(date +%s)
step() { printf '\n== smoke-windows : %s (%ss)\n' "$*" "$(($(date +%s) - start))"; }
fail() {
	echo "ÉCHEC smoke-windows : $*" >&2
	exit 1
}

Xvfb "$DISPLAY" -screen 0 1600x1000x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb=$!
app_pid=""
cleanup() {
	[ -z "$app_pid" ] || kill "$app_pid" 2>/dev/null || true
	wineserver -k 2>/dev/null || true
	kill "$xvfb" 2>/dev/null || true
}
trap cleanup EXIT

step "préfixe Wine"
wine wineboot --init >"$work/wineboot.log" 2>&1
wineserver -w
sys32=$WINEPREFIX/drive_c/windows/system32
if [ ! -e "$sys32/bcryptprimitives.dll" ]; then
	echo "Wine sans bcryptprimitives.dll : remplaçant de test (jamais livré)"
	x86_64-w64-mingw32-gcc -shared -O2 -s -o "$work/bcryptprimitives.dll" \
		packaging/windows/smoke/processprng.c -ladvapi32
	cp "$work/bcryptprimitives.dll" "$sys32/"
fi

dir="$WINEPREFIX/drive_c/Program Files/Atlas RI"
winuser=$(wine cmd /c echo %USERNAME% 2>/dev/null | tr -d '\r')
data="$WINEPREFIX/drive_c/users/$winuser/AppData/Roaming/fyne/fr.atlasri.desktop"
# Windows Installer puts ProgramMenuFolder in the All Users profile when
# ALLUSERS=1 (our per-machine package); Wine 8.0 uses the installing
# user's Start menu instead. Either counts as "a Start-menu shortcut".
shortcuts=("$WINEPREFIX/drive_c/ProgramData/Microsoft/Windows/Start Menu/Programs/Atlas RI.lnk"
	"$WINEPREFIX/drive_c/users/$winuser/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Atlas RI.lnk")
shortcut_found() {
	local s
	for s in "${shortcuts[@]}"; do
		if [ -f "$s" ]; then
			echo "${s#"$WINEPREFIX"/drive_c/}"
			return 0
		fi
	done
	return 1
}

# installed_version prints HKLM\Software\Atlas RI's Version, if any.
installed_version() {
	wine reg query 'HKLM\Software\Atlas RI' /v Version 2>/dev/null | tr -d '\r' |
		awk '$1 == "Version" { print $3 }'
}
# uninstall_entries counts the products named Atlas RI in Add/Remove Programs.
uninstall_entries() {
	wine reg query 'HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall' /s 2>/dev/null |
		tr -d '\r' | grep -cE 'DisplayName[[:space:]]+REG_SZ[[:space:]]+Atlas RI$' || true
}
# run_app LOG EXE ARGS...: runs an installed program, output to LOG.
run_app() {
	local log=$1 exe=$2
	shift 2
	wine "C:\\Program Files\\Atlas RI\\$exe" "$@" >"$work/$log" 2>&1
}

step "installation silencieuse : msiexec /i $(basename "$msi") /qn"
cp "$msi" "$WINEPREFIX/drive_c/atlas-ri.msi"
wine msiexec /i 'C:\atlas-ri.msi' /qn /l*v 'C:\install.log' ||
	fail "msiexec /i a échoué (journal : $WINEPREFIX/drive_c/install.log)"
for f in atlas-ri.exe atlas-ri-cli.exe NOTICE.txt licenses.txt; do
	[ -f "$dir/$f" ] || fail "$f absent de C:\\Program Files\\Atlas RI après l'installation"
done
lnk=$(shortcut_found) || fail "raccourci du menu Démarrer absent"
echo "raccourci : C:/$lnk"
[ "$(installed_version)" = "$version" ] || fail "HKLM\\Software\\Atlas RI\\Version = '$(installed_version)', attendu $version"
[ "$(uninstall_entries)" = 1 ] || fail "Atlas RI apparaît $(uninstall_entries) fois dans Programmes et fonctionnalités"
echo "installé dans C:\\Program Files\\Atlas RI ; registre et entrée d'applications présents"

step "atlas-ri-cli.exe version, atlas-ri.exe version"
for exe in atlas-ri-cli.exe atlas-ri.exe; do
	run_app "$exe-version.txt" "$exe" version || fail "$exe version : statut non nul"
	sed 's/^/    /' "$work/$exe-version.txt"
	grep -q "^Atlas RI $version" "$work/$exe-version.txt" || fail "$exe version n'affiche pas « Atlas RI $version »"
	grep -q "^Annuaire : " "$work/$exe-version.txt" || fail "$exe version n'affiche pas l'annuaire"
done

step "atlas-ri-cli.exe check, atlas-ri.exe check --json"
run_app cli-check.txt atlas-ri-cli.exe check || {
	cat "$work/cli-check.txt"
	fail "atlas-ri-cli.exe check : statut non nul"
}
sed 's/^/    /' "$work/cli-check.txt"
grep -q "^Intégrité : OK" "$work/cli-check.txt" || fail "check n'affiche pas « Intégrité : OK »"
grep -qE "^ +Communes +34969 " "$work/cli-check.txt" || fail "check n'affiche pas les 34969 communes"
run_app gui-check.json atlas-ri.exe check --json || fail "atlas-ri.exe check --json : statut non nul"
grep -q '"problems": \[\]' "$work/gui-check.json" || fail "atlas-ri.exe check --json signale des problèmes"
for db in reference.db user.db; do
	[ -f "$data/$db" ] || fail "$db absent de %APPDATA%\\fyne\\fr.atlasri.desktop ($data)"
done
printf 'données dans %%APPDATA%%\\fyne\\fr.atlasri.desktop : %s\n' "$(cd "$data" && echo *)"

step "fenêtre"
wine "C:\\Program Files\\Atlas RI\\atlas-ri.exe" >"$work/window.log" 2>&1 &
app_pid=$!
shown=""
for _ in $(seq 120); do
	if xwininfo -root -tree 2>/dev/null | grep -q '"Atlas RI"'; then
		shown=1
		break
	fi
	kill -0 "$app_pid" 2>/dev/null || break
	sleep 1
done
[ -n "$shown" ] || {
	cat "$work/window.log"
	fail "aucune fenêtre « Atlas RI » en 2 minutes"
}
sleep 8 # let it open the data folder and draw
if ! kill -0 "$app_pid" 2>/dev/null; then
	tail -40 "$work/window.log"
	fail "atlas-ri.exe s'est arrêté après avoir ouvert sa fenêtre"
fi
if command -v import >/dev/null; then
	import -window root "$work/window.png"
	colours=$(convert "$work/window.png" -format %k info:)
	echo "capture : $work/window.png ($colours couleurs)"
	[ "$colours" -gt 20 ] || fail "la fenêtre semble vide ($colours couleurs)"
else
	echo "ImageMagick absent : fenêtre vérifiée par xwininfo, sans capture"
fi
kill "$app_pid" 2>/dev/null || true
wineserver -k 2>/dev/null || true
wait "$app_pid" 2>/dev/null || true
app_pid=""

step "mise à jour vers une version plus récente (MSI de test)"
IFS=. read -r major minor patch <<<"$version"
next=$major.$minor.$((patch + 1))
sha_before=$(sha256sum "$data/user.db" | cut -d' ' -f1)
wixl -a x64 -D Version="$next" -D StageDir=dist/windows/stage -D IconFile=dist/windows/atlas-ri.ico \
	-o "$WINEPREFIX/drive_c/atlas-ri-next.msi" packaging/windows/atlas-ri.wxs
wine msiexec /i 'C:\atlas-ri-next.msi' /qn /l*v 'C:\upgrade.log' || fail "la mise à jour a échoué"
[ "$(installed_version)" = "$next" ] || fail "après la mise à jour, version '$(installed_version)', attendu $next"
[ "$(uninstall_entries)" = 1 ] || fail "après la mise à jour, Atlas RI apparaît $(uninstall_entries) fois (l'ancienne version n'a pas été remplacée)"
[ "$(sha256sum "$data/user.db" | cut -d' ' -f1)" = "$sha_before" ] || fail "user.db a changé pendant la mise à jour"
run_app after-upgrade.txt atlas-ri-cli.exe check || fail "check après la mise à jour : statut non nul"
echo "$version remplacée par $next ; user.db intact ; check passe"

step "désinstallation silencieuse : msiexec /x ... /qn"
wine msiexec /x 'C:\atlas-ri-next.msi' /qn /l*v 'C:\uninstall.log' || fail "msiexec /x a échoué"
[ ! -e "$dir" ] || fail "C:\\Program Files\\Atlas RI reste après la désinstallation : $(ls "$dir")"
! lnk=$(shortcut_found) || fail "le raccourci reste après la désinstallation : $lnk"
[ -z "$(installed_version)" ] || fail "HKLM\\Software\\Atlas RI reste après la désinstallation"
[ "$(uninstall_entries)" = 0 ] || fail "Atlas RI reste dans Programmes et fonctionnalités"
[ -f "$data/user.db" ] || fail "la désinstallation a supprimé les données de l'utilisateur"
echo "programme, raccourci et clés retirés ; données de l'utilisateur conservées"

# The prefix (about 700 MB) is kept only when something failed.
wineserver -k 2>/dev/null || true
wineserver -w 2>/dev/null || true
rm -rf "$WINEPREFIX"
step "OK : journaux et capture dans $work"
