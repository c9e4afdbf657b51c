package app

import (
	"bytes"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"atlasri/app/userdata"
	"atlasri/model/sqlite"

	_ "github.com/mattn/go-sqlite3"
)

var restoreNow = time.Date(2027, 1, 10, 9, 0, 0, 0, time.UTC)

func openUserFile(t *testing.T, path string) *sqlite.User {
	t.Helper()
	u, err := sqlite.OpenUser(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { u.Close() })
	return u
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
	u.SetNote("chu-d-angers", "avant la sauvegarde", restoreNow)
	u.SetFavourite("chu-d-angers", true, restoreNow)
	backup := filepath.Join(dir, userdata.DefaultBackupName(restoreNow))
	if err := userdata.Backup(u, backup); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(backup); info.Mode().Perm()&0o077 != 0 {
		t.Errorf("backup mode %v, want owner-only", info.Mode().Perm())
	}
	if err := userdata.Backup(u, backup); err == nil || !strings.Contains(err.Error(), "existe déjà") {
		t.Errorf("overwrote a backup: %v", err)
	}
	u.SetNote("chu-d-angers", "après la sauvegarde", restoreNow)
	u.Close()

	aside, err := Restore(data, backup, restoreNow)
	if err != nil {
		t.Fatal(err)
	}
	u = openUserFile(t, user)
	if n, _ := u.Note("chu-d-angers"); n != "avant la sauvegarde" {
		t.Errorf("note after restore = %q", n)
	}
	if favs, _ := u.Favourites(); len(favs) != 1 {
		t.Errorf("favourites = %v", favs)
	}
	// The replaced file is kept, with what was written after the backup.
	prev := openUserFile(t, aside)
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
	u.SetNote("x", "garder", restoreNow)
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
		_, err := Restore(data, tt.file, restoreNow)
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
	u.SetNote("chu-d-angers", "ancienne", restoreNow)
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
	if _, err := Restore(data, old, restoreNow); err != nil {
		t.Fatal(err)
	}
	r := openUserFile(t, filepath.Join(data, UserFile))
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

// Issue 13, case 12: a backup carries the digest of its content and a
// backup altered since (a note changed in place, the file still a sound
// SQLite database) is refused; two restorations in the same second keep
// both copies of the data they replace.
func TestRestoreVerifiesBackupAndKeepsEveryCopy(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	os.MkdirAll(data, 0o700)
	user := filepath.Join(data, UserFile)
	u, err := sqlite.OpenUser(user)
	if err != nil {
		t.Fatal(err)
	}
	u.SetNote("chu-d-angers", "rappeler le secrétariat", restoreNow)
	backup := filepath.Join(dir, "sauvegarde.db")
	if err := userdata.Backup(u, backup); err != nil {
		t.Fatal(err)
	}
	u.Close()

	altered := filepath.Join(dir, "alteree.db")
	raw, _ := os.ReadFile(backup)
	i := bytes.Index(raw, []byte("rappeler le secrétariat"))
	if i < 0 {
		t.Fatal("note not found in the backup")
	}
	raw = bytes.Clone(raw)
	copy(raw[i:], "RAPPELER")
	os.WriteFile(altered, raw, 0o600)
	before, _ := os.ReadFile(user)
	if _, err := Restore(data, altered, restoreNow); err == nil || !strings.Contains(err.Error(), "a été modifiée ou abîmée depuis qu'elle a été faite") {
		t.Errorf("altered backup: %v", err)
	}
	if after, _ := os.ReadFile(user); !bytes.Equal(before, after) {
		t.Error("user.db changed")
	}

	var asides []string
	for range 2 {
		aside, err := Restore(data, backup, restoreNow)
		if err != nil {
			t.Fatalf("restoring twice in the same second: %v", err)
		}
		asides = append(asides, aside)
	}
	if asides[0] == asides[1] {
		t.Errorf("both restorations set the data aside as %s", asides[0])
	}
	r := openUserFile(t, user)
	if n, _ := r.Note("chu-d-angers"); n != "rappeler le secrétariat" {
		t.Errorf("note after restore = %q", n)
	}
}
