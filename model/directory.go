package model

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/paulmach/orb"
)

// Sector is an establishment's legal status, which GPs filter on.
type Sector string

// Sectors.
const (
	SectorPublic           Sector = "public"
	SectorPrivateNonProfit Sector = "private_nonprofit" // ESPIC, such as the cancer centres
	SectorPrivate          Sector = "private"
)

// LabelFR is the sector as shown to a GP.
func (s Sector) LabelFR() string {
	switch s {
	case SectorPublic:
		return "public"
	case SectorPrivateNonProfit:
		return "privé à but non lucratif (ESPIC)"
	case SectorPrivate:
		return "privé"
	}
	return string(s)
}

// Public reports whether the public/private filter puts the sector on the
// public side; non-profit private establishments count as private.
func (s Sector) Public() bool { return s == SectorPublic }

// Offer says that a centre performs, or may perform, a procedure, and
// where that comes from (see OfferOrigin).
type Offer struct {
	ProcedureID string      `json:"procedure"`
	Origin      OfferOrigin `json:"origin"`
	Reason      string      `json:"reason,omitempty"` // why an indicative offer is assumed
	Source      string      `json:"source,omitempty"`
	CheckedOn   string      `json:"checked_on,omitempty"` // YYYY-MM-DD
	// Review is set on a declared offer that the site's authorisation
	// does not cover: it is shown, flagged, rather than hidden.
	Review string `json:"review,omitempty"`
}

// Declared reports whether the centre, or the federation's survey, says
// the centre performs it: the only origin a letter may rely on.
func (o Offer) Declared() bool { return o.Origin == OfferDeclared }

// Centre is an establishment where interventional radiology is done.
// Contact fields stay empty unless a public source named in Source gave them.
type Centre struct {
	ID       string    `json:"id"`
	Name     string    `json:"name"`
	Category string    `json:"category"` // CHU, CHR, CH, CLCC, clinique...
	Sector   Sector    `json:"sector"`
	INSEE    string    `json:"insee"`
	Commune  string    `json:"commune"`
	Dept     string    `json:"dept"`
	Pos      orb.Point `json:"-"`
	Address  string    `json:"address,omitempty"`
	Postcode string    `json:"postcode,omitempty"`
	Phone    string    `json:"phone,omitempty"`
	Email    string    `json:"email,omitempty"`
	MSSante  string    `json:"mssante,omitempty"`
	Website  string    `json:"website,omitempty"`
	FINESS   string    `json:"finess,omitempty"`
	// CityLabel is La Poste's routing label of the postal address, printed
	// after Postcode in a recipient block ("49933 ANGERS"); empty: the
	// commune's name stands for it.
	CityLabel string `json:"city_label,omitempty"`
	// ContactSource names the public register that Address, Phone and Pos
	// were copied from, with its year ("FINESS 2020"), when the centre did
	// not give them itself; the window and letters show it beside them.
	ContactSource string `json:"contact_source,omitempty"`
	// PosNote is set when Pos is not the building's own position (a
	// street-level or approximate geocoding, or the commune's point): it
	// says why, in French, and the window flags the position approximate.
	PosNote   string `json:"pos_note,omitempty"`
	Source    string `json:"source"`
	CheckedOn string `json:"checked_on"`
	// Authorisations are the site's ARS authorisations from the national
	// register (none in a directory built without it).
	Authorisations []Authorisation `json:"authorisations,omitempty"`
	Offers         []Offer         `json:"offers"`
}

// PosApprox reports whether the centre's position is only approximate
// (see PosNote).
func (c Centre) PosApprox() bool { return c.PosNote != "" }

// PhoneLabelFR is the caption of the phone number as the window and the
// letters show it: « Téléphone (standard, FINESS 2020) » when the number
// is a register's switchboard, else « Téléphone ».
func (c Centre) PhoneLabelFR() string {
	if c.ContactSource == "" {
		return "Téléphone"
	}
	return "Téléphone (standard, " + c.ContactSource + ")"
}

// AddressLabelFR is the caption of the postal address: « Adresse (FINESS
// 2020) » when it was copied from a register, else « Adresse ».
func (c Centre) AddressLabelFR() string {
	if c.ContactSource == "" {
		return "Adresse"
	}
	return "Adresse (" + c.ContactSource + ")"
}

// PostalLines is the centre's postal address as a recipient block prints
// it, without the name: the street when known, then the postcode and
// La Poste's routing label (or the commune). Empty parts are left out.
func (c Centre) PostalLines() []string {
	var out []string
	if a := strings.TrimSpace(c.Address); a != "" {
		out = append(out, a)
	}
	city := c.CityLabel
	if city == "" {
		city = c.Commune
	}
	if l := strings.TrimSpace(c.Postcode + " " + city); l != "" {
		out = append(out, l)
	}
	return out
}

// Directory is a whole directory of centres, such as the embedded
// demonstration directory or a federation update.
type Directory struct {
	Version string `json:"version"`
	Date    string `json:"date"` // YYYY-MM-DD
	// Indicative directories carry Label, shown wherever centres are listed.
	Indicative bool     `json:"indicative"`
	Label      string   `json:"label"`
	Source     string   `json:"source"`
	Centres    []Centre `json:"centres"`
}

var (
	datePattern  = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	inseePattern = regexp.MustCompile(`^(\d{5}|2[AB]\d{3})$`)
)

func validDate(s string) bool {
	if !datePattern.MatchString(s) {
		return false
	}
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

// Validate checks one centre against the catalogue's procedure ids.
func (c Centre) Validate(procedures map[string]bool) error {
	where := fmt.Sprintf("centre %q", c.ID)
	switch {
	case !idPattern.MatchString(c.ID):
		return fmt.Errorf("%s : identifiant invalide (minuscules, chiffres et tirets)", where)
	case c.Name == "":
		return fmt.Errorf("%s : nom manquant", where)
	case !inseePattern.MatchString(c.INSEE):
		return fmt.Errorf("%s : code INSEE de commune invalide %q", where, c.INSEE)
	case c.Sector != SectorPublic && c.Sector != SectorPrivate && c.Sector != SectorPrivateNonProfit:
		return fmt.Errorf("%s : statut public/privé inconnu %q", where, c.Sector)
	case c.Source == "":
		return fmt.Errorf("%s : source manquante", where)
	case !validDate(c.CheckedOn):
		return fmt.Errorf("%s : date de vérification invalide %q (attendu AAAA-MM-JJ)", where, c.CheckedOn)
	}
	for i, a := range c.Authorisations {
		if err := a.validate(); err != nil {
			return fmt.Errorf("%s, autorisation n° %d : %w", where, i+1, err)
		}
	}
	_, authorised := c.RIAuthorisation()
	seen := map[string]bool{}
	for _, o := range c.Offers {
		switch {
		case !procedures[o.ProcedureID]:
			return fmt.Errorf("%s : geste inconnu %q", where, o.ProcedureID)
		case seen[o.ProcedureID]:
			return fmt.Errorf("%s : geste %q en double", where, o.ProcedureID)
		case o.Origin != OfferDeclared && o.Origin != OfferAuthorised && o.Origin != OfferIndicative:
			return fmt.Errorf("%s : origine %q inconnue pour le geste %q", where, o.Origin, o.ProcedureID)
		case o.Origin == OfferIndicative && o.Reason == "":
			return fmt.Errorf("%s : offre indicative %q sans motif", where, o.ProcedureID)
		case o.Origin == OfferAuthorised && !authorised:
			return fmt.Errorf("%s : geste %q dit autorisé, mais le site n'a pas d'autorisation de radiologie interventionnelle en cours", where, o.ProcedureID)
		case o.CheckedOn != "" && !validDate(o.CheckedOn):
			return fmt.Errorf("%s : date invalide %q pour le geste %q", where, o.CheckedOn, o.ProcedureID)
		}
		seen[o.ProcedureID] = true
	}
	return nil
}

// Validate checks the directory as a whole: its header, and every centre.
func (d Directory) Validate(procedures map[string]bool) error {
	switch {
	case d.Version == "":
		return fmt.Errorf("annuaire : version manquante")
	case !validDate(d.Date):
		return fmt.Errorf("annuaire : date invalide %q (attendu AAAA-MM-JJ)", d.Date)
	case d.Indicative && d.Label == "":
		return fmt.Errorf("annuaire indicatif sans mention à afficher")
	}
	ids := map[string]bool{}
	for _, c := range d.Centres {
		if ids[c.ID] {
			return fmt.Errorf("centre %q en double", c.ID)
		}
		ids[c.ID] = true
		if err := c.Validate(procedures); err != nil {
			return err
		}
	}
	return nil
}
