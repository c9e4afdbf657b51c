package strictjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// The parser agrees with encoding/json on what is valid JSON (apart from
// duplicate keys and nesting depth, which it refuses on purpose) and on
// the values it reads.
func checkParser(t *testing.T, data []byte) {
	n, err := Parse(data)
	valid := json.Valid(data)
	if err == nil && !valid {
		t.Fatalf("accepted invalid JSON %q", data)
	}
	if err != nil {
		var e *Error
		if !errors.As(err, &e) || e.Line < 1 || e.Column < 1 || e.Msg == "" {
			t.Fatalf("%q: error without a position: %#v", data, err)
		}
		if valid && !strings.Contains(err.Error(), "en double") && !strings.Contains(err.Error(), "imbrication") {
			t.Fatalf("refused valid JSON %q: %v", data, err)
		}
		return
	}
	var want any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&want); err != nil {
		t.Fatal(err)
	}
	if got := n.plain(); !reflect.DeepEqual(got, want) {
		t.Fatalf("%q: got %#v, want %#v", data, got, want)
	}
}

// plain turns a Node into what encoding/json decodes into an any.
func (n *Node) plain() any {
	switch n.Kind {
	case Object:
		m := map[string]any{}
		for _, mb := range n.Members {
			m[mb.Key] = mb.Val.plain()
		}
		return m
	case Array:
		a := []any{}
		for _, e := range n.Elems {
			a = append(a, e.plain())
		}
		return a
	case String:
		return n.Str
	case Number:
		return n.Num
	case Bool:
		return n.Bool
	}
	return nil
}

var parseSeeds = []string{
	`{}`, `[]`, `{"a":[1,-2.5e3,true,false,null,"x\u00e9\n\"\\\/"]}`, `"\ud83d\ude00"`, `"\ud83d"`, `0`, `-0.0E+1`,
	`{"a":1,"a":2}`, `[1,]`, `{"a" 1}`, `01`, `1.`, `"\x"`, "\"\x01\"", `{"a":tru}`, ` [ 1 , 2 ] `, `[[[[[]]]]]`,
	"\"caf\xc3\xa9\"", `{"format": "atlasri-annuaire/1"}`,
	`{"format": "atlasri-annuaire/1", "version": "2027.1", "date": "2027-01-15", "indicative": false,
	  "centres": [{"id": "chu-angers", "name": "CHU d'Angers", "latitude": 47.48, "offers": [{"procedure": "vertebroplastie", "verified": true}]}]}`,
}

func TestParserAgreesWithEncodingJSON(t *testing.T) {
	for _, s := range parseSeeds {
		checkParser(t, []byte(s))
	}
	// Large objects use a map to find duplicate keys.
	var big strings.Builder
	big.WriteString("{")
	for i := range 40 {
		fmt.Fprintf(&big, `"k%d": %d, `, i, i)
	}
	checkParser(t, []byte(big.String()+`"k39": 0}`))
	checkParser(t, []byte(big.String()+`"k40": 0}`))
	if _, err := Parse([]byte(big.String() + `"k3": 0}`)); err == nil || !strings.Contains(err.Error(), "« k3 » en double") {
		t.Errorf("duplicate in a large object: %v", err)
	}
}

// Errors name the line and the column (in characters) where the problem is.
func TestParseErrorPositions(t *testing.T) {
	tests := []struct {
		data      string
		line, col int
		field     string
		msg       string
	}{
		{"{\n  \"é\": 1,\n  \"é\": 2\n}", 3, 3, "é", "clé « é » en double dans le même objet"},
		{"{\"a\": [1, 2,\n]}", 2, 1, "", "syntaxe JSON incorrecte : « ] » trouvé, une valeur attendu"},
		{"{\"a\": 1", 1, 8, "", "fin de fichier inattendue (accolade ou crochet non fermé ?)"},
		{"{} x", 1, 4, "", "contenu inattendu après la fin de l'objet principal"},
		{"\"ab\ncd\"", 1, 4, "", "caractère de contrôle dans un texte : les retours à la ligne s'écrivent \\n"},
	}
	for _, tt := range tests {
		_, err := Parse([]byte(tt.data))
		var e *Error
		if !errors.As(err, &e) || e.Line != tt.line || e.Column != tt.col || e.Field != tt.field || e.Msg != tt.msg {
			t.Errorf("%q: got %#v, want line %d col %d field %q %q", tt.data, err, tt.line, tt.col, tt.field, tt.msg)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range parseSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(checkParser)
}
