package model

import (
	"errors"
	"fmt"
	"time"
)

// The stores below are what the use cases (package app and its
// sub-packages) read and write; model/sqlite implements them on the two
// SQLite databases. Writing the use cases against these interfaces keeps
// SQL in one package and lets tests hand in small fakes.

// GeographyReader reads the embedded geography.
type GeographyReader interface {
	// Departements returns every département with its outline.
	Departements() ([]Departement, error)
	// DepartementLabels returns them without outlines: names and label
	// points are all a search needs.
	DepartementLabels() ([]Departement, error)
	Collectivites() ([]Collectivite, error)
	// Communes returns communes and municipal arrondissements, with
	// their postcodes.
	Communes() ([]Commune, error)
	Postcodes() ([]Postcode, error)
}

// CatalogueReader reads the procedure catalogue.
type CatalogueReader interface {
	Families() ([]Family, error)
	Procedures() ([]Procedure, error)
	// Procedure returns one procedure, or an error wrapping ErrNotFound.
	Procedure(id string) (Procedure, error)
}

// DirectoryReader reads the installed directory.
type DirectoryReader interface {
	DirectoryInfo() (DirectoryInfo, error)
	Centres() ([]Centre, error)
	// Centre returns one centre, or an error wrapping ErrNotFound.
	Centre(id string) (Centre, error)
}

// ReferenceReader is the read side of the reference database.
type ReferenceReader interface {
	GeographyReader
	CatalogueReader
	DirectoryReader
}

// StagedReference is a new reference database written beside the live one
// and checked, waiting to replace it.
type StagedReference interface {
	// Commit puts it in place; the live database must be closed first.
	Commit() error
	// Abort removes it.
	Abort()
}

// ReferenceStager writes a copy of the live reference database with
// another directory: the first half of an install.
type ReferenceStager interface {
	StageDirectory(d Directory, origin, sha256 string) (StagedReference, error)
}

// SettingsStore keeps the practice's settings (keys in settings.go).
type SettingsStore interface {
	// Setting returns a stored setting, or "" when it is not set.
	Setting(key string) (string, error)
	SetSetting(key, value string) error
	// SetSettings stores several settings at once, or none.
	SetSettings(values map[string]string) error
}

// NoteStore keeps the practice's notes and favourites on centres.
type NoteStore interface {
	// Note returns the note on a centre, or "" when there is none.
	Note(centre string) (string, error)
	// SetNote stores a note; an empty text removes it.
	SetNote(centre, text string, now time.Time) error
	Notes() ([]Note, error)
	SetFavourite(centre string, on bool, now time.Time) error
	Favourites() ([]string, error)
	// Orphans lists the notes and favourites on centres that inDirectory
	// does not know and that are not the practice's own.
	Orphans(inDirectory func(id string) bool) (Orphans, error)
}

// PracticeCentreStore keeps the centres the practice added itself.
type PracticeCentreStore interface {
	PracticeCentres() ([]Centre, error)
	// PracticeCentre returns one, or an error wrapping ErrNotFound.
	PracticeCentre(id string) (Centre, error)
	SavePracticeCentre(c Centre, now time.Time) error
	DeletePracticeCentre(id string) error
}

// LetterHistory keeps the letters the GP chose to keep.
type LetterHistory interface {
	AddLetter(r LetterRecord) (int64, error)
	// Letters returns the history, most recent first; limit 0 means all.
	Letters(limit int) ([]LetterRecord, error)
	DeleteLetter(id int64) error
	ClearLetters() (int64, error)
}

// UpdateHistory serialises directory installs and records them.
type UpdateHistory interface {
	// WithUpdateLock runs install while holding the data folder's update
	// lock (one install at a time, across processes) and records the
	// update it returns. Reads and writes of the practice's other data go
	// on meanwhile.
	WithUpdateLock(install func() (DirectoryUpdate, error)) error
	// DirectoryUpdates returns the installed updates, most recent first;
	// limit 0 means all.
	DirectoryUpdates(limit int) ([]DirectoryUpdate, error)
}

// UserStore is the practice's own database.
type UserStore interface {
	SettingsStore
	NoteStore
	PracticeCentreStore
	LetterHistory
	UpdateHistory
	// BackupTo writes a consistent copy to path, which must not exist.
	BackupTo(path string) error
}

// ErrNotFound is wrapped by the errors of lookups of an unknown id.
var ErrNotFound = errors.New("introuvable")

// StoreProblem says why a database could not be opened.
type StoreProblem int

// Problems an existing database can have.
const (
	Corrupt     StoreProblem = iota + 1 // fails its integrity check or is not a database
	ForeignFile                         // a database, but not one of ours
	NewerSchema                         // written by a newer Atlas RI
	Unreadable                          // cannot be opened at all (permissions...)
	OlderSchema                         // derived data of an older Atlas RI, to rebuild
)

// OpenError reports a database that was left as it was because it cannot be
// used. Its message is in French: it is shown to the user as is.
type OpenError struct {
	Path    string
	Problem StoreProblem
	Detail  string
}

func (e *OpenError) Error() string {
	switch e.Problem {
	case Corrupt:
		return fmt.Sprintf("La base « %s » est endommagée (%s). Elle n'a pas été modifiée.", e.Path, e.Detail)
	case ForeignFile:
		return fmt.Sprintf("Le fichier « %s » n'est pas une base Atlas RI (%s). Il n'a pas été modifié.", e.Path, e.Detail)
	case NewerSchema:
		return fmt.Sprintf("La base « %s » vient d'une version plus récente d'Atlas RI (%s). "+
			"Elle n'a pas été modifiée : installez la dernière version d'Atlas RI.", e.Path, e.Detail)
	case OlderSchema:
		return fmt.Sprintf("La base « %s » vient d'une version plus ancienne d'Atlas RI (%s) ; elle est à reconstruire.", e.Path, e.Detail)
	}
	return fmt.Sprintf("Impossible d'ouvrir la base « %s » : %s.", e.Path, e.Detail)
}

// IsStoreProblem reports whether err is an OpenError of the given kind.
func IsStoreProblem(err error, p StoreProblem) bool {
	var oe *OpenError
	return errors.As(err, &oe) && oe.Problem == p
}
