package app

import (
	"fmt"

	"atlasri/model"
	"atlasri/model/sqlite"
)

// Expected sizes of the embedded data; `atlas-ri check` fails below them.
const (
	WantDepartements = 101
	WantCommunes     = 34969
	WantPostcodes    = 6310 // at least: INSEE's list, plus La Poste's special codes
	WantProcedures   = 39
)

// Report is what `atlas-ri check` prints.
type Report struct {
	DataDir          string       `json:"data_dir"`
	Version          string       `json:"version"`
	Origin           string       `json:"origin"`
	DirectoryVersion string       `json:"directory_version"`
	DirectoryDate    string       `json:"directory_date"`
	DirectoryLabel   string       `json:"directory_label,omitempty"`
	Counts           model.Counts `json:"counts"`
	UserSchema       int          `json:"user_schema"`
	Problems         []string     `json:"problems"`
	Notices          []string     `json:"notices,omitempty"`
}

// OK reports whether the check found nothing wrong.
func (r Report) OK() bool { return len(r.Problems) == 0 }

// Check runs the integrity checks of both databases and compares the
// reference counts with what the embedded data must hold.
func (a *Atlas) Check() (Report, error) {
	r := Report{DataDir: a.dir, Version: Version, Notices: a.Notices(), Problems: []string{}}
	info, err := a.DirectoryInfo()
	if err != nil {
		return r, err
	}
	r.Origin, r.DirectoryVersion, r.DirectoryDate, r.DirectoryLabel = info.Origin, info.Version, info.Date, info.Label
	if r.Counts, err = a.counts(); err != nil {
		return r, err
	}
	problems, err := read(a, (*sqlite.Reference).IntegrityCheck)
	if err != nil {
		return r, err
	}
	r.Problems = append(r.Problems, problems...)
	edited, err := read(a, (*sqlite.Reference).VerifyContent)
	if err != nil {
		return r, err
	}
	if edited != "" {
		r.Problems = append(r.Problems, edited)
	}
	if r.UserSchema, err = a.user.SchemaVersion(); err != nil {
		return r, err
	}
	c := r.Counts
	for _, m := range []struct {
		what      string
		got, want int
		exact     bool
	}{
		{"départements", c.Departements, WantDepartements, true},
		{"communes", c.Communes, WantCommunes, r.Origin == OriginEmbedded},
		{"codes postaux", c.Postcodes, WantPostcodes, false},
		{"gestes", c.Procedures, WantProcedures, r.Origin == OriginEmbedded},
	} {
		if (m.exact && m.got != m.want) || m.got < m.want {
			r.Problems = append(r.Problems, fmt.Sprintf("%d %s au lieu de %d attendus", m.got, m.what, m.want))
		}
	}
	if c.Centres == 0 {
		r.Problems = append(r.Problems, "aucun centre dans l'annuaire")
	}
	return r, nil
}
