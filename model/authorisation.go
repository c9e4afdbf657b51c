package model

import (
	"fmt"
	"strings"
	"time"
)

// Since the 2022 reform (décret n° 2022-1237 du 16 septembre 2022),
// interventional radiology is an activity that needs an ARS authorisation
// (CSP R. 6122-25, 21°). Article R. 6123-166 grants it under four
// mentions, each covering the acts of the one before:
//
//	A: endovenous acts (venous access lines included), and deep
//	   infiltrations, punctures, biopsies and drainages of thoracic,
//	   abdominal and pelvic organs;
//	B: A, plus deep endovenous and endoarterial acts and every other
//	   percutaneous or transorificial act; its practice "a" excludes the
//	   thoracic aorta, "b" includes its endovascular therapeutic acts;
//	C: B, plus therapeutic oncological acts by any route;
//	D: every act of R. 6123-165, including the round-the-clock emergency
//	   haemostasis of vascular and visceral conditions (intracranial
//	   circulation excluded).
//
// Interventional cardiology and neuroradiology are other activities
// (R. 6123-165 excludes them): no RI mention covers them.

// ActivityRI is the register's code of the interventional radiology
// activity (nomenclature TRE_R381 of the ANS).
const ActivityRI = "QA030"

// Mention is the scope of an interventional radiology authorisation.
type Mention string

// Mentions, in increasing scope.
const (
	MentionA Mention = "A"
	MentionB Mention = "B"
	MentionC Mention = "C"
	MentionD Mention = "D"
)

// Rank orders the mentions (A = 1 … D = 4); 0 for anything else.
func (m Mention) Rank() int {
	switch m {
	case MentionA:
		return 1
	case MentionB:
		return 2
	case MentionC:
		return 3
	case MentionD:
		return 4
	}
	return 0
}

// Valid reports whether m is one of A, B, C, D.
func (m Mention) Valid() bool { return m.Rank() > 0 }

// Covers reports whether an authorisation of mention m covers the acts
// that need at least mention min.
func (m Mention) Covers(min Mention) bool { return m.Valid() && min.Valid() && m.Rank() >= min.Rank() }

// Practice narrows a mention B authorisation (R. 6123-166, 2°).
type Practice string

// Practices of mention B. The register codes them PTS09 and PTS10
// (TRE_R384); other mentions have none.
const (
	PracticeNone          Practice = ""
	PracticeNoThoracicAo  Practice = "a" // PTS09: all of mention B except the thoracic aorta
	PracticeThoracicAorta Practice = "b" // PTS10: thoracic aorta included
)

// Authorisation states.
const (
	AuthorisationActive   = "active"
	AuthorisationInactive = "inactive"
)

// Authorisation is one ARS authorisation held by a site, as the national
// register (FINESS+) publishes it.
type Authorisation struct {
	Activity string   `json:"activity"` // ActivityRI
	Mention  Mention  `json:"mention"`
	Practice Practice `json:"practice,omitempty"`
	// Number is the authorisation's number in the ARS's system
	// (numAutorisationArhgos); RegisterID the register's id of the
	// authorised activity at the site (activiteAeId).
	Number     string `json:"number,omitempty"`
	RegisterID string `json:"register_id,omitempty"`
	Start      string `json:"start,omitempty"` // AAAA-MM-JJ
	End        string `json:"end,omitempty"`   // AAAA-MM-JJ, empty when open-ended
	State      string `json:"state"`           // AuthorisationActive or AuthorisationInactive
	// Source names the feed and FeedDate its date: what the GP is shown
	// beside the mention.
	Source   string `json:"source"`
	FeedDate string `json:"feed_date"`
}

// Active reports whether the authorisation is in force.
func (a Authorisation) Active() bool { return a.State == AuthorisationActive }

// IsRI reports whether it is an interventional radiology authorisation.
func (a Authorisation) IsRI() bool { return a.Activity == ActivityRI }

// MentionLabelFR is "mention C", "mention B, hors aorte thoracique".
func (a Authorisation) MentionLabelFR() string {
	s := "mention " + string(a.Mention)
	switch a.Practice {
	case PracticeNoThoracicAo:
		s += ", hors aorte thoracique"
	case PracticeThoracicAorta:
		s += ", aorte thoracique comprise"
	}
	return s
}

// LabelFR is the line of the centre's card: « Autorisation ARS :
// radiologie interventionnelle, mention C (depuis le 01/10/2024) ».
func (a Authorisation) LabelFR() string {
	s := "Autorisation ARS : radiologie interventionnelle, " + a.MentionLabelFR()
	if a.Start != "" {
		s += " (depuis le " + DateFR(a.Start) + ")"
	}
	return s
}

// SourceFR says where the authorisation was read: « registre FINESS+
// (FINESS – Activités) du 01/04/2026 ».
func (a Authorisation) SourceFR() string {
	s := a.Source
	if a.FeedDate != "" {
		s += " du " + DateFR(a.FeedDate)
	}
	return s
}

// validate checks an authorisation's own values.
func (a Authorisation) validate() error {
	switch {
	case a.Activity == "":
		return fmt.Errorf("activité autorisée manquante")
	case a.IsRI() && !a.Mention.Valid():
		return fmt.Errorf("mention %q inconnue (A, B, C ou D)", a.Mention)
	case a.Practice != PracticeNone && a.Mention != MentionB:
		return fmt.Errorf("pratique %q donnée pour la mention %s : seule la mention B en a une", a.Practice, a.Mention)
	case a.Practice != PracticeNone && a.Practice != PracticeNoThoracicAo && a.Practice != PracticeThoracicAorta:
		return fmt.Errorf("pratique %q inconnue (a ou b)", a.Practice)
	case a.State != AuthorisationActive && a.State != AuthorisationInactive:
		return fmt.Errorf("état %q inconnu (active ou inactive)", a.State)
	case a.Start != "" && !validDate(a.Start):
		return fmt.Errorf("date de début invalide %q", a.Start)
	case a.End != "" && !validDate(a.End):
		return fmt.Errorf("date de fin invalide %q", a.End)
	case a.Source == "":
		return fmt.Errorf("source de l'autorisation manquante")
	case !validDate(a.FeedDate):
		return fmt.Errorf("date du registre invalide %q", a.FeedDate)
	}
	return nil
}

// MentionRule says under which mention a procedure of the catalogue may
// be done, and on which article that reading rests.
type MentionRule struct {
	// Mention is the least mention that covers the procedure; empty when
	// no RI mention does (OutsideRI then names the activity that does).
	Mention   Mention `json:"mention,omitempty"`
	OutsideRI string  `json:"outside_ri,omitempty"`
	Article   string  `json:"article"`
	Note      string  `json:"note,omitempty"`
	// Uncertain readings are shown « [à confirmer] » wherever they are used.
	Uncertain bool `json:"uncertain,omitempty"`
	// ThoracicAorta marks a procedure partly on the thoracic aorta: a
	// mention B limited to practice "a" covers only the rest of it.
	ThoracicAorta bool `json:"thoracic_aorta,omitempty"`
	// EmergencyHaemostasis marks emergency haemostasis, which mention D
	// sites provide round the clock (R. 6123-166, 4°).
	EmergencyHaemostasis bool `json:"emergency_haemostasis,omitempty"`
}

// LabelFR is the rule as a procedure sheet shows it: « mention B (CSP
// R. 6123-166, 2°) [à confirmer] ».
func (r MentionRule) LabelFR() string {
	s := "mention " + string(r.Mention)
	if r.Mention == "" {
		s = "hors radiologie interventionnelle : " + r.OutsideRI
	}
	s += " (" + r.Article + ")"
	if r.Uncertain {
		s += " " + Unconfirmed
	}
	return s
}

// Unconfirmed marks a reading of the décret not settled by its text.
const Unconfirmed = "[à confirmer]"

func (r MentionRule) validate() error {
	switch {
	case r.Mention == "" && r.OutsideRI == "":
		return fmt.Errorf("mention minimale manquante (ou activité hors radiologie interventionnelle)")
	case r.Mention != "" && !r.Mention.Valid():
		return fmt.Errorf("mention %q inconnue", r.Mention)
	case r.Mention != "" && r.OutsideRI != "":
		return fmt.Errorf("mention %s et activité hors radiologie interventionnelle à la fois", r.Mention)
	case strings.TrimSpace(r.Article) == "":
		return fmt.Errorf("article du décret manquant pour la mention")
	case r.EmergencyHaemostasis && r.Mention != MentionD:
		return fmt.Errorf("hémostase en urgence : mention D attendue, pas %q", r.Mention)
	}
	return nil
}

// Coverage is what an authorisation says about one procedure.
type Coverage struct {
	Covered bool
	// Restriction is set when only part of the procedure is covered
	// (« hors aorte thoracique »).
	Restriction string
	// RoundTheClock is set for emergency haemostasis at a mention D site.
	RoundTheClock bool
	// Authorisation is the one that covers it.
	Authorisation Authorisation
}

// Covers says whether an authorisation covers a procedure of this rule.
func (r MentionRule) Covers(a Authorisation) Coverage {
	if r.Mention == "" || !a.IsRI() || !a.Active() || !a.Mention.Covers(r.Mention) {
		return Coverage{}
	}
	c := Coverage{Covered: true, Authorisation: a, RoundTheClock: r.EmergencyHaemostasis && a.Mention == MentionD}
	if r.ThoracicAorta && a.Mention == MentionB && a.Practice == PracticeNoThoracicAo {
		c.Restriction = "hors aorte thoracique"
	}
	return c
}

// OfferOrigin says where an offer comes from.
type OfferOrigin string

// Offer origins, from the strongest for a GP to the weakest.
const (
	// OfferDeclared: the centre, or the federation's survey, says the
	// centre performs it.
	OfferDeclared OfferOrigin = "declare"
	// OfferAuthorised: derived from the site's ARS authorisation, which
	// permits it; it does not say that the centre performs it.
	OfferAuthorised OfferOrigin = "autorisation"
	// OfferIndicative: assumed from the kind of establishment.
	OfferIndicative OfferOrigin = "indicatif"
)

// ParseOfferOrigin reads an origin as written in a file, accents and
// case aside (« déclaré », « Autorisation »).
func ParseOfferOrigin(s string) (OfferOrigin, bool) {
	switch Fold(strings.TrimSpace(s)) {
	case "declare", "declaree", "declared":
		return OfferDeclared, true
	case "autorisation", "autorise", "authorised", "authorized":
		return OfferAuthorised, true
	case "indicatif", "indicative":
		return OfferIndicative, true
	}
	return "", false
}

// LabelFR names the origin as the window shows it.
func (o OfferOrigin) LabelFR() string {
	switch o {
	case OfferDeclared:
		return "déclaré par le centre"
	case OfferAuthorised:
		return "autorisé par la mention du site"
	case OfferIndicative:
		return "indicatif"
	}
	return string(o)
}

// DateFR writes 2026-11-26 as 26/11/2026; anything else is returned as is.
func DateFR(iso string) string {
	t, err := time.Parse("2006-01-02", iso)
	if err != nil {
		return iso
	}
	return t.Format("02/01/2006")
}

// RIAuthorisation returns the centre's widest active interventional
// radiology authorisation.
func (c Centre) RIAuthorisation() (Authorisation, bool) {
	var best Authorisation
	found := false
	for _, a := range c.Authorisations {
		if !a.IsRI() || !a.Active() {
			continue
		}
		if !found || a.Mention.Rank() > best.Mention.Rank() ||
			(a.Mention == best.Mention && a.Practice == PracticeThoracicAorta) {
			best, found = a, true
		}
	}
	return best, found
}

// Coverage says whether the centre's authorisations cover a procedure,
// taking the one that covers it best.
func (c Centre) Coverage(p Procedure) Coverage {
	if p.RIMention == nil {
		return Coverage{}
	}
	var best Coverage
	for _, a := range c.Authorisations {
		cv := p.RIMention.Covers(a)
		if cv.Covered && (!best.Covered || (best.Restriction != "" && cv.Restriction == "") || (cv.RoundTheClock && !best.RoundTheClock)) {
			best = cv
		}
	}
	return best
}
