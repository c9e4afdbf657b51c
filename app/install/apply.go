package install

import (
	"errors"
	"fmt"
	"path/filepath"

	"atlasri/app/exchange"
	"atlasri/model/sqlite"
)

// ErrPending is wrapped by Apply's error when the new directory is saved
// (annuaire.json) but reference.db could not be replaced, for instance
// because another program holds it open on Windows: app.Open finishes the
// job at the next start.
var ErrPending = errors.New("mise en place au prochain démarrage")

// Apply installs a plan made by Prepare on the same data folder. Steps:
// under user.db's write lock (one install at a time), the new reference.db
// is written beside the live one and checked; annuaire.json is replaced
// (the commit point); ref is closed and the new reference.db renamed over
// the old one; the update is recorded in user.db's history. Killed before
// the commit point, the folder still holds the previous directory; after
// it, app.Open rebuilds reference.db from annuaire.json if the rename did
// not happen. Once installed, ref is closed and the new reference database
// returned, open; otherwise the returned one is nil and ref may have been
// closed (reopen it).
func Apply(dataDir string, ref *sqlite.Reference, user *sqlite.User, p *Plan) (*sqlite.Reference, error) {
	if err := p.Blocked(); err != nil {
		return nil, err
	}
	if p.UpToDate && !p.force {
		return nil, nil
	}
	var staged *sqlite.Staged
	err := user.WithUpdateLock(func() (sqlite.DirectoryUpdate, error) {
		rec := sqlite.DirectoryUpdate{InstalledAt: p.now, Origin: p.Origin, File: p.Name,
			FromVersion: p.Installed.Version, FromDate: p.Installed.Date,
			ToVersion: p.Directory.Version, ToDate: p.Directory.Date, Changes: p.Changes}
		// Another install may have run since Prepare: its plan is stale.
		if now, err := StoredHash(dataDir); err != nil || now != p.storedBefore {
			return rec, fmt.Errorf("l'annuaire a changé depuis la vérification du fichier ; relancez l'importation")
		}
		var err error
		staged, err = ref.StageDirectory(p.Directory, p.Origin, exchange.FileSHA256(p.stored))
		if err != nil {
			return rec, err
		}
		if err := WriteStored(dataDir, p.stored); err != nil {
			staged.Abort()
			return rec, fmt.Errorf("enregistrement de %s impossible : %w", filepath.Join(dataDir, StoredFile), err)
		}
		ref.Close()
		if err := staged.Commit(); err != nil {
			staged.Abort()
			staged = nil
			return rec, fmt.Errorf("le nouvel annuaire est enregistré mais la base de référence n'a pas pu être remplacée (%v) : %w", err, ErrPending)
		}
		return rec, nil
	})
	if err != nil || staged == nil {
		return nil, err
	}
	return staged.Open()
}
