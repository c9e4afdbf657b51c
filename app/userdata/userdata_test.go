package userdata

import (
	"bytes"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"atlasri/app/exchange"
	"atlasri/model"
	"atlasri/model/sqlite"

	_ "github.com/mattn/go-sqlite3"
	"github.com/paulmach/orb"
)

var now = time.Date(2027, 1, 10, 9, 0, 0, 0, time.UTC)

func openUser(t *testing.T, path string) *sqlite.User {
	t.Helper()
	u, err := sqlite.OpenUser(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { u.Close() })
	return u
}

func geography() *exchange.Geography {
	square := orb.MultiPolygon{{{{-1.2, 46.8}, {0.2, 46.8}, {0.2, 47.8}, {-1.2, 47.8}, {-1.2, 46.8}}}}
	return exchange.NewGeography(
		[]model.Commune{{INSEE: "49099", Name: "Cholet", Dept: "49", Postcodes: []string{"49300"}, Pos: orb.Point{-0.8789, 47.06}, PosSource: "geonames"}},
		nil, []model.Departement{{Code: "49", Shape: square}},
		[]model.Procedure{{ID: "vertebroplastie", NameFR: "Vertébroplastie"}})
}

func TestSaveCentre(t *testing.T) {
	u := openUser(t, filepath.Join(t.TempDir(), "user.db"))
	in := CentreInput{Name: "Clinique du Parc", Sector: "privé", Postcode: "49300", Commune: "CHOLET", Phone: "0241000000",
		Procedures: []string{"vertebroplastie"}}
	c, ps, err := SaveCentre(u, geography(), in, now)
	if err != nil || len(ps) != 0 {
		t.Fatalf("%v %v", err, ps)
	}
	if c.ID != "cabinet-clinique-du-parc" || c.INSEE != "49099" || c.Phone != "02 41 00 00 00" || c.Source != sqlite.PracticeSource ||
		len(c.Offers) != 1 || c.Offers[0].Verified || c.Offers[0].Reason == "" {
		t.Errorf("saved %+v", c)
	}
	// A second clinic of the same name gets its own id; renaming keeps the id.
	c2, _, err := SaveCentre(u, geography(), in, now)
	if err != nil || c2.ID != "cabinet-clinique-du-parc-2" {
		t.Errorf("second: %q %v", c2.ID, err)
	}
	in.ID, in.Name = c.ID, "Clinique du Parc (Dr Roux)"
	if c3, _, err := SaveCentre(u, geography(), in, now); err != nil || c3.ID != c.ID || c3.Name != in.Name {
		t.Errorf("rename: %+v %v", c3, err)
	}
	all, _ := u.PracticeCentres()
	if len(all) != 2 {
		t.Errorf("%d centres", len(all))
	}

	// Checked like a directory's centre, every problem named by field.
	bad := CentreInput{Name: "", Sector: "privé", INSEE: "49099", Phone: "12", Procedures: []string{"nope"}}
	_, _, err = SaveCentre(u, geography(), bad, now)
	var inv *InvalidError
	if !errors.As(err, &inv) || inv.Problems.Errors() != 3 || !strings.Contains(err.Error(), "nom manquant") {
		t.Errorf("err = %v", err)
	}
	// A directory centre is not edited here.
	in.ID = "chu-d-angers"
	if _, _, err := SaveCentre(u, geography(), in, now); err == nil || !strings.Contains(err.Error(), "vient de l'annuaire") {
		t.Errorf("err = %v", err)
	}
}

func TestBackupRestore(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	os.MkdirAll(data, 0o700)
	user := filepath.Join(data, UserFile)
	u, err := sqlite.OpenUser(user)
	if err != nil {
		t.Fatal(err)
	}
	u.SetNote("chu-d-angers", "avant la sauvegarde", now)
	u.SetFavourite("chu-d-angers", true, now)
	backup := filepath.Join(dir, DefaultBackupName(now))
	if err := Backup(u, backup); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(backup); info.Mode().Perm()&0o077 != 0 {
		t.Errorf("backup mode %v, want owner-only", info.Mode().Perm())
	}
	if err := Backup(u, backup); err == nil || !strings.Contains(err.Error(), "existe déjà") {
		t.Errorf("overwrote a backup: %v", err)
	}
	u.SetNote("chu-d-angers", "après la sauvegarde", now)
	u.Close()

	aside, err := Restore(data, backup, now)
	if err != nil {
		t.Fatal(err)
	}
	u = openUser(t, user)
	if n, _ := u.Note("chu-d-angers"); n != "avant la sauvegarde" {
		t.Errorf("note after restore = %q", n)
	}
	if favs, _ := u.Favourites(); len(favs) != 1 {
		t.Errorf("favourites = %v", favs)
	}
	// The replaced file is kept, with what was written after the backup.
	prev := openUser(t, aside)
	if n, _ := prev.Note("chu-d-angers"); n != "après la sauvegarde" {
		t.Errorf("the file set aside holds %q", n)
	}
	if left, _ := filepath.Glob(filepath.Join(data, "*.restauration*")); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
}

// A file that is not a usable backup is refused, and user.db is left
// exactly as it was.
func TestRestoreRefuses(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	os.MkdirAll(data, 0o700)
	user := filepath.Join(data, UserFile)
	u, _ := sqlite.OpenUser(user)
	u.SetNote("x", "garder", now)
	u.Close()
	before, _ := os.ReadFile(user)

	newer := filepath.Join(dir, "newer.db")
	nu, _ := sqlite.OpenUser(newer)
	nu.Close()
	raw, _ := os.ReadFile(newer)
	// Bump user_version (header offset 60) past what this build knows.
	raw[60], raw[61], raw[62], raw[63] = 0, 0, 0, 99
	os.WriteFile(newer, raw, 0o600)
	damaged := filepath.Join(dir, "damaged.db")
	os.WriteFile(damaged, bytes.Repeat([]byte("x"), 8192), 0o600)
	for _, tt := range []struct{ file, want string }{
		{damaged, "est endommagée ; rien n'a été modifié"},
		{newer, "vient d'une version plus récente d'Atlas RI"},
		{filepath.Join(dir, "absent.db"), "lecture de la sauvegarde"},
	} {
		_, err := Restore(data, tt.file, now)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v", tt.file, err)
		}
		if after, _ := os.ReadFile(user); !bytes.Equal(before, after) {
			t.Errorf("%s: user.db changed", tt.file)
		}
	}
	if left, _ := filepath.Glob(filepath.Join(data, "*")); len(left) != 1 {
		t.Errorf("files left: %v", left)
	}
}

// A backup from an older schema is brought up to date on restore.
func TestRestoreMigratesOlderBackup(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	os.MkdirAll(data, 0o700)
	old := filepath.Join(dir, "old.db")
	u, _ := sqlite.OpenUser(old)
	u.SetNote("chu-d-angers", "ancienne", now)
	u.Close()
	// Take the file back to the schema before the practice's centres.
	db, err := sql.Open("sqlite3", old)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("DROP TABLE practice_centres; DROP TABLE directory_updates; PRAGMA user_version = 2"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := Restore(data, old, now); err != nil {
		t.Fatal(err)
	}
	r := openUser(t, filepath.Join(data, UserFile))
	if v, _ := r.SchemaVersion(); v < 3 {
		t.Errorf("schema %d after restore", v)
	}
	if n, _ := r.Note("chu-d-angers"); n != "ancienne" {
		t.Errorf("note = %q", n)
	}
	if _, err := r.PracticeCentres(); err != nil {
		t.Errorf("migrated tables missing: %v", err)
	}
}
