package mapdraw

import (
	"flag"
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

var update = flag.Bool("update", false, "rewrite the golden images")

// scene is the small fixed scene of the golden images.
func scene(t testing.TB, th Theme) *Map {
	t.Helper()
	m := newTestMap(t)
	m.SetTheme(th)
	vals := map[string]float64{}
	for i, d := range testDepts {
		vals[d.Code] = float64(i % 4)
	}
	delete(vals, "23")
	m.SetShading(&Shading{Title: "Centres proposant le geste", Unit: "centre", UnitPlural: "centres", Values: vals})
	m.SetMarkers([]Marker{
		{ID: "angers", Number: 1, Pos: commune(t, "49007"), Public: true, Name: "Angers"},
		{ID: "lyon", Number: 2, Pos: commune(t, "69123"), Name: "Lyon"},
		{ID: "rennes", Pos: commune(t, "35238"), Public: true, Name: "Rennes"},
		{ID: "p1", Pos: commune(t, "75056"), Public: true, Name: "Paris 1"},
		{ID: "p2", Pos: commune(t, "92050"), Name: "Nanterre"},
		{ID: "p3", Pos: commune(t, "94028"), Public: true, Name: "Créteil"},
		{ID: "re", Pos: commune(t, "97411"), Public: true, Name: "Saint-Denis"},
	})
	m.SetSelection("angers", "44")
	m.SetSearch(&SearchPoint{Pos: commune(t, "49007"), RadiusKm: 60, Label: "Angers"})
	return m
}

func TestGoldenScene(t *testing.T) {
	for name, th := range map[string]Theme{"light": LightTheme(), "dark": DarkTheme()} {
		t.Run(name, func(t *testing.T) {
			m := scene(t, th)
			img := m.Render(m.NewView(640, 400, 1))
			assertGolden(t, filepath.Join("testdata", "scene_"+name+".png"), img)
		})
	}
}

// assertGolden compares with a master image, tolerating the small
// differences of floating-point rounding between machines.
func assertGolden(t *testing.T, path string, img *image.RGBA) {
	t.Helper()
	if *update {
		writePNG(t, path, img)
		return
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	defer f.Close()
	want, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if want.Bounds() != img.Bounds() {
		t.Fatalf("size %v, master %v", img.Bounds(), want.Bounds())
	}
	bad := 0
	for y := img.Rect.Min.Y; y < img.Rect.Max.Y; y++ {
		for x := img.Rect.Min.X; x < img.Rect.Max.X; x++ {
			r, g, b, _ := want.At(x, y).RGBA()
			c := img.RGBAAt(x, y)
			d := max(absDiff(uint8(r>>8), c.R), absDiff(uint8(g>>8), c.G), absDiff(uint8(b>>8), c.B))
			if d > 24 {
				bad++
			}
		}
	}
	if limit := img.Rect.Dx() * img.Rect.Dy() / 200; bad > limit {
		failed := filepath.Join("testdata", "failed", filepath.Base(path))
		writePNG(t, failed, img)
		t.Errorf("%d pixels differ from %s (at most %d allowed); see %s", bad, path, limit, failed)
	}
}

func absDiff(a, b uint8) uint8 {
	if a > b {
		return a - b
	}
	return b - a
}

func writePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

// Only a change of view, theme or shading redraws the base layer.
func TestBaseCache(t *testing.T) {
	m := scene(t, LightTheme())
	v := m.NewView(400, 300, 1)
	m.Render(v)
	draws := m.baseDraws
	steps := []struct {
		name   string
		change func()
		redraw bool
	}{
		{"selection", func() { m.SetSelection("lyon", "69") }, false},
		{"survol", func() { m.SetHover("33") }, false},
		{"marqueurs", func() { m.SetMarkers([]Marker{{ID: "x", Pos: commune(t, "33063")}}) }, false},
		{"recherche", func() { m.SetSearch(nil) }, false},
		{"zoom", func() { v = v.ZoomAt(orb.Point{200, 150}, 2) }, true},
		{"déplacement", func() { v = v.Pan(10, 0) }, true},
		{"coloration", func() { m.SetShading(nil) }, true},
		{"thème", func() { m.SetTheme(DarkTheme()) }, true},
		{"rien", func() {}, false},
	}
	for _, s := range steps {
		s.change()
		m.Render(v)
		if got := m.baseDraws != draws; got != s.redraw {
			t.Errorf("%s: base redrawn = %v, want %v", s.name, got, s.redraw)
		}
		draws = m.baseDraws
	}
}

// Overlay changes show: the selection ring, a marker, the search point.
func TestOverlayChangesPixels(t *testing.T) {
	m := newTestMap(t)
	v := m.NewView(800, 500, 1)
	angers := commune(t, "49007")
	px := pixelOf(t, m, v, "metro", angers)
	at := func() [4]uint8 {
		img := m.Render(v)
		o := img.PixOffset(int(px[0]), int(px[1]))
		return [4]uint8(img.Pix[o : o+4])
	}
	before := at()
	m.SetMarkers([]Marker{{ID: "a", Pos: angers, Public: true}})
	withMarker := at()
	if withMarker == before || withMarker != [4]uint8{LightTheme().Public.R, LightTheme().Public.G, LightTheme().Public.B, 0xff} {
		t.Errorf("marker pixel %v (before %v)", withMarker, before)
	}
	m.SetMarkers(nil)
	m.SetSearch(&SearchPoint{Pos: angers})
	if got := at(); got == before {
		t.Errorf("no search point drawn")
	}
}

// Bad input never crashes and never leaves garbage.
func TestRenderRobust(t *testing.T) {
	m := newTestMap(t)
	m.SetMarkers([]Marker{
		{ID: "nan", Pos: orb.Point{math.NaN(), math.NaN()}},
		{ID: "inf", Pos: orb.Point{math.Inf(1), 45}},
		{ID: "far", Pos: orb.Point{170, -80}},
		{ID: "", Pos: orb.Point{2, 47}},
	})
	m.SetShading(&Shading{Values: map[string]float64{"49": math.NaN(), "44": math.Inf(-1), "zz": 3}})
	m.SetSearch(&SearchPoint{Pos: orb.Point{500, 500}, RadiusKm: -3})
	m.SetSearch(&SearchPoint{Pos: orb.Point{2, 47}, RadiusKm: 1e5})
	m.SetSelection("nope", "nope")
	for i, sz := range [][2]int{{0, 0}, {1, 1}, {3, 2000}, {2000, 3}} {
		v := m.NewView(sz[0], sz[1], []float64{1, math.NaN(), 1e9, -2}[i])
		img := m.Render(v.ZoomAt(orb.Point{1, 1}, MaxZoom))
		if img.Rect.Dx() != max(sz[0], 1) || img.Rect.Dy() != max(sz[1], 1) {
			t.Errorf("size %v: image %v", sz, img.Rect)
		}
		m.HitTest(v, orb.Point{0, 0})
	}
	// Views built by hand with impossible values.
	for _, v := range []View{{}, {W: -5, H: 10, Pixel: math.Inf(1)}, {W: 50, H: 40, Pixel: math.NaN(), Zoom: math.NaN(), Sheet: m.wide.Sheet}} {
		m.Render(v)
		m.HitTest(v, orb.Point{1, 1})
		m.LegendBounds(v)
	}
	if _, err := New(nil, Fonts{}); err == nil {
		t.Error("New without départements succeeded")
	}
	if _, err := New(testDepts, Fonts{Regular: []byte("not a font")}); err == nil {
		t.Error("New with a bad font succeeded")
	}
}

// Overlapping centres show their numbers when there are few and all are
// numbered, their count otherwise, as "×N" in a tag shape: never a bare
// number and a circle, which the numbered list's markers use.
func TestGroupLabels(t *testing.T) {
	m := newTestMap(t)
	angers := commune(t, "49007")
	near := func(i int) orb.Point { return orb.Point{angers[0] + 0.01*float64(i), angers[1]} }
	tests := []struct {
		name    string
		markers []Marker
		kind    spriteKind
		text    string
	}{
		{"deux numérotés publics", []Marker{{ID: "a", Number: 4, Pos: near(0), Public: true}, {ID: "b", Number: 3, Pos: near(1), Public: true}}, kindPublic, "3,4"},
		{"numérotés public et privé", []Marker{{ID: "a", Number: 1, Pos: near(0), Public: true}, {ID: "b", Number: 2, Pos: near(1)}}, kindGroup, "1,2"},
		{"deux numérotés privés", []Marker{{ID: "a", Number: 5, Pos: near(0)}, {ID: "b", Number: 6, Pos: near(1)}}, kindPrivate, "5,6"},
		{"un sans numéro", []Marker{{ID: "a", Number: 1, Pos: near(0)}, {ID: "b", Pos: near(1)}}, kindGroup, "×2"},
		{"quatre numérotés", []Marker{{ID: "a", Number: 1, Pos: near(0)}, {ID: "b", Number: 2, Pos: near(1)}, {ID: "c", Number: 3, Pos: near(2)}, {ID: "d", Number: 4, Pos: near(3)}}, kindGroup, "×4"},
		{"seul", []Marker{{ID: "a", Number: 7, Pos: near(0)}}, kindPrivate, "7"},
	}
	v := m.NewView(1600, 1000, 1)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m.SetMarkers(tc.markers)
			cs := m.clusters(v)
			if len(cs) != 1 {
				t.Fatalf("%d groups, want 1", len(cs))
			}
			k := m.clusterSprite(cs[0])
			if k.kind != tc.kind || k.text != tc.text {
				t.Errorf("sprite %v %q, want %v %q", k.kind, k.text, tc.kind, tc.text)
			}
			if sh := m.markerShape(k, 1); k.kind == kindGroup && !strings.Contains(k.text, ",") && sh.cr >= sh.hy {
				t.Errorf("a group's count is drawn in a circle (%+v), like a numbered centre", sh)
			}
			h := m.HitTest(v, cs[0].px)
			if len(h.MarkerIDs) != len(tc.markers) {
				t.Errorf("hit %+v", h)
			}
		})
	}
}

// Selecting a centre highlights its group without regrouping: groups
// never jump under the user's eyes.
func TestSelectionKeepsGroups(t *testing.T) {
	m := newTestMap(t)
	angers := commune(t, "49007")
	m.SetMarkers([]Marker{
		{ID: "c", Pos: orb.Point{angers[0] + 0.03, angers[1]}},
		{ID: "b", Number: 2, Pos: orb.Point{angers[0] + 0.02, angers[1]}},
		{ID: "a", Number: 1, Pos: angers},
		{ID: "far", Pos: commune(t, "67482")},
	})
	v := m.NewView(1600, 1000, 1)
	for _, sel := range []string{"", "b", "c", "far", "unknown"} {
		m.SetSelection(sel, "")
		cs := m.clusters(v)
		if len(cs) != 2 || !slices.Equal(cs[0].members, []int{2, 1, 0}) {
			t.Fatalf("selection %q: groups %+v", sel, cs)
		}
		if got, want := cs[0].selected, sel == "b" || sel == "c"; got != want {
			t.Errorf("selection %q: Angers group selected = %v", sel, got)
		}
		if got, want := cs[1].selected, sel == "far"; got != want {
			t.Errorf("selection %q: Strasbourg selected = %v", sel, got)
		}
	}
}

func TestExport(t *testing.T) {
	m := scene(t, LightTheme())
	bg := LightTheme().Background
	for _, tc := range []struct {
		w, h int
	}{{1600, 1200}, {300, 40}} {
		img := m.Export(tc.w, tc.h, LightTheme(), "Vertébroplastie : centres proches d'Angers (49)", "Annuaire de démonstration : offre indicative.")
		if img.Rect.Dx() != tc.w || img.Rect.Dy() != tc.h {
			t.Fatalf("Export(%d, %d) gives %v", tc.w, tc.h, img.Rect)
		}
		// The title band holds dark text over the background.
		dark := 0
		for y := 0; y < min(tc.h, 30); y++ {
			for x := 0; x < tc.w/3; x++ {
				if c := img.RGBAAt(x, y); c != bg && luminance(c) < 0.2 {
					dark++
				}
			}
		}
		if dark == 0 {
			t.Errorf("%d×%d: no title", tc.w, tc.h)
		}
	}
	// Without a title, the export is the initial view at the image's size,
	// in the theme asked for, without the screen's selection and hover;
	// the screen's state is left as it was.
	m.SetTheme(DarkTheme())
	m.SetHover("33")
	m.SetHoverCentre("lyon")
	v := m.NewView(800, 500, 1)
	before := slices.Clone(m.Render(v).Pix)
	img := m.Export(800, 500, LightTheme(), "", "")
	plain := scene(t, LightTheme())
	plain.SetSelection("", "")
	if want := plain.Render(plain.NewView(800, 500, 1)); !slices.Equal(img.Pix, want.Pix) {
		t.Error("an export without title differs from the initial view without selection")
	}
	if after := m.Render(v); !slices.Equal(after.Pix, before) {
		t.Error("the export changed what the screen shows")
	}
}

// A centre hovered in a list is ringed, and the ring goes when the
// pointer leaves.
func TestHoverCentre(t *testing.T) {
	m := newTestMap(t)
	angers := commune(t, "49007")
	m.SetMarkers([]Marker{{ID: "a", Number: 1, Pos: angers, Public: true}})
	v := m.NewView(800, 500, 1)
	plain := slices.Clone(m.Render(v).Pix)
	m.SetHoverCentre("a")
	ringed := slices.Clone(m.Render(v).Pix)
	if slices.Equal(plain, ringed) {
		t.Fatal("hovering the centre changed nothing")
	}
	if cs := m.clusters(v); !cs[0].hovered || cs[0].selected {
		t.Errorf("group flags %+v", cs[0])
	}
	m.SetHoverCentre("")
	if !slices.Equal(m.Render(v).Pix, plain) {
		t.Error("the ring stayed")
	}
}

// Wiping the previous overlay by restoring only what it drew on gives the
// same image as composing the frame from scratch, step after step.
func TestOverlayWipe(t *testing.T) {
	type state struct {
		markers []Marker
		centre  string
		dept    string
		hover   string
		search  *SearchPoint
		shading *Shading
	}
	angers, lyon, paris := commune(t, "49007"), commune(t, "69123"), commune(t, "75056")
	ms := []Marker{
		{ID: "a", Number: 1, Pos: angers, Public: true},
		{ID: "b", Number: 2, Pos: lyon},
		{ID: "c", Pos: paris, Public: true},
		{ID: "d", Pos: orb.Point{paris[0] + 0.01, paris[1]}},
	}
	steps := []state{
		{markers: ms},
		{markers: ms, centre: "b", dept: "69"},
		{markers: ms, centre: "c", hover: "33"},
		{markers: ms, search: &SearchPoint{Pos: angers, RadiusKm: 80}},
		{markers: ms[:1], search: &SearchPoint{Pos: lyon, RadiusKm: 30}, dept: "13"},
		{markers: ms[:1], shading: &Shading{Title: "x", Values: map[string]float64{"49": 1}}},
		{markers: ms[:1], shading: &Shading{Title: "x", Values: map[string]float64{"49": 1}}, hover: "49"},
		{},
	}
	m := newTestMap(t)
	v := m.NewView(700, 450, 1)
	apply := func(m *Map, s state) {
		m.SetMarkers(s.markers)
		m.SetSelection(s.centre, s.dept)
		m.SetHover(s.hover)
		m.SetSearch(s.search)
		m.SetShading(s.shading)
	}
	for i, s := range steps {
		apply(m, s)
		got := m.Render(v)
		fresh := newTestMap(t)
		apply(fresh, s)
		if want := fresh.Render(v); !slices.Equal(got.Pix, want.Pix) {
			t.Errorf("step %d: the image differs from a frame drawn from scratch", i)
		}
	}
}
