package exchange

import (
	"bytes"
	"reflect"
	"testing"
)

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
