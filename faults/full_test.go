package faults

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"

	"atlasri/app"
	"atlasri/internal/safefile"
	"atlasri/model"
)

// smallDisk mounts a tmpfs of the given size (in MB) and returns its
// path, or "" and why it cannot (not Linux, not root, mounting refused
// in a container).
func smallDisk(t *testing.T, mb int) (string, string) {
	t.Helper()
	if runtime.GOOS != "linux" {
		return "", "tmpfs is Linux's"
	}
	if os.Geteuid() != 0 {
		return "", "mounting a tmpfs needs root"
	}
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size="+itoa(mb)+"m,mode=0700"); err != nil {
		return "", "mount refused: " + err.Error()
	}
	t.Cleanup(func() {
		if err := syscall.Unmount(dir, 0); err != nil {
			t.Errorf("umount %s: %v", dir, err)
		}
	})
	return dir, ""
}

func itoa(n int) string { return string(rune('0'+n/10%10)) + string(rune('0'+n%10)) }

// fill writes a file until the disk is full, and returns its path.
func fill(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "remplissage")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, size := range []int{1 << 20, 4096, 1} {
		buf := make([]byte, size)
		for {
			if _, err := f.Write(buf); err != nil {
				if !errors.Is(err, syscall.ENOSPC) {
					t.Fatal(err)
				}
				break
			}
		}
	}
	return path
}

// Issue 13, case 1 and 15: the disk holding the data folder is full. The
// opening refuses in French (never « mode WAL : database or disk is full »)
// and sets nothing aside; an import, a note, an export and a backup fail
// in French with nothing changed; once space is freed, everything is
// there, the practice's identity included.
func TestFullDisk(t *testing.T) {
	disk, why := smallDisk(t, 48)
	if disk == "" {
		t.Skipf("no small disk to fill (%s): TestFullDiskInjected stands in, through /dev/full and a failing writer", why)
	}
	dir := newFolder(t, disk)
	before := fileDigests(t, dir)
	filler := fill(t, disk)

	// Opening on a full disk.
	_, err := app.Open(dir)
	if !model.IsStoreProblem(err, model.DiskFull) {
		t.Errorf("opening on a full disk: %v, want DiskFull", err)
	}
	code, out := runCLI("check", "--data-dir", dir)
	if code != 1 {
		t.Errorf("check on a full disk: exit %d", code)
	}
	t.Logf("check: %s", out)
	french(t, out, "Le disque est plein", "Rien n'a été modifié", "libérez de la place sur le disque")
	unchanged(t, dir, before)

	// Open, then the disk fills up: an import, a note, an export and a
	// backup each fail in French, and change nothing.
	os.Remove(filler)
	a, err := app.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	update := filepath.Join(t.TempDir(), "annuaire.json")
	writeFile(t, update, updateFile(t, "2027.1", "2027-01-15"))
	data, _ := os.ReadFile(update)
	p, err := a.PrepareImport(importRequest(update, data))
	if err != nil {
		t.Fatal(err)
	}
	// Full to the last byte (the update lock cannot be taken), then with
	// half a megabyte left (the new reference database cannot be written).
	for _, left := range []int64{0, 512 << 10} {
		filler = fill(t, disk)
		if left > 0 {
			info, _ := os.Stat(filler)
			os.Truncate(filler, info.Size()-left)
		}
		err = a.InstallDirectory(p)
		if err == nil {
			t.Fatalf("a directory installed on a full disk (%d bytes left)", left)
		}
		t.Logf("install with %d bytes left: %v", left, err)
		french(t, err.Error(), "disque plein", "libérez de la place")
		os.Remove(filler)
	}
	filler = fill(t, disk)
	if err := a.SetNote("chu-d-lyon", "une note de plus", time.Now()); err != nil {
		french(t, err.Error(), "disque plein")
	}
	if err := a.Backup(filepath.Join(disk, "sauvegarde.db")); err == nil {
		t.Error("a backup written on a full disk")
	} else {
		french(t, err.Error(), "disque plein")
	}
	code, out = runCLI("export", "--out", filepath.Join(disk, "export.json"), "--data-dir", dir)
	if code != 1 {
		t.Errorf("export to a full disk: exit %d", code)
	}
	french(t, out, "disque plein ; libérez de la place")
	a.Close()

	os.Remove(filler)
	code, out = runCLI("check", "--data-dir", dir)
	if code != 0 {
		t.Errorf("check once space is freed: %d\n%s", code, out)
	}
	a, err = app.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if info, _ := a.DirectoryInfo(); info.Version == "2027.1" {
		t.Error("the directory of the failed import is installed")
	}
	if hist, _ := a.DirectoryUpdates(0); len(hist) != 0 {
		t.Errorf("history of a failed import: %+v", hist)
	}
	a.Close()
	practiceDataIntact(t, dir)
	if aside, _ := filepath.Glob(filepath.Join(dir, "*.damaged-*")); len(aside) > 0 {
		t.Errorf("set aside: %v", aside)
	}
}

// TestFullDiskInjected stands in for a tmpfs where none can be mounted
// (and runs everywhere): /dev/full answers every write with « no space
// left on device », and a writer can fail the same way.
func TestFullDiskInjected(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err == nil {
		dir := newFolder(t, t.TempDir())
		code, out := runCLI("export", "--out", "/dev/full", "--data-dir", dir)
		if code != 1 {
			t.Errorf("export to /dev/full: exit %d", code)
		}
		french(t, out, "disque plein ; libérez de la place")
	} else {
		t.Log("no /dev/full on this system: only the failing writer")
	}
	out := filepath.Join(t.TempDir(), "lettre.pdf")
	err := safefile.Write(out, func(w io.Writer) error {
		return &fs.PathError{Op: "write", Path: out, Err: syscall.ENOSPC}
	})
	if err == nil {
		t.Fatal("the injected full disk was not reported")
	}
	french(t, err.Error(), "disque plein ; libérez de la place")
	if _, err := os.Stat(out); !errors.Is(err, fs.ErrNotExist) {
		t.Error("half a file left under its name")
	}
}
