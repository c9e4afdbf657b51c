package mapview

import (
	"image"
	"image/color"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"atlasri/app/mapdraw"
	"atlasri/model"
	"atlasri/resources"

	"github.com/paulmach/orb"
)

var (
	depts    []model.Departement
	communes map[string]model.Commune
)

func geography(t *testing.T) {
	t.Helper()
	if depts != nil {
		return
	}
	var err error
	if depts, err = resources.Departements(); err != nil {
		t.Fatal(err)
	}
	cs, err := resources.Communes()
	if err != nil {
		t.Fatal(err)
	}
	communes = map[string]model.Commune{}
	for _, c := range cs {
		communes[c.INSEE] = c
	}
}

// newMap shows a map in a test window of the given size and draws it
// once, so that its view matches the window.
func newMap(t *testing.T, w, h float32) (*MapView, fyne.Window) {
	return newMapVariant(t, w, h, theme.VariantLight)
}

func newMapVariant(t *testing.T, w, h float32, variant fyne.ThemeVariant) (*MapView, fyne.Window) {
	t.Helper()
	geography(t)
	a := test.NewTempApp(t)
	a.Settings().SetTheme(&forcedVariant{Theme: theme.DefaultTheme(), variant: variant})
	v, err := New(depts)
	if err != nil {
		t.Fatal(err)
	}
	win := test.NewTempWindow(t, v)
	win.SetPadded(false)
	win.Resize(fyne.NewSize(w, h))
	win.Canvas().Capture()
	return v, win
}

// posOf returns the widget position where a commune is drawn in a box.
func posOf(t *testing.T, v *MapView, insee, box string) fyne.Position {
	t.Helper()
	c, ok := communes[insee]
	if !ok {
		t.Fatalf("commune %s absente", insee)
	}
	lay := v.m.LayoutFor(v.view.W, v.view.H)
	for _, pl := range lay.Place(c.Pos) {
		if pl.Box.ID == box {
			p := v.view.ToPixel(pl.Sheet)
			return fyne.NewPos(float32(p[0]/v.view.Pixel), float32(p[1]/v.view.Pixel))
		}
	}
	t.Fatalf("%s not shown in %s", insee, box)
	return fyne.Position{}
}

func TestTapSelectsDepartement(t *testing.T) {
	tests := []struct{ name, insee, box, want string }{
		{"Angers", "49007", "metro", "49"},
		{"Paris dans l'encart", "75056", "paris", "75"},
		{"Bobigny dans l'encart", "93008", "paris", "93"},
		{"La Réunion", "97422", "974", "974"},
	}
	v, _ := newMap(t, 1000, 640)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got string
			v.OnDepartementTapped = func(code string) { got = code }
			test.TapAt(v, posOf(t, v, tc.insee, tc.box))
			if got != tc.want {
				t.Errorf("OnDepartementTapped(%q), want %q", got, tc.want)
			}
			if _, dept := v.m.Selection(); dept != tc.want {
				t.Errorf("selected département %q, want %q", dept, tc.want)
			}
		})
	}
}

func TestTapCentreAndGroup(t *testing.T) {
	v, _ := newMap(t, 1000, 640)
	angers := communes["49007"].Pos
	v.SetCentres([]Marker{
		{ID: "chu", Number: 1, Pos: angers, Public: true, Name: "CHU d'Angers"},
		{ID: "clinique", Number: 2, Pos: orb.Point{angers[0] + 0.04, angers[1]}, Name: "Clinique"},
		{ID: "brest", Pos: communes["29019"].Pos, Public: true, Name: "CHU de Brest"},
	})
	var tapped string
	v.OnCentreTapped = func(id string) { tapped = id }
	var dept string
	v.OnDepartementTapped = func(code string) { dept = code }

	test.TapAt(v, posOf(t, v, "29019", "metro"))
	if tapped != "brest" || dept != "" {
		t.Fatalf("tap on the Brest marker: centre %q, département %q", tapped, dept)
	}
	if c, _ := v.m.Selection(); c != "brest" {
		t.Errorf("selected centre %q", c)
	}
	// The two Angers centres overlap: a tap enlarges them until they split.
	tapped = ""
	test.TapAt(v, posOf(t, v, "49007", "metro"))
	if tapped != "" || v.Zoom() <= 1 {
		t.Fatalf("tap on the group: centre %q, zoom %v", tapped, v.Zoom())
	}
	test.TapAt(v, posOf(t, v, "49007", "metro"))
	if tapped != "chu" {
		t.Errorf("after zooming, tap on Angers gives %q", tapped)
	}
	// Two centres at the very same place never split: at the largest
	// zoom a tap asks the GP to choose (never a silent filter or pick).
	v.SetCentres([]Marker{
		{ID: "x", Number: 1, Pos: angers, Public: true, Name: "Site A"},
		{ID: "y", Number: 2, Pos: angers, Name: "Site B"},
	})
	var group []string
	v.OnGroupTapped = func(ids []string, _ fyne.Position) { group = ids }
	tapped = ""
	for range 12 {
		test.TapAt(v, posOf(t, v, "49007", "metro"))
	}
	if tapped != "" || dept != "" || v.Zoom() != mapdraw.MaxZoom || strings.Join(group, ",") != "x,y" {
		t.Errorf("same place: tapped %q, département %q, group %v at zoom %v", tapped, dept, group, v.Zoom())
	}
}

func TestTooltipOnHover(t *testing.T) {
	v, win := newMap(t, 1000, 640)
	v.SetShading(&Shading{Title: "Centres proposant le geste", Unit: "centre", UnitPlural: "centres", Values: map[string]float64{"49": 2}})
	test.MoveMouse(win.Canvas(), posOf(t, v, "49007", "metro"))
	if got, want := v.Tooltip(), "Maine-et-Loire (49)\nCentres proposant le geste : 2\u00a0centres"; got != want {
		t.Errorf("tooltip %q, want %q", got, want)
	}
	if v.renderer.tip.Hidden || !strings.HasPrefix(v.renderer.lines[0].Text, "Maine-et-Loire") || !v.renderer.lines[0].TextStyle.Bold {
		t.Errorf("tooltip not shown: hidden=%v first line %q", v.renderer.tip.Hidden, v.renderer.lines[0].Text)
	}
	if got := v.TooltipAt(posOf(t, v, "75056", "paris")); !strings.HasPrefix(got, "Paris (75)\n") {
		t.Errorf("tooltip in the Paris inset %q", got)
	}
	v.MouseOut()
	if v.Tooltip() != "" || !v.renderer.tip.Hidden {
		t.Errorf("tooltip left after MouseOut: %q", v.Tooltip())
	}
}

func TestWheelDragAndButtons(t *testing.T) {
	v, _ := newMap(t, 1000, 640)
	at := posOf(t, v, "49007", "metro")
	v.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: at}, Scrolled: fyne.Delta{DY: 100}})
	if z := v.Zoom(); z < 1.99 || z > 2.01 {
		t.Fatalf("one wheel unit of 100 gives zoom %v, want 2", z)
	}
	// The point under the pointer stays there.
	if p := posOf(t, v, "49007", "metro"); abs(p.X-at.X) > 0.5 || abs(p.Y-at.Y) > 0.5 {
		t.Errorf("Angers moved from %v to %v", at, p)
	}
	before := posOf(t, v, "49007", "metro")
	v.Dragged(&fyne.DragEvent{Dragged: fyne.Delta{DX: 40, DY: -25}})
	v.DragEnd()
	if p := posOf(t, v, "49007", "metro"); abs(p.X-before.X-40) > 0.5 || abs(p.Y-before.Y+25) > 0.5 {
		t.Errorf("drag by (40, -25) moved Angers from %v to %v", before, p)
	}
	r := v.renderer
	test.Tap(r.buttons.Objects[0].(fyne.Tappable))
	if z := v.Zoom(); z < 2.99 || z > 3.01 {
		t.Errorf("zoom-in button: zoom %v, want 3", z)
	}
	test.Tap(r.buttons.Objects[1].(fyne.Tappable))
	if z := v.Zoom(); z < 1.99 || z > 2.01 {
		t.Errorf("zoom-out button: zoom %v, want 2", z)
	}
	test.Tap(r.buttons.Objects[2].(fyne.Tappable))
	if v.Zoom() != 1 {
		t.Errorf("reset button: zoom %v", v.Zoom())
	}
}

func TestKeyboard(t *testing.T) {
	v, win := newMap(t, 1000, 640)
	win.Canvas().Focus(v)
	if !v.focused || v.renderer.focus.Hidden {
		t.Fatal("no focus ring")
	}
	test.Type(v, "++")
	if z := v.Zoom(); z < 2.24 || z > 2.26 {
		t.Fatalf("++ gives zoom %v, want 2.25", z)
	}
	c := v.view.Center
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	if v.view.Center[0] <= c[0] {
		t.Errorf("right arrow: centre %v → %v", c, v.view.Center)
	}
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	if v.view.Center[1] <= c[1] {
		t.Errorf("up arrow: centre %v → %v", c, v.view.Center)
	}
	test.Type(v, "-")
	if z := v.Zoom(); z < 1.49 || z > 1.51 {
		t.Errorf("- gives zoom %v, want 1.5", z)
	}
	test.Type(v, "0")
	if v.Zoom() != 1 {
		t.Errorf("0 gives zoom %v", v.Zoom())
	}
	win.Canvas().Unfocus()
	if v.focused {
		t.Error("focus ring left after unfocus")
	}
}

func TestHoverFromListAndExport(t *testing.T) {
	v, win := newMapVariant(t, 800, 500, theme.VariantDark)
	v.SetCentres([]Marker{{ID: "chu", Number: 1, Pos: communes["49007"].Pos, Public: true, Name: "CHU d'Angers"}})
	v.SetSelection("", "49")
	v.ZoomIn()
	plain := win.Canvas().Capture()
	v.SetHover("chu")
	if imagesEqual(plain, win.Canvas().Capture()) {
		t.Error("hovering the centre from a list changed nothing")
	}
	img := v.Export(1600, 1200)
	if b := img.Bounds(); b.Dx() != 1600 || b.Dy() != 1200 {
		t.Fatalf("export %v", b)
	}
	// Printed in the light theme whatever the screen shows.
	if c := color.RGBAModel.Convert(img.At(2, 2)).(color.RGBA); c != mapdraw.LightTheme().Background {
		t.Errorf("export corner %v, want the light background", c)
	}
	if v.Zoom() == 1 {
		t.Error("the export reset the screen's zoom")
	}
	v.SetHover("")
	if !imagesEqual(plain, win.Canvas().Capture()) {
		t.Error("the hover ring stayed")
	}
}

func imagesEqual(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			if a.At(x, y) != b.At(x, y) {
				return false
			}
		}
	}
	return true
}

// A small fixed scene, as the window shows it, in both variants.
func TestGoldenWidget(t *testing.T) {
	for name, variant := range map[string]fyne.ThemeVariant{"light": theme.VariantLight, "dark": theme.VariantDark} {
		t.Run(name, func(t *testing.T) {
			v, win := newMapVariant(t, 640, 400, variant)
			vals := map[string]float64{}
			for i, d := range depts {
				vals[d.Code] = float64(i % 3)
			}
			v.SetShading(&Shading{Title: "Centres proposant le geste", Unit: "centre", UnitPlural: "centres", Values: vals})
			v.SetCentres([]Marker{
				{ID: "a", Number: 1, Pos: communes["49007"].Pos, Public: true, Name: "Angers"},
				{ID: "b", Number: 2, Pos: communes["69123"].Pos, Name: "Lyon"},
				{ID: "c", Pos: communes["75056"].Pos, Public: true, Name: "Paris"},
			})
			v.SetSelection("a", "49")
			v.SetSearchPoint(&SearchPoint{Pos: communes["49007"].Pos, RadiusKm: 50, Label: "Angers"})
			test.AssertImageMatches(t, "mapview_"+name+".png", win.Canvas().Capture())
		})
	}
}

// forcedVariant shows a theme in one variant whatever the settings say.
type forcedVariant struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

func (f *forcedVariant) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return f.Theme.Color(n, f.variant)
}

func abs(f float32) float32 {
	if f < 0 {
		return -f
	}
	return f
}
