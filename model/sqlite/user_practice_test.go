package sqlite

import (
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"atlasri/model"

	"github.com/paulmach/orb"
)

var t0 = time.Date(2027, 1, 10, 9, 0, 0, 0, time.UTC)

func mustUser(t *testing.T) (*User, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "user.db")
	u, err := OpenUser(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { u.Close() })
	return u, path
}

func TestPracticeCentres(t *testing.T) {
	u, _ := mustUser(t)
	c := model.Centre{ID: "cabinet-clinique", Name: "Clinique", Sector: model.SectorPrivate, INSEE: "49099", Commune: "Cholet", Dept: "49",
		Pos: orb.Point{-0.88, 47.06}, Phone: "02 41 00 00 00", Offers: []model.Offer{{ProcedureID: "vertebroplastie"}}}
	if err := u.SavePracticeCentre(c, t0); err != nil {
		t.Fatal(err)
	}
	got, err := u.PracticeCentre("cabinet-clinique")
	if err != nil || got.Name != "Clinique" || got.Pos != c.Pos || got.Source != model.PracticeSource || got.CheckedOn != "2027-01-10" ||
		len(got.Offers) != 1 || got.Offers[0].Origin != model.OfferIndicative || got.Offers[0].Reason == "" {
		t.Errorf("got %+v, %v", got, err)
	}
	c.Name = "Clinique du Parc"
	u.SavePracticeCentre(c, t0.Add(time.Hour))
	all, _ := u.PracticeCentres()
	if len(all) != 1 || all[0].Name != "Clinique du Parc" {
		t.Errorf("after update: %+v", all)
	}
	c.ID = "clinique"
	if err := u.SavePracticeCentre(c, t0); err == nil || !strings.Contains(err.Error(), "cabinet-") {
		t.Errorf("a centre without the practice prefix was saved: %v", err)
	}
	if err := u.DeletePracticeCentre("cabinet-clinique"); err != nil {
		t.Fatal(err)
	}
	if err := u.DeletePracticeCentre("cabinet-clinique"); err == nil {
		t.Error("deleting twice")
	}
}

func TestNotesFavouritesOrphans(t *testing.T) {
	u, _ := mustUser(t)
	u.SetNote("a", "note a", t0)
	u.SetNote("gone", "note gone", t0)
	u.SetNote("cabinet-x", "note x", t0)
	u.SetFavourite("a", true, t0)
	u.SetFavourite("gone", true, t0)
	u.SetFavourite("gone", true, t0) // twice is once
	u.SavePracticeCentre(model.Centre{ID: "cabinet-x", Name: "X", Sector: model.SectorPrivate, INSEE: "49099"}, t0)
	o, err := u.Orphans(func(id string) bool { return id == "a" })
	if err != nil || len(o.Notes) != 1 || o.Notes[0].Centre != "gone" || len(o.Favourites) != 1 || o.Favourites[0] != "gone" || o.Empty() {
		t.Errorf("orphans = %+v, %v", o, err)
	}
	u.SetNote("gone", " ", t0) // blank removes
	u.SetFavourite("gone", false, t0)
	if o, _ := u.Orphans(func(id string) bool { return id == "a" }); !o.Empty() {
		t.Errorf("orphans = %+v", o)
	}
	if n, _ := u.Note("a"); n != "note a" {
		t.Errorf("note = %q", n)
	}
}

// Two updates never run at once: the second waits for the first's lock;
// a pending update is not in the history until it is done, and a dropped
// one never is.
func TestWithUpdateLock(t *testing.T) {
	u, path := mustUser(t)
	other, err := OpenUser(path) // another process, say the window
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	var mu sync.Mutex
	running, overlap := 0, false
	install := func(db *User, v string) func() error {
		return func() error {
			mu.Lock()
			running++
			overlap = overlap || running > 1
			mu.Unlock()
			id, err := db.BeginUpdate(model.DirectoryUpdate{InstalledAt: t0, Origin: "import", File: v + ".json", ToVersion: v,
				Changes: model.Changes{Added: []model.CentreChange{{ID: "a", Name: "A"}}}, StoredSHA256: "sha-" + v})
			if err != nil {
				return err
			}
			time.Sleep(50 * time.Millisecond)
			mu.Lock()
			running--
			mu.Unlock()
			return db.EndUpdate(id)
		}
	}
	var wg sync.WaitGroup
	for i, db := range []*User{u, other} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := db.WithUpdateLock(install(db, []string{"v1", "v2"}[i])); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if overlap {
		t.Error("two updates ran at once")
	}
	if err := u.WithUpdateLock(func() error { return errFake }); err != errFake {
		t.Errorf("err = %v", err)
	}
	id, err := u.BeginUpdate(model.DirectoryUpdate{InstalledAt: t0, Origin: "import", File: "v3.json", ToVersion: "v3", StoredSHA256: "sha-v3"})
	if err != nil {
		t.Fatal(err)
	}
	if p, err := u.PendingUpdates(); err != nil || len(p) != 1 || p[0].ID != id || !p[0].Pending || p[0].StoredSHA256 != "sha-v3" {
		t.Errorf("pending = %+v, %v", p, err)
	}
	if got, ok, err := u.UpdateFor("sha-v3"); err != nil || !ok || got.ToVersion != "v3" {
		t.Errorf("UpdateFor(pending) = %+v %v %v", got, ok, err)
	}
	hist, err := u.DirectoryUpdates(0)
	if err != nil || len(hist) != 2 || hist[0].Changes.Added[0].Name != "A" || hist[0].Pending {
		t.Errorf("history = %+v, %v", hist, err)
	}
	if err := u.DropUpdate(id); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := u.UpdateFor("sha-v3"); ok {
		t.Error("a dropped update still vouches for its file")
	}
	// A done update is never dropped.
	if err := u.DropUpdate(hist[0].ID); err != nil {
		t.Fatal(err)
	}
	if last, _ := u.DirectoryUpdates(1); len(last) != 1 || last[0].ID != hist[0].ID {
		t.Errorf("limit, or a done update dropped: %+v", last)
	}
}

// An install holds its lock for seconds: meanwhile the window reads and
// writes notes, favourites and settings through the same User, and
// another process (a second User on the file) reads as well.
func TestUpdateLockLeavesUserDataAvailable(t *testing.T) {
	u, path := mustUser(t)
	if err := u.SetNote("chu-angers", "avant", t0); err != nil {
		t.Fatal(err)
	}
	other, err := OpenUser(path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	held, release := make(chan struct{}), make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- u.WithUpdateLock(func() error {
			id, err := u.BeginUpdate(model.DirectoryUpdate{InstalledAt: t0, Origin: "import", File: "a.json", ToVersion: "v1"})
			close(held)
			<-release
			if err != nil {
				return err
			}
			return u.EndUpdate(id)
		})
	}()
	<-held
	work := make(chan error, 1)
	go func() {
		work <- func() error {
			if n, err := u.Note("chu-angers"); err != nil || n != "avant" {
				return fmt.Errorf("note during the install = %q, %v", n, err)
			}
			if err := u.SetNote("chu-angers", "pendant", t0); err != nil {
				return fmt.Errorf("writing a note during the install: %v", err)
			}
			if err := u.SetFavourite("chu-angers", true, t0); err != nil {
				return fmt.Errorf("favourite during the install: %v", err)
			}
			if err := u.SetSettings(map[string]string{model.SettingTheme: "dark"}); err != nil {
				return fmt.Errorf("settings during the install: %v", err)
			}
			if n, err := other.Note("chu-angers"); err != nil || n != "pendant" {
				return fmt.Errorf("other process's read = %q, %v", n, err)
			}
			return nil
		}()
	}()
	// The install only ends once the reads are answered: reads waiting for
	// its lock would wait forever. The bound below is a deadlock guard,
	// not a timing: the answers take milliseconds.
	select {
	case err := <-work:
		if err != nil {
			t.Error(err)
		}
	case <-time.After(time.Minute):
		t.Fatal("reading and writing the practice's data waited for the install's lock")
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if hist, err := u.DirectoryUpdates(0); err != nil || len(hist) != 1 {
		t.Errorf("history = %+v, %v", hist, err)
	}
}

var errFake = &model.OpenError{Problem: model.Corrupt, Detail: "test"}

func TestBackupToAndCheckUserFile(t *testing.T) {
	u, _ := mustUser(t)
	u.SetNote("a", "sauvegardée", t0)
	dst := filepath.Join(t.TempDir(), "copie.db")
	if err := u.BackupTo(dst); err != nil {
		t.Fatal(err)
	}
	if err := u.BackupTo(dst); err == nil {
		t.Error("a backup overwrote an existing file")
	}
	v, err := CheckUserFile(dst)
	if err != nil || v != userSchema.version() {
		t.Errorf("version %d, %v", v, err)
	}
	ref, _ := MustBuild(t)
	if _, err := CheckUserFile(ref); !model.IsStoreProblem(err, model.ForeignFile) {
		t.Errorf("a reference.db passed as a user.db: %v", err)
	}
}
