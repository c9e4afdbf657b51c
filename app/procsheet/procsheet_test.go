package procsheet

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"atlasri/model"
	"atlasri/resources"
)

func catalogue(t *testing.T) (model.Catalogue, func(string) string) {
	t.Helper()
	c, err := resources.Catalogue()
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]string{}
	for _, f := range c.Families {
		names[f.ID] = f.NameFR
	}
	return c, func(id string) string { return names[id] }
}

func find(c model.Catalogue, id string) model.Procedure {
	for _, p := range c.Procedures {
		if p.ID == id {
			return p
		}
	}
	return model.Procedure{}
}

func TestBuild(t *testing.T) {
	c, fam := catalogue(t)
	tests := []struct {
		id        string
		alerts    []string // substrings, in order
		section   string   // a section that must exist
		uncertain bool     // whether that section is flagged uncertain
		item      string   // an item of that section
	}{
		{"embolisation-fibromes-uterins", nil, "Bilan à joindre à l'adressage", false, "IRM pelvienne"},
		{"embolisation-fibromes-uterins", nil, "Contre-indications", true, "Grossesse"},
		{"thrombectomie-avc", []string{"15"}, "Indications", false, ""},
		{"embolisation-arteres-prostatiques", []string{"Technique récente"}, "Séjour", true, ""},
		{"embolisation-arteres-geniculees", []string{"en cours d'évaluation"}, "Indications", false, ""},
		{"chimioembolisation-hepatique", []string{"RCP"}, "Anesthésie", false, ""},
		{"drainage-biliaire-percutane", []string{"Signes d'alarme", "angiocholite"}, "Indications", true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.id+"/"+tt.section, func(t *testing.T) {
			p := find(c, tt.id)
			if p.ID == "" {
				t.Fatalf("no procedure %s", tt.id)
			}
			s := Build(p, fam, c.NoteFR)
			var alerts []string
			for _, a := range s.Alerts {
				alerts = append(alerts, a.Text)
			}
			joined := strings.Join(alerts, " | ")
			for _, want := range tt.alerts {
				if !strings.Contains(joined, want) {
					t.Errorf("alerts %q lack %q", joined, want)
				}
			}
			if len(tt.alerts) == 0 && len(s.Alerts) > 0 {
				t.Errorf("unexpected alerts %q", joined)
			}
			for _, sec := range s.Sections {
				if sec.Title != tt.section {
					continue
				}
				if sec.Uncertain != tt.uncertain {
					t.Errorf("section %s uncertain = %v", sec.Title, sec.Uncertain)
				}
				for _, it := range sec.Items {
					if strings.Contains(it.Text, tt.item) {
						return
					}
				}
				t.Errorf("section %s lacks %q", sec.Title, tt.item)
				return
			}
			t.Errorf("no section %q", tt.section)
		})
	}
}

// The printed sheet keeps every section, its accents, and the uncertainty
// flags.
func TestDocumentText(t *testing.T) {
	c, fam := catalogue(t)
	s := Build(find(c, "embolisation-fibromes-uterins"), fam, c.NoteFR)
	doc, err := s.Document()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(doc.Text(), "\n")
	for _, want := range []string{"Embolisation des fibromes utérins", "Bilan à joindre", "IRM pelvienne", "(à confirmer)", "Contre-indications", "(rubrique à confirmer)", "Sources"} {
		if !strings.Contains(text, want) {
			t.Errorf("sheet lacks %q", want)
		}
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext absent (apt-get install poppler-utils): PDF text not checked")
	}
	pdf, err := doc.PDF()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "sheet.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Embolisation des fibromes utérins", "IRM pelvienne", "à confirmer"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
}
