package exchange

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"atlasri/model"
)

// A directory written as JSON and read back is the same directory.
func TestJSONRoundTrip(t *testing.T) {
	_, d, ps := parseResolve("annuaire.csv", goodCSV)
	if ps.Errors() > 0 {
		t.Fatal(ps)
	}
	d.Version, d.Date = "2027.1", "2026-11-15"
	var b bytes.Buffer
	if err := WriteJSON(&b, FromDirectory(d)); err != nil {
		t.Fatal(err)
	}
	_, back, ps := parseResolve("annuaire.json", b.String())
	if len(ps) != 0 {
		t.Fatalf("problems reading back:\n%v", ps)
	}
	if !reflect.DeepEqual(back, d) {
		t.Errorf("round trip changed the directory:\n%+v\n%+v", back, d)
	}
}

// The CSV keeps everything but what it says it drops (each offer's own
// source and date).
func TestCSVRoundTrip(t *testing.T) {
	_, d, ps := parseResolve("annuaire.csv", goodCSV)
	if ps.Errors() > 0 {
		t.Fatal(ps)
	}
	var b bytes.Buffer
	lost, err := WriteCSV(&b, FromDirectory(d))
	if err != nil || len(lost) != 0 {
		t.Fatalf("lost %v, %v", lost, err)
	}
	if !bytes.HasPrefix(b.Bytes(), utf8BOM) || !strings.Contains(b.String(), "\r\n") || !strings.Contains(b.String(), "47,48095") {
		t.Errorf("not a French spreadsheet's CSV (BOM, CRLF, decimal comma):\n%s", b.String())
	}
	_, back, ps := parseResolve("annuaire.csv", b.String())
	if len(ps) != 0 {
		t.Fatalf("problems reading back:\n%v", ps)
	}
	back.Version, back.Source = d.Version, d.Source
	if !reflect.DeepEqual(back, d) {
		t.Errorf("round trip changed the directory:\n%+v\n%+v", back, d)
	}

	d.Centres[0].Offers[0].Source = "courriel du centre"
	if lost, _ := WriteCSV(&b, FromDirectory(d)); len(lost) != 1 || !strings.Contains(lost[0], "propres à chaque geste (1 centres)") {
		t.Errorf("lost = %q", lost)
	}
}

// What spreadsheets produce: "," or ";", quotes, CRLF or LF, a BOM or not,
// headers written in words, and blank lines.
func TestCSVVariants(t *testing.T) {
	base := "chu-angers;CHU d'Angers;public;49007;vertebroplastie;FINESS;01/11/2026"
	tests := map[string]string{
		"semicolon, LF":       "id;nom;statut;insee;gestes_verifies;source;date_verification\n" + base + "\n",
		"semicolon, CRLF+BOM": "\ufeffid;nom;statut;insee;gestes_verifies;source;date_verification\r\n" + base + "\r\n\r\n",
		"comma, quotes":       "id,Nom,Statut,Code INSEE,Gestes vérifiés,Source,Date de vérification\r\nchu-angers,\"CHU d'Angers\",public,49007,\"vertebroplastie\",FINESS,2026-11-01\r\n",
		"no final line end":   "id;nom;statut;insee;gestes_verifies;source;date_verification\n" + base,
		"extra column":        "id;nom;statut;insee;gestes_verifies;source;date_verification;remarque\n" + base + ";à rappeler\n",
	}
	for name, content := range tests {
		t.Run(name, func(t *testing.T) {
			_, d, ps := parseResolve("annuaire.csv", content)
			if ps.Errors() > 0 || len(d.Centres) != 1 {
				t.Fatalf("problems:\n%v", ps)
			}
			c := d.Centres[0]
			if c.Name != "CHU d'Angers" || c.CheckedOn != "2026-11-01" || len(c.Offers) != 1 || c.Offers[0].Origin != model.OfferDeclared {
				t.Errorf("centre = %+v", c)
			}
			if name == "extra column" && (len(ps) != 1 || !strings.Contains(ps[0].String(), "colonne H (remarque) : attention, colonne « remarque » inconnue, ignorée")) {
				t.Errorf("problems = %v", ps)
			}
		})
	}
}

// The commune is found from what a postal address gives: CEDEX labels and
// codes, "ST" for "Saint", merged communes, and coordinates for homonyms.
func TestCommuneResolution(t *testing.T) {
	lat, lon := -21.34, 55.48
	tests := []struct {
		name     string
		c        Centre
		insee    string
		warnings int
	}{
		{"CEDEX code and label", Centre{Postcode: "49933", Commune: "ANGERS CEDEX 9"}, "49007", 0},
		{"label with a number", Centre{Postcode: "49100", Commune: "ANGERS  02"}, "49007", 0},
		{"unknown CEDEX code, département", Centre{Postcode: "49044", Commune: "Angers Cedex 01"}, "49007", 0},
		{"hyphens and case", Centre{Postcode: "49130", Commune: "LES PONTS DE CE"}, "49267", 0},
		{"merged commune", Centre{Postcode: "14500", Commune: "VIRE"}, "14762", 1},
		{"Corsican postcode", Centre{Postcode: "20000", Commune: "AJACCIO"}, "2A004", 0},
		{"homonym settled by postcode", Centre{Postcode: "97410", Commune: "Saint-Pierre"}, "97416", 0},
		{"homonym settled by coordinates", Centre{Commune: "ST PIERRE", Latitude: &lat, Longitude: &lon}, "97416", 0},
		{"Corsican INSEE code", Centre{INSEE: "2a004"}, "2A004", 0},
		{"label cut by La Poste", Centre{Postcode: "49130", Commune: "LES PONTS DE C"}, "49267", 0},
		// An exported directory comes back without a warning per centre:
		// the register's CEDEX code goes with its routing label.
		{"INSEE code, CEDEX code and routing label", Centre{INSEE: "49007", Postcode: "49044", CityLabel: "ANGERS CEDEX 01"}, "49007", 0},
		{"INSEE code, CEDEX code, no label", Centre{INSEE: "49007", Postcode: "49044"}, "49007", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.c
			c.ID, c.Name, c.Sector, c.Source, c.CheckedOn = "x", "X", "public", "s", "2026-01-01"
			m, ps := CheckCentre(&c, testGeography(), testToday)
			if ps.Errors() > 0 || m.INSEE != tt.insee || ps.Warnings() != tt.warnings {
				t.Errorf("got %s, problems %v; want %s with %d warnings", m.INSEE, ps, tt.insee, tt.warnings)
			}
		})
	}
	alat, alon := 47.47, -0.56
	old := Centre{ID: "x", Name: "X", Sector: "public", Source: "s", CheckedOn: "2026-01-01", Commune: "MOREZ", Postcode: "49980", Latitude: &alat, Longitude: &alon}
	if _, ps := CheckCentre(&old, testGeography(), testToday); ps.Errors() != 1 || ps[0].Message != "commune introuvable « MOREZ » avec le code postal 49980 ; ancien nom d'une commune fusionnée ? La plus proche des coordonnées est Angers (49007) : si c'est elle, indiquez son code INSEE" {
		t.Errorf("old name: %v", ps)
	}
	c := Centre{ID: "x", Name: "X", Sector: "public", Source: "s", CheckedOn: "2026-01-01", Commune: "Saint-Pierre"}
	if _, ps := CheckCentre(&c, testGeography(), testToday); ps.Errors() != 1 || !strings.Contains(ps[0].Message, "commune ambiguë « Saint-Pierre » : 2 communes possibles") {
		t.Errorf("homonyms without postcode: %v", ps)
	}
}

func TestCheckCentreNamesFields(t *testing.T) {
	c := Centre{Name: "", Sector: "privé", INSEE: "49007", Phone: "12", Source: "s", CheckedOn: "2026-01-01",
		Offers: []Offer{{Procedure: "nope", Reason: "r"}}}
	_, ps := CheckCentre(&c, testGeography(), testToday)
	fields := map[string]bool{}
	for _, p := range ps {
		fields[p.Pos.Field] = true
	}
	for _, f := range []string{"name", "phone", "offers"} {
		if !fields[f] {
			t.Errorf("no problem on %s: %v", f, ps)
		}
	}
}

func TestNormName(t *testing.T) {
	for in, want := range map[string]string{
		"ANGERS CEDEX 02":                    "angers",
		"ANGERS  01":                         "angers",
		"ST HERBLAIN":                        "saint herblain",
		"Saint-Herblain":                     "saint herblain",
		"STE GEMMES S/LOIRE":                 "sainte gemmes sur loire",
		"L'Haÿ-les-Roses":                    "l hay les roses",
		"Paris 15e Arrondissement":           "paris 15e arrondissement",
		"BOULOGNE BILLANCOURT CEDEX":         "boulogne billancourt",
		"Saint-Étienne":                      "saint etienne",
		"CHERBOURG EN COTENTIN":              "cherbourg en cotentin",
		"Œuilly":                             "oeuilly",
		"Sainte-Marie-aux-Mines (Haut-Rhin)": "sainte marie aux mines (haut rhin)",
	} {
		if got := normName(in); got != want {
			t.Errorf("normName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSectorWords(t *testing.T) {
	for in, want := range map[string]model.Sector{
		"public": model.SectorPublic, "Public": model.SectorPublic, "privé": model.SectorPrivate, "PRIVE": model.SectorPrivate,
		"private": model.SectorPrivate, "ESPIC": model.SectorPrivateNonProfit, "privé à but non lucratif (ESPIC)": model.SectorPrivateNonProfit,
		"private_nonprofit": model.SectorPrivateNonProfit, "privé non lucratif": model.SectorPrivateNonProfit,
	} {
		r := &report{}
		if got := checkSector(r, Pos{}, in); got != want || len(r.problems) != 0 {
			t.Errorf("%q: %q %v", in, got, r.problems)
		}
	}
}
