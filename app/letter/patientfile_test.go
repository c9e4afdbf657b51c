package letter

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestParsePatientFileErrors(t *testing.T) {
	tests := []struct {
		name string
		data string
		want []string // substrings of the error
	}{
		{"empty", "  \n", []string{"fichier patient : document vide"}},
		{"not an object", `[1, 2]`, []string{"un objet JSON est attendu"}},
		{"unknown field with line", "{\n  \"patient\": {},\n  \"raison\": \"x\"\n}", []string{"champ inconnu « raison »", "ligne 3", "docs/LETTERS.md"}},
		{"unknown nested field", `{"patient": {"prenom": "Hélène"}}`, []string{"champ inconnu « prenom » dans « patient »"}},
		{"wrong type names the field", "{\n\"patient\": {\"birth_date\": 19750403}}", []string{"« patient.birth_date »", "un texte", "un nombre", "ligne 2"}},
		{"list expected", `{"request": "avis"}`, []string{"« request »", "une liste"}},
		{"number expected", `{"renal_function": {"egfr_ml_min": "90"}}`, []string{"« renal_function.egfr_ml_min »", "un nombre"}},
		{"syntax error line", "{\n\"reason\": \"a\",\n,}", []string{"syntaxe JSON incorrecte", "ligne 3"}},
		{"truncated", `{"reason": "a`, []string{"texte sans guillemet fermant", "ligne 1, colonne 12"}},
		{"trailing data", `{"reason": "a"} {"reason": "b"}`, []string{"contenu inattendu après la fin", "colonne 17"}},
		{"duplicate field", "{\"reason\": \"a\",\n\"reason\": \"b\"}", []string{"« reason » en double", "ligne 2"}},
		{"duplicate nested field", `{"patient": {"nir": "1", "nir": "2"}}`, []string{"« nir » en double"}},
		{"invalid UTF-8", "{\n\"reason\": \"M\xe9norragies\"}", []string{"pas en UTF-8", "ligne 2"}},
		{"too big", `{"reason": "` + strings.Repeat("a", MaxPatientFile) + `"}`, []string{"trop gros"}},
		{"format 2 field in a format 1 file", `{"patient": {"sex": "F"}}`, []string{"champ inconnu « sex »", "format 1, sans champ « version »"}},
		{"format 1 field in a format 2 file", `{"version": 2, "patient": {"nir": "1"}}`, []string{"champ inconnu « nir »"}},
		{"future format", `{"version": 3}`, []string{"format 3", "mettez Atlas RI à jour"}},
		{"unknown version", `{"version": 0}`, []string{"« version » vaut 0"}},
		{"version not a number", `{"version": "2"}`, []string{"« version »", "un nombre"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := ParsePatientFile([]byte(tt.data))
			if err == nil {
				t.Fatal("accepted")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

func TestParsePatientFileAccepts(t *testing.T) {
	tests := []struct {
		name, data string
		want       Input
	}{
		{"BOM from a Windows editor", "\xef\xbb\xbf{\"reason\": \"a\"}", Input{Reason: "a"}},
		{"CRLF line endings", "{\r\n\"reason\": \"a\"\r\n}\r\n", Input{Reason: "a"}},
		{"same key in two objects", `{"patient": {"phone": "1"}, "renal_function": {"date": "2026-01-01"}, "workup": {"extra": ["phone"]}}`,
			Input{Patient: Patient{Phone: "1"}, RenalFunction: &RenalFunction{Date: "2026-01-01"}, Workup: WorkupChoice{Extra: []string{"phone"}}}},
		{"nulls", `{"history": null, "renal_function": null}`, Input{}},
		{"numbers", `{"renal_function": {"creatinine_umol_l": 64, "egfr_ml_min": 98.5}, "workup": {"not_attached": [2, 5]}}`,
			Input{RenalFunction: &RenalFunction{CreatinineUmolL: 64, EGFR: 98.5}, Workup: WorkupChoice{NotAttached: []int{2, 5}}}},
	}
	for _, tt := range tests {
		// Format 2: the version goes first in the object.
		data := strings.Replace(tt.data, "{", `{"version": 2, `, 1)
		tt.want.Version = FormatVersion
		got, m, err := ParsePatientFile([]byte(data))
		if err != nil || m != nil {
			t.Errorf("%s: %v %v", tt.name, err, m)
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: read %+v, want %+v", tt.name, got, tt.want)
		}
	}
	// The example of docs/LETTERS.md reads field by field.
	example, err := os.ReadFile(filepath.Join("testdata", "patient.json"))
	if err != nil {
		t.Fatal(err)
	}
	in, _, err := ParsePatientFile(example)
	if err != nil {
		t.Fatal(err)
	}
	if in.Patient.UsedName != "Dupont" || in.Patient.INS == nil || !in.Patient.INS.Qualified || in.Patient.BirthDate == "" || in.Reason == "" || len(in.Request) == 0 {
		t.Errorf("example read as %+v", in)
	}
}

// FuzzParsePatientFile checks that no input crashes the parser or the
// checks behind it, and that an accepted file reads back the same.
func FuzzParsePatientFile(f *testing.F) {
	example, err := os.ReadFile(filepath.Join("testdata", "patient.json"))
	if err != nil {
		f.Fatal(err)
	}
	v1, err := os.ReadFile(filepath.Join("testdata", "patient-v1.json"))
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range []string{string(example), string(v1), `{"version":3}`, `{"version":2,"patient":{"ins":{"matricule":"1","kind":"NIA"}}}`, `{}`, `[]`, `{"patient":{"nir":"2A"}}`, `{"reason":"a","reason":"b"}`,
		"\xef\xbb\xbf{}", `{"request":["avis",null]}`, `{"workup":{"not_attached":[-1,1e9]}}`, `{"renal_function":{"egfr_ml_min":1e308}}`} {
		f.Add([]byte(seed))
	}
	on := time.Date(2026, 3, 12, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, data []byte) {
		in, _, err := ParsePatientFile(data)
		if err != nil {
			return
		}
		in.Normalized().Validate(on)
		raw, err := json.Marshal(in)
		if err != nil {
			t.Fatalf("accepted input does not marshal: %v", err)
		}
		back, _, err := ParsePatientFile(raw)
		if err != nil {
			t.Fatalf("re-reading our own JSON: %v\n%s", err, raw)
		}
		raw2, _ := json.Marshal(back)
		if !bytes.Equal(raw, raw2) {
			t.Fatalf("round trip changed the input:\n%s\n%s", raw, raw2)
		}
	})
}

// TestMigrateFormat1 reads the format 1 example: its structure moves to
// format 2, the typed NIR becomes an unqualified INS (not printed), and
// what format 1 never held is asked for.
func TestMigrateFormat1(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "patient-v1.json"))
	if err != nil {
		t.Fatal(err)
	}
	in, m, err := ParsePatientFile(data)
	if err != nil {
		t.Fatal(err)
	}
	if m == nil || m.From != 1 || len(m.Notes) != 3 {
		t.Fatalf("migration %+v", m)
	}
	p := in.Patient
	if in.Version != FormatVersion || p.BirthName != "Durand" || p.UsedName != "Dupont" || p.Sex != Female ||
		p.INS == nil || p.INS.Qualified || p.INS.Matricule != "2 75 04 49 007 123 65" {
		t.Errorf("migrated patient %+v", p)
	}
	for _, n := range m.Notes {
		for _, secret := range []string{"Dupont", "Durand", "1975", "2 75"} {
			if strings.Contains(n, secret) {
				t.Errorf("note repeats patient data: %s", n)
			}
		}
	}
	verr := in.Normalized().Validate(time.Date(2026, 3, 12, 0, 0, 0, 0, time.UTC))
	var keys []string
	for _, f := range verr.Missing {
		keys = append(keys, f.Key)
	}
	if strings.Join(keys, ",") != "patient.birthplace,consent" {
		t.Errorf("missing after migration: %v", keys)
	}
}
