package letter

import (
	"fmt"
	"strings"

	"atlasri/app/pdfdoc"
	"atlasri/app/practice"
	"atlasri/model"
)

// SheetContent is what the patient information sheet needs. It carries no
// patient identity (so nothing on it can break the INS rules): the sheet
// is handed to the patient, and may be printed before the letter is
// written. Its text is written for patients: TestSheetPlainLanguage
// bounds its sentence length.
type SheetContent struct {
	GP        practice.GP
	Centre    model.Centre
	Procedure model.Procedure
	// Documents are the work-up items to bring.
	Documents []string
	// Indicative is set when the directory does not confirm that the
	// centre performs the procedure.
	Indicative bool
}

// Sheet returns the content of the patient sheet that goes with the letter.
func (l *Letter) Sheet() SheetContent {
	sc := SheetContent{GP: l.GP, Centre: l.Centre, Procedure: l.Procedure, Indicative: true}
	for _, o := range l.Centre.Offers {
		if o.ProcedureID == l.Procedure.ID && o.Declared() && o.Review == "" {
			sc.Indicative = false
		}
	}
	for _, it := range l.Workup {
		if it.Attached {
			sc.Documents = append(sc.Documents, it.Text)
		}
	}
	return sc
}

// Sheet styles: larger type, for patients.
var (
	sheetBody    = pdfdoc.Style{Face: pdfdoc.Regular, Size: 10.5, Leading: 1.35}
	sheetHeading = pdfdoc.Style{Face: pdfdoc.Bold, Size: 11.5, Leading: 1.35, SpaceBefore: 9, SpaceAfter: 2, Color: pdfdoc.Accent}
	sheetItem    = pdfdoc.Style{Face: pdfdoc.Regular, Size: 10.5, Leading: 1.35, Indent: 4}
	sheetSubItem = pdfdoc.Style{Face: pdfdoc.Regular, Size: 9.5, Leading: 1.3, Indent: 18}
)

// Document lays out the one-page information sheet, in plain French.
func (sc SheetContent) Document() (*pdfdoc.Document, error) {
	b, err := pdfdoc.New(pdfdoc.Options{
		Info:   pdfdoc.Info{Title: "Fiche d'information patient", Author: sc.GP.DisplayName(), Subject: sc.Procedure.NameFR},
		Footer: "Document remis par votre médecin. Il ne remplace pas les explications de l'équipe qui vous prendra en charge.",
	})
	if err != nil {
		return nil, err
	}
	b.Paragraph(pdfdoc.Style{Face: pdfdoc.Bold, Size: 16, Leading: 1.25, SpaceAfter: 2}, pdfdoc.T("Votre rendez-vous en radiologie interventionnelle"))
	b.Paragraph(pdfdoc.Style{Face: pdfdoc.Regular, Size: 12, Leading: 1.3, Color: pdfdoc.Gray, SpaceAfter: 6}, pdfdoc.T(sc.Procedure.NameFR))
	b.HLine(0.6, pdfdoc.Rule)
	b.Space(8)
	b.Paragraph(sheetBody, pdfdoc.T("Votre médecin vous adresse à une équipe de radiologie interventionnelle. "+
		"Ces médecins radiologues soignent ou font des prélèvements, le plus souvent par une simple piqûre à travers la peau ou dans un vaisseau. "+
		"Ils se guident avec des images (scanner, échographie, radiographie) et n'ouvrent pas comme en chirurgie. "+
		"L'équipe vous expliquera le geste, ses bénéfices et ses risques avant toute décision."))
	if sc.Procedure.MDTDecision {
		b.Paragraph(pdfdoc.Style{Face: pdfdoc.Regular, Size: 10.5, Leading: 1.35, SpaceBefore: 4},
			pdfdoc.T("La décision de ce traitement est prise en réunion de concertation pluridisciplinaire (RCP), par plusieurs médecins spécialistes ensemble."))
	}

	sc.centreSection(b)
	sc.procedureSection(b)
	b.Paragraph(sheetHeading, pdfdoc.T("Ce qu'il faut apporter"))
	b.Bullet(sheetItem, pdfdoc.T("La lettre de votre médecin."))
	b.Bullet(sheetItem, pdfdoc.T("Votre carte Vitale, une pièce d'identité et votre carte de mutuelle."))
	b.Bullet(sheetItem, pdfdoc.T("Vos ordonnances en cours (la liste de tous vos médicaments)."))
	if len(sc.Documents) > 0 {
		b.Bullet(sheetItem, pdfdoc.T("Les examens demandés par votre médecin :"))
		for _, d := range sc.Documents {
			b.Bullet(sheetSubItem, pdfdoc.T(d))
		}
	}
	b.Bullet(sheetItem, pdfdoc.T("Vos examens d'imagerie récents : comptes rendus, et CD ou accès aux images."))

	b.Paragraph(sheetHeading, pdfdoc.T("À signaler à l'équipe avant le geste"))
	b.Bullet(sheetItem, pdfdoc.T("Un traitement qui fluidifie le sang (anticoagulant, antiagrégant comme l'aspirine). "), pdfdoc.B("Ne l'arrêtez jamais sans l'avis d'un médecin."))
	b.Bullet(sheetItem, pdfdoc.T("Une allergie, en particulier aux produits de contraste iodés ou au latex."))
	b.Bullet(sheetItem, pdfdoc.T("Une grossesse possible, une maladie des reins ou un diabète."))

	b.Paragraph(sheetHeading, pdfdoc.T("Votre médecin"))
	gp := sc.GP.DisplayName()
	if sc.GP.Phone != "" {
		gp += " – tél. " + practice.FormatPhone(sc.GP.Phone)
	}
	b.Paragraph(sheetBody, pdfdoc.T(gp))
	return b.Finish(), nil
}

// centreSection says where to go, and what the directory does not know.
func (sc SheetContent) centreSection(b *pdfdoc.Builder) {
	b.Paragraph(sheetHeading, pdfdoc.T("Le centre"))
	c := sc.Centre
	b.Paragraph(sheetBody, pdfdoc.B(c.Name))
	if c.Address != "" && c.Postcode != "" {
		b.Paragraph(sheetBody, pdfdoc.T(strings.ReplaceAll(strings.Join(c.PostalLines(), ", "), "\n", ", ")))
	} else {
		b.Paragraph(sheetBody, pdfdoc.T(fmt.Sprintf("%s (%s). ", c.Commune, c.Dept)), pdfdoc.I("Adresse exacte : demandez-la à votre médecin ou au secrétariat du centre."))
	}
	if c.Phone != "" {
		b.Paragraph(sheetBody, pdfdoc.B(c.PhoneLabelFR()+" : "), pdfdoc.T(practice.FormatPhone(c.Phone)))
	} else {
		b.Paragraph(sheetBody, pdfdoc.B("Téléphone : "), pdfdoc.I("non connu de notre annuaire ; votre médecin ou le standard de l'hôpital vous l'indiqueront."))
	}
	if sc.Indicative {
		b.Paragraph(pdfdoc.Style{Face: pdfdoc.Italic, Size: 9.5, Leading: 1.3, Color: pdfdoc.Gray, SpaceBefore: 2},
			pdfdoc.T("Ce centre a été choisi par votre médecin dans un annuaire indicatif : le centre vous confirmera s'il réalise ce geste ou vous orientera."))
	}
}

// procedureSection says how the procedure usually goes.
func (sc SheetContent) procedureSection(b *pdfdoc.Builder) {
	b.Paragraph(sheetHeading, pdfdoc.T("Comment se passe habituellement ce geste"))
	p := sc.Procedure
	if len(p.Anaesthesia) > 0 {
		labels := make([]string, len(p.Anaesthesia))
		for i, a := range p.Anaesthesia {
			labels[i] = model.AnaesthesiaLabelFR(a)
		}
		spans := []pdfdoc.Span{pdfdoc.B("Anesthésie : "), pdfdoc.T(joinOr(labels) + " selon le centre.")}
		if p.FieldUncertain("anaesthesia") {
			spans = append(spans, pdfdoc.Muted(" (à confirmer avec le centre)"))
		}
		b.Bullet(sheetItem, spans...)
	}
	if p.Stay != "" {
		spans := []pdfdoc.Span{pdfdoc.B("Durée : "), pdfdoc.T(model.StayLabelFR(p.Stay) + ".")}
		if p.FieldUncertain("stay") {
			spans = append(spans, pdfdoc.Muted(" (à confirmer avec le centre)"))
		}
		b.Bullet(sheetItem, spans...)
	}
	b.Bullet(sheetItem, pdfdoc.T("Le centre vous donnera la date, l'heure et les consignes de préparation (être à jeun ou non, par exemple)."))
}

// PDF renders the sheet as PDF bytes.
func (sc SheetContent) PDF() ([]byte, error) {
	d, err := sc.Document()
	if err != nil {
		return nil, err
	}
	return d.PDF()
}

// joinOr joins French alternatives: "a, b ou c".
func joinOr(items []string) string {
	if len(items) <= 1 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " ou " + items[len(items)-1]
}
