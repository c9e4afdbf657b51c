package app

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"atlasri/app/embedded"
	"atlasri/model"
	"atlasri/model/sqlite"
)

// sharedDir builds the embedded reference once for the tests that only read.
var sharedDir string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "atlas-ri-app-test")
	if err != nil {
		panic(err)
	}
	sharedDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func openShared(t *testing.T) *Atlas {
	t.Helper()
	a, err := Open(sharedDir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	return a
}

func TestCheckCountsEmbeddedData(t *testing.T) {
	a := openShared(t)
	r, err := a.Check()
	if err != nil {
		t.Fatal(err)
	}
	if !r.OK() {
		t.Fatalf("problems: %v", r.Problems)
	}
	c := r.Counts
	if c.Departements != 101 || c.Communes != 34969 || c.Postcodes < 6310 || c.Procedures != 39 || c.Centres != 76 || c.Families != 10 {
		t.Errorf("counts = %+v", c)
	}
	if c.Arrondissements != 45 {
		t.Errorf("arrondissements = %d, want 45 (Paris 20, Lyon 9, Marseille 16)", c.Arrondissements)
	}
	if !strings.Contains(r.DirectoryLabel, "indicative") || r.Origin != OriginEmbedded {
		t.Errorf("directory label %q origin %q", r.DirectoryLabel, r.Origin)
	}
	for _, p := range []string{ReferenceFile, UserFile} {
		info, err := os.Stat(filepath.Join(sharedDir, p))
		if err != nil || info.Mode().Perm()&0o077 != 0 {
			t.Errorf("%s: %v mode %v, want owner-only", p, err, info.Mode())
		}
	}
	if info, _ := os.Stat(sharedDir); info.Mode().Perm()&0o077 != 0 {
		t.Errorf("data folder mode %v, want owner-only", info.Mode().Perm())
	}
}

// The postcodes special to La Poste's list must be there and resolve.
func TestSpecialPostcodesResolve(t *testing.T) {
	a := openShared(t)
	for _, tt := range []struct{ postcode, insee string }{
		{"34295", "34172"}, // Montpellier CEDEX-like distribution code
		{"29240", "29019"}, // Brest
		{"49300", "49099"}, // Cholet
		{"97410", "97416"}, // Saint-Pierre, La Réunion
		{"20000", "2A004"}, // Ajaccio
	} {
		var n int
		err := a.ref.DB().QueryRow("SELECT count(*) FROM postcodes WHERE postcode = ? AND insee = ?", tt.postcode, tt.insee).Scan(&n)
		if err != nil || n != 1 {
			t.Errorf("postcode %s -> %s: %d rows, %v", tt.postcode, tt.insee, n, err)
		}
	}
}

// Every postcode leads to a positioned commune, except those of uninhabited
// territories that no source locates (the resources tests list them).
func TestEveryPostcodeHasAPositionedCommune(t *testing.T) {
	a := openShared(t)
	rows, err := a.ref.DB().Query(`SELECT p.postcode FROM postcodes p JOIN communes c ON c.insee = p.insee
		GROUP BY p.postcode
		HAVING max(c.lon IS NOT NULL) = 0 AND max(c.population) > 0`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var orphans []string
	for rows.Next() {
		var pc string
		if err := rows.Scan(&pc); err != nil {
			t.Fatal(err)
		}
		orphans = append(orphans, pc)
	}
	if len(orphans) > 0 {
		t.Errorf("%d postcodes resolve to no positioned commune: %v", len(orphans), orphans[:min(10, len(orphans))])
	}
	var dangling int
	if err := a.ref.DB().QueryRow("SELECT count(*) FROM postcodes WHERE insee NOT IN (SELECT insee FROM communes)").Scan(&dangling); err != nil || dangling > 0 {
		t.Errorf("%d postcodes of unknown communes (%v)", dangling, err)
	}
}

func TestDamagedReferenceIsRebuiltAndKeptAside(t *testing.T) {
	dir := t.TempDir()
	a, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	a.Close()
	ref := filepath.Join(dir, ReferenceFile)
	if err := os.WriteFile(ref, []byte("garbage"), 0o600); err != nil {
		t.Fatal(err)
	}
	a, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if len(a.Notices()) != 1 || !strings.Contains(a.Notices()[0], "reconstruite") {
		t.Fatalf("notices = %q", a.Notices())
	}
	aside, _ := filepath.Glob(ref + ".damaged-*")
	if len(aside) != 1 {
		t.Fatalf("damaged file not kept aside: %v", aside)
	}
	if b, _ := os.ReadFile(aside[0]); string(b) != "garbage" {
		t.Error("the file kept aside is not the damaged one")
	}
	if r, err := a.Check(); err != nil || !r.OK() {
		t.Errorf("rebuilt reference: %v %v", r.Problems, err)
	}
}

// A damaged user.db is never overwritten: it is renamed aside whole, a new
// one is started, and the user is told where the old one is.
func TestDamagedUserDBIsNeverOverwritten(t *testing.T) {
	dir := t.TempDir()
	user := filepath.Join(dir, UserFile)
	garbage := bytes.Repeat([]byte("données du cabinet "), 1000)
	if err := os.WriteFile(user, garbage, 0o600); err != nil {
		t.Fatal(err)
	}
	a, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	aside, _ := filepath.Glob(user + ".damaged-*")
	if len(aside) != 1 {
		t.Fatalf("damaged user.db not kept aside: %v", aside)
	}
	if b, _ := os.ReadFile(aside[0]); !bytes.Equal(b, garbage) {
		t.Error("the file kept aside is not the damaged one, byte for byte")
	}
	if len(a.Notices()) != 1 || !strings.Contains(a.Notices()[0], "endommagées") || !strings.Contains(a.Notices()[0], aside[0]) || !strings.Contains(a.Notices()[0], "atlas-ri restore") {
		t.Errorf("notices = %q", a.Notices())
	}
	if err := a.user.SetSetting("commune", "49099"); err != nil {
		t.Errorf("the new user.db does not work: %v", err)
	}
}

// A user.db that is not ours, or comes from a newer release, is not
// damaged: it stops Open and stays exactly as it was.
func TestForeignUserDBStopsOpen(t *testing.T) {
	dir := t.TempDir()
	user := filepath.Join(dir, UserFile)
	db, err := sqlite.OpenUser(filepath.Join(t.TempDir(), "x.db")) // a real SQLite file of ours...
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	ref := filepath.Join(t.TempDir(), "ref.db") // ...but a reference.db is not a user.db
	if err := embedded.BuildReference(ref); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(ref)
	os.WriteFile(user, b, 0o600)
	if _, err := Open(dir); !model.IsStoreProblem(err, model.ForeignFile) {
		t.Fatalf("err = %v", err)
	}
	if after, _ := os.ReadFile(user); !bytes.Equal(after, b) {
		t.Error("the foreign user.db was modified")
	}
	if aside, _ := filepath.Glob(user + ".damaged-*"); len(aside) != 0 {
		t.Errorf("a foreign file was set aside: %v", aside)
	}
}

func TestOldEmbeddedReferenceIsRebuilt(t *testing.T) {
	dir := t.TempDir()
	a, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.ref.DB().Exec("UPDATE meta SET value = 'older-release' WHERE key = ?", sqlite.MetaFingerprint); err != nil {
		t.Fatal(err)
	}
	if _, err := a.ref.DB().Exec("DELETE FROM offers; DELETE FROM centres"); err != nil {
		t.Fatal(err)
	}
	a.Close()
	a, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if c, _ := a.counts(); c.Centres != 76 {
		t.Errorf("after upgrade: %d centres, want the embedded 76", c.Centres)
	}
}

// A reference.db of an older schema (version 1 had an FTS5 table) is
// rebuilt without a word: it is derived data, not a damaged file.
func TestOlderReferenceSchemaIsRebuilt(t *testing.T) {
	dir := t.TempDir()
	a, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.ref.DB().Exec("DELETE FROM offers; DELETE FROM centres; PRAGMA user_version = 1"); err != nil {
		t.Fatal(err)
	}
	a.Close()
	if a, err = Open(dir); err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if c, _ := a.counts(); c.Centres != 76 || len(a.Notices()) != 0 {
		t.Errorf("after upgrade: %d centres, want 76; notices %q", c.Centres, a.Notices())
	}
	if aside, _ := filepath.Glob(filepath.Join(dir, "*.damaged-*")); len(aside) != 0 {
		t.Errorf("an older reference.db was set aside as damaged: %v", aside)
	}
}

// FyneApp.toml and the code must announce the same application.
func TestFyneAppTomlMatches(t *testing.T) {
	b, err := os.ReadFile("../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`ID = "` + ID + `"`, `Version = "` + Version + `"`, `Name = "` + Name + `"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("FyneApp.toml lacks %s", want)
		}
	}
}

// Issue 13, case 10: a reference.db edited by hand, still a sound SQLite
// file with the right counts, fails `check`.
func TestHandEditedReferenceFailsCheck(t *testing.T) {
	dir := t.TempDir()
	a, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if r, err := a.Check(); err != nil || !r.OK() {
		t.Fatalf("fresh folder: %v %v", r.Problems, err)
	}
	if _, err := a.ref.DB().Exec("UPDATE centres SET phone = '01 02 03 04 05' WHERE id = 'chu-d-angers'"); err != nil {
		t.Fatal(err)
	}
	r, err := a.Check()
	if err != nil || r.OK() || !strings.Contains(strings.Join(r.Problems, "\n"), "ne correspond plus à l'empreinte enregistrée à sa construction") {
		t.Errorf("check after a hand edit: %v %v", r.Problems, err)
	}
}
