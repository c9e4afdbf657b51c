package exchange

import (
	"strings"

	"atlasri/model"
)

// FormatID identifies version 1 of the JSON format; a file of another
// version is refused rather than half understood.
const FormatID = "atlasri-annuaire/1"

// File is a directory file as read, before its values are checked.
type File struct {
	Name       string // the file's name, for messages
	Kind       Kind
	Format     string
	Version    string
	Date       string
	Indicative bool
	Label      string
	Source     string
	Provenance *Provenance
	Centres    []Centre
	pos        positions
}

// Kind is a file's format.
type Kind string

// File kinds.
const (
	KindJSON Kind = "json"
	KindCSV  Kind = "csv"
)

// Provenance is written by Atlas RI in the copy of an installed directory
// it keeps in its data folder; it is ignored when a file is imported.
type Provenance struct {
	Origin      string `json:"origin"`          // "import" or "package"
	File        string `json:"file"`            // the name of the imported file or package
	SHA256      string `json:"sha256"`          // of the imported file or package
	Key         string `json:"key,omitempty"`   // id of the key that signed the package
	InstalledAt string `json:"installed_at"`    // RFC 3339
	Force       bool   `json:"force,omitempty"` // installed with --force
}

// Centre is one centre as read. Values are kept as written until Resolve
// checks them; Latitude and Longitude are nil when absent.
type Centre struct {
	ID, Name, Category, Sector, FINESS string
	Address, Postcode, Commune, INSEE  string
	CityLabel, ContactSource, PosNote  string
	Latitude, Longitude                *float64
	Phone, Email, MSSante, Website     string
	Source, CheckedOn                  string
	Offers                             []Offer
	Line                               int // where the centre starts
	pos                                positions
}

// Offer is one procedure of a centre as read.
type Offer struct {
	Procedure string
	Verified  bool
	Reason    string
	Source    string
	CheckedOn string
	pos       positions
}

// Field names of the JSON format, which are also the canonical names that
// CSV headers map to.
const (
	fID         = "id"
	fName       = "name"
	fCategory   = "category"
	fSector     = "sector"
	fFINESS     = "finess"
	fAddress    = "address"
	fCityLabel  = "city_label"
	fContactSrc = "contact_source"
	fPosNote    = "position_note"
	fPostcode   = "postcode"
	fCommune    = "commune"
	fINSEE      = "insee"
	fLatitude   = "latitude"
	fLongitude  = "longitude"
	fPhone      = "phone"
	fEmail      = "email"
	fMSSante    = "mssante"
	fWebsite    = "website"
	fSource     = "source"
	fCheckedOn  = "checked_on"
	fOffers     = "offers"
	fProcedure  = "procedure"
	fVerified   = "verified"
	fReason     = "reason"
	fVerifiedC  = "procedures_verified"   // CSV only
	fIndicative = "procedures_indicative" // CSV only
	fReasonC    = "indicative_reason"     // CSV only
)

// csvColumn is one column of the CSV format: its French header (what the
// export writes) and the other headers accepted for it.
type csvColumn struct {
	field   string
	header  string
	aliases []string
}

// csvColumns lists the CSV format's columns in the order the export writes
// them. Headers are compared folded (no case, no accents, spaces and
// hyphens as underscores), so "Code postal" and "code_postal" both work.
var csvColumns = []csvColumn{
	{fID, "id", []string{"identifiant"}},
	{fName, "nom", []string{"name", "nom_du_centre", "etablissement"}},
	{fCategory, "categorie", []string{"category", "type"}},
	{fSector, "statut", []string{"sector", "secteur", "public_prive"}},
	{fFINESS, "finess", []string{"finess_et", "numero_finess", "n_finess"}},
	{fAddress, "adresse", []string{"address"}},
	{fPostcode, "code_postal", []string{"postcode", "cp"}},
	{fCommune, "commune", []string{"ville", "city"}},
	{fCityLabel, "libelle_acheminement", []string{"city_label", "acheminement"}},
	{fINSEE, "insee", []string{"code_insee", "code_commune"}},
	{fLatitude, "latitude", []string{"lat"}},
	{fLongitude, "longitude", []string{"lon", "lng"}},
	{fPosNote, "note_position", []string{"position_note"}},
	{fPhone, "telephone", []string{"phone", "tel"}},
	{fEmail, "email", []string{"courriel", "mail", "e_mail"}},
	{fMSSante, "mssante", []string{"messagerie_securisee"}},
	{fWebsite, "site_web", []string{"website", "site", "url"}},
	{fContactSrc, "source_coordonnees", []string{"contact_source"}},
	{fVerifiedC, "gestes_verifies", []string{"procedures_verified"}},
	{fIndicative, "gestes_indicatifs", []string{"procedures_indicative"}},
	{fReasonC, "motif_indicatif", []string{"indicative_reason"}},
	{fSource, "source", nil},
	{fCheckedOn, "date_verification", []string{"checked_on", "date_de_verification", "verifie_le"}},
}

// headerKey folds a CSV header for comparison.
func headerKey(h string) string {
	h = model.Fold(strings.TrimSpace(h))
	h = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '-', '\'', '’', '.':
			return '_'
		}
		return r
	}, h)
	for strings.Contains(h, "__") {
		h = strings.ReplaceAll(h, "__", "_")
	}
	return strings.Trim(h, "_")
}

var csvByHeader = func() map[string]string {
	m := map[string]string{}
	for _, c := range csvColumns {
		m[headerKey(c.header)] = c.field
		for _, a := range c.aliases {
			m[headerKey(a)] = c.field
		}
	}
	return m
}()

// at returns where a field of the centre was read, falling back to the
// centre's first line.
func (c *Centre) at(field string) Pos {
	if p, ok := c.pos.get(field); ok {
		return p
	}
	return Pos{Line: c.Line}
}

func (o *Offer) at(field string, fallback Pos) Pos {
	if p, ok := o.pos.get(field); ok {
		return p
	}
	return fallback
}

func (f *File) at(field string) Pos {
	if p, ok := f.pos.get(field); ok {
		return p
	}
	return Pos{}
}

// text returns the centre's text field of that name, or nil.
func (c *Centre) text(field string) *string {
	switch field {
	case fID:
		return &c.ID
	case fName:
		return &c.Name
	case fCategory:
		return &c.Category
	case fSector:
		return &c.Sector
	case fFINESS:
		return &c.FINESS
	case fAddress:
		return &c.Address
	case fPostcode:
		return &c.Postcode
	case fCommune:
		return &c.Commune
	case fINSEE:
		return &c.INSEE
	case fCityLabel:
		return &c.CityLabel
	case fContactSrc:
		return &c.ContactSource
	case fPosNote:
		return &c.PosNote
	case fPhone:
		return &c.Phone
	case fEmail:
		return &c.Email
	case fMSSante:
		return &c.MSSante
	case fWebsite:
		return &c.Website
	case fSource:
		return &c.Source
	case fCheckedOn:
		return &c.CheckedOn
	}
	return nil
}

// positions says where each field of a centre or offer was read: a short
// list, cheaper than a map for the twenty fields of ten thousand centres.
type positions []fieldPos

type fieldPos struct {
	field string
	at    Pos
}

func (ps *positions) set(field string, at Pos) {
	for i := range *ps {
		if (*ps)[i].field == field {
			(*ps)[i].at = at
			return
		}
	}
	*ps = append(*ps, fieldPos{field, at})
}

func (ps positions) get(field string) (Pos, bool) {
	for _, p := range ps {
		if p.field == field {
			return p.at, true
		}
	}
	return Pos{}, false
}
