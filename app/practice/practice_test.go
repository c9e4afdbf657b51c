package practice

import (
	"bytes"
	"errors"
	"image"
	"image/png"
	"strings"
	"testing"

	"atlasri/model"
)

func TestValidRPPS(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"10999999997", true},  // Luhn key 7
		{"10000000009", true},  // Luhn key 9
		{"10999999996", false}, // wrong key
		{"10999999979", false}, // two digits swapped
		{"1099999999", false},  // 10 digits
		{"109999999970", false},
		{"1099999999A", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := ValidRPPS(tt.in); got != tt.want {
			t.Errorf("ValidRPPS(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestPhoneAndAddresses(t *testing.T) {
	phones := []struct {
		in        string
		valid     bool
		formatted string
	}{
		{"02 41 00 00 00", true, "02 41 00 00 00"},
		{"0241000000", true, "02 41 00 00 00"},
		{"02.41.00.00.00", true, "02 41 00 00 00"},
		{"+33 2 41 00 00 00", true, "+33 2 41 00 00 00"},
		{"+262 262 00 00 00", true, "+262 262 00 00 00"},
		{"00 41 00 00 00", false, "00 41 00 00 00"},
		{"02 41 00 00", false, "02 41 00 00"},
		{"secrétariat", false, "secrétariat"},
	}
	for _, p := range phones {
		if got := ValidPhone(p.in); got != p.valid {
			t.Errorf("ValidPhone(%q) = %v", p.in, got)
		}
		if got := FormatPhone(p.in); got != p.formatted {
			t.Errorf("FormatPhone(%q) = %q, want %q", p.in, got, p.formatted)
		}
	}
	mss := []struct {
		in   string
		want bool
	}{
		{"claire.lefevre@medecin.mssante.fr", true},
		{"secretariat@ch-exemple.mssante.fr", true},
		{"x@mssante.fr", true},
		{"claire@gmail.com", false},
		{"claire@fakemssante.fr", false},
		{"Claire <c@medecin.mssante.fr>", false},
		{"pas une adresse", false},
	}
	for _, m := range mss {
		if got := ValidMSSante(m.in); got != m.want {
			t.Errorf("ValidMSSante(%q) = %v, want %v", m.in, got, m.want)
		}
	}
}

func complete() GP {
	return GP{FirstName: "Claire", LastName: "Lefèvre", Address: "12 rue Nationale", Postcode: "49300",
		City: "Cholet", Phone: "02 41 00 00 00", RPPS: "10999999997", MSSante: "claire.lefevre@medecin.mssante.fr"}
}

func TestValidateListsEveryProblem(t *testing.T) {
	g := complete()
	g.RPPS, g.Postcode, g.Phone, g.Email, g.MSSante = "12345678901", "4930", "12", "chez moi", "c@gmail.com"
	err := g.Validate()
	if err == nil {
		t.Fatal("invalid identity accepted")
	}
	for _, want := range []string{"RPPS", "code postal", "téléphone", "courriel", "MSSanté"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message lacks %q: %v", want, err)
		}
	}
	if err := complete().Validate(); err != nil {
		t.Errorf("complete identity refused: %v", err)
	}
	if err := (GP{}).Validate(); err != nil {
		t.Errorf("empty identity has format errors: %v", err)
	}
	if got := (GP{}).Missing(); strings.Join(got, ",") != "prénom,nom,adresse,code postal,commune,téléphone" {
		t.Errorf("Missing() = %v", got)
	}
	if got := complete().Missing(); len(got) != 0 {
		t.Errorf("complete identity misses %v", got)
	}
}

func TestDisplay(t *testing.T) {
	g := complete()
	if got := g.DisplayName(); got != "Docteur Claire LEFÈVRE" {
		t.Errorf("DisplayName() = %q", got)
	}
	g.Title = "Professeure"
	if got := g.DisplayName(); got != "Professeure Claire LEFÈVRE" {
		t.Errorf("DisplayName() = %q", got)
	}
	if got := g.SpecialtyOrDefault(); got != "Médecin généraliste" {
		t.Errorf("SpecialtyOrDefault() = %q", got)
	}
}

// memSettings is an in-memory settings table.
type memSettings struct {
	m    map[string]string
	fail bool
}

func (s *memSettings) Setting(k string) (string, error) {
	if s.fail {
		return "", errors.New("disque illisible")
	}
	return s.m[k], nil
}

func (s *memSettings) SetSetting(k, v string) error { return s.SetSettings(map[string]string{k: v}) }

func (s *memSettings) SetSettings(v map[string]string) error {
	for k, x := range v {
		s.m[k] = x
	}
	return nil
}

func TestSaveLoad(t *testing.T) {
	s := &memSettings{m: map[string]string{}}
	g := complete()
	g.RPPS = " 109 9999 9997 "
	g.Email = "Cabinet@Example.org"
	if err := Save(s, g); err != nil {
		t.Fatal(err)
	}
	if s.m[model.SettingGPRPPS] != "10999999997" || s.m[model.SettingGPEmail] != "cabinet@example.org" || s.m[model.SettingGPCity] != "Cholet" {
		t.Errorf("stored %v", s.m)
	}
	back, err := Load(s)
	if err != nil {
		t.Fatal(err)
	}
	if back != g.Normalized() {
		t.Errorf("Load() = %+v, want %+v", back, g.Normalized())
	}
	bad := complete()
	bad.RPPS = "10999999996"
	s2 := &memSettings{m: map[string]string{}}
	if err := Save(s2, bad); err == nil || len(s2.m) != 0 {
		t.Errorf("invalid identity saved: err=%v, stored %v", err, s2.m)
	}
	if _, err := Load(&memSettings{fail: true}); err == nil {
		t.Error("read failure not reported")
	}
}

func TestParseJSON(t *testing.T) {
	g, err := ParseJSON([]byte(`{"first_name":"Claire","last_name":"Lefèvre","address":"1 rue A","postcode":"49300","city":"Cholet","phone":"0241000000","rpps":"10999999997"}`))
	if err != nil || g.City != "Cholet" {
		t.Fatalf("ParseJSON: %+v, %v", g, err)
	}
	for _, tt := range []struct{ data, want string }{
		{`{"nom":"x"}`, "identité du médecin : champ inconnu « nom »"},
		{`{"rpps":"123"}`, "numéro RPPS"},
		{`[]`, "un objet JSON est attendu, pas une liste (ligne 1, colonne 1)"},
		{`{"city":"A"} {}`, "contenu inattendu après la fin de l'objet principal (ligne 1, colonne 14)"},
		{"{\n\"city\": 49}", "le champ « city » doit être un texte, pas un nombre (ligne 2, colonne 9)"},
		{`{`, "fin de fichier inattendue"},
	} {
		if _, err := ParseJSON([]byte(tt.data)); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseJSON(%s) = %v, want %q", tt.data, err, tt.want)
		}
	}
}

// pngOf encodes a blank w×h image.
func pngOf(t testing.TB, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestSignature: the signature image is a PNG of bounded size, refused
// with a French message otherwise; what is accepted decodes again.
func TestSignature(t *testing.T) {
	good := pngOf(t, 240, 80)
	truncated := good[:len(good)-20]
	for _, tt := range []struct {
		name string
		data []byte
		want string // part of the error; "" when accepted
	}{
		{"PNG", good, ""},
		{"largest", pngOf(t, 2000, 1000), ""},
		{"too wide", pngOf(t, 2001, 10), "2001×10 pixels"},
		{"too high", pngOf(t, 10, 1001), "(2000×1000 au plus)"},
		{"GIF", []byte("GIF89a\x01\x00\x01\x00"), "ce n'est pas une image PNG"},
		{"empty", nil, "ce n'est pas une image PNG"},
		{"truncated", truncated, "image PNG abîmée"},
		{"too many bytes", append(append([]byte{}, good...), make([]byte, MaxSignature)...), "de plus de 256 Ko"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, err := EncodeSignature(tt.data)
			if tt.want != "" {
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Errorf("error %v, want %q", err, tt.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			cfg, _ := png.DecodeConfig(bytes.NewReader(tt.data))
			img, err := GP{Signature: s}.SignatureImage()
			if err != nil || img.Bounds().Dx() != cfg.Width || img.Bounds().Dy() != cfg.Height {
				t.Errorf("decoded again: %v %v", img, err)
			}
		})
	}
}

// FuzzEncodeSignature: any file chosen as a signature is accepted as a
// PNG that decodes within bounds, or refused; never a crash.
func FuzzEncodeSignature(f *testing.F) {
	f.Add(pngOf(f, 3, 2))
	f.Add([]byte("\x89PNG\r\n\x1a\n"))
	f.Add([]byte("GIF89a"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := EncodeSignature(data)
		if err != nil {
			return
		}
		img, err := GP{Signature: s}.SignatureImage()
		if err != nil || img == nil || img.Bounds().Dx() > 2000 || img.Bounds().Dy() > 1000 {
			t.Fatalf("accepted, then %v %v", img, err)
		}
	})
}
