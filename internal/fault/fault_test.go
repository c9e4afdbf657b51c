package fault

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

type kinded struct{ k Kind }

func (e kinded) Error() string   { return "base verrouillée" }
func (e kinded) FaultKind() Kind { return e.k }

func TestKindOf(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("errno values of Unix")
	}
	tests := []struct {
		err  error
		want Kind
	}{
		{nil, Other},
		{errors.New("x"), Other},
		{&fs.PathError{Op: "open", Path: "/x", Err: syscall.ENOSPC}, Full},
		{&os.LinkError{Op: "rename", Old: "a", New: "b", Err: syscall.EDQUOT}, Full},
		{fmt.Errorf("écriture : %w", &fs.PathError{Op: "open", Path: "/x", Err: syscall.EACCES}), Permission},
		{&fs.PathError{Op: "open", Path: "/x", Err: syscall.EROFS}, Permission},
		{fs.ErrPermission, Permission},
		{fmt.Errorf("ouverture : %w", kinded{Busy}), Busy},
		{kinded{Damage}, Damage},
		{&Error{Op: "écriture de", Path: "x", Err: syscall.ENOSPC}, Full},
	}
	for _, tt := range tests {
		if got := KindOf(tt.err); got != tt.want {
			t.Errorf("KindOf(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}

// Go's and the system's English never reach the message.
func TestErrorIsFrench(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("errno values of Unix")
	}
	tests := []struct {
		err  error
		want string
	}{
		{&os.LinkError{Op: "rename", Old: "/d/.tmp", New: "/d/x", Err: syscall.EEXIST},
			"écriture de « /d/x » impossible : un fichier de ce nom existe déjà ; réessayez"},
		{&fs.PathError{Op: "write", Path: "/d/x", Err: syscall.ENOSPC},
			"écriture de « /d/x » impossible : disque plein ; libérez de la place sur le disque, puis réessayez"},
		{&os.LinkError{Op: "rename", Old: "/d/.tmp", New: "/d/x", Err: syscall.EISDIR},
			"écriture de « /d/x » impossible : c'est un dossier, pas un fichier ; réessayez"},
		{&fs.PathError{Op: "open", Path: "/d/x", Err: syscall.EACCES},
			"écriture de « /d/x » impossible : accès refusé ; vérifiez que vous avez le droit d'écrire"},
	}
	for _, tt := range tests {
		got := Wrap("écriture de", "/d/x", tt.err).Error()
		if !strings.HasPrefix(got, tt.want) {
			t.Errorf("got  %s\nwant %s", got, tt.want)
		}
		for _, english := range []string{"rename", "file exists", "no space", "is a directory", "permission denied"} {
			if strings.Contains(got, english) {
				t.Errorf("English %q in %q", english, got)
			}
		}
	}
}

func TestUnwritable(t *testing.T) {
	if os.Geteuid() == 0 || runtime.GOOS == "windows" {
		t.Skip("permission bits do not stop root (the fault suite runs this as another user)")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "user.db")
	os.WriteFile(db, nil, 0o600)
	os.WriteFile(db+"-shm", nil, 0o600)
	if got := Unwritable(db, db+"-wal", db+"-shm"); got != "" {
		t.Errorf("writable folder: %q", got)
	}
	os.Chmod(db+"-shm", 0o400)
	if got := Unwritable(db, db+"-wal", db+"-shm"); !strings.Contains(got, "user.db-shm") {
		t.Errorf("read-only side file: %q", got)
	}
	os.Chmod(dir, 0o500)
	defer os.Chmod(dir, 0o700)
	if got := Unwritable(db); !strings.Contains(got, "lecture seule") {
		t.Errorf("read-only folder: %q", got)
	}
}
