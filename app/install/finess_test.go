package install_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"atlasri/app/install"
)

// finessCSV converts the shared extract of the national FINESS register
// (5,368 real establishments, ../shared/data) into the exchange CSV, the way
// a spreadsheet user would: column for column, leaving the register's
// quirks (leading zeros dropped from FINESS and phone numbers, CEDEX labels,
// upper-case names, DD/MM/YYYY dates) for the import to deal with. The
// register says nothing about interventional radiology, so no procedure is
// given. The converted file is never written to the repository.
func finessCSV(t testing.TB) (data []byte, rows int) {
	t.Helper()
	path := filepath.Join("..", "..", "..", "shared", "data", "etablissements-sante-fr-2020.csv")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("%s absent: real-data test skipped", path)
	}
	defer f.Close()
	in, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range in[0] {
		col[h] = i
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Comma = ';'
	w.Write([]string{"id", "nom", "categorie", "statut", "finess", "adresse", "code_postal", "commune", "latitude", "longitude",
		"telephone", "source", "date_verification"})
	for _, r := range in[1:] {
		get := func(name string) string { return r[col[name]] }
		id := get("id")
		name := get("hospital_name")
		if s := get("site_name"); s != "" {
			name += " - " + s
		}
		sector := get("public_private")
		if sector == "" {
			// Left empty by the register for private clinics whose legal
			// form it does not give; the import needs a value.
			sector = "privé"
		}
		w.Write([]string{"finess-" + strings.ToLower(id), name, get("facility_type"), sector, id,
			strings.TrimSpace(get("house_number") + " " + get("street")), get("postcode"), get("city"),
			get("lat"), get("lon"), get("tel"), "FINESS (ministère de la Santé), via Eurostat GISCO", get("ref_date")})
	}
	w.Flush()
	return b.Bytes(), len(in) - 1
}

// The whole register imports at that scale: communes are found from the
// register's postal labels (CEDEX, truncated, "ST", merged communes), and
// the only establishments refused are those of the overseas collectivities
// (which the map does not cover) and those still filed under the old name
// of a merged commune, for which the import names the likely commune but
// does not guess.
func TestRealFINESSRegister(t *testing.T) {
	data, rows := finessCSV(t)
	dir := newFolder(t)
	a := open(t, dir)
	_, err := a.PrepareImport(installRequest("finess.csv", data, nil, false))
	var rej *install.RejectError
	if !errors.As(err, &rej) {
		t.Fatalf("err = %v, want some establishments refused", err)
	}
	refused := map[int]bool{}
	kinds := map[string]int{}
	for _, p := range rej.Problems {
		switch {
		case p.Warning:
			continue
		case strings.Contains(p.Message, "collectivité d'outre-mer"):
			kinds["collectivité"]++
		case strings.Contains(p.Message, "commune introuvable") && strings.Contains(p.Message, "La plus proche des coordonnées est"):
			kinds["ancien nom"]++
		default:
			t.Errorf("unexpected refusal: %s", p)
		}
		refused[p.Pos.Line] = true
	}
	t.Logf("%d establishments: %d refused %v, %d warnings", rows, len(refused), kinds, rej.Problems.Warnings())
	if kinds["collectivité"] != 11 || kinds["ancien nom"] > 30 {
		t.Errorf("refusals: %v", kinds)
	}

	// Without them, the file installs.
	lines := strings.SplitAfter(string(data), "\n")
	var kept strings.Builder
	for i, l := range lines {
		if !refused[i+1] {
			kept.WriteString(l)
		}
	}
	p, err := installFile(t, a, "finess.csv", []byte(kept.String()), nil, false)
	if err != nil {
		t.Fatal(err)
	}
	r, _ := a.Check()
	c := r.Counts
	if c.Centres != rows-len(refused) || len(p.Changes.Added) != c.Centres {
		t.Errorf("%d centres installed, want %d", c.Centres, rows-len(refused))
	}
	angers, err := a.Centre("finess-490000049")
	if err != nil || angers.INSEE != "49007" || angers.Phone != "02 41 35 36 37" || angers.Postcode != "49933" {
		t.Errorf("CHU d'Angers = %+v, %v", angers, err)
	}
	if r, err := a.Check(); err != nil || !r.OK() {
		t.Errorf("check: %v %v", r.Problems, err)
	}
}
