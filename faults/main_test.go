package faults

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"atlasri/app"
	"atlasri/app/embedded"
	"atlasri/app/exchange"
	"atlasri/cli"
	"atlasri/internal/untrusted"

	_ "github.com/mattn/go-sqlite3" // the lock holder opens user.db itself
)

// The test binary doubles as the child processes of the suite, chosen by
// childEnv: "cli" runs the command line on the arguments in argsEnv (as
// another user when the suite runs as root), "lock" holds an exclusive
// lock on the database at pathEnv until its standard input closes,
// "import" installs the file at fileEnv into the folder at pathEnv and
// says APPLY just before the install step and DONE after it.
const (
	childEnv = "ATLAS_RI_FAULT_CHILD"
	argsEnv  = "ATLAS_RI_FAULT_ARGS"
	pathEnv  = "ATLAS_RI_FAULT_PATH"
	fileEnv  = "ATLAS_RI_FAULT_FILE"
)

// template is a data folder opened once; each test works on copies.
var template string

func TestMain(m *testing.M) {
	switch os.Getenv(childEnv) {
	case "cli":
		var args []string
		if err := json.Unmarshal([]byte(os.Getenv(argsEnv)), &args); err != nil {
			panic(err)
		}
		os.Exit(cli.Main(args, os.Stdout, os.Stderr, nil))
	case "lock":
		os.Exit(holdLock(os.Getenv(pathEnv)))
	case "import":
		os.Exit(importChild(os.Getenv(pathEnv), os.Getenv(fileEnv)))
	}
	root, err := os.MkdirTemp("", "atlas-ri-faults")
	if err != nil {
		panic(err)
	}
	template = filepath.Join(root, "template")
	a, err := app.Open(template)
	if err != nil {
		panic(err)
	}
	a.Close()
	code := m.Run()
	os.RemoveAll(root)
	os.Exit(code)
}

// holdLock takes an exclusive lock on a SQLite database, as a database
// browser or a stuck second program does, and keeps it until stdin closes.
func holdLock(path string) int {
	db, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=5000")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 3
	}
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err == nil {
		_, err = conn.ExecContext(ctx, "PRAGMA locking_mode=EXCLUSIVE")
	}
	if err == nil {
		_, err = conn.ExecContext(ctx, "BEGIN EXCLUSIVE; SELECT count(*) FROM sqlite_master")
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 3
	}
	fmt.Println("HELD")
	io.Copy(io.Discard, os.Stdin)
	conn.ExecContext(ctx, "ROLLBACK")
	conn.Close()
	db.Close()
	return 0
}

// importChild installs a directory file the way the window does.
func importChild(dir, file string) int {
	data, err := os.ReadFile(file)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 3
	}
	a, err := app.Open(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 3
	}
	p, err := a.PrepareImport(importRequest(file, data))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 3
	}
	fmt.Println("APPLY")
	if err := a.InstallDirectory(p); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 3
	}
	a.Close()
	fmt.Println("DONE")
	return 0
}

// child starts the test binary as a child process of the given kind.
func child(t *testing.T, kind string, env ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Env = append(append(os.Environ(), childEnv+"="+kind), env...)
	return cmd
}

// copyFolder copies a data folder (its regular files) to a new one.
func copyFolder(t *testing.T, from, to string) {
	t.Helper()
	if err := os.MkdirAll(to, 0o700); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(from, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, e.Name()), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

// newFolder is a copy of the template data folder, with a note and a
// setting of the practice's own in user.db.
func newFolder(t *testing.T, parent string) string {
	t.Helper()
	dir := filepath.Join(parent, "donnees")
	copyFolder(t, template, dir)
	a, err := app.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if err := a.SetNote("chu-d-angers", "Dr X, consultation le mardi", time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := a.SetSettings(map[string]string{"fault.marker": "les données du cabinet"}); err != nil {
		t.Fatal(err)
	}
	return dir
}

// practiceDataIntact checks that the folder opens with the practice's note
// and setting.
func practiceDataIntact(t *testing.T, dir string) {
	t.Helper()
	a, err := app.Open(dir)
	if err != nil {
		t.Fatalf("the data folder does not open: %v", err)
	}
	defer a.Close()
	n, err1 := a.Note("chu-d-angers")
	s, err2 := a.Setting("fault.marker")
	if err1 != nil || err2 != nil || n != "Dr X, consultation le mardi" || s != "les données du cabinet" {
		t.Errorf("the practice's data is gone: note %q, setting %q (%v %v)", n, s, err1, err2)
	}
}

// fileDigests hashes every file of a folder but SQLite's side files and
// the empty update lock, so that two calls tell whether a byte changed.
func fileDigests(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		n := e.Name()
		if strings.HasSuffix(n, "-wal") || strings.HasSuffix(n, "-shm") || strings.HasSuffix(n, "-journal") || n == "update.lock" || !e.Type().IsRegular() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		out[n] = hex.EncodeToString(sum[:])
	}
	return out
}

// unchanged checks that no file of dir changed, appeared or went, and that
// nothing was set aside as damaged.
func unchanged(t *testing.T, dir string, before map[string]string) {
	t.Helper()
	after := fileDigests(t, dir)
	for k, v := range before {
		if after[k] != v {
			t.Errorf("%s changed", k)
		}
	}
	for k := range after {
		if _, ok := before[k]; !ok {
			t.Errorf("%s appeared", k)
		}
	}
}

// french checks a message the user sees: French, no English system
// message, no raw control character, and it says what to do.
func french(t *testing.T, msg string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(msg, w) {
			t.Errorf("the message does not say %q:\n%s", w, msg)
		}
	}
	for _, english := range []string{"file exists", "no such file", "permission denied", "database is locked", "disk I/O",
		"is a directory", "no space left", "database or disk", "readonly database", "unable to open", "panic"} {
		if strings.Contains(msg, english) {
			t.Errorf("English %q in the message:\n%s", english, msg)
		}
	}
	if r, at, bad := untrusted.Find(msg); bad {
		t.Errorf("%s raw in the message (character %d)", untrusted.Name(r), at)
	}
}

// runCLI runs the command line in this process.
func runCLI(args ...string) (int, string) {
	var out bytes.Buffer
	code := cli.Main(args, &out, &out, nil)
	return code, out.String()
}

// updateFile is a directory newer than the demonstration one: the same
// centres but one, one renamed.
func updateFile(t *testing.T, version, date string) []byte {
	t.Helper()
	d, err := embedded.Data()
	if err != nil {
		t.Fatal(err)
	}
	f := exchange.FromDirectory(d.Directory)
	f.Version, f.Date, f.Indicative, f.Label, f.Source = version, date, false, "", "Enquête de la fédération (test)"
	f.Centres = f.Centres[1:]
	for i := range f.Centres {
		if f.Centres[i].ID == "chu-d-angers" {
			f.Centres[i].Name = "CHU d'Angers (site Larrey)"
		}
	}
	b, err := exchange.MarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// lineReader reads a child's standard output line by line.
func lineReader(t *testing.T, cmd *exec.Cmd) *bufio.Scanner {
	t.Helper()
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	return bufio.NewScanner(out)
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
