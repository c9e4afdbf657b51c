package app

// Temporary: the use cases the window calls, over today's stores. The
// issue-14 refactor replaces this file with the real facade (same names).

import (
	"errors"
	"time"

	"atlasri/app/practice"
	"atlasri/app/userdata"
	"atlasri/model"
	"atlasri/model/sqlite"
)

// Departements returns the départements with their outlines.
func (a *Atlas) Departements() ([]model.Departement, error) { return a.Ref.Departements() }

// DirectoryInfo describes the installed directory.
func (a *Atlas) DirectoryInfo() (sqlite.DirectoryInfo, error) { return a.Ref.DirectoryInfo() }

// Setting reads one setting of the practice.
func (a *Atlas) Setting(key string) (string, error) { return a.User.Setting(key) }

// SetSettings stores settings together.
func (a *Atlas) SetSettings(v map[string]string) error { return a.User.SetSettings(v) }

// GP reads the GP's identity.
func (a *Atlas) GP() (practice.GP, error) { return practice.Load(a.User) }

// SaveGP checks and stores the GP's identity.
func (a *Atlas) SaveGP(g practice.GP) error { return practice.Save(a.User, g) }

// Note reads the practice's note on a centre.
func (a *Atlas) Note(id string) (string, error) { return a.User.Note(id) }

// SetNote stores the practice's note on a centre.
func (a *Atlas) SetNote(id, text string, now time.Time) error { return a.User.SetNote(id, text, now) }

// Favourites lists the favourite centres.
func (a *Atlas) Favourites() ([]string, error) { return a.User.Favourites() }

// SetFavourite adds or removes a favourite.
func (a *Atlas) SetFavourite(id string, on bool, now time.Time) error {
	return a.User.SetFavourite(id, on, now)
}

// SavePracticeCentre checks and stores a centre of the practice's own.
func (a *Atlas) SavePracticeCentre(in userdata.CentreInput, now time.Time) (model.Centre, error) {
	geo, err := EmbeddedGeography()
	if err != nil {
		return model.Centre{}, err
	}
	c, _, err := userdata.SaveCentre(a.User, geo, in, now)
	return c, err
}

// Backup saves the practice's data to path.
func (a *Atlas) Backup(path string) error { return userdata.Backup(a.User, path) }

// AboutInfo is what the About dialog shows of the data.
type AboutInfo struct {
	DataDir          string
	DirectoryVersion string
	DirectoryDate    string
	DirectoryLabel   string
	DirectorySource  string
	CatalogueVersion string
}

// About reads the data's metadata.
func (a *Atlas) About() (AboutInfo, error) {
	info := AboutInfo{DataDir: a.Dir}
	for key, dst := range map[string]*string{
		sqlite.MetaDirectoryVersion: &info.DirectoryVersion, sqlite.MetaDirectoryDate: &info.DirectoryDate,
		sqlite.MetaDirectoryLabel: &info.DirectoryLabel, sqlite.MetaDirectorySource: &info.DirectorySource,
		sqlite.MetaCatalogueVersion: &info.CatalogueVersion,
	} {
		v, err := a.Ref.Meta(key)
		if err != nil {
			return info, err
		}
		*dst = v
	}
	return info, nil
}

// IsPracticeCentre reports whether a centre is one the practice added.
func IsPracticeCentre(id string) bool { return sqlite.IsPracticeCentre(id) }

// IsOpenError reports whether err says a data file could not be opened
// as it is (nothing was changed).
func IsOpenError(err error) bool {
	var oe *sqlite.OpenError
	return errors.As(err, &oe)
}

// DeletePracticeCentre removes a centre the practice added.
func (a *Atlas) DeletePracticeCentre(id string) error { return a.User.DeletePracticeCentre(id) }
