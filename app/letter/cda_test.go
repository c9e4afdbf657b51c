package letter

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"atlasri/app/cda"
	"atlasri/internal/cdakit"
)

// exports composes the sample letter, qualified or not, and returns its
// PDF and its CDA document.
func exports(t *testing.T, qualified bool) (*Letter, []byte, []byte) {
	t.Helper()
	in := sample()
	in.Patient.INS.Qualified = qualified
	in.TreatingDoctor = new(qualified)
	l := compose(t, angers, fibroids, in)
	l.GP.StructureID = "499999999"
	pdf, err := l.PDF()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := l.CDA(pdf)
	if err != nil {
		t.Fatal(err)
	}
	return l, pdf, doc
}

// TestCDAReadsBack reads the CDA export back: the PDF inside is the
// letter's, byte for byte, and the header says who, from whom, to whom.
func TestCDAReadsBack(t *testing.T) {
	for _, qualified := range []bool{true, false} {
		l, pdf, doc := exports(t, qualified)
		d, err := cda.Read(doc)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(d.PDF, pdf) {
			t.Error("the CDA's PDF differs from the letter's")
		}
		if text := pdfText(t, d.PDF); !strings.Contains(text, "Madame Hélène DUPONT") {
			t.Error("the PDF read back from the CDA is not the letter")
		}
		p := d.Patient
		if p.BirthName != "DURAND" || p.FirstName != "Hélène" || p.Sex != "F" || p.Birthplace != "49099" ||
			!p.BirthDate.Equal(l.BirthDate()) || p.UsedName != "DUPONT" {
			t.Errorf("patient read back %+v", p)
		}
		if qualified != (p.INS != nil) || (qualified && p.INS.Matricule != "275044900712365") {
			t.Errorf("qualified %v: INS %+v", qualified, p.INS)
		}
		if !qualified && bytes.Contains(doc, []byte("275044900712365")) {
			t.Error("the matricule of an unqualified identity is in the CDA")
		}
		if d.TreatingDoctor != qualified {
			t.Errorf("médecin traitant %v", d.TreatingDoctor)
		}
		a := d.Author
		if a.RPPS != "10999999997" || a.Family != "LEFÈVRE" || a.MSSante != "claire.lefevre@medecin.mssante.fr" || a.StructureID != "499999999" {
			t.Errorf("author %+v", a)
		}
		if r := d.Recipient; !strings.Contains(r.Name, "CHU d'Angers") || r.Address.Postcode != "49933" || len(r.Address.Lines) == 0 {
			t.Errorf("recipient %+v", r)
		}
		if d.Title != CDATitle || strings.Contains(d.Title, "DUPONT") {
			t.Errorf("title %q", d.Title)
		}
	}
}

func TestCDANeedsRPPSAndStructure(t *testing.T) {
	l := compose(t, angers, fibroids, sample())
	l.GP.RPPS = ""
	pdf, _ := l.PDF()
	_, err := l.CDA(pdf)
	if err == nil || !strings.Contains(err.Error(), "numéro RPPS et votre identifiant de structure") {
		t.Errorf("error %v", err)
	}
	l.Incomplete = true
	if _, err := l.CDA(pdf); err != ErrIncomplete {
		t.Errorf("incomplete letter exported: %v", err)
	}
}

// TestCDAPublishedRules validates real letters against the CDA R2 schema
// and the CI-SIS « structuration minimale » schematron, and opens them
// with HL7's CDA.xsl, when the validation kit is there (internal/cdakit).
func TestCDAPublishedRules(t *testing.T) {
	kit := cdakit.Find(t, filepath.Join("..", ".."))
	dir := t.TempDir()
	var files []string
	for _, qualified := range []bool{true, false} {
		_, _, doc := exports(t, qualified)
		f := filepath.Join(dir, map[bool]string{true: "ins-qualifiee.xml", false: "traits.xml"}[qualified])
		if err := os.WriteFile(f, doc, 0o600); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	kit.ValidateXSD(t, files...)
	for _, f := range files {
		html := kit.RenderHTML(t, f)
		for _, want := range []string{"DURAND", "LEFÈVRE", CDATitle, "CHU d'Angers", "data:application/pdf;base64,JVBER"} {
			if !strings.Contains(html, want) {
				t.Errorf("%s: CDA.xsl's rendering lacks %q", filepath.Base(f), want)
			}
		}
	}
	for _, f := range kit.Schematron(t, files...) {
		if f.Role == "error" || f.Role == "" {
			t.Errorf("%s: %s (%s)", filepath.Base(f.File), f.Text, f.Location)
		} else {
			t.Logf("%s: %s: %s", filepath.Base(f.File), f.Role, f.Text)
		}
	}
}
