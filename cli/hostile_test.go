package cli

import (
	"bufio"
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"atlasri/app"
	"atlasri/app/embedded"
	"atlasri/app/exchange"
	"atlasri/app/install"
	"atlasri/app/update"
	"atlasri/internal/untrusted"
)

// hostileCase is one line of testdata/hostile.tsv (its header says what
// each column means).
type hostileCase struct {
	line                     int
	kind, name, setup, input string
	args                     string
	exit                     int
	expect, data             string
}

func readHostileCases(t *testing.T) []hostileCase {
	f, err := os.Open("testdata/hostile.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []hostileCase
	names := map[string]int{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		col := strings.Split(line, "\t")
		if len(col) != 8 {
			t.Fatalf("hostile.tsv, ligne %d : %d colonnes au lieu de 8", n, len(col))
		}
		exit, err := strconv.Atoi(col[5])
		if err != nil {
			t.Fatalf("hostile.tsv, ligne %d : statut de sortie %q", n, col[5])
		}
		if prev, dup := names[col[1]]; dup {
			t.Fatalf("hostile.tsv, ligne %d : cas « %s » déjà ligne %d", n, col[1], prev)
		}
		if col[7] != "inchangé" && col[7] != "changé" {
			t.Fatalf("hostile.tsv, ligne %d : données %q (inchangé ou changé)", n, col[7])
		}
		names[col[1]] = n
		out = append(out, hostileCase{line: n, kind: col[0], name: col[1], setup: col[2], input: col[3], args: col[4], exit: exit, expect: col[6], data: col[7]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestHostileCases runs every case of testdata/hostile.tsv through the
// command line, on its own copy of a data folder.
func TestHostileCases(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("named pipes and /dev of Unix")
	}
	cases := readHostileCases(t)
	if len(cases) < 30 {
		t.Fatalf("%d cases: the table was cut", len(cases))
	}
	keys, priv := hostileKeys(t)
	saved := openWait
	openWait = 2 * time.Second
	t.Cleanup(func() { openWait = saved })
	for _, c := range cases {
		t.Run(c.kind+"/"+c.name, func(t *testing.T) {
			dir := freshDir(t)
			work := t.TempDir()
			setUpFolder(t, c, dir, keys, priv)
			in, fifoRead := makeInput(t, c, work)
			before := folderDigest(t, dir)
			var out bytes.Buffer
			code := -1
			for i, cmd := range strings.Split(c.args, "&&") {
				args := splitArgs(t, c, cmd, dir, in, work)
				var so, se bytes.Buffer
				code = Main(args, &so, &se, func(string) error { return nil })
				out.Write(so.Bytes())
				out.Write(se.Bytes())
				if last := i == strings.Count(c.args, "&&"); !last && code != ExitOK {
					t.Fatalf("ligne %d : %s → %d\n%s", c.line, cmd, code, out.String())
				}
			}
			got := out.String()
			if code != c.exit {
				t.Errorf("ligne %d : statut %d, attendu %d\n%s", c.line, code, c.exit, got)
			}
			if want := strings.ReplaceAll(c.expect, "$WORK", work); !strings.Contains(got, want) {
				t.Errorf("ligne %d : la sortie ne dit pas %q :\n%s", c.line, want, got)
			}
			if r, at, bad := untrusted.Find(got); bad {
				t.Errorf("ligne %d : %s brut dans la sortie (caractère %d)", c.line, untrusted.Name(r), at)
			}
			for _, english := range []string{"file exists", "no such file", "permission denied", "database is locked", "disk I/O",
				"is a directory", "flag provided", "invalid value", "no space left", "database or disk", "panic", "goroutine", "(default"} {
				if strings.Contains(got, english) {
					t.Errorf("ligne %d : anglais %q dans la sortie :\n%s", c.line, english, got)
				}
			}
			after := folderDigest(t, dir)
			if changed := before != after; changed != (c.data == "changé") {
				t.Errorf("ligne %d : données %s, attendu %s", c.line, map[bool]string{true: "changées", false: "inchangées"}[changed], c.data)
			}
			if aside, _ := filepath.Glob(filepath.Join(dir, "*.damaged-*")); len(aside) > 0 {
				t.Errorf("ligne %d : fichier mis de côté comme endommagé : %v", c.line, aside)
			}
			if fifoRead != nil {
				if n := <-fifoRead; n == 0 {
					t.Errorf("ligne %d : rien n'est arrivé par le tube", c.line)
				}
				if info, err := os.Lstat(in); err != nil || info.Mode()&fs.ModeNamedPipe == 0 {
					t.Errorf("ligne %d : le tube a été remplacé", c.line)
				}
			}
			for _, dev := range []string{"/dev/null", "/dev/full"} {
				if info, err := os.Stat(dev); err == nil && info.Mode()&fs.ModeCharDevice == 0 {
					t.Fatalf("ligne %d : %s n'est plus un périphérique", c.line, dev)
				}
			}
		})
	}
}

func hostileKeys(t *testing.T) (*update.Keyring, ed25519.PrivateKey) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return update.NewKeyring(pub), priv
}

// setUpFolder installs what the case's setup column says.
func setUpFolder(t *testing.T, c hostileCase, dir string, keys *update.Keyring, priv ed25519.PrivateKey) {
	kind, rest, _ := strings.Cut(c.setup, ":")
	if kind == "neuf" {
		return
	}
	version, date, ok := strings.Cut(rest, ":")
	if !ok || (kind != "importé" && kind != "signé") {
		t.Fatalf("ligne %d : mise en place %q", c.line, c.setup)
	}
	data := demoExport(t, version, date, -1)
	name := "annuaire.json"
	if kind == "signé" {
		pkg, err := update.Sign(data, version, date, priv)
		if err != nil {
			t.Fatal(err)
		}
		data, name = pkg, "annuaire-"+version+".zip"
	}
	a, err := app.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	p, err := a.PrepareImport(install.Request{Name: name, Data: data, Keys: keys, Now: time.Now()})
	if err == nil {
		err = a.InstallDirectory(p)
	}
	if err != nil {
		t.Fatalf("ligne %d : mise en place : %v", c.line, err)
	}
}

// demoExport is the demonstration directory as a JSON directory file of
// that version and date, with its first keep centres (all when keep < 0).
func demoExport(t *testing.T, version, date string, keep int) []byte {
	d, err := embedded.Data()
	if err != nil {
		t.Fatal(err)
	}
	f := exchange.FromDirectory(d.Directory)
	f.Version, f.Date = version, date
	if keep >= 0 {
		f.Centres = f.Centres[:keep]
	}
	b, err := exchange.MarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

const (
	hostileCSVHeader = "id;nom;statut;insee;gestes_verifies;source;date_verification\r\n"
	hostileCSVRow    = "chu-angers;CHU d'Angers;public;49007;vertebroplastie;FINESS;01/11/2026\r\n"
)

// makeInput creates the case's input in work and returns its path, and,
// for a named pipe, a channel that gives how many bytes came through it.
func makeInput(t *testing.T, c hostileCase, work string) (string, chan int) {
	if c.input == "-" {
		return "", nil
	}
	kind, rest, _ := strings.Cut(c.input, ":")
	switch kind {
	case "file":
		name, quoted, ok := strings.Cut(rest, " ")
		content, err := strconv.Unquote(quoted)
		if !ok || err != nil {
			t.Fatalf("ligne %d : entrée %q : contenu entre guillemets attendu (%v)", c.line, c.input, err)
		}
		content = strings.NewReplacer("{CSV_HEADER}", hostileCSVHeader, "{CSV_ROW}", hostileCSVRow).Replace(content)
		return writeInput(t, work, name, []byte(content)), nil
	case "export":
		f := strings.Fields(rest)
		if len(f) != 4 {
			t.Fatalf("ligne %d : entrée %q : export:NOM VERSION DATE N", c.line, c.input)
		}
		keep := -1
		if f[3] != "tout" {
			keep, _ = strconv.Atoi(f[3])
		}
		return writeInput(t, work, f[0], demoExport(t, f[1], f[2], keep)), nil
	case "fifo":
		path := filepath.Join(work, rest)
		if err := syscall.Mkfifo(path, 0o600); err != nil {
			t.Fatal(err)
		}
		read := make(chan int, 1)
		go func() {
			f, err := os.Open(path)
			if err != nil {
				read <- 0
				return
			}
			n, _ := io.Copy(io.Discard, f)
			f.Close()
			read <- int(n)
		}()
		return path, read
	case "backup-altered":
		return alteredBackup(t, work, rest), nil
	}
	t.Fatalf("ligne %d : entrée %q inconnue", c.line, c.input)
	return "", nil
}

func writeInput(t *testing.T, work, name string, data []byte) string {
	p := filepath.Join(work, name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// alteredBackup backs up a folder holding a note, then changes the note in
// the backup file in place: still a sound SQLite file.
func alteredBackup(t *testing.T, work, name string) string {
	a, err := app.Open(filepath.Join(work, "autre"))
	if err != nil {
		t.Fatal(err)
	}
	const note = "rappeler le secrétariat le mardi"
	if err := a.SetNote("chu-d-angers", note, time.Now()); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(work, name)
	err = a.Backup(p)
	a.Close()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(p)
	i := bytes.Index(b, []byte(note))
	if i < 0 {
		t.Fatal("note absente de la sauvegarde")
	}
	copy(b[i:], "RAPPELER")
	return writeInput(t, work, name, b)
}

var argPattern = regexp.MustCompile(`"(?:[^"\\]|\\.)*"|\S+`)

func splitArgs(t *testing.T, c hostileCase, cmd, dir, in, work string) []string {
	var args []string
	for _, a := range argPattern.FindAllString(cmd, -1) {
		if strings.HasPrefix(a, `"`) {
			u, err := strconv.Unquote(a)
			if err != nil {
				t.Fatalf("ligne %d : argument %s : %v", c.line, a, err)
			}
			a = u
		}
		args = append(args, strings.NewReplacer("$DIR", dir, "$IN", in, "$WORK", work).Replace(a))
	}
	return args
}

// folderDigest hashes the files of a data folder, but SQLite's side files
// and the empty update lock, which an opening or an attempt may create.
func folderDigest(t *testing.T, dir string) string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.New()
	for _, e := range entries {
		n := e.Name()
		if strings.HasSuffix(n, "-wal") || strings.HasSuffix(n, "-shm") || n == "update.lock" {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(h, "%s\x00%x\x00", n, sha256.Sum256(b))
	}
	return hex.EncodeToString(h.Sum(nil))
}
