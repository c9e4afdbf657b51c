package exchange

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"atlasri/model"

	"github.com/paulmach/orb"
)

// unfold undoes RFC 6350 line folding and splits the content lines.
func unfold(s string) []string {
	return strings.Split(strings.TrimSuffix(strings.ReplaceAll(s, "\r\n ", ""), "\r\n"), "\r\n")
}

func TestVCard(t *testing.T) {
	c := model.Centre{ID: "chu-angers", Name: "CHU d'Angers, site Larrey; bâtiment B", Category: "CHU", Sector: model.SectorPublic,
		INSEE: "49007", Commune: "Angers", Dept: "49", Pos: orb.Point{-0.55443, 47.48095}, Address: "4 rue Larrey",
		Postcode: "49933", Phone: "02 41 35 36 37", Email: "contact@example.org", MSSante: "radio@chu.mssante.fr",
		Website: "https://www.example.org", FINESS: "490000049", Source: "FINESS", CheckedOn: "2020-03-06",
		Offers: []model.Offer{{ProcedureID: "vertebroplastie", Origin: model.OfferDeclared}, {ProcedureID: "embolisation-varicocele", Origin: model.OfferIndicative, Reason: "supposé"}}}
	overseas := model.Centre{ID: "chu-reunion", Name: "CHU de La Réunion", Dept: "974", Commune: "Saint-Pierre", Phone: "02 62 35 90 00",
		Source: "s", CheckedOn: "2026-01-01"}
	var b bytes.Buffer
	opt := VCardOptions{Producer: "-//Atlas RI//0.1.0//FR", Procedures: map[string]string{"vertebroplastie": "Vertébroplastie", "embolisation-varicocele": "Embolisation de varicocèle"}}
	if err := WriteVCards(&b, []model.Centre{c, overseas}, opt); err != nil {
		t.Fatal(err)
	}
	raw := b.String()
	for _, l := range strings.Split(strings.TrimSuffix(raw, "\r\n"), "\r\n") {
		if len(l) > 75 || !utf8.ValidString(l) {
			t.Errorf("line of %d octets, or a character cut in two: %q", len(l), l)
		}
	}
	if strings.Contains(strings.ReplaceAll(raw, "\r\n", ""), "\n") {
		t.Error("bare LF in the output: lines must end with CRLF")
	}
	lines := unfold(raw)
	want := []string{
		"BEGIN:VCARD", "VERSION:4.0", "PRODID:-//Atlas RI//0.1.0//FR",
		"KIND:org",
		`FN:CHU d'Angers\, site Larrey; bâtiment B`,
		`ORG:CHU d'Angers\, site Larrey\; bâtiment B`,
		"CATEGORIES:Radiologie interventionnelle,CHU",
		"ADR;TYPE=work:;;4 rue Larrey;Angers;;49933;France",
		`TEL;VALUE=uri;TYPE="work,voice":tel:+33-2-41-35-36-37`,
		"EMAIL;TYPE=work;PREF=1:radio@chu.mssante.fr",
		"EMAIL;TYPE=work:contact@example.org",
		"URL;TYPE=work:https://www.example.org",
		"GEO:geo:47.480950,-0.554430",
		`NOTE:Radiologie interventionnelle.\nGestes déclarés par le centre : Vertébroplastie.\nGestes indicatifs\, à confirmer auprès du centre : Embolisation de varicocèle.\nMessagerie sécurisée de santé (MSSanté) : radio@chu.mssante.fr.\nFINESS : 490000049.\nSource : FINESS (vérifié le 2020-03-06).`,
		"REV:20200306T000000Z", "END:VCARD",
		`TEL;VALUE=text;TYPE="work,voice":02 62 35 90 00`,
	}
	got := "\n" + strings.Join(lines, "\n") + "\n"
	for _, w := range want {
		if !strings.Contains(got, "\n"+w+"\n") {
			t.Errorf("missing line %q in:\n%s", w, got)
		}
	}
	if n := strings.Count(got, "\nBEGIN:VCARD\n"); n != 2 {
		t.Errorf("%d cards", n)
	}
	// The same centre keeps the same UID from one export to the next.
	uid := func(s string) string { i := strings.Index(s, "UID:"); return s[i : i+50] }
	var again bytes.Buffer
	WriteVCards(&again, []model.Centre{c}, opt)
	if uid(again.String()) != uid(raw) || !strings.HasPrefix(uid(raw), "UID:urn:uuid:") {
		t.Errorf("UID not stable: %s / %s", uid(raw), uid(again.String()))
	}
}

func TestFoldKeepsCharactersWhole(t *testing.T) {
	var b bytes.Buffer
	long := strings.Repeat("é", 100)
	WriteVCards(&b, []model.Centre{{ID: "x", Name: long, Source: "s", CheckedOn: "2026-01-01"}}, VCardOptions{})
	for _, l := range strings.Split(b.String(), "\r\n") {
		if !utf8.ValidString(l) || len(l) > 75 {
			t.Fatalf("bad fold: %q", l)
		}
	}
	if !strings.Contains(strings.Join(unfold(b.String()), "\n"), "FN:"+long) {
		t.Error("unfolding does not give the name back")
	}
}
