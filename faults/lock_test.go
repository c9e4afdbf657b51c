package faults

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"atlasri/app"
	"atlasri/model"
)

// startLock has a second process hold an exclusive lock on the database at
// path; the returned function releases it.
func startLock(t *testing.T, path string) (release func()) {
	t.Helper()
	cmd := child(t, "lock", pathEnv+"="+path)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	sc := lineReader(t, cmd)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if !sc.Scan() || sc.Text() != "HELD" {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("the lock holder did not take its lock: %s", stderr.String())
	}
	done := false
	release = func() {
		if !done {
			done = true
			stdin.Close()
			cmd.Wait()
		}
	}
	t.Cleanup(release)
	return release
}

// Issue 13, case 1: another process holds user.db locked for longer than
// SQLite's 5 s. The opening waits, says so, then refuses: nothing is
// renamed aside, not a byte changes, and the practice's data is all there
// once the lock is released.
func TestLockHeldBySecondProcess(t *testing.T) {
	dir := newFolder(t, t.TempDir())
	before := fileDigests(t, dir)
	release := startLock(t, filepath.Join(dir, app.UserFile))

	var told []string
	start := time.Now()
	a, err := app.OpenWith(dir, app.Options{Wait: 2 * time.Second, Waiting: func(m string) { told = append(told, m) }})
	if err == nil {
		a.Close()
		t.Fatal("the data folder opened while another process held user.db locked")
	}
	t.Logf("refused after %v: %v", time.Since(start).Round(100*time.Millisecond), err)
	var oe *model.OpenError
	if !errors.As(err, &oe) || oe.Problem != model.Busy {
		t.Errorf("problem %v, want Busy", err)
	}
	french(t, err.Error(), "est utilisée par un autre programme", "Rien n'a été modifié", "fermez l'autre programme")
	if len(told) != 1 || !strings.Contains(told[0], "Atlas RI attend qu'elles se libèrent") {
		t.Errorf("waiting said %q", told)
	}
	unchanged(t, dir, before)

	// The command line waits too, and goes on once the lock is released
	// (after SQLite's own 5 s).
	go func() {
		time.Sleep(6 * time.Second)
		release()
	}()
	code, out := runCLI("check", "--data-dir", dir)
	if code != 0 {
		t.Errorf("check after the lock was released: %d\n%s", code, out)
	}
	french(t, out, "Atlas RI attend qu'elles se libèrent", "Intégrité : OK")
	unchanged(t, dir, before)
	practiceDataIntact(t, dir)
}

// The update lock of an import held by another process: a second import
// waits for it, then says another update is running, in French.
func TestUpdateLockHeldBySecondProcess(t *testing.T) {
	dir := newFolder(t, t.TempDir())
	file := filepath.Join(t.TempDir(), "annuaire.json")
	writeFile(t, file, updateFile(t, "2027.1", "2027-01-15"))
	before := fileDigests(t, dir)
	startLock(t, filepath.Join(dir, "update.lock"))
	code, out := runCLI("import", file, "--data-dir", dir)
	if code != 1 {
		t.Errorf("import while another holds the update lock: %d\n%s", code, out)
	}
	french(t, out, "une autre mise à jour de l'annuaire est en cours")
	unchanged(t, dir, before)
}
