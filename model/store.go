package model

import (
	"errors"
	"fmt"
	"time"

	"atlasri/internal/fault"
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

// UpdateHistory serialises directory installs and records them. An
// install records its update as pending before its commit point, so that
// a read-only or full user.db stops it before anything changes, and marks
// it done after: the history line and the installed directory go together.
type UpdateHistory interface {
	// WithUpdateLock runs f while holding the data folder's update lock
	// (one install at a time, across processes). Reads and writes of the
	// practice's other data go on meanwhile.
	WithUpdateLock(f func() error) error
	// BeginUpdate records u as pending and returns its id.
	BeginUpdate(u DirectoryUpdate) (int64, error)
	// EndUpdate marks a pending update done.
	EndUpdate(id int64) error
	// DropUpdate removes a pending update that was not installed.
	DropUpdate(id int64) error
	// SetStoredDigest records the digest of the directory's copy on an
	// update, when that copy was written again.
	SetStoredDigest(id int64, sha256 string) error
	// PendingUpdates returns the updates still pending, oldest first.
	PendingUpdates() ([]DirectoryUpdate, error)
	// DirectoryUpdates returns the installed (done) updates, most recent
	// first; limit 0 means all.
	DirectoryUpdates(limit int) ([]DirectoryUpdate, error)
	// UpdateFor returns the latest update, pending or done, that wrote a
	// directory copy of this digest; ok is false when there is none.
	UpdateFor(sha256 string) (u DirectoryUpdate, ok bool, err error)
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

// Problems an existing database can have. Only Corrupt, proven by SQLite
// itself, ever lets the program set a file aside; the others are passing
// faults of the machine and leave the data as it is.
const (
	Corrupt     StoreProblem = iota + 1 // fails its integrity check or is not a database
	ForeignFile                         // a database, but not one of ours
	NewerSchema                         // written by a newer Atlas RI
	Unreadable                          // cannot be opened at all
	OlderSchema                         // derived data of an older Atlas RI, to rebuild
	Busy                                // locked by another program for too long
	DiskFull                            // the disk is full
	NoWrite                             // the folder, the file or a side file cannot be written
)

// OpenError reports a database that was left as it was because it cannot be
// used. Its message is in French and says what to do: it is shown to the
// user as is.
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
	case Busy:
		return fmt.Sprintf("La base « %s » est utilisée par un autre programme (%s). Rien n'a été modifié : "+
			"fermez l'autre programme (une autre fenêtre d'Atlas RI, une importation en cours, un outil qui a ouvert ce fichier), puis réessayez.", e.Path, e.Detail)
	case DiskFull:
		return fmt.Sprintf("Le disque est plein : la base « %s » ne peut pas être ouverte (%s). Rien n'a été modifié : "+
			"libérez de la place sur le disque, puis relancez Atlas RI.", e.Path, e.Detail)
	case NoWrite:
		return fmt.Sprintf("Atlas RI ne peut pas écrire sa base « %s » : %s. Rien n'a été modifié : "+
			"donnez-vous les droits sur ce dossier et ses fichiers (ou choisissez un autre dossier de données avec --data-dir), puis relancez Atlas RI.", e.Path, e.Detail)
	}
	return fmt.Sprintf("Impossible d'ouvrir la base « %s » : %s. Rien n'a été modifié ; vérifiez le disque et le dossier, puis relancez Atlas RI.", e.Path, e.Detail)
}

// FaultKind sorts the problem into package fault's kinds.
func (e *OpenError) FaultKind() fault.Kind {
	switch e.Problem {
	case Corrupt:
		return fault.Damage
	case Busy:
		return fault.Busy
	case DiskFull:
		return fault.Full
	case NoWrite:
		return fault.Permission
	}
	return fault.Other
}

// IsStoreProblem reports whether err is an OpenError of the given kind.
func IsStoreProblem(err error, p StoreProblem) bool {
	var oe *OpenError
	return errors.As(err, &oe) && oe.Problem == p
}
