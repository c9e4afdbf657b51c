package app

import (
	"fmt"

	"atlasri/app/mapdraw"
	"atlasri/app/search"
	"atlasri/model"
	"atlasri/model/sqlite"
	"atlasri/resources"
)

// SearchEngine returns the search engine over the installed directory and
// the practice's own centres. It is built on first use (about a second)
// and kept until the directory or the practice's centres change; callers
// may keep the one they got, which never changes.
func (a *Atlas) SearchEngine() (*search.Engine, error) {
	a.engineMu.Lock()
	defer a.engineMu.Unlock()
	if a.engine != nil {
		return a.engine, nil
	}
	own, err := a.user.PracticeCentres()
	if err != nil {
		return nil, err
	}
	e, err := search.Load(a.reference(), own...)
	if err != nil {
		return nil, err
	}
	a.engine = e
	return e, nil
}

// forgetEngine drops the engine after a change of the centres; a build
// under way finishes first (it holds engineMu), then is dropped too.
func (a *Atlas) forgetEngine() {
	a.engineMu.Lock()
	a.engine = nil
	a.engineMu.Unlock()
}

// Departements returns every département with its outline, for the map.
func (a *Atlas) Departements() ([]model.Departement, error) {
	return a.reference().Departements()
}

// DirectoryInfo describes the installed directory (version, date, label
// when indicative, source) and the catalogue's version.
func (a *Atlas) DirectoryInfo() (model.DirectoryInfo, error) {
	return a.reference().DirectoryInfo()
}

// Procedure returns a procedure sheet of the catalogue.
func (a *Atlas) Procedure(id string) (model.Procedure, error) {
	return a.reference().Procedure(id)
}

// Centre returns a centre of the directory or of the practice's own.
func (a *Atlas) Centre(id string) (model.Centre, error) {
	if model.IsPracticeCentre(id) {
		return a.user.PracticeCentre(id)
	}
	return a.reference().Centre(id)
}

// AboutInfo is what the About dialog says about the data in use.
type AboutInfo struct {
	DataDir          string
	DirectoryVersion string
	DirectoryDate    string
	DirectoryLabel   string
	DirectorySource  string
	CatalogueVersion string
}

// About reads what the About dialog shows.
func (a *Atlas) About() (AboutInfo, error) {
	info, err := a.DirectoryInfo()
	if err != nil {
		return AboutInfo{}, fmt.Errorf("lecture des informations de l'annuaire : %w", err)
	}
	return AboutInfo{DataDir: a.dir, DirectoryVersion: info.Version, DirectoryDate: info.Date,
		DirectoryLabel: info.Label, DirectorySource: info.Source, CatalogueVersion: info.CatalogueVersion}, nil
}

// counts and integrity are for Check.
func (a *Atlas) counts() (model.Counts, error) { return read(a, (*sqlite.Reference).Counts) }

// MapFonts are the faces maps are drawn with outside the window (the
// window may hand mapdraw its theme's own).
func MapFonts() mapdraw.Fonts {
	noto := resources.Fonts()
	return mapdraw.Fonts{Regular: noto.Regular, Bold: noto.Bold}
}
