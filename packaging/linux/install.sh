#!/bin/sh
# Installs Atlas RI from this folder, for every user (as root, under
# /usr/local) or for the current user only (--user, under ~/.local).
# --uninstall removes the program, its menu entry and icon; the user's data
# (~/.config/fyne/fr.atlasri.desktop) is never touched.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
scope=system
action=install
usage() {
	echo "Usage : $0 [--user] [--uninstall]"
	echo "  sans option : installe pour tous les utilisateurs sous /usr/local (en root)"
	echo "  --user      : installe pour l'utilisateur courant sous ~/.local"
	echo "  --uninstall : désinstalle (les données de l'utilisateur sont conservées)"
}
for arg in "$@"; do
	case $arg in
	--user) scope=user ;;
	--uninstall) action=uninstall ;;
	-h | --help) usage; exit 0 ;;
	*) usage >&2; exit 2 ;;
	esac
done

if [ "$scope" = user ]; then
	share=${XDG_DATA_HOME:-$HOME/.local/share}
	bindir=$HOME/.local/bin
	where="pour l'utilisateur $(id -un)"
else
	if [ "$(id -u)" != 0 ]; then
		echo "L'installation pour tous les utilisateurs se fait en root (sudo $0), ou utilisez --user." >&2
		exit 1
	fi
	share=/usr/local/share
	bindir=/usr/local/bin
	where="pour tous les utilisateurs"
fi
apps=$share/applications
icons=$share/icons/hicolor/512x512/apps
desktop=fr.atlasri.desktop.desktop

refresh() {
	if command -v update-desktop-database >/dev/null 2>&1; then
		update-desktop-database -q "$apps" 2>/dev/null || true
	fi
	if command -v gtk-update-icon-cache >/dev/null 2>&1; then
		gtk-update-icon-cache -q -t "$share/icons/hicolor" 2>/dev/null || true
	fi
}

if [ "$action" = uninstall ]; then
	rm -f "$bindir/atlas-ri" "$apps/$desktop" "$icons/fr.atlasri.desktop.png"
	refresh
	echo "Atlas RI désinstallé ($where). Données conservées : ~/.config/fyne/fr.atlasri.desktop"
	exit 0
fi

mkdir -p "$bindir" "$apps" "$icons"
install -m 755 "$here/atlas-ri" "$bindir/atlas-ri"
install -m 644 "$here/fr.atlasri.desktop.png" "$icons/fr.atlasri.desktop.png"
# An absolute Exec: ~/.local/bin is not always on the PATH of the menu.
sed "s|^Exec=atlas-ri|Exec=$bindir/atlas-ri|" "$here/$desktop" >"$apps/$desktop"
chmod 644 "$apps/$desktop"
refresh
echo "Atlas RI installé : $bindir/atlas-ri, et dans le menu des applications."
