package letter

import (
	"errors"
	"strings"
	"time"

	"atlasri/app/cda"
	"atlasri/app/practice"
)

// CDATitle is the CDA document's title; like the PDF's metadata it never
// names the patient.
const CDATitle = "Lettre de liaison – adressage en radiologie interventionnelle"

// CDA wraps the letter's PDF in a CDA R2 document with the CI-SIS minimal
// header, for MSSanté and the DMP (see app/cda). It needs the GP's RPPS
// and structure identifier; the INS goes in only for a qualified
// identity. Each export gets new document ids.
func (l *Letter) CDA(pdf []byte) ([]byte, error) {
	if l.Incomplete {
		return nil, ErrIncomplete
	}
	var missing []string
	if l.GP.RPPS == "" {
		missing = append(missing, "numéro RPPS")
	}
	if l.GP.StructureID == "" {
		missing = append(missing, "identifiant de structure du cabinet")
	}
	if len(missing) > 0 {
		return nil, errors.New("export MSSanté / DMP : renseignez dans les Paramètres votre " + strings.Join(missing, " et votre ") + " (ils identifient l'auteur du document)")
	}
	d, err := l.cdaDocument(pdf)
	if err != nil {
		return nil, err
	}
	return d.Write()
}

func (l *Letter) cdaDocument(pdf []byte) (*cda.Document, error) {
	ids := make([]string, 3)
	for i := range ids {
		id, err := cda.NewID()
		if err != nil {
			return nil, err
		}
		ids[i] = id
	}
	p := l.Input.Patient
	g := l.GP
	title := ""
	if strings.EqualFold(g.Title, "Docteur") || g.Title == "" || strings.EqualFold(g.Title, "Dr") {
		title = "DR"
	}
	d := &cda.Document{
		ID: ids[0], SetID: ids[1], Version: 1, Title: CDATitle,
		Effective: l.Date,
		Patient: cda.Patient{
			BirthName: strings.ToUpper(p.BirthName), FirstName: p.FirstName, BirthFirstNames: p.BirthFirstNames,
			UsedName: strings.ToUpper(p.UsedName), UsedFirstName: p.UsedFirstName,
			Sex: p.Sex, BirthDate: l.birth, Birthplace: p.Birthplace, Phone: digits(p.Phone),
		},
		Author: cda.Person{
			RPPS: g.RPPS, StructureID: g.StructureID, Title: title, Given: g.FirstName, Family: strings.ToUpper(g.LastName),
			Phone: digits(g.Phone), MSSante: g.MSSante, Practice: g.Practice,
			Address: cda.Address{Lines: nonEmptyLines(g.Address), Postcode: g.Postcode, City: g.City},
			// « Médecin » is right whatever the specialty the GP typed.
			Profession: "G15_10", ProfessionName: "Médecin",
		},
		TreatingDoctor: l.Treating(),
		Recipient: cda.Organization{Name: "Équipe de radiologie interventionnelle – " + l.Centre.Name,
			Phone: digits(l.Centre.Phone), MSSante: l.Centre.MSSante,
			Address: cda.Address{Lines: nonEmptyLines(l.Centre.Address), Postcode: l.Centre.Postcode, City: centreCity(l)}},
		PDF: pdf,
	}
	if p.Address != "" {
		d.Patient.Address = nonEmptyLines(p.Address)
	}
	if ins := l.QualifiedINS(); ins != nil {
		d.Patient.INS = &cda.INS{Matricule: NormalizeNIR(ins.Matricule), NIA: ins.Kind == KindNIA}
	} else {
		d.PatientID = ids[2]
	}
	if d.Effective.IsZero() {
		d.Effective = time.Now()
	}
	return d, nil
}

func centreCity(l *Letter) string {
	if l.Centre.CityLabel != "" {
		return l.Centre.CityLabel
	}
	return l.Centre.Commune
}

func nonEmptyLines(s string) []string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// digits keeps a phone number's digits and a leading +.
func digits(s string) string {
	return strings.Map(func(r rune) rune {
		if (r >= '0' && r <= '9') || r == '+' {
			return r
		}
		return -1
	}, practice.FormatPhone(s))
}
