package letter

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Civilities.
const (
	Madame   = "Madame"
	Monsieur = "Monsieur"
)

// Answers for the allergy questions.
const (
	Yes     = "oui"
	No      = "non"
	Unknown = "inconnu"
)

// Request kinds: what the GP asks of the team.
const (
	RequestOpinion      = "avis"
	RequestProcedure    = "geste"
	RequestConsultation = "consultation"
)

// RequestKinds lists the request kinds in the order the letter prints them.
var RequestKinds = []string{RequestOpinion, RequestProcedure, RequestConsultation}

// Sexes, as the civil register records them (an INS trait).
const (
	Female = "F"
	Male   = "M"
)

// Patient is who the letter is about, identified by the INS rules: the
// identity traits always (birth name, first birth first name, birth date,
// sex, birthplace), the INS only when the identity is qualified. Nothing
// here is stored unless the GP asks for the letter to be kept in the
// history.
type Patient struct {
	Civility string `json:"civility"` // how the letter addresses the patient
	Sex      string `json:"sex"`      // F or M
	// BirthName is the nom de naissance (INS trait).
	BirthName string `json:"birth_name"`
	// FirstName is the first birth first name (INS trait).
	FirstName string `json:"first_name"`
	// BirthFirstNames are all the birth first names, space separated.
	BirthFirstNames string `json:"birth_first_names,omitempty"`
	// UsedName and UsedFirstName are the names in use, when different.
	UsedName      string `json:"used_name,omitempty"`
	UsedFirstName string `json:"used_first_name,omitempty"`
	BirthDate     string `json:"birth_date"` // AAAA-MM-JJ or JJ/MM/AAAA
	// Birthplace is the code officiel géographique (INSEE) of the birth
	// commune, or 99 and the country's code for people born abroad.
	Birthplace string `json:"birthplace"`
	INS        *INS   `json:"ins,omitempty"`
	Phone      string `json:"phone,omitempty"`
	Address    string `json:"address,omitempty"`
}

// INS is the national health identifier. It is printed, and written into
// the CDA, only when Qualified: the GP checked it through the INSi
// teleservice and an identity document.
type INS struct {
	Matricule string `json:"matricule"`      // NIR or NIA, 15 characters with the key
	Kind      string `json:"kind,omitempty"` // NIR (default) or NIA
	Qualified bool   `json:"qualified"`
}

// Kinds of INS matricule.
const (
	KindNIR = "NIR"
	KindNIA = "NIA"
)

// Urgency levels of a letter (emergencies get no letter: they call the 15).
const (
	UrgencyRoutine = "habituel"
	UrgencySoon    = "rapide"
	UrgencyUrgent  = "urgent"
)

// Urgencies lists the urgency levels in the order a form offers them.
var Urgencies = []string{UrgencyRoutine, UrgencySoon, UrgencyUrgent}

// Copies the letter may say it sends.
const (
	CopyPatient = "patient"
	CopyDMP     = "dmp"
)

// Allergies are the two the team always asks about, and any other.
type Allergies struct {
	IodinatedContrast string `json:"iodinated_contrast"` // oui, non or inconnu
	Latex             string `json:"latex"`
	Other             string `json:"other,omitempty"`
}

// RenalFunction is the latest renal work-up, when the GP has one.
type RenalFunction struct {
	CreatinineUmolL float64 `json:"creatinine_umol_l,omitempty"`
	EGFR            float64 `json:"egfr_ml_min,omitempty"` // mL/min/1,73 m²
	Date            string  `json:"date,omitempty"`
}

// WorkupChoice edits the work-up list of the procedure sheet, which the
// letter starts with all items ticked.
type WorkupChoice struct {
	// NotAttached are the numbers (from 1) of the sheet's items left unticked.
	NotAttached []int `json:"not_attached,omitempty"`
	// Extra are documents the GP adds.
	Extra []string `json:"extra,omitempty"`
}

// Input is everything the GP types for one letter. It is also the format
// of the command line's patient file (see docs/LETTERS.md).
type Input struct {
	// Version is the patient file's format (FormatVersion); older files
	// have none and are migrated (see ParsePatientFile).
	Version int     `json:"version"`
	Patient Patient `json:"patient"`
	// TreatingDoctor says whether the GP is the patient's médecin
	// traitant (parcours de soins); nil takes the settings' default.
	TreatingDoctor *bool          `json:"treating_doctor,omitempty"`
	Reason         string         `json:"reason"`
	Question       string         `json:"question,omitempty"` // the question asked of the team
	Urgency        string         `json:"urgency,omitempty"`  // habituel (default), rapide, urgent
	Consent        bool           `json:"consent"`            // the patient agrees to the letter being sent
	Copies         []string       `json:"copies,omitempty"`   // patient, dmp
	History        string         `json:"history,omitempty"`
	Treatments     string         `json:"treatments,omitempty"`
	Anticoagulant  string         `json:"anticoagulant"`
	Antiplatelet   string         `json:"antiplatelet"`
	Allergies      Allergies      `json:"allergies"`
	RenalFunction  *RenalFunction `json:"renal_function,omitempty"`
	Request        []string       `json:"request"`
	Workup         WorkupChoice   `json:"workup,omitzero"`
	Comment        string         `json:"comment,omitempty"`
}

// Field names one input field: its key in the patient file and its French
// label, so that a form can point at it and a message can name it.
type Field struct {
	Key   string
	Label string
}

func (f Field) String() string { return fmt.Sprintf("%s (%s)", f.Label, f.Key) }

// Problem is a field whose value is wrong.
type Problem struct {
	Field   Field
	Message string
}

// ValidationError lists everything that stops a letter: every missing
// required field and every wrong value, in one French message.
type ValidationError struct {
	Missing  []Field
	Problems []Problem
}

func (e *ValidationError) Error() string {
	var parts []string
	if len(e.Missing) > 0 {
		names := make([]string, len(e.Missing))
		for i, f := range e.Missing {
			names[i] = f.String()
		}
		parts = append(parts, "champs obligatoires manquants : "+strings.Join(names, ", "))
	}
	if len(e.Problems) > 0 {
		probs := make([]string, len(e.Problems))
		for i, p := range e.Problems {
			probs[i] = p.Field.String() + " : " + p.Message
		}
		parts = append(parts, "à corriger : "+strings.Join(probs, " ; "))
	}
	return "Lettre incomplète. " + strings.Join(parts, ". ") + "."
}

func (e *ValidationError) missing(key, label string) {
	e.Missing = append(e.Missing, Field{key, label})
}

func (e *ValidationError) problem(key, label, format string, args ...any) {
	e.Problems = append(e.Problems, Problem{Field{key, label}, fmt.Sprintf(format, args...)})
}

func (e *ValidationError) empty() bool { return len(e.Missing) == 0 && len(e.Problems) == 0 }

// Length limits keep a letter a letter.
const (
	maxName = 100
	maxText = 8000
)

// Normalized trims the fields and puts the controlled values in their
// canonical form ("Mme" → "Madame", "Oui" → "oui").
func (in Input) Normalized() Input {
	p := &in.Patient
	for _, s := range []*string{&p.Civility, &p.Sex, &p.BirthName, &p.FirstName, &p.BirthFirstNames, &p.UsedName, &p.UsedFirstName,
		&p.BirthDate, &p.Birthplace, &p.Phone, &p.Address, &in.Reason, &in.Question, &in.Urgency, &in.History, &in.Treatments, &in.Anticoagulant, &in.Antiplatelet,
		&in.Allergies.IodinatedContrast, &in.Allergies.Latex, &in.Allergies.Other, &in.Comment} {
		*s = strings.TrimSpace(*s)
	}
	switch strings.ToLower(strings.TrimSuffix(p.Civility, ".")) {
	case "madame", "mme":
		p.Civility = Madame
	case "monsieur", "m", "mr":
		p.Civility = Monsieur
	}
	switch strings.ToUpper(p.Sex) {
	case "F", "FÉMININ", "FEMININ", "FEMME":
		p.Sex = Female
	case "M", "MASCULIN", "HOMME":
		p.Sex = Male
	}
	p.Birthplace = strings.ToUpper(p.Birthplace)
	if p.INS != nil {
		ins := *p.INS
		ins.Matricule = NormalizeNIR(ins.Matricule)
		ins.Kind = strings.ToUpper(strings.TrimSpace(ins.Kind))
		if ins.Kind == "" {
			ins.Kind = KindNIR
		}
		if ins.Matricule == "" {
			p.INS = nil
		} else {
			p.INS = &ins
		}
	}
	in.Urgency = strings.ToLower(in.Urgency)
	if in.Urgency == "" {
		in.Urgency = UrgencyRoutine
	}
	var copies []string
	for _, c := range in.Copies {
		c = strings.ToLower(strings.TrimSpace(c))
		if c != "" && !slices.Contains(copies, c) {
			copies = append(copies, c)
		}
	}
	in.Copies = copies
	in.Allergies.IodinatedContrast = answer(in.Allergies.IodinatedContrast)
	in.Allergies.Latex = answer(in.Allergies.Latex)
	seen := map[string]bool{}
	var req []string
	for _, r := range in.Request {
		r = strings.ToLower(strings.TrimSpace(r))
		if r != "" && !seen[r] {
			seen[r] = true
			req = append(req, r)
		}
	}
	in.Request = req
	var extra []string
	for _, x := range in.Workup.Extra {
		if x = strings.TrimSpace(x); x != "" {
			extra = append(extra, x)
		}
	}
	in.Workup.Extra = extra
	return in
}

func answer(s string) string {
	switch strings.ToLower(s) {
	case "oui", "yes":
		return Yes
	case "non", "no":
		return No
	case "inconnu", "inconnue", "ne sait pas", "non renseigné", "non renseignée":
		return Unknown
	}
	return s
}

// Validate checks an input as normalized by Normalized; on is the letter's
// date, which a birth date or a lab date cannot follow.
func (in Input) Validate(on time.Time) *ValidationError {
	e := &ValidationError{}
	validateRequired(e, in)
	birth := validatePatient(e, in.Patient, on)
	if ins := in.Patient.INS; ins != nil {
		switch {
		case ins.Kind != KindNIR && ins.Kind != KindNIA:
			e.problem("patient.ins.kind", "type de matricule INS", "« %s » : attendu NIR ou NIA", ins.Kind)
		case ins.Kind == KindNIR:
			if err := CheckNIR(ins.Matricule, birth); err != nil {
				e.problem("patient.ins.matricule", "matricule INS", "%v", err)
			}
		case !insPattern.MatchString(ins.Matricule):
			e.problem("patient.ins.matricule", "matricule INS", "le NIA compte 15 chiffres, clé comprise")
		}
	}
	validateLengths(e, in)
	validateChoices(e, in)
	if rf := in.RenalFunction; rf != nil {
		validateRenal(e, *rf, on)
	}
	validateWorkup(e, in.Workup)
	if e.empty() {
		return nil
	}
	return e
}

// validateRequired names every field a letter cannot go without.
func validateRequired(e *ValidationError, in Input) {
	p := in.Patient
	required := []struct{ key, label, value string }{
		{"patient.civility", "civilité", p.Civility},
		{"patient.sex", "sexe (état civil)", p.Sex},
		{"patient.birth_name", "nom de naissance", p.BirthName},
		{"patient.first_name", "premier prénom de naissance", p.FirstName},
		{"patient.birth_date", "date de naissance", p.BirthDate},
		{"patient.birthplace", "lieu de naissance (code INSEE)", p.Birthplace},
		{"reason", "motif de l'adressage", in.Reason},
		{"anticoagulant", "traitement anticoagulant (« aucun » s'il n'y en a pas)", in.Anticoagulant},
		{"antiplatelet", "traitement antiagrégant plaquettaire (« aucun » s'il n'y en a pas)", in.Antiplatelet},
		{"allergies.iodinated_contrast", "allergie aux produits de contraste iodés (oui, non, inconnu)", in.Allergies.IodinatedContrast},
		{"allergies.latex", "allergie au latex (oui, non, inconnu)", in.Allergies.Latex},
	}
	for _, r := range required {
		if r.value == "" {
			e.missing(r.key, r.label)
		}
	}
	if len(in.Request) == 0 {
		e.missing("request", "demande (avis, geste, consultation)")
	}
	if !in.Consent {
		e.missing("consent", "accord du patient pour la transmission (art. R4127-45 du CSP)")
	}
}

// validatePatient checks the patient's civility, names and birth date,
// and returns the birth date when it is valid (the NIR is checked
// against it).
func validatePatient(e *ValidationError, p Patient, on time.Time) (birth time.Time) {
	if p.Civility != "" && p.Civility != Madame && p.Civility != Monsieur {
		e.problem("patient.civility", "civilité", "« %s » : attendu Madame ou Monsieur", p.Civility)
	}
	if p.Sex != "" && p.Sex != Female && p.Sex != Male {
		e.problem("patient.sex", "sexe", "« %s » : attendu F ou M", p.Sex)
	}
	if p.Birthplace != "" && !cogPattern.MatchString(p.Birthplace) {
		e.problem("patient.birthplace", "lieu de naissance", "attendu le code INSEE à 5 caractères de la commune (99 et le code du pays pour une naissance à l'étranger)")
	}
	for _, f := range []struct{ key, label, value string }{
		{"patient.birth_name", "nom de naissance", p.BirthName},
		{"patient.first_name", "premier prénom de naissance", p.FirstName},
		{"patient.birth_first_names", "prénoms de naissance", p.BirthFirstNames},
		{"patient.used_name", "nom utilisé", p.UsedName},
		{"patient.used_first_name", "prénom utilisé", p.UsedFirstName},
	} {
		switch {
		case utf8.RuneCountInString(f.value) > maxName:
			e.problem(f.key, f.label, "plus de %d caractères", maxName)
		case strings.ContainsFunc(f.value, func(r rune) bool { return unicode.IsControl(r) || unicode.IsDigit(r) }):
			e.problem(f.key, f.label, "contient des chiffres ou des caractères de contrôle")
		}
	}
	if p.BirthDate == "" {
		return birth
	}
	b, err := ParseDate(p.BirthDate)
	switch {
	case err != nil:
		e.problem("patient.birth_date", "date de naissance", "%v", err)
	case b.After(on):
		e.problem("patient.birth_date", "date de naissance", "postérieure à la date de la lettre")
	case b.Year() < 1900:
		e.problem("patient.birth_date", "date de naissance", "année antérieure à 1900")
	default:
		birth = b
	}
	return birth
}

// validateLengths bounds the free texts.
func validateLengths(e *ValidationError, in Input) {
	p := in.Patient
	for _, f := range []struct{ key, label, value string }{
		{"patient.phone", "téléphone du patient", p.Phone},
		{"patient.address", "adresse du patient", p.Address},
		{"reason", "motif de l'adressage", in.Reason},
		{"question", "question posée", in.Question},
		{"history", "antécédents", in.History},
		{"treatments", "traitements en cours", in.Treatments},
		{"anticoagulant", "traitement anticoagulant", in.Anticoagulant},
		{"antiplatelet", "traitement antiagrégant", in.Antiplatelet},
		{"allergies.other", "autres allergies", in.Allergies.Other},
		{"comment", "remarques", in.Comment},
	} {
		if utf8.RuneCountInString(f.value) > maxText {
			e.problem(f.key, f.label, "plus de %d caractères", maxText)
		}
	}
}

// validateChoices checks the fields that take one of a few values.
func validateChoices(e *ValidationError, in Input) {
	for _, a := range []struct{ key, label, value string }{
		{"allergies.iodinated_contrast", "allergie aux produits de contraste iodés", in.Allergies.IodinatedContrast},
		{"allergies.latex", "allergie au latex", in.Allergies.Latex},
	} {
		if a.value != "" && a.value != Yes && a.value != No && a.value != Unknown {
			e.problem(a.key, a.label, "« %s » : attendu oui, non ou inconnu", a.value)
		}
	}
	for _, r := range in.Request {
		if r != RequestOpinion && r != RequestProcedure && r != RequestConsultation {
			e.problem("request", "demande", "« %s » : attendu avis, geste ou consultation", r)
		}
	}
	if !slices.Contains(Urgencies, in.Urgency) {
		e.problem("urgency", "délai", "« %s » : attendu habituel, rapide ou urgent", in.Urgency)
	}
	for _, c := range in.Copies {
		if c != CopyPatient && c != CopyDMP {
			e.problem("copies", "copies", "« %s » : attendu patient ou dmp", c)
		}
	}
}

var (
	// A COG code: département (2A, 2B for Corsica) and commune, or 99 and
	// a country for people born abroad.
	cogPattern = regexp.MustCompile(`^([0-9]{2}|2A|2B)[0-9]{3}$`)
	insPattern = regexp.MustCompile(`^[0-9]{15}$`)
)

// validateWorkup bounds what the GP adds to the work-up.
func validateWorkup(e *ValidationError, w WorkupChoice) {
	for i, x := range w.Extra {
		if utf8.RuneCountInString(x) > 300 {
			e.problem(fmt.Sprintf("workup.extra[%d]", i), "document ajouté au bilan", "plus de 300 caractères")
		}
	}
	if len(w.Extra) > 30 {
		e.problem("workup.extra", "documents ajoutés au bilan", "%d documents : 30 au plus", len(w.Extra))
	}
}

func validateRenal(e *ValidationError, rf RenalFunction, on time.Time) {
	const creat, egfr = "renal_function.creatinine_umol_l", "renal_function.egfr_ml_min"
	if c := rf.CreatinineUmolL; c != 0 && (math.IsNaN(c) || c < 5 || c > 3000) {
		e.problem(creat, "créatininémie", "%g µmol/L n'est pas plausible (5 à 3000)", c)
	}
	if g := rf.EGFR; g != 0 && (math.IsNaN(g) || g < 1 || g > 250) {
		e.problem(egfr, "DFG estimé", "%g mL/min/1,73 m² n'est pas plausible (1 à 250)", g)
	}
	if rf.CreatinineUmolL == 0 && rf.EGFR == 0 {
		e.problem("renal_function", "fonction rénale", "ni créatininémie ni DFG : retirez le bloc ou remplissez-le")
	}
	if rf.Date != "" {
		d, err := ParseDate(rf.Date)
		switch {
		case err != nil:
			e.problem("renal_function.date", "date du bilan rénal", "%v", err)
		case d.After(on):
			e.problem("renal_function.date", "date du bilan rénal", "%s est après la date de la lettre", d.Format("02/01/2006"))
		}
	}
}

// ParseDate reads a date typed as AAAA-MM-JJ or JJ/MM/AAAA.
func ParseDate(s string) (time.Time, error) {
	for _, layout := range []string{"2006-01-02", "02/01/2006", "2/1/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	// The value is not repeated: it may be a patient's birth date.
	return time.Time{}, fmt.Errorf("date invalide (attendu AAAA-MM-JJ ou JJ/MM/AAAA)")
}
