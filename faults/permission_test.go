package faults

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"atlasri/app"
)

// runner is who the program runs as in the permission tests. Root ignores
// permission bits: as root, the suite gives the folder to nobody (65534)
// and runs the program as nobody, in a child process; otherwise it runs it
// in this process, and permission bits stop the user running the tests.
type runner struct {
	uid, gid int
	other    bool   // a child process as another user
	exe      string // the test binary, where that user may run it
}

func newRunner(t *testing.T, base string) runner {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("Unix permission bits and owners")
	}
	if os.Geteuid() != 0 {
		return runner{uid: os.Getuid(), gid: os.Getgid()}
	}
	r := runner{uid: 65534, gid: 65534, other: true, exe: filepath.Join(base, "atlas-ri-faults.test")}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	in, err := os.Open(self)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(r.exe, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	out.Close()
	return r
}

// base is a folder everyone may enter, removed at the end, whatever its
// content's permissions.
func base(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "atlas-ri-droits")
	if err != nil {
		t.Fatal(err)
	}
	os.Chmod(dir, 0o755)
	t.Cleanup(func() {
		filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
			if err == nil && info.IsDir() {
				os.Chmod(p, 0o700)
			}
			return nil
		})
		os.RemoveAll(dir)
	})
	return dir
}

// own gives path (and what is under it) to the runner.
func (r runner) own(t *testing.T, path string) {
	t.Helper()
	if !r.other {
		return
	}
	err := filepath.Walk(path, func(p string, _ os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(p, r.uid, r.gid)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// run runs the command line as the runner.
func (r runner) run(t *testing.T, args ...string) (int, string) {
	t.Helper()
	if !r.other {
		return runCLI(args...)
	}
	a, _ := json.Marshal(args)
	cmd := child(t, "cli", argsEnv+"="+string(a))
	cmd.Path, cmd.Args[0] = r.exe, r.exe
	cmd.Dir = filepath.Dir(r.exe)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uint32(r.uid), Gid: uint32(r.gid)}}
	out, err := cmd.CombinedOutput()
	code := cmd.ProcessState.ExitCode()
	if err != nil && code < 0 {
		t.Fatalf("the program did not run as uid %d: %v\n%s", r.uid, err, out)
	}
	return code, string(out)
}

// Issue 13, case 9: a read-only data folder is said to be read-only, and
// nothing is renamed or changed (it was reported as « endommagée », and
// user.db was being renamed aside).
func TestReadOnlyFolder(t *testing.T) {
	b := base(t)
	r := newRunner(t, b)
	dir := newFolder(t, b)
	r.own(t, dir)
	before := fileDigests(t, dir)
	os.Chmod(dir, 0o500)
	code, out := r.run(t, "check", "--data-dir", dir)
	if code != 1 {
		t.Errorf("check on a read-only folder: exit %d\n%s", code, out)
	}
	t.Logf("check: %s", out)
	french(t, out, "est en lecture seule pour vous", "Rien n'a été modifié", "donnez-vous les droits")
	if strings.Contains(out, "endommagée") {
		t.Errorf("a read-only folder reported as damaged:\n%s", out)
	}
	os.Chmod(dir, 0o700)
	unchanged(t, dir, before)
	practiceDataIntact(t, dir)
}

// Issue 13, case 7: with user.db read-only, an import fails before its
// commit point and installs nothing: the history line and the directory go
// together, or neither.
func TestReadOnlyUserDB(t *testing.T) {
	b := base(t)
	r := newRunner(t, b)
	dir := newFolder(t, b)
	file := filepath.Join(b, "annuaire.json")
	writeFile(t, file, updateFile(t, "2027.1", "2027-01-15"))
	r.own(t, dir)
	before := fileDigests(t, dir)
	os.Chmod(filepath.Join(dir, app.UserFile), 0o400)
	code, out := r.run(t, "import", file, "--data-dir", dir)
	if code != 1 {
		t.Errorf("import with a read-only user.db: exit %d\n%s", code, out)
	}
	t.Logf("import: %s", out)
	french(t, out, "user.db", "lecture seule", "Rien n'a été installé")
	code, out = r.run(t, "check", "--data-dir", dir)
	if code != 0 || !strings.Contains(out, "annuaire demo-") {
		t.Errorf("after the failed import, check says (exit %d):\n%s", code, out)
	}
	os.Chmod(filepath.Join(dir, app.UserFile), 0o600)
	unchanged(t, dir, before)
	a, err := app.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if hist, _ := a.DirectoryUpdates(0); len(hist) != 0 {
		t.Errorf("history of an import that installed nothing: %+v", hist)
	}
}

// Issue 13, case 1: user.db's -wal and -shm files belong to another user
// (Atlas RI once run as administrator). The opening says which file and
// what to do, and sets nothing aside.
func TestSideFilesOfAnotherUser(t *testing.T) {
	b := base(t)
	r := newRunner(t, b)
	dir := newFolder(t, b)
	r.own(t, dir)
	user := filepath.Join(dir, app.UserFile)
	for _, side := range []string{"-wal", "-shm"} {
		writeFile(t, user+side, nil)
		if r.other {
			os.Chown(user+side, 0, 0) // root's
			os.Chmod(user+side, 0o600)
		} else {
			os.Chmod(user+side, 0o000)
		}
	}
	before := fileDigests(t, dir)
	code, out := r.run(t, "check", "--data-dir", dir)
	if code != 1 {
		t.Errorf("check: exit %d\n%s", code, out)
	}
	t.Logf("check: %s", out)
	french(t, out, "user.db-wal", "appartient sans doute à un autre utilisateur", "Rien n'a été modifié")
	unchanged(t, dir, before)
	if aside, _ := filepath.Glob(user + ".damaged-*"); len(aside) > 0 {
		t.Errorf("set aside: %v", aside)
	}
	for _, side := range []string{"-wal", "-shm"} {
		os.Remove(user + side)
	}
	practiceDataIntact(t, dir)
}

// An export to a folder the user may not write to fails in French.
func TestReadOnlyOutputFolder(t *testing.T) {
	b := base(t)
	r := newRunner(t, b)
	dir := newFolder(t, b)
	r.own(t, dir)
	out := filepath.Join(b, "lecture-seule")
	os.Mkdir(out, 0o555)
	code, msg := r.run(t, "export", "--out", filepath.Join(out, "annuaire.csv"), "--format", "csv", "--data-dir", dir)
	if code != 1 {
		t.Errorf("export: exit %d\n%s", code, msg)
	}
	french(t, msg, "accès refusé ; vérifiez que vous avez le droit d'écrire")
}
