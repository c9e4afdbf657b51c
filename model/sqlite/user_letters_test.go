package sqlite

import (
	"atlasri/model"
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func openTestUser(t *testing.T) (*User, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "user.db")
	u, err := OpenUser(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { u.Close() })
	return u, path
}

func record(patient string, at time.Time) model.LetterRecord {
	return model.LetterRecord{SentAt: at, Centre: "chu-d-angers", CentreName: "CHU d'Angers", Procedure: "vertebroplastie",
		ProcedureName: "Vertébroplastie", Delivery: model.DeliveryPDF, Patient: patient, Content: json.RawMessage(`{"reason":"douleur"}`)}
}

func TestLetterHistory(t *testing.T) {
	u, _ := openTestUser(t)
	t0 := time.Date(2026, 3, 12, 9, 30, 0, 0, time.UTC)
	id1, err := u.AddLetter(record("Madame A", t0))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := u.AddLetter(record("Monsieur B", t0.Add(time.Hour))); err != nil {
		t.Fatal(err)
	}
	all, err := u.Letters(0)
	if err != nil || len(all) != 2 {
		t.Fatalf("Letters = %v, %v", all, err)
	}
	if all[0].Patient != "Monsieur B" || !all[1].SentAt.Equal(t0) || string(all[1].Content) != `{"reason":"douleur"}` {
		t.Errorf("history order or content: %+v", all)
	}
	if last, _ := u.Letters(1); len(last) != 1 || last[0].Patient != "Monsieur B" {
		t.Errorf("Letters(1) = %+v", last)
	}
	if err := u.DeleteLetter(id1); err != nil {
		t.Fatal(err)
	}
	if err := u.DeleteLetter(id1); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("deleting twice: %v", err)
	}
	n, err := u.ClearLetters()
	if err != nil || n != 1 {
		t.Errorf("ClearLetters = %d, %v", n, err)
	}

	bad := record("X", t0)
	bad.Delivery = "fax"
	if _, err := u.AddLetter(bad); err == nil {
		t.Error("unknown delivery accepted")
	}
	bad = record("X", t0)
	bad.Content = json.RawMessage(`{pas du json`)
	if _, err := u.AddLetter(bad); err == nil {
		t.Error("invalid content accepted")
	}
}

// After the history is cleared, the patient's name must not stay readable
// anywhere in the database files.
func TestClearedHistoryLeavesNoTrace(t *testing.T) {
	u, path := openTestUser(t)
	const secret = "Zéphyrine QUELCONQUE-TRACEUR"
	for i := 0; i < 20; i++ {
		if _, err := u.AddLetter(record(secret, time.Now())); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := u.ClearLetters(); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{path, path + "-wal", path + "-journal"} {
		data, err := os.ReadFile(f)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(data, []byte(secret)) {
			t.Errorf("%s still holds the patient's name", filepath.Base(f))
		}
	}
}

func TestSetSettingsIsAllOrNothing(t *testing.T) {
	u, _ := openTestUser(t)
	if err := u.SetSettings(map[string]string{"gp.city": "Cholet", "gp.postcode": "49300"}); err != nil {
		t.Fatal(err)
	}
	if v, _ := u.Setting("gp.city"); v != "Cholet" {
		t.Errorf("gp.city = %q", v)
	}
	u.db.Exec("CREATE TRIGGER refuse BEFORE INSERT ON settings WHEN NEW.key = 'gp.phone' BEGIN SELECT RAISE(ABORT, 'refusé'); END")
	err := u.SetSettings(map[string]string{"gp.email": "a@b.fr", "gp.phone": "x"})
	if err == nil || !strings.Contains(err.Error(), "refusé") {
		t.Fatalf("error = %v", err)
	}
	if v, _ := u.Setting("gp.email"); v != "" {
		t.Errorf("half-saved identity: gp.email = %q", v)
	}
}

func TestUserMigrationAddsLetterHistory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "user.db")
	// A user.db from the first release: schema version 1.
	saved := userSchema
	userSchema.migrations = saved.migrations[:1]
	u, err := OpenUser(path)
	if err != nil {
		userSchema = saved
		t.Fatal(err)
	}
	u.SetSetting("gp.city", "Cholet")
	u.Close()
	userSchema = saved

	u, err = OpenUser(path)
	if err != nil {
		t.Fatal(err)
	}
	defer u.Close()
	if u.Backup == "" {
		t.Error("no backup before the migration")
	}
	if v, _ := u.Setting("gp.city"); v != "Cholet" {
		t.Errorf("setting lost: %q", v)
	}
	if _, err := u.AddLetter(record("Madame A", time.Now())); err != nil {
		t.Errorf("history table missing after migration: %v", err)
	}
}
