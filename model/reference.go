package model

import "time"

// DirectoryInfo describes the directory a reference database carries. Its
// JSON form is part of `atlas-ri import --json`.
type DirectoryInfo struct {
	Origin     string `json:"origin"`
	Version    string `json:"version"`
	Date       string `json:"date"`
	Label      string `json:"label,omitempty"`
	Source     string `json:"source,omitempty"`
	Indicative bool   `json:"indicative"`
	SHA256     string `json:"sha256,omitempty"`
	// CatalogueVersion is the version of the procedure catalogue built
	// with it. It comes with the program, not with the directory file, so
	// it stays out of the directory's JSON.
	CatalogueVersion string `json:"-"`
}

// Counts are the sizes of the reference tables, as `atlas-ri check` shows.
type Counts struct {
	Departements    int `json:"departements"`
	Collectivites   int `json:"collectivites"`
	Communes        int `json:"communes"`
	Arrondissements int `json:"arrondissements"`
	Postcodes       int `json:"postcodes"`
	Families        int `json:"families"`
	Procedures      int `json:"procedures"`
	Centres         int `json:"centres"`
	Offers          int `json:"offers"`
	// Authorised counts the centres holding an active RI authorisation.
	Authorised int `json:"authorised_centres"`
}

// CentreChange names one centre an update added, changed or removed.
type CentreChange struct {
	ID     string   `json:"id"`
	Name   string   `json:"name"`
	Fields []string `json:"fields,omitempty"` // what changed, in French
}

// Changes is what a directory update changed.
type Changes struct {
	Added   []CentreChange `json:"added"`
	Changed []CentreChange `json:"changed"`
	Removed []CentreChange `json:"removed"`
}

// Empty reports whether the update changes no centre.
func (c Changes) Empty() bool { return len(c.Added)+len(c.Changed)+len(c.Removed) == 0 }

// DirectoryUpdate is one directory installed over the previous one.
type DirectoryUpdate struct {
	ID          int64 // set by the history
	InstalledAt time.Time
	Origin      string // how it came: a signed package or an imported file
	File        string // the file's name, as given
	FromVersion string
	FromDate    string
	ToVersion   string
	ToDate      string
	Changes     Changes
	// StoredSHA256 is the digest of the copy of the directory the update
	// wrote to the data folder (annuaire.json): app.Open adopts that file
	// only when an update of the history vouches for it.
	StoredSHA256 string
	// Pending is set from just before an install's commit point until it
	// is done: app.Open finishes or drops a pending update left by a crash.
	Pending bool
}
