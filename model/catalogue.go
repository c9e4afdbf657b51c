package model

import (
	"fmt"
	"regexp"
	"slices"
)

// Item is one line of a procedure sheet. Uncertain lines were not found in a
// consulted source; the interface shows them as such, never as settled fact.
type Item struct {
	Text      string `json:"text"`
	Uncertain bool   `json:"uncertain,omitempty"`
}

// Family groups procedures the way GPs look for them.
type Family struct {
	ID     string `json:"id"`
	NameFR string `json:"name_fr"`
	NameEN string `json:"name_en"`
}

// Status is how settled a procedure is; recent and under-evaluation
// procedures are flagged on the procedure sheet.
type Status string

// Procedure statuses.
const (
	StatusEstablished     Status = "established"
	StatusRecent          Status = "recent"
	StatusUnderEvaluation Status = "under_evaluation"
)

// LabelFR is the status as shown to a GP.
func (s Status) LabelFR() string {
	switch s {
	case StatusEstablished:
		return "technique établie"
	case StatusRecent:
		return "technique récente"
	case StatusUnderEvaluation:
		return "technique en cours d'évaluation"
	}
	return string(s)
}

// CCAMCode is a CCAM act code read in a secondary source; shown, if at all,
// as "code CCAM indicatif, à vérifier".
type CCAMCode struct {
	Code   string `json:"code"`
	Label  string `json:"label"`
	Scope  string `json:"scope,omitempty"`
	Source string `json:"source,omitempty"`
	Reason string `json:"reason,omitempty"`
}

// Source is a public page a procedure sheet was written from.
type Source struct {
	URL  string `json:"url"`
	Note string `json:"note"`
}

// Procedure is one interventional radiology procedure of the catalogue.
type Procedure struct {
	ID                string   `json:"id"`
	NameFR            string   `json:"name_fr"`
	NameEN            string   `json:"name_en"`
	Family            string   `json:"family"`
	SecondaryFamilies []string `json:"secondary_families,omitempty"`
	Status            Status   `json:"status"`
	// Emergency procedures get no referral letter: the app shows
	// EmergencyConduct ("appeler le 15") instead.
	Emergency        bool  `json:"emergency"`
	EmergencyConduct *Item `json:"emergency_conduct,omitempty"`
	// MDTDecision marks oncology procedures decided in a multidisciplinary
	// meeting (RCP): the GP refers to the oncologist or hepatologist too.
	MDTDecision       bool       `json:"mdt_decision"`
	CoSpecialists     []Item     `json:"co_specialists"`
	Indications       []Item     `json:"indications"`
	Workup            []Item     `json:"workup"`
	Anaesthesia       []string   `json:"anaesthesia"`
	AnaesthesiaNote   *Item      `json:"anaesthesia_note,omitempty"`
	Stay              string     `json:"stay"`
	StayNote          *Item      `json:"stay_note,omitempty"`
	Contraindications []Item     `json:"contraindications"`
	CCAMIndicative    []CCAMCode `json:"ccam_indicative"`
	// CCAMUnverified codes are kept for reviewers and never shown to users.
	CCAMUnverified  []CCAMCode `json:"ccam_unverified"`
	SearchWords     []string   `json:"search_words"`
	UncertainFields []string   `json:"uncertain_fields"`
	Remark          *Item      `json:"remark,omitempty"`
	Sources         []Source   `json:"sources"`
	// RIMention is the least ARS mention under which the procedure may be
	// done (CSP R. 6123-166), with the article it rests on.
	RIMention *MentionRule `json:"ri_mention"`
}

// FieldUncertain reports whether the catalogue marks a whole field of this
// sheet ("contraindications", "workup", "stay"...) as fragile.
func (p Procedure) FieldUncertain(field string) bool {
	return slices.Contains(p.UncertainFields, field)
}

// InFamily reports whether the procedure belongs to the family fam.
func (p Procedure) InFamily(fam string) bool { return slices.Contains(p.Families(), fam) }

// Families lists the procedure's main family first, then its secondary ones.
func (p Procedure) Families() []string {
	return append([]string{p.Family}, p.SecondaryFamilies...)
}

// Catalogue is the whole procedure catalogue.
type Catalogue struct {
	Version    string      `json:"version"`
	NoteFR     string      `json:"note_fr"`
	Families   []Family    `json:"families"`
	Procedures []Procedure `json:"procedures"`
}

var (
	idPattern         = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	anaesthesiaValues = map[string]bool{"locale": true, "sedation": true, "generale": true}
	stayValues        = map[string]bool{
		"ambulatoire": true, "1-nuit": true, "ambulatoire-ou-1-nuit": true,
		"1-2-nuits": true, "2-5-jours": true, "hospitalisation-variable": true,
	}
	uncertainFieldValues = map[string]bool{
		"indications": true, "workup": true, "anaesthesia": true, "stay": true,
		"contraindications": true, "ccam": true, "family": true,
	}
)

// AnaesthesiaLabelFR gives the French label of a controlled anaesthesia value.
func AnaesthesiaLabelFR(v string) string {
	switch v {
	case "locale":
		return "anesthésie locale"
	case "sedation":
		return "sédation"
	case "generale":
		return "anesthésie générale"
	}
	return v
}

// StayLabelFR gives the French label of a controlled stay value.
func StayLabelFR(v string) string {
	switch v {
	case "ambulatoire":
		return "ambulatoire (sortie le jour même)"
	case "1-nuit":
		return "une nuit d'hospitalisation"
	case "ambulatoire-ou-1-nuit":
		return "ambulatoire ou une nuit selon le centre"
	case "1-2-nuits":
		return "une à deux nuits d'hospitalisation"
	case "2-5-jours":
		return "deux à cinq jours d'hospitalisation"
	case "hospitalisation-variable":
		return "durée d'hospitalisation variable"
	}
	return v
}

// Validate checks the catalogue's internal consistency: unique ids, known
// families and controlled values, and the emergency rule (an emergency
// procedure must say what to do instead of a referral).
func (c Catalogue) Validate() error {
	fams := map[string]bool{}
	for _, f := range c.Families {
		if !idPattern.MatchString(f.ID) || f.NameFR == "" {
			return fmt.Errorf("famille %q : identifiant ou nom invalide", f.ID)
		}
		if fams[f.ID] {
			return fmt.Errorf("famille %q en double", f.ID)
		}
		fams[f.ID] = true
	}
	seen := map[string]bool{}
	for i, p := range c.Procedures {
		where := fmt.Sprintf("procédure n° %d (%q)", i+1, p.ID)
		switch {
		case !idPattern.MatchString(p.ID):
			return fmt.Errorf("%s : identifiant invalide", where)
		case seen[p.ID]:
			return fmt.Errorf("%s : identifiant en double", where)
		case p.NameFR == "":
			return fmt.Errorf("%s : nom français manquant", where)
		case p.Emergency && p.EmergencyConduct == nil:
			return fmt.Errorf("%s : geste d'urgence sans conduite à tenir", where)
		}
		seen[p.ID] = true
		for _, f := range p.Families() {
			if !fams[f] {
				return fmt.Errorf("%s : famille inconnue %q", where, f)
			}
		}
		switch p.Status {
		case StatusEstablished, StatusRecent, StatusUnderEvaluation:
		default:
			return fmt.Errorf("%s : statut inconnu %q", where, p.Status)
		}
		for _, a := range p.Anaesthesia {
			if !anaesthesiaValues[a] {
				return fmt.Errorf("%s : anesthésie inconnue %q", where, a)
			}
		}
		if !stayValues[p.Stay] {
			return fmt.Errorf("%s : durée de séjour inconnue %q", where, p.Stay)
		}
		if p.RIMention == nil {
			return fmt.Errorf("%s : mention d'autorisation (« ri_mention ») manquante", where)
		}
		if err := p.RIMention.validate(); err != nil {
			return fmt.Errorf("%s : %w", where, err)
		}
		for _, f := range p.UncertainFields {
			if !uncertainFieldValues[f] {
				return fmt.Errorf("%s : champ incertain inconnu %q", where, f)
			}
		}
	}
	return nil
}
