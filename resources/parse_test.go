package resources

import (
	"strings"
	"testing"
)

func TestParseCommunesErrorsNameLineAndField(t *testing.T) {
	header := "insee\tname\tdept\tkind\tparent\tpostcodes\tpopulation\tlat\tlon\tapprox\tpos_source\n"
	good := "49007\tAngers\t49\tcommune\t\t49000,49100\t155850\t47.47\t-0.55\t0\tgeonames\n"
	tests := []struct {
		name, body, want string
	}{
		{"ok", good, ""},
		{"bad population", "49007\tAngers\t49\tcommune\t\t49000\tbeaucoup\t47.47\t-0.55\t0\tgeonames\n", "ligne 2, champ « population »"},
		{"latitude out of range", good + "49099\tCholet\t49\tcommune\t\t49300\t1\t147.0\t-0.8\t1\tx\n", "ligne 3, champ « lat »"},
		{"missing name", "49007\t\t49\tcommune\t\t\t1\t47\t0\t0\tx\n", "champ « name » : valeur manquante"},
		{"bad kind", "49007\tAngers\t49\tville\t\t\t1\t47\t0\t0\tx\n", "champ « kind »"},
		{"bad approx", "49007\tAngers\t49\tcommune\t\t\t1\t47\t0\toui\tx\n", "champ « approx »"},
		{"empty position without none", "98411\tX\t984\tcommune\t\t\t0\t\t\t1\tgeonames\n", "champ « lat »"},
		{"ok without position", "98411\tX\t984\tcommune\t\t\t0\t\t\t1\tnone\n", ""},
		{"none with a position", "98411\tX\t984\tcommune\t\t\t0\t-49\t69\t1\tnone\n", "champ « lat »"},
		{"too few fields", "49007\tAngers\n", "ligne 2 : 2 champs au lieu de 11"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := ParseCommunes("communes.tsv", []byte(header+tt.body))
			if tt.want == "" {
				if err != nil || len(out) != 1 || (out[0].Located() && out[0].Postcodes[1] != "49100") {
					t.Fatalf("got %+v, %v", out, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "communes.tsv") {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
	if _, err := ParseCommunes("c.tsv", []byte("insee\tname\n")); err == nil || !strings.Contains(err.Error(), "colonne « dept » absente") {
		t.Errorf("missing column: %v", err)
	}
	if _, err := ParseCommunes("c.tsv", nil); err == nil || !strings.Contains(err.Error(), "vide") {
		t.Errorf("empty file: %v", err)
	}
}

func TestParsePostcodes(t *testing.T) {
	header := "postcode\tinsee\tname\tsource\n"
	tests := []struct{ body, want string }{
		{"\ufeff" + header + "49000\t49007\tAngers\tboth\r\n", ""},
		{header + "4900\t49007\tAngers\tboth\n", "code postal à 5 chiffres"},
		{header + "49000\t49007\tAngers\tfacteur\n", "source inconnue"},
	}
	for _, tt := range tests {
		out, err := ParsePostcodes("postcodes.tsv", []byte(tt.body))
		if tt.want == "" && (err != nil || len(out) != 1) {
			t.Errorf("%q: %v %v", tt.body, out, err)
		}
		if tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
			t.Errorf("%q: err %v, want %q", tt.body, err, tt.want)
		}
	}
}

func TestParseCatalogueRefusesUnknownFields(t *testing.T) {
	_, err := ParseCatalogue([]byte(`{"version":"x","families":[],"procedures":[],"typo":1}`))
	if err == nil || !strings.Contains(err.Error(), "typo") {
		t.Errorf("err = %v", err)
	}
	_, err = ParseCatalogue([]byte(`{"version":"x","families":[{"id":"a","name_fr":"A"}],
		"procedures":[{"id":"p","name_fr":"P","family":"b","status":"established","stay":"1-nuit"}]}`))
	if err == nil || !strings.Contains(err.Error(), "famille inconnue") {
		t.Errorf("err = %v", err)
	}
}

// FuzzParsers checks that no input makes the parsers panic, and that an
// accepted file yields rows with their required fields.
func FuzzParsers(f *testing.F) {
	f.Add([]byte("insee\tname\tdept\tkind\tparent\tpostcodes\tpopulation\tlat\tlon\tapprox\tpos_source\n49007\tAngers\t49\tcommune\t\t49000\t1\t47\t0\t0\tg\n"))
	f.Add([]byte("postcode\tinsee\tname\tsource\n49000\t49007\tAngers\tboth\n"))
	f.Add([]byte("category\tname\tcommune\tinsee\tdepartement\nCHU\tCHU d'Angers\tAngers\t49007\t49\n"))
	f.Add([]byte("\ufeff\r\n\t\t\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if cs, err := ParseCommunes("f", b); err == nil {
			for _, c := range cs {
				if c.INSEE == "" || c.Name == "" || c.Dept == "" {
					t.Fatalf("accepted a commune without its required fields: %+v", c)
				}
			}
		}
		if ps, err := ParsePostcodes("f", b); err == nil {
			for _, p := range ps {
				if len(p.Code) != 5 || p.INSEE == "" {
					t.Fatalf("accepted %+v", p)
				}
			}
		}
		ParseDemoEstablishments("f", b)
		ParseCatalogue(b)
	})
}
