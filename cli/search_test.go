package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestSearchCommands(t *testing.T) {
	dd := []string{"--data-dir", dataDir}
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout []string
		stderr []string
	}{
		{"fibroids near Cholet", []string{"search", "--procedure", "fibrome", "--near", "49300"}, ExitOK,
			[]string{"Geste : Embolisation des fibromes utérins", "Autour de : Cholet (49), 49300", "1   ", "CHU d'Angers", "km", "indicative", "Annuaire de démonstration"}, nil},
		{"procedure by id", []string{"search", "--procedure", "vertebroplastie", "--near", "Ajaccio", "--radius", "50"}, ExitOK,
			[]string{"Vertébroplastie", "Rayon : 50 km", "Aucun centre à moins de 50 km", "Nice (06)"}, nil},
		{"Réunion stays on the island", []string{"search", "--procedure", "varicocèle", "--near", "Saint-Pierre 97410"}, ExitOK,
			[]string{"Saint-Pierre (974)", "(974)"}, nil},
		{"family", []string{"search", "--procedure", "embolisation", "--dept", "49"}, ExitOK,
			[]string{"Famille de gestes : Embolisation [embolisation]", "CHU d'Angers"}, nil},
		{"emergency", []string{"search", "--procedure", "AVC", "--near", "Paris"}, ExitOK,
			[]string{"URGENCE", "15"}, nil},
		{"ambiguous procedure names the others", []string{"search", "--procedure", "tassement", "--near", "Ajaccio"}, ExitOK,
			[]string{"Vertébroplastie", "autres possibilités : Cyphoplastie"}, nil},
		{"private sector", []string{"search", "--near", "Paris", "--sector", "privé"}, ExitOK,
			[]string{"privé à but non lucratif"}, nil},
		{"unknown procedure", []string{"search", "--procedure", "vertebroplasite xx"}, ExitFailure,
			nil, []string{"Geste introuvable : « vertebroplasite xx ».", "Vouliez-vous dire : Vertébroplastie"}},
		{"unknown place", []string{"search", "--procedure", "fibrome", "--near", "Chollet"}, ExitFailure,
			nil, []string{"Lieu introuvable : « Chollet ».", "Vouliez-vous dire : Cholet (49)"}},
		{"ambiguous place", []string{"search", "--near", "Saint-Denis"}, ExitFailure,
			nil, []string{"« Saint-Denis » désigne plusieurs lieux", "Saint-Denis (93)", "Saint-Denis (974)", "Précisez"}},
		{"shared postcode", []string{"search", "--procedure", "fibromes", "--near", "49000"}, ExitOK,
			[]string{"Autour de : Angers (49), 49000", "49000 : Angers ; couvre aussi Écouflant", "Distance (à vol d'oiseau)", "CHU d'Angers"}, nil},
		{"postcode before INSEE code", []string{"search", "--procedure", "varicocèle", "--near", "97410", "--limit", "1"}, ExitOK,
			[]string{"Autour de : Saint-Pierre (974), 97410", "CHU de La Réunion - Site Sud Réunion"}, nil},
		{"INSEE code when so written", []string{"search", "--procedure", "varicocèle", "--near", "insee:97410", "--limit", "1"}, ExitOK,
			[]string{"Autour de : Saint-Benoît (974)"}, nil},
		{"across the sea", []string{"search", "--procedure", "fibromes", "--near", "Bastia", "--limit", "2"}, ExitOK,
			[]string{"de l'autre côté de la mer", "Nice (06) (de l'autre côté de la mer)"}, nil},
		{"unknown département", []string{"search", "--dept", "2C"}, ExitFailure, nil, []string{"Département inconnu « 2C »"}},
		{"bad radius", []string{"search", "--radius", "-3"}, ExitUsage, nil, []string{"Rayon invalide"}},
		{"bad sector", []string{"search", "--sector", "mixte"}, ExitUsage, nil, []string{"Secteur inconnu « mixte »"}},
		{"bad limit", []string{"search", "--limit", "0"}, ExitUsage, nil, []string{"Nombre de centres invalide"}},
		{"stray argument", []string{"search", "fibrome"}, ExitUsage, nil, []string{"Argument inattendu « fibrome »"}},
		{"suggest", []string{"suggest", "st", "etienne"}, ExitOK, []string{"commune", "42218", "Saint-Étienne", "Loire (42)"}, nil},
		{"suggest flags after text", []string{"suggest", "fibrome", "--limit", "1"}, ExitOK, []string{"geste", "embolisation-fibromes-uterins"}, nil},
		{"suggest emergency", []string{"suggest", "AVC"}, ExitOK, []string{"URGENCE : appeler le 15"}, nil},
		{"suggest nothing", []string{"suggest", "zzqxw"}, ExitFailure, nil, []string{"Aucune proposition pour « zzqxw »"}},
		{"suggest empty", []string{"suggest"}, ExitUsage, nil, []string{"Texte à chercher manquant"}},
		{"suggest SQL", []string{"suggest", "'; DROP TABLE communes; --"}, ExitFailure, nil, []string{"Aucune proposition"}},
		{"coverage", []string{"coverage", "--procedure", "embolisation-hemorroidaire"}, ExitOK,
			[]string{"Couverture : Embolisation hémorroïdaire", "Lozère", "Médiane à vol d'oiseau (km)", "> 100 km"}, nil},
		{"coverage without procedure", []string{"coverage"}, ExitUsage, nil, []string{"Geste manquant"}},
		{"coverage of a family", []string{"coverage", "--procedure", "embolisation"}, ExitFailure, nil, []string{"famille de gestes"}},
		{"coverage unknown", []string{"coverage", "--procedure", "xyzzyq"}, ExitFailure, nil, []string{"Geste introuvable"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := run(append(tt.args, dd...)...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr: %s", code, tt.code, errs)
			}
			for _, s := range tt.stdout {
				if !strings.Contains(out, s) {
					t.Errorf("stdout lacks %q:\n%s", s, out)
				}
			}
			for _, s := range tt.stderr {
				if !strings.Contains(errs, s) {
					t.Errorf("stderr lacks %q:\n%s", s, errs)
				}
			}
		})
	}
}

func TestSearchJSON(t *testing.T) {
	code, out, errs := run("search", "--procedure", "fibrome", "--near", "Cholet", "--radius", "60", "--json", "--data-dir", dataDir)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r struct {
		Procedure struct{ ID string }
		Near      struct {
			INSEE    string
			Lon, Lat float64
		}
		WithinRadius bool `json:"within_radius"`
		Centres      []struct {
			Name       string
			DistanceKm *float64 `json:"distance_km"`
			Origin     string
			Procedures []struct{ Procedure string }
		}
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	if r.Procedure.ID != "embolisation-fibromes-uterins" || r.Near.INSEE != "49099" || r.Near.Lat < 47 || !r.WithinRadius {
		t.Errorf("header: %+v", r)
	}
	if len(r.Centres) == 0 || r.Centres[0].DistanceKm == nil || *r.Centres[0].DistanceKm > 60 || r.Centres[0].Origin != "indicatif" ||
		len(r.Centres[0].Procedures) != 1 || r.Centres[0].Procedures[0].Procedure != "embolisation-fibromes-uterins" {
		t.Errorf("centres: %+v", r.Centres)
	}
}

// The done-when of issue 12: a shared postcode answers with its main
// commune first and carries the others; the centre carries its register
// data.
func TestSearchJSONSharedPostcode(t *testing.T) {
	code, out, errs := run("search", "--procedure", "fibromes", "--near", "49000", "--json", "--limit", "1", "--data-dir", dataDir)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r struct {
		Near struct {
			INSEE, Label, Postcode string
			Also                   []struct {
				INSEE, Label string
				Lon, Lat     float64
			}
			SharedPostcode string `json:"shared_postcode"`
		}
		Centres []struct {
			Name, FINESS, Address, Postcode, Phone string
			CityLabel                              string `json:"city_label"`
			ContactSource                          string `json:"contact_source"`
		}
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	if r.Near.INSEE != "49007" || r.Near.Postcode != "49000" || len(r.Near.Also) != 1 || r.Near.Also[0].INSEE != "49129" ||
		r.Near.Also[0].Lat < 47 || r.Near.SharedPostcode != "49000 : Angers ; couvre aussi Écouflant" {
		t.Errorf("near: %+v", r.Near)
	}
	if len(r.Centres) != 1 || r.Centres[0].Name != "CHU d'Angers" || r.Centres[0].FINESS != "490000049" ||
		r.Centres[0].Address != "4 RUE LARREY" || r.Centres[0].Postcode != "49933" || r.Centres[0].CityLabel != "ANGERS" ||
		r.Centres[0].Phone != "02 41 35 36 37" || r.Centres[0].ContactSource != "FINESS 2020" {
		t.Errorf("centres: %+v", r.Centres)
	}
}

func TestSuggestAndCoverageJSON(t *testing.T) {
	code, out, errs := run("suggest", "saint denis", "--json", "--data-dir", dataDir)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var s []struct{ Kind, ID, Label, Detail string }
	if err := json.Unmarshal([]byte(out), &s); err != nil || len(s) == 0 {
		t.Fatalf("%v:\n%s", err, out)
	}
	code, out, errs = run("coverage", "--procedure", "vertebroplastie", "--json", "--data-dir", dataDir)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var c struct {
		Procedure string
		Rows      []struct {
			Dept     string
			MedianKm float64 `json:"median_km"`
		} `json:"departements"`
	}
	if err := json.Unmarshal([]byte(out), &c); err != nil || c.Procedure != "vertebroplastie" || len(c.Rows) != 101 {
		t.Fatalf("%v: %+v", err, c)
	}
}
