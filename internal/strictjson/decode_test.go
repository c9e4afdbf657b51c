package strictjson

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

type person struct {
	Name    string   `json:"name"`
	Born    *string  `json:"born,omitempty"`
	Age     int      `json:"age"`
	Weight  float64  `json:"weight_kg"`
	Smoker  bool     `json:"smoker"`
	Tags    []string `json:"tags"`
	Address struct {
		City string `json:"city"`
	} `json:"address"`
	Raw     json.RawMessage `json:"raw"`
	Skipped string          `json:"-"`
	contact
}

type contact struct {
	Phone string `json:"phone"`
}

func TestDecodeAccepts(t *testing.T) {
	born := "1975-04-03"
	tests := []struct {
		name, data string
		want       person
	}{
		{"all fields", `{"name": "Hélène", "born": "1975-04-03", "age": 50, "weight_kg": 61.5, "smoker": false,
			"tags": ["a", "b"], "address": {"city": "Cholet"}, "raw": {"x": [1]}, "phone": "0241000000"}`,
			person{Name: "Hélène", Born: &born, Age: 50, Weight: 61.5, Tags: []string{"a", "b"}, Raw: json.RawMessage(`{"x": [1]}`),
				contact: contact{Phone: "0241000000"}}},
		{"byte order mark and CRLF", "\xef\xbb\xbf{\r\n\"name\": \"A\"\r\n}\r\n", person{Name: "A"}},
		{"nulls leave zero values", `{"name": null, "born": null, "tags": null, "address": null}`, person{}},
		{"same key in two objects", `{"name": "A", "address": {"city": "B"}}`, person{Name: "A"}},
	}
	tests[3].want.Address.City = "B"
	tests[0].want.Address.City = "Cholet"
	for _, tt := range tests {
		var got person
		if err := Decode([]byte(tt.data), &got); err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: got %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name, data string
		line, col  int
		field      string
		msg        string
	}{
		{"empty", " \n ", 0, 0, "", "document vide"},
		{"not an object", "[1]", 1, 1, "", "un objet JSON est attendu, pas une liste"},
		{"unknown field", "{\n  \"nom\": \"A\"\n}", 2, 3, "nom", "champ inconnu « nom » ; vouliez-vous dire « name » ?"},
		{"unknown nested field", `{"address": {"ville": "A"}}`, 1, 14, "address.ville", "champ inconnu « ville » dans « address »"},
		{"case matters", `{"Name": "A"}`, 1, 2, "Name", "champ inconnu « Name » ; vouliez-vous dire « name » ?"},
		{"text expected", "{\"name\":\n 12}", 2, 2, "name", "le champ « name » doit être un texte, pas un nombre"},
		{"pointer to text", `{"born": 1975}`, 1, 10, "born", "le champ « born » doit être un texte, pas un nombre"},
		{"list expected", `{"tags": "a"}`, 1, 10, "tags", "le champ « tags » doit être une liste, pas un texte"},
		{"list element", `{"tags": ["a", 2]}`, 1, 16, "tags[1]", "le champ « tags[1] » doit être un texte, pas un nombre"},
		{"object expected", `{"address": []}`, 1, 13, "address", "le champ « address » doit être un objet, pas une liste"},
		{"boolean expected", `{"smoker": "non"}`, 1, 12, "smoker", "le champ « smoker » doit être true ou false, pas un texte"},
		{"integer expected", `{"age": 50.5}`, 1, 9, "age", "le champ « age » doit être un nombre entier raisonnable, pas 50.5"},
		{"number out of range", `{"weight_kg": 1e400}`, 1, 15, "weight_kg", "le champ « weight_kg » doit être un nombre raisonnable, pas 1e400"},
		{"duplicate key", "{\"name\": \"A\",\n\"name\": \"B\"}", 2, 1, "name", "clé « name » en double dans le même objet"},
		{"syntax", "{\n\"name\": \"A\",\n,}", 3, 1, "", "syntaxe JSON incorrecte : « , » trouvé, un nom de champ entre guillemets attendu"},
		{"trailing data", `{"name": "A"} {}`, 1, 15, "", "contenu inattendu après la fin de l'objet principal"},
		{"invalid UTF-8", "{\n\"name\": \"M\xe9nard\"}", 2, 11, "", "le texte n'est pas en UTF-8 (enregistrez le fichier en UTF-8)"},
	}
	for _, tt := range tests {
		var p person
		err := Decode([]byte(tt.data), &p)
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%s: got %v, want an *Error", tt.name, err)
			continue
		}
		if e.Line != tt.line || e.Column != tt.col || e.Field != tt.field || e.Msg != tt.msg {
			t.Errorf("%s: got line %d col %d field %q %q,\nwant line %d col %d field %q %q", tt.name, e.Line, e.Column, e.Field, e.Msg,
				tt.line, tt.col, tt.field, tt.msg)
		}
		if e.Unknown != strings.HasPrefix(tt.msg, "champ inconnu") {
			t.Errorf("%s: Unknown = %v", tt.name, e.Unknown)
		}
		if tt.line > 0 && !strings.Contains(err.Error(), "ligne ") {
			t.Errorf("%s: %q does not say the line", tt.name, err)
		}
	}
}

// Whatever Decode accepts, encoding/json reads the same way, and nothing
// panics.
func FuzzDecode(f *testing.F) {
	for _, s := range append(parseSeeds, `{"name": "A", "tags": ["x"], "age": 3}`, `{"address": {"city": null}}`, `{"age": -0}`) {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var got person
		if err := Decode(data, &got); err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Msg == "" {
				t.Fatalf("%q: unpositioned error %v", data, err)
			}
			return
		}
		var want person
		if err := json.Unmarshal([]byte(strings.TrimPrefix(string(data), "\xef\xbb\xbf")), &want); err != nil {
			t.Fatalf("%q accepted, but encoding/json says %v", data, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: got %+v, encoding/json %+v", data, got, want)
		}
	})
}
