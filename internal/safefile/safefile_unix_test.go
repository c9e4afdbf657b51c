//go:build !windows

package safefile

import (
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// Special files at the destination are written into (pipes, character
// devices) or refused, never replaced by a regular file; errors are in
// French.
func TestSpecialFiles(t *testing.T) {
	dir := t.TempDir()

	fifo := filepath.Join(dir, "tube")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	got := make(chan string)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- err.Error()
			return
		}
		b, _ := io.ReadAll(f)
		f.Close()
		got <- string(b)
	}()
	if err := WriteBytes(fifo, []byte("par le tube")); err != nil {
		t.Fatal(err)
	}
	if s := <-got; s != "par le tube" {
		t.Errorf("the reader of the pipe got %q", s)
	}
	if info, _ := os.Lstat(fifo); info.Mode()&fs.ModeNamedPipe == 0 {
		t.Errorf("the named pipe was replaced: %v", info.Mode())
	}

	if err := WriteBytes("/dev/null", []byte("rien")); err != nil {
		t.Errorf("/dev/null: %v", err)
	}
	if info, _ := os.Stat("/dev/null"); info.Mode()&fs.ModeCharDevice == 0 {
		t.Fatalf("/dev/null is no longer a device: %v", info.Mode())
	}
	if _, err := os.Stat("/dev/full"); err == nil {
		err := WriteBytes("/dev/full", []byte("plein"))
		if err == nil || !strings.Contains(err.Error(), "disque plein ; libérez de la place") {
			t.Errorf("/dev/full: %v", err)
		}
		if info, _ := os.Stat("/dev/full"); info.Mode()&fs.ModeCharDevice == 0 {
			t.Fatalf("/dev/full was replaced: %v", info.Mode())
		}
	}

	sub := filepath.Join(dir, "dossier")
	os.Mkdir(sub, 0o700)
	if err := WriteBytes(sub, []byte("x")); err == nil || !strings.Contains(err.Error(), "c'est un dossier") {
		t.Errorf("a folder: %v", err)
	}
	sock := filepath.Join(dir, "prise")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if err := WriteBytes(sock, []byte("x")); err == nil || !strings.Contains(err.Error(), "pas un fichier ordinaire") {
		t.Errorf("a socket: %v", err)
	}
	if info, _ := os.Lstat(sock); info.Mode()&fs.ModeSocket == 0 {
		t.Errorf("the socket was replaced: %v", info.Mode())
	}
}

// A file the user may not replace is refused in French.
func TestFrenchErrors(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("permission bits do not stop root (the fault suite covers it as another user)")
	}
	dir := t.TempDir()
	os.Chmod(dir, 0o500)
	defer os.Chmod(dir, 0o700)
	err := WriteBytes(filepath.Join(dir, "x.csv"), []byte("x"))
	if err == nil || !strings.Contains(err.Error(), "accès refusé ; vérifiez que vous avez le droit") {
		t.Errorf("read-only folder: %v", err)
	}
}
