package letter

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"atlasri/app/pdfdoc"
	"atlasri/app/practice"
)

// Confidential is printed on every page of a letter.
const Confidential = "Confidentiel – secret médical"

// Type sizes and styles of a letter.
var (
	body     = pdfdoc.Style{Face: pdfdoc.Regular, Size: 10.5, Leading: 1.38}
	heading  = pdfdoc.Style{Face: pdfdoc.Bold, Size: 10.5, Leading: 1.38, SpaceBefore: 7, SpaceAfter: 1, Color: pdfdoc.Accent}
	small    = pdfdoc.Style{Face: pdfdoc.Regular, Size: 9, Leading: 1.3}
	itemText = pdfdoc.Style{Face: pdfdoc.Regular, Size: 10.5, Leading: 1.38, Indent: 6}
)

// Document lays the letter out on A4 pages.
func (l *Letter) Document() (*pdfdoc.Document, error) {
	b, err := pdfdoc.New(pdfdoc.Options{
		Info: pdfdoc.Info{
			// Never the patient's name: print queues and file managers show it.
			Title:   "Lettre d'adressage en radiologie interventionnelle",
			Author:  l.GP.DisplayName(),
			Subject: l.Procedure.NameFR,
		},
		Footer:       Confidential,
		PageNumbers:  true,
		Continuation: fmt.Sprintf("Lettre d'adressage – %s – %s (suite)", l.PatientLine(), l.GP.DisplayName()),
	})
	if err != nil {
		return nil, err
	}
	if l.Incomplete {
		b.Paragraph(pdfdoc.Style{Face: pdfdoc.Bold, Size: 11, Color: pdfdoc.Red, Align: pdfdoc.Center, SpaceAfter: 6},
			pdfdoc.T("BROUILLON – lettre incomplète, à ne pas envoyer"))
	}
	l.header(b)
	l.opening(b)
	l.clinical(b)
	l.workup(b)
	l.request(b)
	l.closing(b)
	return b.Finish(), nil
}

// ErrIncomplete refuses to print or save a preview of an incomplete letter.
var ErrIncomplete = errors.New("lettre incomplète : complétez les champs signalés avant de l'imprimer ou de l'enregistrer")

// PDF renders the letter as PDF bytes; an incomplete preview is refused.
func (l *Letter) PDF() ([]byte, error) {
	if l.Incomplete {
		return nil, ErrIncomplete
	}
	d, err := l.Document()
	if err != nil {
		return nil, err
	}
	return d.PDF()
}

// header sets the letterhead, the recipient, place and date, subject and
// patient lines.
func (l *Letter) header(b *pdfdoc.Builder) {
	top := b.Y()
	left := b.Left()
	y := b.Place(left, top, pdfdoc.MM(85), pdfdoc.Style{Face: pdfdoc.Bold, Size: 12, Leading: 1.3}, pdfdoc.T(l.GP.DisplayName()))
	y = b.Place(left, y, pdfdoc.MM(85), small, pdfdoc.T(letterhead(l.GP)))
	conf := pdfdoc.Style{Face: pdfdoc.Bold, Size: 8.5, Color: pdfdoc.Red, Align: pdfdoc.Right}
	b.Place(left, top, b.Width(), conf, pdfdoc.T(strings.ToUpper(Confidential)))

	// The recipient sits where a right-hand window envelope shows it.
	rx := pdfdoc.MM(110)
	rw := pdfdoc.PageWidth - rx - pdfdoc.MM(20)
	ry := max(pdfdoc.MM(48), y+pdfdoc.MM(4))
	ry = b.Place(rx, ry, rw, pdfdoc.Style{Face: pdfdoc.Bold, Size: 10.5, Leading: 1.3}, pdfdoc.T("Équipe de radiologie interventionnelle"))
	ry = b.Place(rx, ry, rw, pdfdoc.Style{Face: pdfdoc.Regular, Size: 10.5, Leading: 1.3}, pdfdoc.T(recipient(l)))
	b.SetY(max(y, ry) + pdfdoc.MM(8))

	b.Paragraph(pdfdoc.Style{Face: pdfdoc.Regular, Size: 10.5, Align: pdfdoc.Right, SpaceAfter: 12},
		pdfdoc.T(fmt.Sprintf("%s, le %s", l.GP.City, LongDate(l.Date))))
	b.Paragraph(pdfdoc.Style{Face: pdfdoc.Regular, Size: 10.5, Leading: 1.38, SpaceAfter: 2},
		pdfdoc.B("Objet : "), pdfdoc.T(l.subject()))
	b.Paragraph(pdfdoc.Style{Face: pdfdoc.Regular, Size: 10.5, Leading: 1.38},
		pdfdoc.B(agreement(l.Input.Patient.Civility, "Patiente : ", "Patient : ")), pdfdoc.T(l.PatientLine()+l.ageNote(" (%d ans)")))
	p := l.Input.Patient
	l.identity(b)
	if contact := joinNonEmpty(" – ", practice.FormatPhone(p.Phone), oneLine(p.Address)); contact != "" {
		b.Paragraph(body, pdfdoc.B("Coordonnées : "), pdfdoc.T(contact))
	}
	b.Space(10)
}

// identity prints the patient's identity by the INS rules: the traits
// always, the INS only for a qualified identity.
func (l *Letter) identity(b *pdfdoc.Builder) {
	p := l.Input.Patient
	firsts := p.BirthFirstNames
	if firsts == "" {
		firsts = p.FirstName
	}
	born := Placeholder
	if !l.birth.IsZero() {
		born = ShortDate(l.birth)
	}
	sex := map[string]string{Female: "F", Male: "M"}[p.Sex]
	if sex == "" {
		sex = Placeholder
	}
	traits := fmt.Sprintf("nom de naissance %s ; prénom(s) de naissance %s ; né(e) le %s ; sexe %s ; lieu de naissance (code INSEE) %s",
		strings.ToUpper(p.BirthName), firsts, born, sex, p.Birthplace)
	b.Paragraph(small, pdfdoc.B("Traits d'identité : "), pdfdoc.T(traits))
	if ins := l.QualifiedINS(); ins != nil {
		b.Paragraph(body, pdfdoc.B("INS ("+ins.Kind+") : "), pdfdoc.T(FormatNIR(ins.Matricule)), pdfdoc.Muted(" – identité qualifiée (INSi)"))
	} else {
		b.Paragraph(small, pdfdoc.Muted("Identité non qualifiée : INS non transmis."))
	}
	treating := "non"
	if l.Treating() {
		treating = "oui"
	}
	b.Paragraph(body, pdfdoc.B("Médecin traitant "+agreement(p.Civility, "de la patiente", "du patient")+" : "), pdfdoc.T(treating))
}

// letterhead is the GP block under the name.
func letterhead(g practice.GP) string {
	lines := []string{g.SpecialtyOrDefault()}
	if g.Practice != "" {
		lines = append(lines, g.Practice)
	}
	lines = append(lines, strings.Split(g.Address, "\n")...)
	lines = append(lines, strings.TrimSpace(g.Postcode+" "+g.City))
	if g.Phone != "" {
		lines = append(lines, "Tél. "+practice.FormatPhone(g.Phone))
	}
	if g.Email != "" {
		lines = append(lines, "Courriel : "+g.Email)
	}
	if g.MSSante != "" {
		lines = append(lines, "MSSanté : "+g.MSSante)
	}
	if g.RPPS != "" {
		lines = append(lines, "N° RPPS : "+g.RPPS)
	}
	return strings.Join(lines, "\n")
}

// recipient is the centre's block: only what the directory knows, never
// an invented address. The postal lines end with La Poste's routing label
// when the directory has it (« 49933 ANGERS »), and a number copied from a
// register says which one and when.
func recipient(l *Letter) string {
	c := l.Centre
	lines := []string{c.Name}
	if c.Postcode != "" {
		postal := c.PostalLines()
		for i, pl := range postal {
			if i == len(postal)-1 {
				pl = strings.ToUpper(pl)
			}
			lines = append(lines, strings.Split(pl, "\n")...)
		}
	} else {
		lines = append(lines, fmt.Sprintf("%s (%s)", c.Commune, c.Dept))
	}
	if c.Phone != "" {
		if c.ContactSource != "" {
			lines = append(lines, fmt.Sprintf("Standard : %s (%s)", practice.FormatPhone(c.Phone), c.ContactSource))
		} else {
			lines = append(lines, "Tél. "+practice.FormatPhone(c.Phone))
		}
	}
	if c.MSSante != "" {
		lines = append(lines, "MSSanté : "+c.MSSante)
	}
	return strings.Join(lines, "\n")
}

// subject is the "Objet" line.
func (l *Letter) subject() string {
	var what string
	switch {
	case l.Requested(RequestProcedure):
		what = "demande d'avis et de prise en charge"
	case l.Requested(RequestOpinion):
		what = "demande d'avis"
	default:
		what = "demande de consultation"
	}
	return fmt.Sprintf("%s en radiologie interventionnelle – %s", what, lowerFirst(l.Procedure.NameFR))
}

func (l *Letter) opening(b *pdfdoc.Builder) {
	p := l.Input.Patient
	b.Paragraph(pdfdoc.Style{Face: pdfdoc.Regular, Size: 10.5, SpaceAfter: 8}, pdfdoc.T("Chères Consœurs, chers Confrères,"))
	b.Paragraph(body, pdfdoc.T(fmt.Sprintf("Je vous adresse %s%s, au sujet du geste suivant : %s.",
		l.PatientName(), l.ageNote(", "+agreement(p.Civility, "âgée", "âgé")+" de %d ans"), lowerFirst(l.Procedure.NameFR))))
}

// clinical sets the reason, history, treatments, allergies and renal
// function.
func (l *Letter) clinical(b *pdfdoc.Builder) {
	in := l.Input
	section(b, "Motif de l'adressage")
	b.Paragraph(body, pdfdoc.T(in.Reason))
	if in.Question != "" {
		b.Paragraph(body, pdfdoc.B("Question posée : "), pdfdoc.T(in.Question))
	}
	b.Paragraph(body, pdfdoc.B("Délai : "), pdfdoc.T(l.urgencyText(in.Urgency)))

	section(b, "Antécédents")
	b.Paragraph(body, pdfdoc.T(orUnstated(in.History)))

	section(b, "Traitements en cours")
	// Anticoagulants and antiplatelets first: the team plans the procedure
	// around them.
	b.Paragraph(body, pdfdoc.B("Anticoagulant : "), treatment(in.Anticoagulant))
	b.Paragraph(body, pdfdoc.B("Antiagrégant plaquettaire : "), treatment(in.Antiplatelet))
	b.Paragraph(body, pdfdoc.B("Autres traitements : "), pdfdoc.T(orUnstated(in.Treatments)))

	section(b, "Allergies")
	b.Paragraph(body, pdfdoc.B("Produits de contraste iodés : "), allergy(in.Allergies.IodinatedContrast))
	b.Paragraph(body, pdfdoc.B("Latex : "), allergy(in.Allergies.Latex))
	if in.Allergies.Other != "" {
		b.Paragraph(body, pdfdoc.B("Autres : "), pdfdoc.T(in.Allergies.Other))
	}

	if rf := in.RenalFunction; rf != nil || l.renalRelevant() {
		section(b, "Fonction rénale")
		if rf == nil {
			b.Paragraph(body, pdfdoc.T("Non renseignée."))
			return
		}
		var parts []string
		if rf.CreatinineUmolL > 0 {
			parts = append(parts, "créatininémie "+decimal(rf.CreatinineUmolL)+" µmol/L")
		}
		if rf.EGFR > 0 {
			parts = append(parts, "DFG estimé "+decimal(rf.EGFR)+" mL/min/1,73 m²")
		}
		s := strings.Join(parts, ", ")
		if rf.Date != "" {
			if d, err := ParseDate(rf.Date); err == nil {
				s += " (bilan du " + ShortDate(d) + ")"
			}
		}
		b.Paragraph(body, pdfdoc.T(strings.ToUpper(s[:1])+s[1:]+"."))
	}
}

func (l *Letter) workup(b *pdfdoc.Builder) {
	section(b, "Bilan joint")
	if l.WorkupIndicative {
		b.Paragraph(pdfdoc.Style{Face: pdfdoc.Italic, Size: 9, Color: pdfdoc.Gray, SpaceAfter: 2},
			pdfdoc.T("Liste indicative tirée de la fiche du geste, à confirmer avec votre équipe."))
	}
	for _, it := range l.Workup {
		spans := []pdfdoc.Span{pdfdoc.T(it.Text)}
		if it.Uncertain {
			spans = append(spans, pdfdoc.Muted(" (à confirmer)"))
		}
		if !it.Attached {
			spans = append(spans, pdfdoc.Muted(" – non joint"))
		}
		b.Checkbox(itemText, it.Attached, spans...)
	}
}

func (l *Letter) request(b *pdfdoc.Builder) {
	c := l.Input.Patient.Civility
	section(b, "Ma demande")
	b.Paragraph(body, pdfdoc.T("Je vous remercie de bien vouloir :"))
	b.Checkbox(itemText, l.Requested(RequestOpinion), pdfdoc.T("me donner votre avis sur l'indication ;"))
	b.Checkbox(itemText, l.Requested(RequestProcedure), pdfdoc.T("réaliser le geste si l'indication est retenue, ou orienter "+
		agreement(c, "la patiente", "le patient")+" vers une équipe qui le pratique ;"))
	b.Checkbox(itemText, l.Requested(RequestConsultation), pdfdoc.T("recevoir "+agreement(c, "la patiente", "le patient")+" en consultation."))
	if l.Procedure.MDTDecision {
		var who []string
		for _, s := range l.Procedure.CoSpecialists {
			if !strings.Contains(s.Text, "RCP") {
				who = append(who, s.Text)
			}
		}
		text := "L'indication de ce traitement relève d'une réunion de concertation pluridisciplinaire (RCP) ; je vous remercie de m'indiquer si le dossier doit y être présenté."
		if len(who) > 0 {
			text += " Spécialistes concernés : " + strings.Join(who, ", ") + "."
		}
		b.Paragraph(pdfdoc.Style{Face: pdfdoc.Regular, Size: 10.5, Leading: 1.38, SpaceBefore: 6}, pdfdoc.B("Décision en RCP. "), pdfdoc.T(text))
	}
	if l.Input.Comment != "" {
		section(b, "Remarques")
		b.Paragraph(body, pdfdoc.T(l.Input.Comment))
	}
}

func (l *Letter) closing(b *pdfdoc.Builder) {
	p := l.Input.Patient
	consent := fmt.Sprintf("%s de cet adressage et consent à la transmission de ces informations à l'équipe qui %s prendra en charge (art. R4127-45 du code de la santé publique).",
		agreement(p.Civility, "La patiente est informée", "Le patient est informé"), agreement(p.Civility, "la", "le"))
	b.Paragraph(pdfdoc.Style{Face: pdfdoc.Regular, Size: 10.5, Leading: 1.38, SpaceBefore: 8}, pdfdoc.B("Accord "+agreement(p.Civility, "de la patiente", "du patient")+". "), pdfdoc.T(consent))
	if c := l.copiesText(); c != "" {
		b.Paragraph(body, pdfdoc.B("Copie : "), pdfdoc.T(c))
	}
	closing := "Je vous remercie de votre accueil et vous prie de croire, chères Consœurs, chers Confrères, à l'assurance de mes sentiments confraternels les meilleurs."
	sig := pdfdoc.Style{Face: pdfdoc.Bold, Size: 10.5, Leading: 1.3}
	img, _ := l.GP.SignatureImage()
	sigH := 0.0
	if img != nil {
		sigH = pdfdoc.MM(18)
	}
	// Keep the closing, the signature and the stamp together.
	b.EnsureSpace(b.Measure(body, b.Width(), pdfdoc.T(closing)) + pdfdoc.MM(36) + sigH)
	b.Paragraph(pdfdoc.Style{Face: pdfdoc.Regular, Size: 10.5, Leading: 1.38, SpaceBefore: 10}, pdfdoc.T(closing))
	x := b.Left() + b.Width()*0.55
	w := b.Width() * 0.45
	y := b.Y() + pdfdoc.MM(8)
	y = b.Place(x, y, w, sig, pdfdoc.T(l.GP.DisplayName()))
	y = b.Place(x, y, w, small, pdfdoc.T(l.GP.SpecialtyOrDefault()))
	if img != nil {
		bounds := img.Bounds()
		iw := sigH * float64(bounds.Dx()) / float64(bounds.Dy())
		if iw > w {
			iw = w
		}
		b.ImageAt(img, x, y+pdfdoc.MM(2), iw, iw*float64(bounds.Dy())/float64(bounds.Dx()))
		y += sigH + pdfdoc.MM(2)
	}
	if l.GP.Stamp != "" {
		y = b.Place(x, y+pdfdoc.MM(2), w, small, pdfdoc.T(l.GP.Stamp))
	}
	b.SetY(y)
}

// copiesText is "patient / DMP", or empty.
func (l *Letter) copiesText() string {
	var out []string
	if slices.Contains(l.Input.Copies, CopyPatient) {
		out = append(out, "patient")
	}
	if slices.Contains(l.Input.Copies, CopyDMP) {
		out = append(out, "DMP")
	}
	return strings.Join(out, " / ")
}

func (l *Letter) urgencyText(u string) string {
	switch u {
	case UrgencySoon:
		return "rapide : merci de recevoir " + agreement(l.Input.Patient.Civility, "la patiente", "le patient") + " dès que possible."
	case UrgencyUrgent:
		return "urgent : merci de me contacter pour organiser la prise en charge."
	}
	return "habituel."
}

// ageNote formats the age with format, or nothing when it is unknown.
func (l *Letter) ageNote(format string) string {
	if a := l.Age(); a >= 0 {
		return fmt.Sprintf(format, a)
	}
	return ""
}

func section(b *pdfdoc.Builder, title string) {
	// A heading never ends a page: keep it with two lines of its text.
	b.EnsureSpace(heading.SpaceBefore + 3*body.Size*body.Leading)
	b.Paragraph(heading, pdfdoc.T(title))
}

func orUnstated(s string) string {
	if s == "" {
		return "Non précisés."
	}
	return s
}

func treatment(s string) pdfdoc.Span {
	if none(s) {
		return pdfdoc.T("aucun")
	}
	return pdfdoc.T(s)
}

func allergy(s string) pdfdoc.Span {
	switch s {
	case Yes:
		return pdfdoc.B("OUI")
	case No:
		return pdfdoc.T("non")
	}
	return pdfdoc.I("non renseigné")
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", ", ")), " ")
}
