package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// platforms are the GOOS the program is released for; a module compiled
// for only some of them says so.
var platforms = []struct{ goos, label string }{
	{"linux", "Linux"}, {"windows", "Windows"}, {"darwin", "macOS"},
}

// module is a Go module compiled into the program.
type module struct {
	Path, Version string
	dir           string
	platforms     map[string]bool // GOOS
	pkgDirs       map[string]bool // directories of its compiled packages
	Files         []licenceFile
}

// licenceFile is one licence (or notice) file of a module.
type licenceFile struct {
	Rel     string // slash-separated, relative to the module root
	Licence string // SPDX-like identifier; "" for notices
	Text    string
}

// Licences lists the module's licences, those of its root files first,
// without repeats.
func (m *module) Licences() []string {
	var out []string
	seen := map[string]bool{}
	for _, root := range []bool{true, false} {
		for _, f := range m.Files {
			if f.Licence == "" || seen[f.Licence] || strings.Contains(f.Rel, "/") == root {
				continue
			}
			seen[f.Licence] = true
			out = append(out, f.Licence)
		}
	}
	return out
}

// Platforms is nil when the module is compiled on every platform, else the
// labels of those it is compiled on.
func (m *module) Platforms() []string {
	if len(m.platforms) == len(platforms) {
		return nil
	}
	var out []string
	for _, p := range platforms {
		if m.platforms[p.goos] {
			out = append(out, p.label)
		}
	}
	return out
}

// listedPackage is the part of `go list -json` output we read.
type listedPackage struct {
	ImportPath string
	Dir        string
	Standard   bool
	Module     *struct {
		Path, Version, Dir string
		Main               bool
		Replace            *struct{ Path, Version, Dir string }
	}
	Error *struct{ Err string }
}

// listModules runs `go list -deps` on the main package in root for each
// platform and gathers the modules of the compiled packages.
func listModules(root string) ([]*module, error) {
	byPath := map[string]*module{}
	for _, p := range platforms {
		cmd := exec.Command("go", "list", "-deps",
			"-json=ImportPath,Dir,Standard,Module,Error", ".")
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "GOOS="+p.goos, "GOARCH=amd64", "CGO_ENABLED=1", "GOFLAGS=-mod=readonly")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			return nil, fmt.Errorf("go list (GOOS=%s) : %v\n%s", p.goos, err, stderr.String())
		}
		if err := addPackages(byPath, p.goos, out); err != nil {
			return nil, fmt.Errorf("go list (GOOS=%s) : %w", p.goos, err)
		}
	}
	mods := make([]*module, 0, len(byPath))
	for _, m := range byPath {
		mods = append(mods, m)
	}
	sort.Slice(mods, func(i, j int) bool { return mods[i].Path < mods[j].Path })
	return mods, nil
}

// addPackages reads a stream of `go list -json` objects.
func addPackages(byPath map[string]*module, goos string, out []byte) error {
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p listedPackage
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			return nil
		} else if err != nil {
			return err
		}
		if p.Error != nil {
			return fmt.Errorf("paquet %s : %s", p.ImportPath, p.Error.Err)
		}
		if p.Standard || p.Module == nil || p.Module.Main {
			continue
		}
		path, version, dir := p.Module.Path, p.Module.Version, p.Module.Dir
		if r := p.Module.Replace; r != nil {
			version, dir = r.Version, r.Dir
			if version == "" {
				version = "(remplacé par " + r.Path + ")"
			}
		}
		if dir == "" {
			return fmt.Errorf("module %s absent du cache : lancez `go mod download`", path)
		}
		m := byPath[path]
		if m == nil {
			m = &module{Path: path, Version: version, dir: dir, platforms: map[string]bool{}, pkgDirs: map[string]bool{}}
			byPath[path] = m
		}
		m.platforms[goos] = true
		m.pkgDirs[p.Dir] = true
	}
}

// isLicenceFile reports whether a file name is a licence or notice file:
// LICENSE, LICENCE, COPYING, UNLICENSE, PATENTS with any extension or
// suffix (LICENSE_Inter.txt, LICENSE-reader), or any name with NOTICE;
// never Go source (license.go).
func isLicenceFile(name string) (licence, notice bool) {
	u := strings.ToUpper(name)
	if strings.HasSuffix(u, ".GO") {
		return false, false
	}
	if strings.Contains(u, "NOTICE") {
		return false, true
	}
	for _, p := range []string{"LICENSE", "LICENCE", "COPYING", "UNLICENSE", "PATENTS"} {
		if strings.HasPrefix(u, p) {
			return true, false
		}
	}
	return false, false
}

// findLicenceFiles reads the licence files that apply to what is compiled
// from m: those of the module root, of each compiled package's directory,
// and of the directories below one that hold no Go package (cgo's C
// sources, fonts), where bundled third-party code keeps its licence.
func findLicenceFiles(m *module) error {
	dirs := map[string]bool{m.dir: true}
	for d := range m.pkgDirs {
		dirs[d] = true
		if err := addNonPackageSubdirs(d, dirs); err != nil {
			return err
		}
	}
	seen := map[string]bool{}
	for d := range dirs {
		entries, err := os.ReadDir(d)
		if err != nil {
			return err
		}
		for _, e := range entries {
			lic, notice := isLicenceFile(e.Name())
			if e.IsDir() || (!lic && !notice) {
				continue
			}
			full := filepath.Join(d, e.Name())
			if seen[full] {
				continue
			}
			seen[full] = true
			b, err := os.ReadFile(full)
			if err != nil {
				return err
			}
			rel, err := filepath.Rel(m.dir, full)
			if err != nil {
				return err
			}
			f := licenceFile{Rel: filepath.ToSlash(rel), Text: cleanText(string(b))}
			if lic {
				if f.Licence = classify(f.Text); f.Licence == "" {
					return fmt.Errorf("licence non reconnue : %s@%s, fichier %s ; ajoutez une règle dans tools/licenses/classify.go", m.Path, m.Version, f.Rel)
				}
			}
			m.Files = append(m.Files, f)
		}
	}
	sort.Slice(m.Files, func(i, j int) bool { return lessRel(m.Files[i].Rel, m.Files[j].Rel) })
	if len(m.Licences()) == 0 {
		return fmt.Errorf("aucun fichier de licence pour %s@%s", m.Path, m.Version)
	}
	return nil
}

// lessRel orders the root's files before those of subdirectories.
func lessRel(a, b string) bool {
	da, db := strings.Count(a, "/"), strings.Count(b, "/")
	if (da == 0) != (db == 0) {
		return da == 0
	}
	return a < b
}

// addNonPackageSubdirs adds the directories below dir that contain no .go
// file, skipping those the go tool ignores (testdata, ".x", "_x").
func addNonPackageSubdirs(dir string, dirs map[string]bool) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		n := e.Name()
		if !e.IsDir() || n == "testdata" || strings.HasPrefix(n, ".") || strings.HasPrefix(n, "_") {
			continue
		}
		sub := filepath.Join(dir, n)
		hasGo, err := hasGoFiles(sub)
		if err != nil {
			return err
		}
		if hasGo {
			continue
		}
		dirs[sub] = true
		if err := addNonPackageSubdirs(sub, dirs); err != nil {
			return err
		}
	}
	return nil
}

func hasGoFiles(dir string) (bool, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false, err
	}
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".go") {
			return true, nil
		}
	}
	return false, nil
}

// stdlibModule is Go's standard library and runtime, compiled into every
// Go program; its licence is GOROOT/LICENSE.
func stdlibModule() (*module, error) {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return nil, fmt.Errorf("go env GOROOT : %w", err)
	}
	goroot := strings.TrimSpace(string(out))
	b, err := os.ReadFile(filepath.Join(goroot, "LICENSE"))
	if err != nil {
		return nil, err
	}
	f := licenceFile{Rel: "LICENSE", Text: cleanText(string(b))}
	if f.Licence = classify(f.Text); f.Licence == "" {
		return nil, fmt.Errorf("licence de Go non reconnue (%s/LICENSE)", goroot)
	}
	return &module{Path: "std", platforms: allPlatforms(), Files: []licenceFile{f}}, nil
}

func allPlatforms() map[string]bool {
	m := map[string]bool{}
	for _, p := range platforms {
		m[p.goos] = true
	}
	return m
}

// cleanText makes a licence text byte-stable: LF line ends, no trailing
// spaces, no leading or trailing blank lines, no byte-order mark.
func cleanText(s string) string {
	s = strings.TrimPrefix(s, "\ufeff")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	return strings.Trim(strings.Join(lines, "\n"), "\n")
}
