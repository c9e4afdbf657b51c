package ui

import (
	"atlasri/model"
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"atlasri/app"
	"atlasri/ui/widgets"
)

// sharedData is a data folder built once for the window tests.
var sharedData string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "atlas-ri-ui-test")
	if err != nil {
		panic(err)
	}
	sharedData = dir
	// Background work runs in place: the checks never race with it.
	async = func(work func()) { work() }
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// openWindow opens the main window on a fresh copy of the shared data and
// returns its view, the first-run question answered "later".
func openWindow(t *testing.T) (*MainWindow, *mainView) {
	return openWindowTB(t)
}

func openWindowTB(t testing.TB) (*MainWindow, *mainView) {
	t.Helper()
	return openWindowOn(t, sharedData)
}

// openWindowOn opens the main window on the data folder dir.
func openWindowOn(t testing.TB, dir string) (*MainWindow, *mainView) {
	t.Helper()
	// Answer the first-run question beforehand: its dialog would take the
	// keyboard.
	atlas, err := app.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := atlas.SetSettings(map[string]string{model.SettingCommuneAsked: "1"}); err != nil {
		t.Fatal(err)
	}
	atlas.Close()
	a := test.NewTempApp(t)
	m := NewMainWindow(a, dir)
	t.Cleanup(m.Window.Close)
	select {
	case <-m.ready:
	case <-time.After(2 * time.Minute):
		t.Fatal("the data folder never finished opening")
	}
	if m.view == nil {
		t.Fatalf("no search view: %s", texts(m.Window.Content()))
	}
	m.Window.Resize(fyne.NewSize(1440, 900))
	m.Window.Canvas().Capture() // lays out and draws the map once
	return m, m.view
}

// pick types text in a completion field and picks the option containing
// want with the keyboard, as a GP would.
func pick(t testing.TB, f *widgets.Completion, text, want string) {
	t.Helper()
	fyne.DoAndWait(func() { fyne.CurrentApp().Driver().CanvasForObject(f).Focus(f) })
	test.Type(f, text)
	eventually(t, "options for "+text, func() bool {
		for _, o := range f.Options() {
			if strings.Contains(o, want) {
				return f.OptionsVisible()
			}
		}
		return false
	})
	var opts []string
	fyne.DoAndWait(func() { opts = f.Options() })
	for i, o := range opts {
		if strings.Contains(o, want) {
			for j := 0; j < i; j++ {
				f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
			}
			f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
			return
		}
	}
}

// settled reports whether the latest search is on screen, with results.
func settled(v *mainView) bool { return v.shown == v.seq && len(v.result.Hits) > 0 }

func TestFirstRunShowsWholeFranceAndTheDemoLabel(t *testing.T) {
	m, v := openWindow(t)
	got := texts(m.Window.Content())
	if !strings.Contains(got, "Annuaire de démonstration") || !strings.Contains(got, "À vérifier auprès du centre") ||
		!strings.Contains(got, "Registre des autorisations ARS (mentions A à D) non installé") {
		t.Errorf("the demo directory's label is not visible:\n%s", got)
	}
	eventually(t, "the first list", func() bool { return settled(v) })
	if v.result.FromPoint || v.mapv.Zoom() > 1 {
		t.Errorf("first run should show the whole of France without a search point (zoom %v)", v.mapv.Zoom())
	}
}

// Scenario 1: fibroids, around Cholet; the list, the map's numbers and the
// detail pane agree.
func TestFibroidsAroundCholet(t *testing.T) {
	_, v := openWindow(t)
	pick(t, v.what, "fibrome", "Embolisation des fibromes utérins")
	eventually(t, "the procedure", func() bool { return v.target != nil })
	if v.target.id != "embolisation-fibromes-uterins" {
		t.Fatalf("target = %+v", v.target)
	}
	pick(t, v.where.entry, "49300", "Cholet")
	eventually(t, "centres around Cholet", func() bool { return settled(v) && v.place != nil })
	first := v.result.Hits[0].Centre
	if first.Commune != "Angers" {
		t.Errorf("nearest centre to Cholet is %s (%s), want Angers", first.Name, first.Commune)
	}
	for i := 1; i < len(v.result.Hits); i++ {
		if v.result.Hits[i].DistanceKm < v.result.Hits[i-1].DistanceKm {
			t.Errorf("results not sorted by distance at %d", i)
		}
	}
	status := v.status.Text
	if !strings.Contains(status, "km") {
		t.Errorf("status %q says nothing about distances", status)
	}

	// Select the second result: the map and the detail pane follow.
	fyne.DoAndWait(func() { v.list.Select(1) })
	h := v.result.Hits[1]
	if id, _ := v.mapv.Selection(); id != h.Centre.ID {
		t.Errorf("map selection %q, list selection %q", id, h.Centre.ID)
	}
	detail := texts(v.detail.content)
	if !strings.Contains(detail, h.Centre.Name) || !strings.Contains(detail, "Embolisation des fibromes utérins") {
		t.Errorf("detail pane does not show %s:\n%s", h.Centre.Name, detail)
	}
	// The marker under the centre's position is that centre.
	pos, ok := v.mapv.PositionOf(h.Centre.Pos)
	if !ok {
		t.Fatal("centre not on the map")
	}
	hit := v.mapv.HitAt(pos)
	found := false
	for _, id := range hit.MarkerIDs {
		found = found || id == h.Centre.ID
	}
	if !found {
		t.Errorf("marker at the centre's position is %v, want %s", hit.MarkerIDs, h.Centre.ID)
	}
	// Tapping a marker selects its row.
	fyne.DoAndWait(func() { v.onMarkerTapped(v.result.Hits[0].Centre.ID) })
	if v.selected != 0 {
		t.Errorf("tapping marker 1 selected row %d", v.selected)
	}
	// Arrow keys move the selection itself.
	fyne.DoAndWait(func() { v.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown}) })
	if v.selected != 1 || v.list.Selected() != 1 {
		t.Errorf("Down moved to %d (list %d)", v.selected, v.list.Selected())
	}
}

// Scenario 6: a stroke calls for the 15, not for a letter.
func TestStrokeShowsCall15(t *testing.T) {
	_, v := openWindow(t)
	pick(t, v.what, "AVC", "Thrombectomie")
	eventually(t, "the emergency banner", func() bool { return v.emergency.Visible() })
	if got := texts(v.emergency); !strings.Contains(got, "15") || !strings.Contains(got, "URGENCE") {
		t.Errorf("emergency banner:\n%s", got)
	}
	if !v.target.emergency {
		t.Error("target not flagged as an emergency")
	}
}

// Scenario 2: in Ajaccio the nearest vertebroplasty centres are across the
// sea, and the window says so instead of showing nothing.
func TestNothingInRadiusGivesTheNearest(t *testing.T) {
	_, v := openWindow(t)
	pick(t, v.what, "tassement", "Vertébroplastie")
	pick(t, v.where.entry, "Ajaccio", "Ajaccio")
	eventually(t, "nearest centres", func() bool { return settled(v) && v.place != nil })
	if v.result.WithinRadius {
		t.Skip("a centre within 50 km of Ajaccio offers vertebroplasty: nothing to check")
	}
	if !strings.Contains(v.status.Text, "50 km") {
		t.Errorf("status %q does not explain that nothing lies within 50 km", v.status.Text)
	}
}

func TestNewSearchClearsTheSearch(t *testing.T) {
	_, v := openWindow(t)
	pick(t, v.what, "fibrome", "fibromes")
	eventually(t, "the procedure", func() bool { return v.target != nil })
	fyne.DoAndWait(v.clearAll)
	if v.target != nil || v.what.Text != "" || v.place != nil {
		t.Errorf("after « Nouvelle recherche »: target %+v, text %q", v.target, v.what.Text)
	}
}

func TestProcedureSheetFromTheDetailPane(t *testing.T) {
	_, v := openWindow(t)
	p, _ := v.env.engine.Procedure("vertebroplastie")
	s := sheetContent(buildSheet(v, p.ID))
	got := texts(s)
	for _, want := range []string{"Vertébroplastie", "Bilan à joindre", "IRM", "à confirmer"} {
		if !strings.Contains(got, want) {
			t.Errorf("sheet lacks %q", want)
		}
	}
}

// Scenario 4: around Mende, the map can be coloured by the distance to
// the nearest centre for haemorrhoid embolisation, and Lozère is far.
func TestCoverageShadingForLozere(t *testing.T) {
	_, v := openWindow(t)
	pick(t, v.what, "hémorroïdes qui saignent", "hémorroïdaire")
	pick(t, v.where.entry, "48000", "Mende")
	eventually(t, "centres around Mende", func() bool { return settled(v) && v.place != nil })
	fyne.DoAndWait(func() { v.shadeBy.SetSelectedIndex(1) })
	eventually(t, "the coverage shading", func() bool { return v.shown == v.seq })
	out := v.compute(v.query(), v.target)
	shading, note := v.coverageShading(v.target, out.shading)
	if note != "" || !strings.Contains(shading.Title, "Distance médiane") || !strings.Contains(shading.Title, "km") {
		t.Fatalf("shading %q, note %q", shading.Title, note)
	}
	if km := shading.Values["48"]; km < 50 {
		t.Errorf("Lozère's median distance %.0f km, expected far from any centre", km)
	}
	if km := shading.Values["49"]; km >= shading.Values["48"] {
		t.Errorf("Maine-et-Loire (a CHU) %.0f km, not nearer than Lozère %.0f km", km, shading.Values["48"])
	}
	// The classes are in km and put Lozère and Paris in different colours.
	fyne.DoAndWait(func() { v.mapv.SetShading(shading) })
	classes := v.mapv.Classes()
	class := func(code string) int {
		for i, c := range classes {
			if x := shading.Values[code]; x >= c.Lo && x < c.Hi {
				return i
			}
		}
		return -1
	}
	if class("48") == class("75") || class("48") < 0 {
		t.Errorf("Lozère (%.0f km) and Paris (%.0f km) share a class: %+v", shading.Values["48"], shading.Values["75"], classes)
	}
	for _, c := range classes {
		if !strings.Contains(c.Label, "km") {
			t.Errorf("class label %q has no unit", c.Label)
		}
	}
	if v.result.Hits[0].DistanceKm < 50 {
		t.Errorf("nearest centre to Mende at %.0f km", v.result.Hits[0].DistanceKm)
	}
}

// Scenario 5: Paris 15e has an approximate position (GeoNames has one
// Paris row); the window says the distances are approximate.
func TestApproximatePlaceIsSaid(t *testing.T) {
	_, v := openWindow(t)
	pick(t, v.what, "HBP", "prostatiques")
	pick(t, v.where.entry, "75015", "Paris 15e")
	eventually(t, "centres around Paris 15e", func() bool { return settled(v) && v.place != nil })
	if v.place.Exact {
		t.Skip("Paris 15e has an exact position now: nothing to say")
	}
	if !strings.Contains(v.status.Text, "position approchée") {
		t.Errorf("status %q does not say the position is approximate", v.status.Text)
	}
	for i, h := range v.result.Hits {
		if i > 0 && h.DistanceKm < v.result.Hits[i-1].DistanceKm {
			t.Errorf("list not sorted by distance at %d", i)
		}
	}
}
