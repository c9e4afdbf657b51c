// Command vulndb builds the local vulnerability database govulncheck reads
// in CI, where vuln.go.dev cannot be reached: from the OSV entries of the
// module golang.org/x/vulndb (its data/osv folder), served by the Go module
// proxy at the pinned Version, it writes the v1 layout of
// https://go.dev/security/vuln/database#api that `govulncheck -db
// file:///DIR` expects:
//
//	DIR/index/db.json       {"modified": …}
//	DIR/index/modules.json  [{"path": …, "vulns": [{"id": …, "modified": …}]}]
//	DIR/ID/<id>.json        each OSV entry, as published
//
// It then judges govulncheck's findings (check.go): a vulnerability of a
// required module fails, since upgrading the module fixes it; one of the
// standard library that the code reaches fails unless accepted.txt lists
// it, since the fix is a newer Go than the project's toolchain.
//
// Usage:
//
//	go run ./tools/vulndb build -out .cache/vulndb
//	govulncheck -db file://$PWD/.cache/vulndb -format json ./... | go run ./tools/vulndb check -accept tools/vulndb/accepted.txt
//
// To refresh the database, set Version to a newer pseudo-version of
// golang.org/x/vulndb (`go list -m golang.org/x/vulndb@master` prints the
// newest the proxy serves) and run the CI script again.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Version is the snapshot of golang.org/x/vulndb the database is built from.
const Version = "v0.0.0-20261105234957-e22db6528018"

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage : vulndb build [-out DOSSIER] | vulndb check [-accept FICHIER] < govulncheck.json")
		os.Exit(2)
	}
	var err error
	switch cmd, args := os.Args[1], os.Args[2:]; cmd {
	case "build":
		fs := flag.NewFlagSet("build", flag.ExitOnError)
		out := fs.String("out", ".cache/vulndb", "dossier de la base à écrire (remplacé)")
		src := fs.String("src", "", "dossier d'entrées OSV à utiliser au lieu du module golang.org/x/vulndb")
		fs.Parse(args)
		err = build(*src, *out)
	case "check":
		fs := flag.NewFlagSet("check", flag.ExitOnError)
		accept := fs.String("accept", "tools/vulndb/accepted.txt", "vulnérabilités de la bibliothèque standard acceptées")
		fs.Parse(args)
		err = checkFindings(os.Stdin, *accept, os.Stdout)
	default:
		err = fmt.Errorf("sous-commande inconnue %q : build ou check", cmd)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "vulndb :", err)
		os.Exit(1)
	}
}

func build(src, out string) error {
	modified, err := snapshotTime(Version)
	if err != nil {
		return err
	}
	if src == "" {
		dir, err := download("golang.org/x/vulndb", Version)
		if err != nil {
			return err
		}
		src = filepath.Join(dir, "data", "osv")
	}
	entries, err := readEntries(src)
	if err != nil {
		return err
	}
	if err := write(out, entries, modified); err != nil {
		return err
	}
	fmt.Printf("%d entrées de golang.org/x/vulndb@%s écrites dans %s\n", len(entries), Version, out)
	return nil
}

// snapshotTime is the commit time a pseudo-version carries: the entries of
// the repository all have a zero "modified" (the deployed database stamps
// them), so the database says when its snapshot was taken.
func snapshotTime(version string) (time.Time, error) {
	parts := strings.Split(version, "-")
	if len(parts) < 3 {
		return time.Time{}, fmt.Errorf("%s n'est pas une pseudo-version (vX.Y.Z-AAAAMMJJhhmmss-commit)", version)
	}
	stamp := parts[len(parts)-2] // "20261105234957", or "0.20261105234957" after a tag
	if i := strings.LastIndexByte(stamp, '.'); i >= 0 {
		stamp = stamp[i+1:]
	}
	t, err := time.Parse("20060102150405", stamp)
	if err != nil || len(stamp) != 14 {
		return time.Time{}, fmt.Errorf("%s n'est pas une pseudo-version (vX.Y.Z-AAAAMMJJhhmmss-commit)", version)
	}
	return t, nil
}

// download fetches a module through the Go module proxy (checked against
// go.sum's database like any module) and returns its folder.
func download(path, version string) (string, error) {
	cmd := exec.Command("go", "mod", "download", "-json", path+"@"+version)
	cmd.Stderr = os.Stderr
	b, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go mod download %s@%s : %w", path, version, err)
	}
	var m struct{ Dir, Error string }
	if err := json.Unmarshal(b, &m); err != nil {
		return "", err
	}
	if m.Error != "" || m.Dir == "" {
		return "", fmt.Errorf("go mod download %s@%s : %s", path, version, m.Error)
	}
	return m.Dir, nil
}

// entry is what the index needs of an OSV entry; raw is the entry itself.
type entry struct {
	ID       string    `json:"id"`
	Modified time.Time `json:"modified"`
	Affected []struct {
		Package struct {
			Name string `json:"name"`
		} `json:"package"`
	} `json:"affected"`
	raw []byte
}

func readEntries(dir string) ([]*entry, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("aucune entrée OSV dans %s", dir)
	}
	var out []*entry
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		e := &entry{raw: b}
		if err := json.Unmarshal(b, e); err != nil {
			return nil, fmt.Errorf("%s : %w", f, err)
		}
		if e.ID == "" || filepath.Base(f) != e.ID+".json" {
			return nil, fmt.Errorf("%s : l'entrée %q doit s'appeler <id>.json", f, e.ID)
		}
		out = append(out, e)
	}
	return out, nil
}

// moduleVulns is one line of index/modules.json. Its optional "fixed"
// field is left out: it only lets govulncheck skip reading entries fixed
// before the version in use, and leaving it out keeps every entry in play
// rather than re-deriving govulncheck's semver rules here.
type moduleVulns struct {
	Path  string      `json:"path"`
	Vulns []vulnIndex `json:"vulns"`
}

type vulnIndex struct {
	ID       string    `json:"id"`
	Modified time.Time `json:"modified"`
}

// write replaces out with the database.
func write(out string, entries []*entry, modified time.Time) error {
	if err := os.RemoveAll(out); err != nil {
		return err
	}
	for _, d := range []string{"index", "ID"} {
		if err := os.MkdirAll(filepath.Join(out, d), 0o755); err != nil {
			return err
		}
	}
	byModule := map[string]*moduleVulns{}
	for _, e := range entries {
		if err := os.WriteFile(filepath.Join(out, "ID", e.ID+".json"), e.raw, 0o644); err != nil {
			return err
		}
		seen := map[string]bool{}
		for _, a := range e.Affected {
			path := a.Package.Name
			if path == "" || seen[path] {
				continue
			}
			seen[path] = true
			m := byModule[path]
			if m == nil {
				m = &moduleVulns{Path: path}
				byModule[path] = m
			}
			m.Vulns = append(m.Vulns, vulnIndex{ID: e.ID, Modified: e.Modified})
		}
	}
	modules := make([]*moduleVulns, 0, len(byModule))
	for _, m := range byModule {
		sort.Slice(m.Vulns, func(i, j int) bool { return m.Vulns[i].ID < m.Vulns[j].ID })
		modules = append(modules, m)
	}
	sort.Slice(modules, func(i, j int) bool { return modules[i].Path < modules[j].Path })
	if err := writeJSON(filepath.Join(out, "index", "modules.json"), modules); err != nil {
		return err
	}
	return writeJSON(filepath.Join(out, "index", "db.json"), struct {
		Modified time.Time `json:"modified"`
	}{modified})
}

func writeJSON(path string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}
