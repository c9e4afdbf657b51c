#!/usr/bin/env bash
# check-msi.sh MSI VERSION: reads the installer's tables with msiinfo
# (msitools) and fails unless it is what docs/INSTALL.md promises: x64,
# per-machine, the fixed UpgradeCode with a major upgrade, both programs
# under Program Files, a Start-menu shortcut. Linux has no ICE validation;
# the Wine smoke test (smoke.sh) covers installing for real.
set -euo pipefail
msi=$1
version=$2
upgrade_code='{8BD7F7D5-CD4E-43E6-929C-2A6718B408FF}'
fail=0
# msiinfo writes .idt text with CRLF line ends.
export_table() { msiinfo export "$msi" "$1" | tr -d '\r'; }
expect() { # expect WHAT TEXT PATTERN
	if ! grep -qE -- "$3" <<<"$2"; then
		echo "MSI $msi : $1 absent (motif : $3)" >&2
		fail=1
	fi
}

suminfo=$(msiinfo suminfo "$msi" | tr -d '\r')
expect "plate-forme x64" "$suminfo" '^Template: x64;'
prop=$(export_table Property)
expect "ProductName" "$prop" $'^ProductName\tAtlas RI$'
expect "ProductVersion $version" "$prop" $'^ProductVersion\t'"${version//./\\.}"'$'
expect "UpgradeCode fixe" "$prop" $'^UpgradeCode\t'"${upgrade_code//[\{\}]/.}"'$'
expect "installation par machine (ALLUSERS=1)" "$prop" $'^ALLUSERS\t1$'
upgrade=$(export_table Upgrade)
expect "mise à jour majeure (Upgrade)" "$upgrade" 'WIX_UPGRADE_DETECTED'
expect "refus de rétrogradation" "$upgrade" 'WIX_DOWNGRADE_DETECTED'
seq=$(export_table InstallExecuteSequence)
expect "RemoveExistingProducts" "$seq" '^RemoveExistingProducts'
files=$(export_table File)
for f in atlas-ri.exe atlas-ri-cli.exe NOTICE.txt licenses.txt; do
	expect "fichier $f" "$files" $'\t([^\t|]*\\|)?'"${f//./\\.}"$'\t'
done
dirs=$(export_table Directory)
expect "dossier Program Files\\Atlas RI" "$dirs" $'^INSTALLDIR\tProgramFiles64Folder\t([^\t|]*\\|)?Atlas RI$'
shortcut=$(export_table Shortcut)
expect "raccourci du menu Démarrer" "$shortcut" $'\tProgramMenuFolder\t([^\t|]*\\|)?Atlas RI\t.*\\[INSTALLDIR\\]atlas-ri\\.exe'
comps=$(export_table Component)
# Attribute 256 (msidbComponentAttributes64bit) on every component.
if awk -F'\t' 'NR > 3 && int($4 / 256) % 2 == 0 { bad = 1 } END { exit !bad }' <<<"$comps"; then
	echo "MSI $msi : composant non 64 bits" >&2
	fail=1
fi
[ "$fail" = 0 ] || exit 1
echo "MSI vérifié : $msi (Atlas RI $version, x64, par machine, UpgradeCode $upgrade_code)"
