package exchange

import (
	"strings"

	"atlasri/model"
)

// FormatID identifies the JSON format this release writes: version 2,
// which carries the sites' ARS authorisations and the origin of each
// offer. Version 1 files (FormatV1, with « verified ») are still read;
// any other version is refused rather than half understood.
const (
	FormatID = "atlasri-annuaire/2"
	FormatV1 = "atlasri-annuaire/1"
)

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
	Authorisations                     []Authorisation
	Offers                             []Offer
	Line                               int // where the centre starts
	pos                                positions
}

// Authorisation is one ARS authorisation of a centre as read.
type Authorisation struct {
	Activity, Mention, Practice, Number, RegisterID string
	Start, End, State, Source, FeedDate             string
	pos                                             positions
}

// Offer is one procedure of a centre as read. Origin is version 2's
// field; Verified is version 1's (nil when absent).
type Offer struct {
	Procedure string
	Origin    string
	Verified  *bool
	Reason    string
	Source    string
	CheckedOn string
	Review    string
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
	fOrigin     = "origin"
	fVerified   = "verified" // version 1
	fReason     = "reason"
	fReview     = "review"
	fAuths      = "authorisations"
	fDeclaredC  = "procedures_declared"   // CSV only
	fAuthorised = "procedures_authorised" // CSV only
	fIndicative = "procedures_indicative" // CSV only
	fReasonC    = "indicative_reason"     // CSV only
	// An authorisation's fields; the CSV gives one per row, in columns
	// named "authorisation_" + field.
	fActivity   = "activity"
	fMention    = "mention"
	fPractice   = "practice"
	fNumber     = "number"
	fRegisterID = "register_id"
	fStart      = "start"
	fEnd        = "end"
	fState      = "state"
	fFeedDate   = "feed_date"
)

// authKeys are an authorisation's fields, in the order they are written.
var authKeys = []string{fActivity, fMention, fPractice, fNumber, fRegisterID, fStart, fEnd, fState, fSource, fFeedDate}

// csvAuth is the CSV field of an authorisation field.
func csvAuth(field string) string { return "authorisation_" + field }

// text returns the authorisation's text field of that name, or nil.
func (a *Authorisation) text(field string) *string {
	switch field {
	case fActivity:
		return &a.Activity
	case fMention:
		return &a.Mention
	case fPractice:
		return &a.Practice
	case fNumber:
		return &a.Number
	case fRegisterID:
		return &a.RegisterID
	case fStart:
		return &a.Start
	case fEnd:
		return &a.End
	case fState:
		return &a.State
	case fSource:
		return &a.Source
	case fFeedDate:
		return &a.FeedDate
	}
	return nil
}

func (a *Authorisation) at(field string, fallback Pos) Pos {
	if p, ok := a.pos.get(field); ok {
		return p
	}
	return fallback
}

// empty reports whether no value of the authorisation was given (a CSV
// row without one).
func (a *Authorisation) empty() bool {
	for _, f := range authKeys {
		if *a.text(f) != "" {
			return false
		}
	}
	return true
}

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
	// « gestes_verifies » is the column of the files written before the
	// offers had an origin: a confirmed offer is a declared one.
	{fDeclaredC, "gestes_declares", []string{"procedures_declared", "gestes_verifies", "procedures_verified"}},
	{fAuthorised, "gestes_autorises", []string{"procedures_authorised"}},
	{fIndicative, "gestes_indicatifs", []string{"procedures_indicative"}},
	{fReasonC, "motif_indicatif", []string{"indicative_reason"}},
	{fSource, "source", nil},
	{fCheckedOn, "date_verification", []string{"checked_on", "date_de_verification", "verifie_le"}},
	{csvAuth(fMention), "autorisation_mention", []string{"mention"}},
	{csvAuth(fPractice), "autorisation_pratique", nil},
	{csvAuth(fNumber), "autorisation_numero", nil},
	{csvAuth(fRegisterID), "autorisation_id_registre", nil},
	{csvAuth(fStart), "autorisation_debut", nil},
	{csvAuth(fEnd), "autorisation_fin", nil},
	{csvAuth(fState), "autorisation_etat", nil},
	{csvAuth(fSource), "autorisation_source", nil},
	{csvAuth(fFeedDate), "autorisation_date_registre", nil},
	{csvAuth(fActivity), "autorisation_activite", nil},
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

// ModelAuthorisations returns the centre's authorisations as read, as
// the model's type, unchecked (Resolve checks them): enough to ask what
// they cover before the file is resolved.
func (c Centre) ModelAuthorisations() []model.Authorisation {
	out := make([]model.Authorisation, 0, len(c.Authorisations))
	for _, a := range c.Authorisations {
		out = append(out, a.model())
	}
	return out
}

// model is the authorisation as the model's type: codes in their
// canonical case (« mention c » is C), the activity RI and the state
// active when not given; the other values as read.
func (a Authorisation) model() model.Authorisation {
	m := model.Authorisation{
		Activity: strings.ToUpper(strings.TrimSpace(a.Activity)),
		Mention:  model.Mention(strings.ToUpper(strings.TrimSpace(strings.TrimPrefix(strings.ToLower(strings.TrimSpace(a.Mention)), "mention")))),
		Practice: model.Practice(strings.ToLower(strings.TrimSpace(a.Practice))),
		State:    strings.ToLower(strings.TrimSpace(a.State)),
		Number:   a.Number, RegisterID: a.RegisterID, Start: a.Start, End: a.End, Source: a.Source, FeedDate: a.FeedDate,
	}
	if m.Activity == "" {
		m.Activity = model.ActivityRI // the only activity the format knows so far
	}
	if m.State == "" {
		m.State = model.AuthorisationActive
	}
	return m
}
