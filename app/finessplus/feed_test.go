package finessplus

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// samples is where the published samples are (../shared/data, from the
// repository root); the tests that need them skip when it is absent.
func sample(t testing.TB, name string) *os.File {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "..", "shared", "data", "finess-plus", name))
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("%s absent : ../shared/data n'est pas là", name)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

const (
	activitiesSample = "activites-exemple-20260401.json"
	structuresSample = "structures-exemple-20260309.json"
)

// The published activities sample: every legal entity, every activity at
// entity and site level, the header at the top level (not in metadata),
// and its one activity in the new AMM form, at site 314.
func TestActivitiesSample(t *testing.T) {
	var entities, held, exercised, sites int
	var amm []string
	line17 := 0
	h, err := ReadActivities(sample(t, activitiesSample), activitiesSample, func(e EntityActivities, line int) error {
		entities++
		held += len(e.Authorised)
		if e.PmSmsseID == "17" {
			line17 = line
		}
		for _, s := range e.Sites {
			sites++
			exercised += len(s.Exercised)
			for _, a := range s.Exercised {
				if a.Nature.Code == "AMM" && a.Nature.Specific.AMM != nil {
					amm = append(amm, string(s.EgeID)+" "+a.Nature.Specific.AMM.Code()+" "+string(a.Generic.IdentifiantAutorisation)+" "+string(a.Generic.DateDebut))
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if h.SchemaVersion != "v1.0.0" || h.Date() != "2026-04-01" {
		t.Errorf("header %+v, date %q", h, h.Date())
	}
	if entities != 64 || held != 162 || sites != 84 || exercised != 173 {
		t.Errorf("%d entities, %d held activities, %d sites, %d exercised; want 64, 162, 84, 173", entities, held, sites, exercised)
	}
	if want := []string{"314 AMM/QA001/MO000/ME000/PTS00/DE015 818023 2024-10-01"}; strings.Join(amm, "|") != strings.Join(want, "|") {
		t.Errorf("AMM records %q, want %q", amm, want)
	}
	if line17 != 4896 {
		t.Errorf("legal entity 17 starts on line %d, want 4896", line17)
	}
}

// The published structures sample: legal entities with their legal
// status, sites with address, phone and both positions.
func TestStructuresSample(t *testing.T) {
	var entities, sites int
	var site314 *Site
	var status17 string
	h, err := ReadStructures(sample(t, structuresSample), structuresSample, func(e Entity, line int) error {
		entities++
		for i, s := range e.Sites {
			sites++
			if s.Info.EgeID == "314" {
				site314 = &e.Sites[i]
				status17 = string(e.Info.StatutJuridique)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if h.Date() != "2026-03-09" || entities != 23 || sites != 27 {
		t.Fatalf("header %+v, %d entities, %d sites", h, entities, sites)
	}
	if site314 == nil {
		t.Fatal("site 314 absent")
	}
	s := site314
	a := s.Addresses[0]
	g := a.Geolocation
	if s.Info.NumFiness != "010006401" || s.Category != "354" || a.Usage != "03" || a.INSEE != "01004" || a.Postcode != "01500" ||
		a.Line4 != "10 RUE DE LA COMMUNE 1871" || a.CityLabel != "AMBERIEU EN BUGEY" || g == nil ||
		g.Lat != "45.968606" || g.Lon != "5.350865" || g.Northing != "6543697.24" || g.Easting != "882017.28" ||
		s.Contacts[0].Telecom.Phone != "0474464196" || status17 == "" {
		t.Errorf("site 314: %+v, address %+v, position %+v, status %q", s.Info, a, g, status17)
	}
}

// What the samples do besides their schema, and the schema itself: the
// header in « metadata », numbers for strings, nulls, a BOM, CRLF.
func TestFeedVariants(t *testing.T) {
	tests := []struct {
		name, feed string
		version    string
		site       string
	}{
		{"schema 1.0.1: metadata", `{"metadata": {"schemaVersion": "1.0.1", "generatedAt": "2026-05-02T03:04:05Z"},
			"pmej": [{"numFiness": "010000339", "pmSmsseId": "17", "ege": [{"egeId": "314", "numFinessEge": "010006401"}]}]}`, "1.0.1", "314"},
		{"sample: top level, nulls", `{"schemaVersion": "v1.0.0", "generatedAt": "2026-05-02T03:04:05.5Z",
			"pmej": [{"numFiness": null, "pmSmsseId": "17", "activitesAutorisees": null, "ege": [{"egeId": "314", "numFinessEge": "010006401", "activitesExercees": []}]}]}`, "v1.0.0", "314"},
		{"numbers for strings", `{"generatedAt": "2026-05-02", "pmej": [{"pmSmsseId": 17, "ege": [{"egeId": 314}]}]}`, "", "314"},
		{"BOM and CRLF", "\ufeff{\r\n\"generatedAt\": \"2026-05-02\",\r\n\"pmej\": [{\"ege\": [{\"egeId\": \"314\"}]}]\r\n}\r\n", "", "314"},
		{"other lists skipped", `{"gcc": [{"gccId": "1", "pmejDuGcc": [{"pmSmsseId": "1"}]}], "generatedAt": "2026-05-02", "pmej": [{"ege": [{"egeId": "314"}]}], "gco": []}`, "", "314"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			h, err := ReadActivities(strings.NewReader(tt.feed), "flux.json", func(e EntityActivities, _ int) error {
				for _, s := range e.Sites {
					got = append(got, string(s.EgeID))
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if h.SchemaVersion != tt.version || h.Date() != "2026-05-02" || strings.Join(got, ",") != tt.site {
				t.Errorf("header %+v, sites %v", h, got)
			}
		})
	}
}

// A feed that cannot be read says where and why, in French.
func TestFeedErrors(t *testing.T) {
	tests := []struct{ name, feed, want string }{
		{"truncated", "{\"pmej\": [\n{\"pmSmsseId\": \"1\"},\n{\"pmSmsseId\"", "flux.json, ligne 3, colonne 13 : fin de fichier inattendue : le flux est tronqué"},
		{"syntax", "{\"pmej\": [\n{\"pmSmsseId\": \"1\"},\n{\"pmSmsseId\" \"2\"}]}", "flux.json, ligne 3, colonne 14 : JSON illisible : caractère inattendu"},
		{"object for a code", "{\"pmej\": [\n{\"pmSmsseId\": {\"a\": 1}}]}", "flux.json, ligne 2, colonne"},
		{"list of the wrong kind", `{"pmej": {"a": 1}}`, "« pmej » doit être une liste"},
		{"no list", `{"gcc": []}`, "flux.json : liste « pmej » absente"},
		{"not an object", `[1, 2]`, "le flux doit être un objet JSON"},
		{"empty", ``, "fin de fichier inattendue"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadActivities(strings.NewReader(tt.feed), "flux.json", func(EntityActivities, int) error { return nil })
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
}

// The stream hands the entities one at a time, and fn's error stops it.
func TestStopEarly(t *testing.T) {
	stop := errors.New("assez")
	n := 0
	_, err := ReadActivities(strings.NewReader(`{"pmej": [{}, {}, {}]}`), "f", func(EntityActivities, int) error {
		n++
		if n == 2 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 2 {
		t.Errorf("err %v after %d", err, n)
	}
}

// Str reads what the feeds write for a text: a string (escapes undone,
// spaces trimmed, as encoding/json would), a number, a boolean or null.
func TestStrUnmarshal(t *testing.T) {
	tests := []struct {
		in, want string
		err      bool
	}{
		{`"QA030"`, "QA030", false},
		{`"  10 RUE DE LA COMMUNE 1871 "`, "10 RUE DE LA COMMUNE 1871", false},
		{`"AMBÉRIEU-EN-BUGEY"`, "AMBÉRIEU-EN-BUGEY", false},
		{`"L\u0027\u00c9TABLISSEMENT \"A\""`, `L'ÉTABLISSEMENT "A"`, false},
		{"\"caf\xe9\"", "caf\ufffd", false}, // Latin-1 byte: replaced, as encoding/json does
		{`""`, "", false},
		{`null`, "", false},
		{`314`, "314", false},
		{`47.4712`, "47.4712", false},
		{`true`, "true", false},
		{`{"a": 1}`, "", true},
		{`[1]`, "", true},
	}
	for _, tt := range tests {
		var s Str
		err := s.UnmarshalJSON([]byte(tt.in))
		if (err != nil) != tt.err || string(s) != tt.want {
			t.Errorf("%s: %q, %v; want %q", tt.in, s, err, tt.want)
		}
		// Through a decoder, as the feeds are read.
		if !tt.err {
			var v struct{ F Str }
			if err := json.Unmarshal([]byte(`{"F": `+tt.in+`}`), &v); err != nil || string(v.F) != tt.want {
				t.Errorf("decoded %s: %q, %v", tt.in, v.F, err)
			}
		}
	}
}
