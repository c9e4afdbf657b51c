package app

import (
	"errors"
	"path/filepath"

	"atlasri/app/exchange"
	"atlasri/app/install"
	"atlasri/model"
	"atlasri/model/sqlite"
)

// PrepareImport checks a directory file or signed package against this
// data folder and works out what installing it would change; nothing is
// written (a dry run stops here).
func (a *Atlas) PrepareImport(req install.Request) (*install.Plan, error) {
	return install.Prepare(a.dir, a.reference(), a.user, req)
}

// InstallDirectory installs a plan made by PrepareImport. Reads go on
// during the install, on the previous directory, until the new reference
// database takes its place; the search engine is then rebuilt on next use.
func (a *Atlas) InstallDirectory(p *install.Plan) error {
	var reopenErr error
	swapped := false
	err := install.Apply(a.dir, a.reference(), a.user, p, func(commit func() error) error {
		a.mu.Lock()
		defer a.mu.Unlock()
		if a.ref == nil {
			return ErrClosed
		}
		swapped = true
		a.ref.Close()
		err := commit()
		// The new file, or the previous one when the rename failed.
		a.ref, reopenErr = sqlite.ReopenReference(filepath.Join(a.dir, ReferenceFile))
		return err
	})
	if swapped {
		a.forgetEngine()
	}
	return errors.Join(err, reopenErr)
}

// DirectoryUpdates returns the installed updates with what they changed,
// most recent first; limit 0 means all.
func (a *Atlas) DirectoryUpdates(limit int) ([]model.DirectoryUpdate, error) {
	return a.user.DirectoryUpdates(limit)
}

// Directory returns the installed directory, as reference.db holds it.
func (a *Atlas) Directory() (model.Directory, error) {
	ref := a.reference()
	info, err := ref.DirectoryInfo()
	if err != nil {
		return model.Directory{}, err
	}
	centres, err := ref.Centres()
	return model.Directory{Version: info.Version, Date: info.Date, Indicative: info.Indicative,
		Label: info.Label, Source: info.Source, Centres: centres}, err
}

// geography is what a centre is checked against: the communes, outlines
// and catalogue of reference.db.
func (a *Atlas) geography() (*exchange.Geography, error) {
	return exchange.GeographyFromReference(a.reference())
}

// Orphans lists the notes and favourites whose centre is in neither the
// directory nor the practice's own centres; the window shows them as such.
func (a *Atlas) Orphans() (model.Orphans, error) {
	centres, err := a.reference().Centres()
	if err != nil {
		return model.Orphans{}, err
	}
	ids := make(map[string]bool, len(centres))
	for _, c := range centres {
		ids[c.ID] = true
	}
	return a.user.Orphans(func(id string) bool { return ids[id] })
}
