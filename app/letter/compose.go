// Package letter composes referral letters (lettres d'adressage) from the
// practice's GP to a centre's interventional radiology team for one
// procedure, and the information sheet given to the patient. It checks
// what the GP typed (required fields, NIR key), renders A4 documents with
// app/pdfdoc, and keeps a letter in user.db's history only when the GP asks.
//
// The flow for the window and the command line is the same:
// Service.Draft (pre-filled work-up, notices), Service.Compose (checks,
// returns a Letter or a *ValidationError naming every missing field),
// Letter.Document / Letter.Sheet (preview images or PDF bytes), then
// Service.Delivered once printed or saved.
package letter

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"atlasri/app/practice"
	"atlasri/model"
)

// EmergencyError refuses a letter for an emergency procedure: the GP must
// follow the conduct instead (call the 15).
type EmergencyError struct {
	Procedure string
	Conduct   string
}

func (e *EmergencyError) Error() string {
	return fmt.Sprintf("Pas de lettre d'adressage pour « %s » : c'est une urgence. %s", e.Procedure, e.Conduct)
}

// WorkupItem is one line of the work-up to attach.
type WorkupItem struct {
	Text      string `json:"text"`
	Uncertain bool   `json:"uncertain,omitempty"` // not found in a source: printed "à confirmer"
	Attached  bool   `json:"attached"`
	Extra     bool   `json:"extra,omitempty"` // added by the GP
}

// Draft is what the letter form starts from.
type Draft struct {
	Centre    model.Centre
	Procedure model.Procedure
	// Workup is the procedure sheet's list, all ticked.
	Workup []WorkupItem
	// WorkupIndicative is set when the catalogue marks the whole list as
	// fragile.
	WorkupIndicative bool
	// Notices are for the GP, never printed: the directory is indicative,
	// the centre's address is unknown...
	Notices []string
}

// NewDraft prepares a letter for a centre and a procedure, or refuses an
// emergency procedure with an *EmergencyError.
func NewDraft(ref model.ReferenceReader, centreID, procedureID string) (*Draft, error) {
	p, err := ref.Procedure(procedureID)
	if err != nil {
		return nil, err
	}
	if p.Emergency {
		conduct := "Appeler le 15."
		if p.EmergencyConduct != nil {
			conduct = p.EmergencyConduct.Text
		}
		return nil, &EmergencyError{Procedure: p.NameFR, Conduct: conduct}
	}
	c, err := ref.Centre(centreID)
	if err != nil {
		return nil, err
	}
	d := &Draft{Centre: c, Procedure: p, WorkupIndicative: p.FieldUncertain("workup")}
	for _, it := range p.Workup {
		d.Workup = append(d.Workup, WorkupItem{Text: it.Text, Uncertain: it.Uncertain, Attached: true})
	}
	d.Notices = notices(ref, c, p)
	return d, nil
}

// notices tells the GP what the letter cannot vouch for.
func notices(ref model.ReferenceReader, c model.Centre, p model.Procedure) []string {
	var out []string
	var offer *model.Offer
	for i := range c.Offers {
		if c.Offers[i].ProcedureID == p.ID {
			offer = &c.Offers[i]
		}
	}
	switch {
	case offer == nil && model.IsPracticeCentre(c.ID):
		out = append(out, fmt.Sprintf("Vous n'avez pas indiqué que %s pratique ce geste : la lettre demande un avis ou une orientation, vérifiez auprès du centre.", c.Name))
	case offer == nil:
		out = append(out, fmt.Sprintf("L'annuaire n'indique pas que %s pratique ce geste : la lettre demande un avis ou une orientation, vérifiez auprès du centre.", c.Name))
	case model.IsPracticeCentre(c.ID):
		out = append(out, "Centre ajouté par le cabinet : ses gestes sont ceux que vous avez indiqués, aucun annuaire ne les confirme. La lettre ne dit pas que le centre pratique ce geste.")
	case offer.Origin == model.OfferAuthorised:
		a, _ := c.RIAuthorisation()
		out = append(out, fmt.Sprintf("Le registre des autorisations (ARS) permet ce geste au site (%s) ; il ne dit pas que le centre le pratique. La lettre ne le dit pas non plus : vérifiez auprès du centre.", a.MentionLabelFR()))
	case offer.Review != "":
		out = append(out, "Geste déclaré par le centre, "+offer.Review+". La lettre ne dit pas que le centre pratique ce geste.")
	case !offer.Declared():
		// The label is the directory's own warning, shown wherever centres are.
		info, _ := ref.DirectoryInfo()
		label := info.Label
		if label == "" {
			label = "Offre indicative, non confirmée par le centre."
		}
		out = append(out, label+" La lettre ne dit pas que le centre pratique ce geste.")
	}
	if c.Address == "" || c.Postcode == "" {
		out = append(out, "L'annuaire ne donne pas l'adresse postale de ce centre : la lettre n'indique que la commune ; complétez l'enveloppe vous-même.")
	}
	if c.ContactSource != "" && (c.Address != "" || c.Phone != "") {
		out = append(out, fmt.Sprintf("Adresse et standard du centre tirés du registre (%s) : vérifiez-les avant l'envoi.", c.ContactSource))
	}
	if c.Phone == "" {
		out = append(out, "Téléphone du centre inconnu de l'annuaire : la fiche patient invite à le demander.")
	}
	if p.MDTDecision {
		out = append(out, "Geste décidé en RCP : la lettre le mentionne ; adressez aussi au spécialiste qui suit le patient.")
	}
	return out
}

// Letter is a composed, checked letter.
type Letter struct {
	Date      time.Time
	GP        practice.GP
	Centre    model.Centre
	Procedure model.Procedure
	// Input is the GP's input, normalized.
	Input            Input
	Workup           []WorkupItem
	WorkupIndicative bool
	Notices          []string
	// Incomplete is set on previews of letters that do not pass the checks.
	Incomplete bool
	birth      time.Time
}

// Compose checks everything and returns the letter. All missing or wrong
// fields, the GP's identity included, come back in one *ValidationError.
func Compose(d *Draft, gp practice.GP, in Input, date time.Time) (*Letter, error) {
	l, e := build(d, gp, in, date)
	if e != nil {
		return nil, e
	}
	return l, nil
}

// Preview composes a letter even when it is incomplete, for the form's
// live preview: what is missing prints as "[à compléter]" under a
// "brouillon" banner, and the *ValidationError (nil when complete) says
// what to fill in. A preview with an error must never be printed or saved.
func Preview(d *Draft, gp practice.GP, in Input, date time.Time) (*Letter, *ValidationError) {
	return build(d, gp, in, date)
}

// Placeholder stands for a missing field in a preview.
const Placeholder = "[à compléter]"

func build(d *Draft, gp practice.GP, in Input, date time.Time) (*Letter, *ValidationError) {
	in = in.Normalized()
	gp = gp.Normalized()
	e := in.Validate(date)
	if e == nil {
		e = &ValidationError{}
	}
	if in.TreatingDoctor == nil {
		switch gp.TreatingDefault {
		case practice.Yes:
			in.TreatingDoctor = new(true)
		case practice.No:
			in.TreatingDoctor = new(false)
		default:
			e.Missing = append(e.Missing, Field{"treating_doctor", "médecin traitant du patient (oui ou non)"})
		}
	}
	for _, m := range gp.Missing() {
		e.Missing = append(e.Missing, Field{Key: "gp", Label: m + " du médecin (Paramètres)"})
	}
	if err := gp.Validate(); err != nil {
		e.Problems = append(e.Problems, Problem{Field{Key: "gp", Label: "identité du médecin (Paramètres)"}, strings.TrimPrefix(err.Error(), "identité du médecin : ")})
	}
	workup := make([]WorkupItem, len(d.Workup))
	copy(workup, d.Workup)
	for i := range workup {
		workup[i].Attached = true
	}
	for _, n := range in.Workup.NotAttached {
		if n < 1 || n > len(workup) {
			e.Problems = append(e.Problems, Problem{Field{"workup.not_attached", "bilan non joint"},
				fmt.Sprintf("n° %d hors de la liste (le bilan de ce geste compte %d éléments)", n, len(workup))})
			continue
		}
		workup[n-1].Attached = false
	}
	for _, x := range in.Workup.Extra {
		workup = append(workup, WorkupItem{Text: x, Attached: true, Extra: true})
	}
	birth, err := ParseDate(in.Patient.BirthDate)
	if err != nil || birth.After(date) {
		birth = time.Time{}
	}
	l := &Letter{Date: date, GP: gp, Centre: d.Centre, Procedure: d.Procedure, Input: in,
		Workup: workup, WorkupIndicative: d.WorkupIndicative, Notices: d.Notices, birth: birth}
	if ins := in.Patient.INS; ins != nil && !ins.Qualified {
		l.Notices = append(l.Notices, "Identité non qualifiée : le matricule INS n'est ni imprimé ni exporté ; la lettre porte les traits d'identité.")
	}
	if l.renalRelevant() && in.RenalFunction == nil {
		l.Notices = append(l.Notices, "Fonction rénale non renseignée alors que le bilan de ce geste la demande : la lettre l'indique.")
	}
	if e.empty() {
		return l, nil
	}
	l.Incomplete = true
	l.fillPlaceholders()
	return l, e
}

// fillPlaceholders marks the empty required fields of a preview.
func (l *Letter) fillPlaceholders() {
	in := &l.Input
	for _, s := range []*string{&in.Patient.Civility, &in.Patient.BirthName, &in.Patient.FirstName, &in.Patient.Birthplace, &in.Reason,
		&in.Anticoagulant, &in.Antiplatelet, &l.GP.FirstName, &l.GP.LastName, &l.GP.Address, &l.GP.Postcode, &l.GP.City, &l.GP.Phone} {
		if *s == "" {
			*s = Placeholder
		}
	}
}

// PatientName is "Madame Marie DUPONT", with the names in use.
func (l *Letter) PatientName() string {
	p := l.Input.Patient
	first, last := p.FirstName, p.BirthName
	if p.UsedFirstName != "" {
		first = p.UsedFirstName
	}
	if p.UsedName != "" {
		last = p.UsedName
	}
	return p.Civility + " " + first + " " + strings.ToUpper(last)
}

// PatientLine identifies the patient as the letter prints it:
// "Madame Marie DUPONT (née DURAND), née le 03/04/1975".
func (l *Letter) PatientLine() string {
	p := l.Input.Patient
	s := l.PatientName()
	if p.UsedName != "" && !strings.EqualFold(p.BirthName, p.UsedName) {
		s += fmt.Sprintf(" (%s %s)", agreement(p.Civility, "née", "né"), strings.ToUpper(p.BirthName))
	}
	born := Placeholder
	if !l.birth.IsZero() {
		born = ShortDate(l.birth)
	}
	return s + fmt.Sprintf(", %s le %s", agreement(p.Civility, "née", "né"), born)
}

// Age is the patient's age on the letter's date, -1 when the birth date is
// not known (in a preview).
func (l *Letter) Age() int {
	if l.birth.IsZero() {
		return -1
	}
	return age(l.birth, l.Date)
}

// renalRelevant says whether the procedure's work-up asks for renal
// function (iodinated contrast), so the letter must say something about it.
func (l *Letter) renalRelevant() bool {
	for _, it := range l.Procedure.Workup {
		f := model.Fold(it.Text)
		if strings.Contains(f, "creatinin") || strings.Contains(f, "dfg") || strings.Contains(f, "contraste iode") {
			return true
		}
	}
	return false
}

// Treating reports whether the GP is the patient's médecin traitant.
func (l *Letter) Treating() bool { return l.Input.TreatingDoctor != nil && *l.Input.TreatingDoctor }

// QualifiedINS returns the INS when the identity is qualified: the only
// case where it may be printed or sent.
func (l *Letter) QualifiedINS() *INS {
	if ins := l.Input.Patient.INS; ins != nil && ins.Qualified {
		return ins
	}
	return nil
}

// BirthDate is the patient's birth date, zero when unknown (a preview).
func (l *Letter) BirthDate() time.Time { return l.birth }

// Requested reports whether the GP asks for kind.
func (l *Letter) Requested(kind string) bool { return slices.Contains(l.Input.Request, kind) }
