package install_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"atlasri/app"
	"atlasri/app/embedded"
	"atlasri/app/exchange"
	"atlasri/app/install"
	"atlasri/app/update"
)

// template is a data folder opened once (reference.db built from the
// embedded data); each test works on its own copy.
var template string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "atlas-ri-install-test")
	if err != nil {
		panic(err)
	}
	template = filepath.Join(dir, "template")
	a, err := app.Open(template)
	if err != nil {
		panic(err)
	}
	a.Close()
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// newFolder copies the template data folder for one test.
func newFolder(tb testing.TB) string {
	tb.Helper()
	dir := filepath.Join(tb.TempDir(), "data")
	copyDir(tb, template, dir)
	return dir
}

func copyDir(tb testing.TB, from, to string) {
	tb.Helper()
	if err := os.MkdirAll(to, 0o700); err != nil {
		tb.Fatal(err)
	}
	entries, err := os.ReadDir(from)
	if err != nil {
		tb.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(from, e.Name()))
		if err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, e.Name()), b, 0o600); err != nil {
			tb.Fatal(err)
		}
	}
}

func open(tb testing.TB, dir string) *app.Atlas {
	tb.Helper()
	a, err := app.Open(dir)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { a.Close() })
	return a
}

// snapshot hashes every file of a data folder but SQLite's WAL side files,
// which an opening may create; comparing two snapshots checks that the
// stored data did not change by a single byte.
func snapshot(tb testing.TB, dir string) map[string]string {
	tb.Helper()
	out := map[string]string{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		tb.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), "-wal") || strings.HasSuffix(e.Name(), "-shm") {
			continue
		}
		f, err := os.Open(filepath.Join(dir, e.Name()))
		if err != nil {
			tb.Fatal(err)
		}
		h := sha256.New()
		io.Copy(h, f)
		f.Close()
		out[e.Name()] = hex.EncodeToString(h.Sum(nil))
	}
	return out
}

func sameSnapshot(tb testing.TB, before, after map[string]string) {
	tb.Helper()
	var diffs []string
	for k, v := range before {
		if after[k] != v {
			diffs = append(diffs, k)
		}
	}
	for k := range after {
		if _, ok := before[k]; !ok {
			diffs = append(diffs, k+" (new)")
		}
	}
	sort.Strings(diffs)
	if len(diffs) > 0 {
		tb.Errorf("the data folder changed: %v", diffs)
	}
}

// demoFile is the embedded demonstration directory as an exchange file.
func demoFile(tb testing.TB) *exchange.File {
	tb.Helper()
	d, err := embedded.Data()
	if err != nil {
		tb.Fatal(err)
	}
	return exchange.FromDirectory(d.Directory)
}

// updateFile derives a federation update from the demo directory: it
// removes three centres, renames two, moves one and adds one.
func updateFile(tb testing.TB, version, date string) *exchange.File {
	tb.Helper()
	f := demoFile(tb)
	f.Version, f.Date, f.Indicative, f.Label, f.Source = version, date, false, "", "Enquête de la fédération (test)"
	var kept []exchange.Centre
	for _, c := range f.Centres {
		switch c.ID {
		case "chu-de-besancon-hopital-jean-minjoz", "chu-amiens-picardie", "institut-godinot":
			continue // removed
		case "chu-d-angers":
			c.Name = "CHU d'Angers (site Larrey)"
		case "institut-paoli-calmettes":
			c.Name = "Institut Paoli-Calmettes (IPC)"
		}
		kept = append(kept, c)
	}
	lat, lon := 47.06, -0.88
	kept = append(kept, exchange.Centre{ID: "ch-cholet-test", Name: "Centre hospitalier de Cholet (test)", Category: "CH",
		Sector: "public", INSEE: "49099", Latitude: &lat, Longitude: &lon, Source: "test", CheckedOn: date,
		Offers: []exchange.Offer{{Procedure: "biopsie-osseuse", Origin: "declare"}}})
	f.Centres = kept
	return f
}

func marshal(tb testing.TB, f *exchange.File) []byte {
	tb.Helper()
	b, err := exchange.MarshalJSON(f)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// installFile prepares and applies a file on an open data folder.
func installFile(tb testing.TB, a *app.Atlas, name string, data []byte, keys *update.Keyring, force bool) (*install.Plan, error) {
	tb.Helper()
	p, err := a.PrepareImport(installRequest(name, data, keys, force))
	if err != nil {
		return nil, err
	}
	return p, a.InstallDirectory(p)
}

func installRequest(name string, data []byte, keys *update.Keyring, force bool) install.Request {
	return install.Request{Name: name, Data: data, Keys: keys, Force: force, Now: time.Date(2027, 1, 20, 10, 0, 0, 0, time.UTC)}
}

// centreNames lists a data folder's directory as "id=name" lines.
func centreNames(tb testing.TB, a *app.Atlas) string {
	tb.Helper()
	d, err := a.Directory()
	if err != nil {
		tb.Fatal(err)
	}
	var b bytes.Buffer
	for _, c := range d.Centres {
		fmt.Fprintf(&b, "%s=%s\n", c.ID, c.Name)
	}
	return b.String()
}
