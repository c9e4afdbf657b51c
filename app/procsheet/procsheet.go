// Package procsheet turns a catalogue procedure into its "fiche geste": the
// sections a GP reads before referring (what it is, indications, work-up to
// attach, anaesthesia, stay, contraindications), with every uncertainty of
// the catalogue kept visible. The window shows the sections; Document lays
// the same sections out for printing.
package procsheet

import (
	"strings"

	"atlasri/app/pdfdoc"
	"atlasri/model"
)

// Section is one titled part of the sheet.
type Section struct {
	Title string
	Items []model.Item
	// Uncertain marks a whole section the catalogue calls fragile.
	Uncertain bool
}

// Alert is a message the sheet puts before everything else.
type Alert struct {
	Emergency bool // "appeler le 15" rather than a notice
	Text      string
}

// Sheet is a procedure's sheet, ready to show or print.
type Sheet struct {
	Title    string
	Subtitle string // English name and family
	Alerts   []Alert
	Sections []Section
	Sources  []model.Source
	Footer   string
}

// UncertainNote is how an uncertain item or section is flagged.
const UncertainNote = "à confirmer"

// Build assembles the sheet of p; family names its families, catalogueNote
// is the catalogue's caveat.
func Build(p model.Procedure, family func(id string) string, catalogueNote string) Sheet {
	var fams []string
	for _, f := range p.Families() {
		fams = append(fams, family(f))
	}
	s := Sheet{Title: p.NameFR, Subtitle: p.NameEN + " · " + strings.Join(fams, ", "), Sources: p.Sources, Footer: catalogueNote}
	if p.Emergency {
		text := "Urgence : appeler le 15. Pas de lettre d'adressage programmé."
		if p.EmergencyConduct != nil {
			text = p.EmergencyConduct.Text
		}
		s.Alerts = append(s.Alerts, Alert{Emergency: true, Text: text})
	} else if p.EmergencyConduct != nil {
		s.Alerts = append(s.Alerts, Alert{Emergency: true, Text: "Signes d'alarme : " + p.EmergencyConduct.Text})
	}
	switch p.Status {
	case model.StatusRecent:
		s.Alerts = append(s.Alerts, Alert{Text: "Technique récente : le recul est encore limité ; à présenter comme telle au patient."})
	case model.StatusUnderEvaluation:
		s.Alerts = append(s.Alerts, Alert{Text: "Technique en cours d'évaluation : son intérêt n'est pas encore établi ; à présenter comme telle au patient."})
	}
	if p.MDTDecision {
		s.Alerts = append(s.Alerts, Alert{Text: "L'indication est décidée en réunion de concertation pluridisciplinaire (RCP) : " +
			"adressez aussi le patient à son oncologue ou à son hépatologue référent."})
	}
	add := func(title string, items []model.Item, field string) {
		if len(items) > 0 {
			s.Sections = append(s.Sections, Section{Title: title, Items: items, Uncertain: field != "" && p.FieldUncertain(field)})
		}
	}
	add("Indications", p.Indications, "indications")
	add("Bilan à joindre à l'adressage", p.Workup, "workup")
	var an []model.Item
	labels := make([]string, len(p.Anaesthesia))
	for i, a := range p.Anaesthesia {
		labels[i] = model.AnaesthesiaLabelFR(a)
	}
	if len(labels) > 0 {
		an = append(an, model.Item{Text: capitalize(strings.Join(labels, ", ou ")) + " (la première est la plus fréquente)"})
	}
	if p.AnaesthesiaNote != nil {
		an = append(an, *p.AnaesthesiaNote)
	}
	add("Anesthésie", an, "anaesthesia")
	stay := []model.Item{{Text: capitalize(model.StayLabelFR(p.Stay))}}
	if p.StayNote != nil {
		stay = append(stay, *p.StayNote)
	}
	add("Séjour", stay, "stay")
	add("Contre-indications", p.Contraindications, "contraindications")
	add("Autres intervenants", p.CoSpecialists, "")
	if p.Remark != nil {
		add("Remarque", []model.Item{*p.Remark}, "")
	}
	if len(p.CCAMIndicative) > 0 {
		var cc []model.Item
		for _, c := range p.CCAMIndicative {
			cc = append(cc, model.Item{Text: c.Code + " : " + c.Label + " (code CCAM indicatif, à vérifier)"})
		}
		add("Codes CCAM", cc, "")
	}
	return s
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

var (
	titleStyle   = pdfdoc.Style{Face: pdfdoc.Bold, Size: 15, Leading: 1.25, SpaceAfter: 2}
	subStyle     = pdfdoc.Style{Face: pdfdoc.Regular, Size: 10, Color: pdfdoc.Gray, SpaceAfter: 6}
	alertStyle   = pdfdoc.Style{Face: pdfdoc.Bold, Size: 10.5, Leading: 1.35, Color: pdfdoc.Red, SpaceAfter: 3}
	noticeStyle  = pdfdoc.Style{Face: pdfdoc.Regular, Size: 10, Leading: 1.35, SpaceAfter: 3}
	headingStyle = pdfdoc.Style{Face: pdfdoc.Bold, Size: 11.5, Leading: 1.3, SpaceBefore: 8, SpaceAfter: 2, Color: pdfdoc.Accent}
	itemStyle    = pdfdoc.Style{Face: pdfdoc.Regular, Size: 10, Leading: 1.35, Indent: 4}
	sourceStyle  = pdfdoc.Style{Face: pdfdoc.Regular, Size: 8, Leading: 1.3, Indent: 4, Color: pdfdoc.Gray}
)

// Document lays the sheet out on A4 pages.
func (s Sheet) Document() (*pdfdoc.Document, error) {
	b, err := pdfdoc.New(pdfdoc.Options{
		Info:        pdfdoc.Info{Title: "Fiche geste : " + s.Title, Author: "Atlas RI", Subject: s.Title},
		Footer:      "Atlas RI · fiche geste · catalogue à relire par un radiologue interventionnel",
		PageNumbers: true,
	})
	if err != nil {
		return nil, err
	}
	b.Paragraph(titleStyle, pdfdoc.T(s.Title))
	b.Paragraph(subStyle, pdfdoc.T(s.Subtitle))
	b.HLine(0.6, pdfdoc.Rule)
	b.Space(6)
	for _, a := range s.Alerts {
		if a.Emergency {
			b.Paragraph(alertStyle, pdfdoc.T(a.Text))
		} else {
			b.Paragraph(noticeStyle, pdfdoc.I(a.Text))
		}
	}
	for _, sec := range s.Sections {
		title := []pdfdoc.Span{pdfdoc.T(sec.Title)}
		if sec.Uncertain {
			title = append(title, pdfdoc.Muted(" (rubrique "+UncertainNote+")"))
		}
		b.Paragraph(headingStyle, title...)
		for _, it := range sec.Items {
			spans := []pdfdoc.Span{pdfdoc.T(it.Text)}
			if it.Uncertain {
				spans = append(spans, pdfdoc.Muted(" ("+UncertainNote+")"))
			}
			b.Bullet(itemStyle, spans...)
		}
	}
	if len(s.Sources) > 0 {
		b.Paragraph(headingStyle, pdfdoc.T("Sources"))
		for _, src := range s.Sources {
			b.Bullet(sourceStyle, pdfdoc.T(src.URL+" : "+src.Note))
		}
	}
	if s.Footer != "" {
		b.Space(8)
		b.Paragraph(pdfdoc.Style{Face: pdfdoc.Italic, Size: 8.5, Leading: 1.3, Color: pdfdoc.Gray}, pdfdoc.T(s.Footer))
	}
	return b.Finish(), nil
}
