package install

import (
	"errors"
	"fmt"

	"atlasri/app/exchange"
	"atlasri/model"
)

// ErrPending is wrapped by Apply's error when the new directory is saved
// (annuaire.json) but reference.db could not be replaced, for instance
// because another program holds it open on Windows: app.Open finishes the
// job at the next start.
var ErrPending = errors.New("mise en place au prochain démarrage")

// Swap replaces the live reference database: it closes it, runs commit
// (which renames the staged file over it) and opens whatever file is then
// in place. It returns commit's error. The caller (package app) provides
// it, since it owns the open database and the readers waiting on it.
type Swap func(commit func() error) error

// Apply installs a plan made by Prepare on the same data folder. Steps,
// under the update lock (one install at a time): the new reference
// database is written beside the live one and checked; the update is
// recorded in the history as pending (a read-only or full user.db stops
// the install here, before anything changed); annuaire.json is replaced
// (the commit point); the history line is marked done; swap closes the
// live database, renames the new one over it and reopens it.
//
// Killed before the commit point, the folder still holds the previous
// directory and app.Open drops the pending line; after it, app.Open
// rebuilds reference.db from annuaire.json if the rename did not happen
// and marks the line done. Either way the history says what is installed.
// A plan already installed changes nothing.
func Apply(dataDir string, ref model.ReferenceStager, history model.UpdateHistory, p *Plan, swap Swap) error {
	if err := p.Blocked(); err != nil {
		return err
	}
	if p.UpToDate && !p.force {
		return nil
	}
	return history.WithUpdateLock(func() error {
		// Another install may have run since Prepare: its plan is stale.
		if now, err := StoredHash(dataDir); err != nil || now != p.storedBefore {
			return fmt.Errorf("l'annuaire a changé depuis la vérification du fichier ; relancez l'importation")
		}
		digest := exchange.FileSHA256(p.stored)
		staged, err := ref.StageDirectory(p.Directory, p.Origin, digest)
		if err != nil {
			return err
		}
		id, err := history.BeginUpdate(model.DirectoryUpdate{InstalledAt: p.now, Origin: p.Origin, File: p.Name,
			FromVersion: p.Installed.Version, FromDate: p.Installed.Date,
			ToVersion: p.Directory.Version, ToDate: p.Directory.Date, Changes: p.Changes, StoredSHA256: digest})
		if err != nil {
			staged.Abort()
			return fmt.Errorf("%w. Rien n'a été installé", err)
		}
		if err := WriteStored(dataDir, p.stored); err != nil {
			staged.Abort()
			_ = history.DropUpdate(id) // if this fails too, app.Open drops it
			return fmt.Errorf("%w. Rien n'a été installé", err)
		}
		// Past the commit point: the new directory is installed. A line
		// left pending is marked done by app.Open.
		_ = history.EndUpdate(id)
		if err := swap(staged.Commit); err != nil {
			staged.Abort()
			return fmt.Errorf("le nouvel annuaire est enregistré mais la base de référence n'a pas pu être remplacée (%v) : %w", err, ErrPending)
		}
		return nil
	})
}
