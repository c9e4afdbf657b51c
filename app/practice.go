package app

import (
	"time"

	"atlasri/app/letter"
	"atlasri/app/practice"
	"atlasri/app/userdata"
	"atlasri/model"
)

// The practice's own data, in user.db: settings (keys in model), the GP's
// identity, notes and favourites, the centres it added, letters, backups.

// Setting returns a setting (model.Setting*), or "" when it is not set.
func (a *Atlas) Setting(key string) (string, error) { return a.user.Setting(key) }

// SetSettings stores several settings at once, or none.
func (a *Atlas) SetSettings(values map[string]string) error { return a.user.SetSettings(values) }

// GP returns the identity of the GP who signs the letters.
func (a *Atlas) GP() (practice.GP, error) { return practice.Load(a.user) }

// SaveGP checks the GP's identity and stores it; nothing is stored when a
// field is wrong.
func (a *Atlas) SaveGP(gp practice.GP) error { return practice.Save(a.user, gp) }

// Note returns the practice's note on a centre, or "".
func (a *Atlas) Note(centreID string) (string, error) { return a.user.Note(centreID) }

// SetNote stores the note on a centre; an empty text removes it.
func (a *Atlas) SetNote(centreID, text string, now time.Time) error {
	return a.user.SetNote(centreID, text, now)
}

// Notes returns every note, in centre order.
func (a *Atlas) Notes() ([]model.Note, error) { return a.user.Notes() }

// Favourites returns the ids of the favourite centres.
func (a *Atlas) Favourites() ([]string, error) { return a.user.Favourites() }

// SetFavourite marks or unmarks a centre as a favourite.
func (a *Atlas) SetFavourite(centreID string, on bool, now time.Time) error {
	return a.user.SetFavourite(centreID, on, now)
}

// PracticeCentres returns the centres the practice added itself.
func (a *Atlas) PracticeCentres() ([]model.Centre, error) { return a.user.PracticeCentres() }

// SavePracticeCentre checks a centre of the practice like a directory's
// (an *userdata.InvalidError names every wrong field) and stores it; the
// search engine then includes it.
func (a *Atlas) SavePracticeCentre(in userdata.CentreInput, now time.Time) (model.Centre, error) {
	g, err := a.geography()
	if err != nil {
		return model.Centre{}, err
	}
	c, _, err := userdata.SaveCentre(a.user, g, in, now)
	if err == nil {
		a.forgetEngine()
	}
	return c, err
}

// DeletePracticeCentre removes a centre of the practice; its note and
// favourite stay, shown as orphaned.
func (a *Atlas) DeletePracticeCentre(id string) error {
	err := a.user.DeletePracticeCentre(id)
	if err == nil {
		a.forgetEngine()
	}
	return err
}

// Letters returns the referral letter use case (a new Service each call:
// the caller may set its clock). It finds the practice's own centres too.
func (a *Atlas) Letters() *letter.Service {
	return &letter.Service{Ref: a.reference(), User: a.user}
}

// Backup writes a consistent copy of the practice's data to path, which
// must not exist yet.
func (a *Atlas) Backup(path string) error { return userdata.Backup(a.user, path) }
