package survey

import (
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"atlasri/app/embedded"
	"atlasri/app/exchange"
	"atlasri/app/register"
	"atlasri/model"
	"atlasri/resources"
)

var (
	once sync.Once
	geo  *exchange.Geography
	cat  model.Catalogue
	gerr error
)

func geography(t testing.TB) (*exchange.Geography, model.Catalogue) {
	t.Helper()
	once.Do(func() {
		if geo, gerr = embedded.Geography(); gerr == nil {
			cat, gerr = resources.Catalogue()
		}
	})
	if gerr != nil {
		t.Fatal(gerr)
	}
	return geo, cat
}

// registerFile is the directory file of the register package's synthetic
// feeds (every site synthetic).
func registerFile(t *testing.T) *exchange.File {
	t.Helper()
	a, err := os.Open("../register/testdata/activites-ri-synthetique.json")
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	s, err := os.Open("../register/testdata/structures-ri-synthetique.json")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	res, err := register.Read(a, "activites.json", s, "structures.json", register.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, c := geography(t)
	return res.File(c.Procedures, "")
}

// Synthetic FINESS numbers of the register's fixtures: S101 (mention A)
// and S104 (mention C).
const (
	siteA = "490999026"
	siteC = "370999070"
)

func TestParseAndMerge(t *testing.T) {
	g, c := geography(t)
	csv := "finess;gestes;date;source;referent\r\n" +
		siteA + ";pose-picc-line, embolisation-fibromes-uterins;15/01/2027;Enquête de la fédération 2027 (synthétique);Dr Référent Synthétique\r\n" +
		siteC + ";chimioembolisation-hepatique;2027-01-20;Enquête de la fédération 2027 (synthétique);\r\n" +
		"750999997;vertebroplastie;2027-01-20;Enquête de la fédération 2027 (synthétique);\r\n"
	ds, ps := Parse("enquete.csv", []byte(csv), g, time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC))
	if ps.Errors() > 0 || len(ds) != 3 {
		t.Fatalf("problems %v, %d declarations", ps, len(ds))
	}
	if ds[0].FINESS != siteA || ds[0].Date != "2027-01-15" || len(ds[0].Procedures) != 2 || ds[0].Referent != "Dr Référent Synthétique" {
		t.Errorf("declaration %+v", ds[0])
	}
	f := registerFile(t)
	rep := Merge(f, ds, "enquete.csv", c.Procedures)
	// PICC line was derived from mention A: now declared. Fibroid
	// embolisation needs mention B: added, flagged. Chemoembolisation at
	// the mention C site: declared in place of the mention's.
	if rep.Declared != 3 || rep.Replaced != 2 || rep.Added != 1 || len(rep.Beyond) != 1 || len(rep.Unknown) != 1 {
		t.Errorf("report %+v", rep)
	}
	if !strings.Contains(rep.Beyond[0], "Embolisation des fibromes") || !strings.Contains(rep.Beyond[0], "mention B") {
		t.Errorf("beyond: %v", rep.Beyond)
	}
	if u := rep.Unknown[0].String(); !strings.Contains(u, "enquete.csv, ligne 4, colonne A (finess)") || !strings.Contains(u, "750999997") {
		t.Errorf("unknown: %s", u)
	}
	d, rps := exchange.Resolve(f, g, exchange.Options{})
	if rps.Errors() > 0 {
		t.Fatalf("resolve: %v", rps)
	}
	offer := func(finess, id string) model.Offer {
		for _, c := range d.Centres {
			if c.FINESS != finess {
				continue
			}
			for _, o := range c.Offers {
				if o.ProcedureID == id {
					return o
				}
			}
		}
		t.Fatalf("%s: no offer %s", finess, id)
		return model.Offer{}
	}
	if o := offer(siteA, "pose-picc-line"); o.Origin != model.OfferDeclared || o.CheckedOn != "2027-01-15" || o.Review != "" ||
		!strings.Contains(o.Source, "référent : Dr Référent Synthétique") {
		t.Errorf("PICC line: %+v", o)
	}
	if o := offer(siteA, "embolisation-fibromes-uterins"); o.Origin != model.OfferDeclared || !strings.Contains(o.Review, "mention B") {
		t.Errorf("fibroids: %+v", o)
	}
	if o := offer(siteA, "biopsie-percutanee-foie"); o.Origin != model.OfferAuthorised {
		t.Errorf("liver biopsy stays authorised: %+v", o)
	}
	if o := offer(siteC, "chimioembolisation-hepatique"); o.Origin != model.OfferDeclared || o.Review != "" {
		t.Errorf("chemoembolisation: %+v", o)
	}
}

// A survey with mistakes: each said where.
func TestParseErrors(t *testing.T) {
	g, _ := geography(t)
	csv := "finess;gestes;date;source\n" +
		"490999027;pose-picc-line;2027-01-15;Enquête\n" + // wrong key
		siteA + ";pose-pic-line;2027-01-15;Enquête\n" +
		siteA + ";;2027-01-15;Enquête\n" +
		siteA + ";pose-picc-line;31/02/2027;\n"
	_, ps := Parse("enquete.csv", []byte(csv), g, time.Time{})
	want := []string{
		"enquete.csv, ligne 2, colonne A (finess) : numéro FINESS « 490999027 » : la clé de contrôle",
		"enquete.csv, ligne 3, colonne B (gestes) : geste inconnu « pose-pic-line »",
		"enquete.csv, ligne 4, colonne B (gestes) : aucun geste déclaré",
		"enquete.csv, ligne 5, colonne C (date) : date de la déclaration invalide « 31/02/2027 »",
		"enquete.csv, ligne 5, colonne D (source) : source manquante",
	}
	got := ps.Error()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("missing %q in:\n%s", w, got)
		}
	}
	if _, ps := Parse("enquete.csv", []byte("finess;date\n1;2\n"), g, time.Time{}); !strings.Contains(ps.Error(), "colonne « gestes » absente") {
		t.Errorf("missing column: %v", ps)
	}
}

// Any bytes: problems or declarations, never a panic.
func FuzzParse(f *testing.F) {
	f.Add([]byte("finess;gestes;date;source;referent\n" + siteA + ";pose-picc-line;15/01/2027;Enquête;Dr X\n"))
	f.Add([]byte("finess,gestes,date,source\n\"49\"\"0\",x,y,z\n"))
	g, _ := geography(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		Parse("f.csv", b, g, time.Time{})
	})
}
