package sqlite

import (
	"errors"
	"fmt"
	"strings"
	"syscall"
	"testing"

	"atlasri/internal/fault"
	"atlasri/model"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// Only SQLite's own verdict of corruption is damage; a lock held too long,
// a full disk or a file this user may not write are passing faults, said
// in French. These are the errors SQLite gave in the fault suite's cases.
func TestClassify(t *testing.T) {
	tests := []struct {
		name    string
		err     sqlite3.Error
		kind    fault.Kind
		problem model.StoreProblem
		reason  string
	}{
		{"corrupt", sqlite3.Error{Code: sqlite3.ErrCorrupt}, fault.Damage, model.Corrupt, "endommagé"},
		{"not a database", sqlite3.Error{Code: sqlite3.ErrNotADB}, fault.Damage, model.Corrupt, "pas un fichier SQLite"},
		{"lock held by another process", sqlite3.Error{Code: sqlite3.ErrBusy, ExtendedCode: 5}, fault.Busy, model.Busy, "verrouillée"},
		{"full disk, creating the -shm file", sqlite3.Error{Code: sqlite3.ErrIoErr, ExtendedCode: 4874, SystemErrno: syscall.ENOSPC}, fault.Full, model.DiskFull, "disque plein"},
		{"full database", sqlite3.Error{Code: sqlite3.ErrFull}, fault.Full, model.DiskFull, "disque plein"},
		{"read-only folder", sqlite3.Error{Code: sqlite3.ErrReadonly, ExtendedCode: 1544}, fault.Permission, model.NoWrite, ""},
		{"side file of another user", sqlite3.Error{Code: sqlite3.ErrCantOpen, SystemErrno: syscall.EACCES}, fault.Permission, model.NoWrite, ""},
		{"disk error", sqlite3.Error{Code: sqlite3.ErrIoErr, SystemErrno: syscall.EIO}, fault.Other, model.Unreadable, "erreur de lecture ou d'écriture du disque"},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := classify(tt.err)
			if got := fault.KindOf(err); got != tt.kind {
				t.Errorf("kind %v, want %v", got, tt.kind)
			}
			if !errors.Is(err, tt.err) {
				t.Error("the SQLite error is lost")
			}
			oe := openProblem(dir+"/user.db", tt.err)
			if oe.Problem != tt.problem {
				t.Errorf("problem %v, want %v", oe.Problem, tt.problem)
			}
			msg := oe.Error()
			if !strings.Contains(msg, tt.reason) {
				t.Errorf("message %q lacks %q", msg, tt.reason)
			}
			for _, english := range []string{"database", "disk I/O", "locked", "readonly", "unable to open"} {
				if strings.Contains(msg, english) {
					t.Errorf("English %q in %q", english, msg)
				}
			}
		})
	}
}

// A wrapped SQLite error keeps the context it was wrapped in (the failing
// row of a batch); only SQLite's English part is said in French.
func TestClassifyKeepsContext(t *testing.T) {
	se := sqlite3.Error{Code: sqlite3.ErrConstraint}
	err := classify(fmt.Errorf("insertion des codes postaux (ligne 42) : %w", se))
	want := "insertion des codes postaux (ligne 42) : donnée refusée par la base (contrainte non respectée)"
	if err.Error() != want {
		t.Errorf("got  %s\nwant %s", err, want)
	}
	if !errors.Is(err, se) {
		t.Error("the SQLite error is lost")
	}
}
