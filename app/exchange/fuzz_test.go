package exchange

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// The JSON parser agrees with encoding/json on what is valid JSON (apart
// from duplicate keys and nesting depth, which it refuses on purpose) and
// on the values it reads.
func checkJSONParser(t *testing.T, data []byte) {
	n, err := parseJSON(data)
	valid := json.Valid(data)
	if err == nil && !valid {
		t.Fatalf("accepted invalid JSON %q", data)
	}
	if err != nil {
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

// plain turns a jnode into what encoding/json decodes into an any.
func (n *jnode) plain() any {
	switch n.kind {
	case 'o':
		m := map[string]any{}
		for _, mb := range n.members {
			m[mb.key] = mb.val.plain()
		}
		return m
	case 'a':
		a := []any{}
		for _, e := range n.elems {
			a = append(a, e.plain())
		}
		return a
	case 's':
		return n.str
	case 'n':
		return n.num
	case 'b':
		return n.b
	}
	return nil
}

var jsonSeeds = []string{
	`{}`, `[]`, `{"a":[1,-2.5e3,true,false,null,"x\u00e9\n\"\\\/"]}`, `"\ud83d\ude00"`, `"\ud83d"`, `0`, `-0.0E+1`,
	`{"a":1,"a":2}`, `[1,]`, `{"a" 1}`, `01`, `1.`, `"\x"`, "\"\x01\"", `{"a":tru}`, ` [ 1 , 2 ] `, `[[[[[]]]]]`,
	"\"caf\xc3\xa9\"", `{"format": "atlasri-annuaire/1"}`,
}

func TestJSONParserAgreesWithEncodingJSON(t *testing.T) {
	for _, s := range jsonSeeds {
		checkJSONParser(t, []byte(s))
	}
	checkJSONParser(t, []byte(jsonOf("")))
	// Large objects use a map to find duplicate keys.
	var big strings.Builder
	big.WriteString("{")
	for i := range 40 {
		fmt.Fprintf(&big, `"k%d": %d, `, i, i)
	}
	checkJSONParser(t, []byte(big.String()+`"k39": 0}`))
	checkJSONParser(t, []byte(big.String()+`"k40": 0}`))
	if _, err := parseJSON([]byte(big.String() + `"k3": 0}`)); err == nil || !strings.Contains(err.Error(), "« k3 » en double") {
		t.Errorf("duplicate in a large object: %v", err)
	}
}

func FuzzJSONParser(f *testing.F) {
	for _, s := range jsonSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(checkJSONParser)
}

// roundTrip checks that whatever a reader accepts, it reads back the same
// after being written out, and that nothing panics on any input.
func roundTrip(t *testing.T, name string, data []byte) {
	f, d, ps := parseResolve(name, string(data))
	for _, p := range ps {
		if p.String() == "" || p.Message == "" {
			t.Fatalf("empty problem message: %+v", p)
		}
	}
	if ps.Errors() > 0 {
		return
	}
	var b bytes.Buffer
	if err := WriteJSON(&b, f); err != nil {
		t.Fatal(err)
	}
	_, back, ps2 := parseResolve("copie.json", b.String())
	if ps2.Errors() > 0 {
		t.Fatalf("the normalised copy of %q is refused: %v\n%s", data, ps2, b.String())
	}
	back.Version, back.Date, back.Source = d.Version, d.Date, d.Source
	if !reflect.DeepEqual(back, d) {
		t.Fatalf("normalised copy differs:\n%+v\n%+v", back, d)
	}
}

func FuzzCSVReader(f *testing.F) {
	f.Add([]byte(goodCSV))
	f.Add([]byte(csvOf(row(nil), row(map[string]string{"A": "b", "I": "", "E": "ANGERS CEDEX", "D": "49933", "F": ""}))))
	f.Add([]byte("id,nom,statut,insee,source,date_verification\n\"a\",\"b\"\"c\",public,49007,s,01/02/2026\n"))
	f.Add([]byte("\ufeffid;nom\r\n;\r\n"))
	f.Add([]byte("id;nom;statut;commune;latitude;longitude;source;date_verification\nx;X;espic;AJACCIO;41,9;8,7;s;2026-01-01\n"))
	f.Fuzz(func(t *testing.T, data []byte) { roundTrip(t, "annuaire.csv", data) })
}

func FuzzJSONReader(f *testing.F) {
	f.Add([]byte(jsonOf("")))
	f.Add([]byte(jsonOf(`"latitude": 47.47, "longitude": -0.55, "finess": "490000049", "phone": "+33 2 41 35 36 37"`)))
	f.Add([]byte(`{"format": "atlasri-annuaire/1", "version": "1", "date": "2026-01-01", "indicative": true, "label": "x", "centres": []}`))
	f.Add([]byte(`{"centres": [{"offers": [{}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) { roundTrip(t, "annuaire.json", data) })
}
