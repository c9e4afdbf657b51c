package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"atlasri/app"
	"atlasri/resources"
)

// repoFile reads a file from the repository root.
func repoFile(t *testing.T, rel string) string {
	t.Helper()
	// Tests run in their package's folder; runtime.Caller paths are
	// module-relative under -trimpath, so they cannot locate the repository.
	b, err := os.ReadFile(filepath.Join("..", rel))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// oneLine folds line breaks and runs of spaces, as NOTICE wraps its lines.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestAboutShowsVersionsSourcesAndModules(t *testing.T) {
	test.NewTempApp(t)
	info := AboutInfo{
		DataDir: "/tmp/données", DirectoryVersion: "demo-2026-11-26", DirectoryDate: "2026-11-26",
		DirectoryLabel: "Annuaire de démonstration : offre indicative", DirectorySource: "Répertoire FINESS",
		CatalogueVersion: "2026-11",
	}
	got := texts(NewAboutContent(info, nil))
	want := []string{app.Name, app.Version, "demo-2026-11-26 du 2026-11-26", "Annuaire de démonstration : offre indicative",
		"Répertoire FINESS", "2026-11", app.ID, "/tmp/données", "Sources des données", "Logiciels libres utilisés"}
	for _, s := range dataSources {
		want = append(want, s.Name, s.Detail)
		if s.Licence != "" {
			want = append(want, "Licence : "+s.Licence)
		}
		if s.Attribution != "" {
			want = append(want, "« "+s.Attribution+" »")
		}
	}
	for _, m := range resources.GoModules {
		want = append(want, moduleLine(m))
	}
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("About lacks %q", w)
		}
	}
}

func TestAboutWithoutDataSaysSo(t *testing.T) {
	test.NewTempApp(t)
	got := texts(NewAboutContent(AboutInfo{}, nil))
	if !strings.Contains(got, "inconnu (données non ouvertes)") || !strings.Contains(got, app.Version) {
		t.Errorf("About without data shows:\n%s", got)
	}
}

// TestDataSourcesMirrorNoticeAndSources keeps the About dialog, NOTICE and
// the geography's SOURCES.md (written by tools/geogen) in step.
func TestDataSourcesMirrorNoticeAndSources(t *testing.T) {
	notice := oneLine(repoFile(t, "NOTICE"))
	sources := repoFile(t, "resources/geo/SOURCES.md")
	inAbout := map[string]bool{}
	for _, s := range dataSources {
		if s.Attribution != "" && !strings.Contains(notice, s.Attribution) {
			t.Errorf("NOTICE lacks the attribution of %s: %q", s.Name, s.Attribution)
		}
		if s.Package == "" {
			continue
		}
		inAbout[s.Package] = true
		if !strings.Contains(notice, s.Package+" "+s.Version) {
			t.Errorf("NOTICE lacks %s %s", s.Package, s.Version)
		}
		if !strings.Contains(sources, "| "+s.Package+" | "+s.Version+" |") {
			t.Errorf("SOURCES.md lacks %s %s", s.Package, s.Version)
		}
	}
	for _, l := range []string{licenceOuverte, ccBy4} {
		if !strings.Contains(notice, l) {
			t.Errorf("NOTICE lacks the licence %q", l)
		}
	}
	// Every package of SOURCES.md's first table (| package | version |
	// ...) is credited in the About dialog.
	n := 0
	inTable := false
	for _, line := range strings.Split(sources, "\n") {
		cells := strings.Split(line, "|")
		if strings.HasPrefix(line, "| package | version |") {
			inTable = true
			continue
		}
		if !inTable || strings.HasPrefix(line, "|---") {
			continue
		}
		if len(cells) < 4 {
			break
		}
		n++
		if pkg := strings.TrimSpace(cells[1]); !inAbout[pkg] {
			t.Errorf("SOURCES.md lists %s, which the About dialog does not credit", pkg)
		}
	}
	if n < 3 {
		t.Errorf("read %d packages from SOURCES.md's table: has its format changed?", n)
	}
	if !strings.Contains(notice, "resources/licenses.txt") {
		t.Error("NOTICE's SOFTWARE section does not point at the generated list")
	}
}

func TestModuleLine(t *testing.T) {
	for _, tc := range []struct {
		m    resources.GoModule
		want string
	}{
		{resources.GoModule{Path: "github.com/paulmach/orb", Version: "v0.14.0", Licences: []string{"MIT"}}, "github.com/paulmach/orb v0.14.0 : MIT"},
		{resources.GoModule{Path: "x", Version: "v1", Licences: []string{"Apache-2.0", "MIT"}, Platforms: []string{"Linux"}}, "x v1 : Apache-2.0, MIT (Linux seulement)"},
		{resources.GoModule{Path: "Go (bibliothèque standard)", Licences: []string{"BSD-3-Clause"}}, "Go (bibliothèque standard) : BSD-3-Clause"},
	} {
		if got := moduleLine(tc.m); got != tc.want {
			t.Errorf("moduleLine = %q, want %q", got, tc.want)
		}
	}
}

func TestGeneratedModuleListMatchesLicenceTexts(t *testing.T) {
	if len(resources.GoModules) < 5 {
		t.Fatalf("only %d Go modules listed", len(resources.GoModules))
	}
	for _, m := range resources.GoModules {
		if len(m.Licences) == 0 {
			t.Errorf("%s has no licence", m.Path)
		}
		if !strings.Contains(resources.LicensesText, "\n"+strings.TrimSpace(m.Path+" "+m.Version)+"\n") {
			t.Errorf("licenses.txt has no section for %s %s", m.Path, m.Version)
		}
	}
}

// overlayText waits for a dialog over w and returns its labels' text.
func overlayText(t *testing.T, w fyne.Window, want string) string {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	var got string
	for time.Now().Before(deadline) {
		if top := w.Canvas().Overlays().Top(); top != nil {
			if got = texts(top); strings.Contains(got, want) {
				return got
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("no dialog showing %q over the window; last seen:\n%s", want, got)
	return ""
}

func TestShowAboutReadsTheOpenDataFolder(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("test")
	defer w.Close()
	dir := t.TempDir()
	atlas, err := app.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer atlas.Close()
	r, err := atlas.Check()
	if err != nil {
		t.Fatal(err)
	}
	info, err := ReadAboutInfo(atlas)
	if err != nil {
		t.Fatal(err)
	}
	if info.DirectoryVersion != r.DirectoryVersion || info.DirectoryDate != r.DirectoryDate ||
		info.DirectoryLabel != r.DirectoryLabel || info.DataDir != dir || info.DirectorySource == "" || info.CatalogueVersion == "" {
		t.Errorf("ReadAboutInfo = %+v; check says %s du %s", info, r.DirectoryVersion, r.DirectoryDate)
	}

	ShowAbout(w, atlas)
	got := overlayText(t, w, r.DirectoryVersion+" du "+r.DirectoryDate)
	for _, s := range []string{"À propos d'Atlas RI", app.Version, dir, "IGN – ADMIN EXPRESS COG, 2018, via france-geojson."} {
		if !strings.Contains(got, s) {
			t.Errorf("the About dialog lacks %q", s)
		}
	}

	if info, err := ReadAboutInfo(nil); err != nil || info != (AboutInfo{}) {
		t.Errorf("ReadAboutInfo(nil) = %+v, %v", info, err)
	}
}

func TestLicenceTextsDialogListsEveryLine(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("test")
	defer w.Close()
	w.Resize(fyne.NewSize(900, 700))
	showLicenceTexts(w)
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog")
	}
	var list *widget.List
	var find func(o fyne.CanvasObject)
	find = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.List:
			list = v
		case *fyne.Container:
			for _, c := range v.Objects {
				find(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(v).Objects() {
				find(c)
			}
		}
	}
	find(top)
	if list == nil {
		t.Fatal("the licence texts dialog has no list")
	}
	if n := strings.Count(resources.LicensesText, "\n") + 1; list.Length() != n || n < 500 {
		t.Errorf("list shows %d lines, licenses.txt has %d", list.Length(), n)
	}
}
