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
	return install.Prepare(a.Dir, a.Ref, a.User, req)
}

// InstallDirectory installs a plan made by PrepareImport, then reopens the
// reference database on the new directory.
func (a *Atlas) InstallDirectory(p *install.Plan) error {
	ref, err := install.Apply(a.Dir, a.Ref, a.User, p)
	switch {
	case ref != nil:
		a.Ref = ref
		return nil
	case err == nil:
		return nil // already installed: nothing changed
	}
	a.Ref.Close() // Apply may have closed it already; closing twice is harmless
	ref, oerr := sqlite.OpenReference(filepath.Join(a.Dir, ReferenceFile))
	if oerr != nil {
		return errors.Join(err, oerr)
	}
	a.Ref = ref
	return err
}

// Directory returns the installed directory, as reference.db holds it.
func (a *Atlas) Directory() (model.Directory, error) {
	info, err := a.Ref.DirectoryInfo()
	if err != nil {
		return model.Directory{}, err
	}
	centres, err := a.Ref.Centres()
	return model.Directory{Version: info.Version, Date: info.Date, Indicative: info.Indicative,
		Label: info.Label, Source: info.Source, Centres: centres}, err
}

// EmbeddedGeography is the geography and catalogue built into the program,
// for checking a directory file without a data folder (atlas-ri sign).
func EmbeddedGeography() (*exchange.Geography, error) {
	d, err := EmbeddedData()
	if err != nil {
		return nil, err
	}
	return exchange.NewGeography(d.Communes, d.Postcodes, d.Departements, d.Catalogue.Procedures), nil
}

// Orphans lists the notes and favourites whose centre is in neither the
// directory nor the practice's own centres; the window shows them as such.
func (a *Atlas) Orphans() (sqlite.Orphans, error) {
	centres, err := a.Ref.Centres()
	if err != nil {
		return sqlite.Orphans{}, err
	}
	ids := make(map[string]bool, len(centres))
	for _, c := range centres {
		ids[c.ID] = true
	}
	return a.User.Orphans(func(id string) bool { return ids[id] })
}
