package ui

import (
	"encoding/json"
	"fmt"
	"image"
	"os"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"atlasri/internal/safefile"
	"atlasri/ui/widgets"
)

// The real-input test suite (ui/e2e) drives the built program on an X
// server and needs to know, exactly, what the window holds: which field
// has the keyboard, what the lists offer, where things are to click on
// them, when results were painted. With ATLAS_RI_TEST_STATE set to a file
// path, the window writes that state there as JSON whenever it changes
// (checked ten times a second). Without it nothing of this runs. It never
// holds patient data: the letter form is described by its problems line
// (field labels) only.

// TestStateEnv names the environment variable that turns the dump on.
const TestStateEnv = "ATLAS_RI_TEST_STATE"

// testState is the dump's content.
type testState struct {
	Seq         int                   `json:"seq"`
	Time        int64                 `json:"time"`
	Ready       bool                  `json:"ready"`
	StartedAt   int64                 `json:"started_at"`
	Interactive int64                 `json:"interactive_at"`
	Window      windowState           `json:"window"`
	Focus       string                `json:"focus"`
	What        fieldState            `json:"what"`
	Where       fieldState            `json:"where"`
	Target      string                `json:"target"`
	TargetLabel string                `json:"target_label"`
	Emergency   bool                  `json:"emergency"`
	Place       string                `json:"place"`
	Status      string                `json:"status"`
	Results     []resultState         `json:"results"`
	Selected    int                   `json:"selected"`
	Detail      string                `json:"detail"`
	DetailTop   bool                  `json:"detail_at_top"`
	LetterOK    bool                  `json:"letter_button_enabled"`
	Dialogs     []string              `json:"dialogs"`
	Letters     []letterState         `json:"letters"`
	Map         mapState              `json:"map"`
	Search      searchTiming          `json:"search"`
	Theme       string                `json:"theme"`
	Filters     [3]string             `json:"filters"`
	Rects       map[string][4]float32 `json:"rects"`
}

type windowState struct {
	Title  string  `json:"title"`
	Width  float32 `json:"width"`
	Height float32 `json:"height"`
	Scale  float32 `json:"scale"`
	Menu   bool    `json:"menu"`
}

type fieldState struct {
	Text        string   `json:"text"`
	Open        bool     `json:"open"`
	Options     []string `json:"options"`
	Highlighted int      `json:"highlighted"`
}

type resultState struct {
	Name     string  `json:"name"`
	Commune  string  `json:"commune"`
	Distance float64 `json:"distance_km"`
}

type letterState struct {
	Title     string   `json:"title"`
	Centre    string   `json:"centre"`
	Procedure string   `json:"procedure"`
	Problems  string   `json:"problems"`
	Complete  bool     `json:"complete"`
	Width     float32  `json:"width"`
	Height    float32  `json:"height"`
	Focus     string   `json:"focus"`
	Dialogs   []string `json:"dialogs"`
}

type mapState struct {
	Zoom         float64  `json:"zoom"`
	Centre       string   `json:"selected_centre"`
	Dept         string   `json:"selected_dept"`
	Shade        string   `json:"shade"`
	LegendTitle  string   `json:"legend_title"`
	LegendLabels []string `json:"legend_labels"`
}

type searchTiming struct {
	Seq       int   `json:"seq"`
	Shown     int   `json:"shown"`
	ShownAt   int64 `json:"shown_at"`
	Painted   int   `json:"painted"`
	PaintedAt int64 `json:"painted_at"`
}

// dumper writes the state of one main window.
type dumper struct {
	path    string
	m       *MainWindow
	started time.Time

	mu          sync.Mutex // guards what the paint probe records
	wantPaint   int        // search number waiting for its paint
	painted     int
	paintedAt   int64
	interactive int64
	shownAt     int64

	seq  int
	last []byte
}

// letters lists the open letter windows, for the dump.
var letters []*letterForm

// dialogTitles names the overlays the app opened, for the dump.
var dialogTitles = map[fyne.CanvasObject]string{}

var activeDumper *dumper

// startTestState starts the dump for m when the environment asks for it.
func startTestState(m *MainWindow) {
	path := os.Getenv(TestStateEnv)
	if path == "" {
		return
	}
	d := &dumper{path: path, m: m, started: time.Now()}
	activeDumper = d
	m.onView = func(v *mainView) {
		v.onShown = func() {
			d.mu.Lock()
			d.wantPaint, d.shownAt = v.shown, time.Now().UnixNano()
			d.mu.Unlock()
			v.probe.Refresh()
		}
	}
	go func() {
		for range time.Tick(100 * time.Millisecond) {
			var st *testState
			fyne.DoAndWait(func() { st = d.collect() })
			d.write(st)
		}
	}()
}

// newProbe returns the 1-pixel raster whose drawing tells when results
// reached the screen (nil when no dump is asked for).
func newProbe() *canvas.Raster {
	d := activeDumper
	r := canvas.NewRaster(func(w, h int) image.Image {
		if d != nil {
			d.mu.Lock()
			now := time.Now().UnixNano()
			if d.wantPaint != d.painted {
				d.painted, d.paintedAt = d.wantPaint, now
			}
			if d.interactive == 0 {
				d.interactive = now
			}
			d.mu.Unlock()
		}
		return image.NewNRGBA(image.Rect(0, 0, 1, 1))
	})
	return r
}

func (d *dumper) collect() *testState {
	m := d.m
	c := m.Window.Canvas()
	st := &testState{StartedAt: d.started.UnixNano(), Rects: map[string][4]float32{}, Selected: -1}
	st.Window = windowState{Title: m.Window.Title(), Width: c.Size().Width, Height: c.Size().Height, Scale: c.Scale(),
		Menu: m.Window.MainMenu() != nil}
	st.Focus = d.name(c.Focused())
	st.Dialogs = overlayTitles(c)
	for _, f := range letters {
		if f.win == nil {
			continue
		}
		lc := f.win.Canvas()
		ls := letterState{Title: f.win.Title(), Centre: f.centre.Name, Problems: f.problems.Text, Complete: f.complete,
			Width: lc.Size().Width, Height: lc.Size().Height, Focus: d.name(lc.Focused()), Dialogs: overlayTitles(lc)}
		if f.procedure != nil {
			ls.Procedure = f.procedure.Selected
		}
		st.Letters = append(st.Letters, ls)
	}
	v := m.view
	if v == nil {
		return st
	}
	st.Ready = true
	st.What = completionState(v.what)
	st.Where = completionState(v.where.entry)
	if v.target != nil {
		st.Target, st.TargetLabel, st.Emergency = v.target.id, v.target.label, v.target.emergency
	}
	st.Emergency = v.emergencyShown()
	if v.place != nil {
		st.Place = v.place.Label
	}
	st.Status = v.status.Text
	for _, h := range v.result.Hits {
		st.Results = append(st.Results, resultState{Name: h.Centre.Name, Commune: h.Centre.Commune, Distance: h.DistanceKm})
	}
	st.Selected = v.selected
	if v.detail.hit != nil {
		st.Detail = v.detail.hit.Centre.Name
	}
	st.DetailTop = v.detail.scroll.Offset.Y == 0
	st.LetterOK = v.detail.letter != nil && !v.detail.letter.Disabled()
	centre, dept := v.mapv.Selection()
	st.Map = mapState{Zoom: v.mapv.Zoom(), Centre: centre, Dept: dept, Shade: v.shadeBy.Selected,
		LegendTitle: v.legend.Title(), LegendLabels: v.legend.Labels()}
	st.Theme, _ = themeName(m.app)
	st.Filters = [3]string{v.radius.Selected, v.sector.Selected, v.dept.Selected}
	d.mu.Lock()
	st.Search = searchTiming{Seq: v.seq, Shown: v.shown, ShownAt: d.shownAt, Painted: d.painted, PaintedAt: d.paintedAt}
	st.Interactive = d.interactive
	d.mu.Unlock()
	rect := func(name string, o fyne.CanvasObject) {
		if o == nil || !o.Visible() || fyne.CurrentApp().Driver().CanvasForObject(o) == nil {
			return
		}
		p := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
		s := o.Size()
		st.Rects[name] = [4]float32{p.X, p.Y, s.Width, s.Height}
	}
	rect("what", v.what)
	rect("where", v.where.entry)
	rect("results", v.list)
	rect("map", v.mapv)
	rect("detail", v.detail.content)
	rect("status", v.status)
	rect("legend", v.legend)
	rect("colours", v.shadeBy)
	if v.detail.letter != nil {
		rect("letter_button", v.detail.letter)
	}
	for i, o := range v.list.Rows() {
		rect(fmt.Sprintf("result_%d", i), o)
	}
	return st
}

func completionState(c *widgets.Completion) fieldState {
	return fieldState{Text: c.Text, Open: c.OptionsVisible(), Options: c.Options(), Highlighted: c.Highlighted()}
}

// name says which widget has the keyboard.
func (d *dumper) name(f fyne.Focusable) string {
	v := d.m.view
	switch {
	case f == nil:
		return ""
	case v != nil && f == fyne.Focusable(v.what):
		return "what"
	case v != nil && f == fyne.Focusable(v.where.entry):
		return "where"
	case v != nil && f == fyne.Focusable(v.list):
		return "results"
	case v != nil && f == fyne.Focusable(v.mapv):
		return "map"
	}
	switch w := f.(type) {
	case *widgets.Completion:
		return "completion:" + w.PlaceHolder
	case *widgets.Field:
		return "field:" + w.PlaceHolder
	case *widget.Button:
		return "button:" + w.Text
	}
	return fmt.Sprintf("%T", f)
}

// overlayTitles names the dialogs open on c, innermost last.
func overlayTitles(c fyne.Canvas) []string {
	var out []string
	for _, o := range c.Overlays().List() {
		if t, ok := dialogTitles[o]; ok {
			out = append(out, t)
		} else {
			out = append(out, fmt.Sprintf("%T", o))
		}
	}
	return out
}

func themeName(a fyne.App) (string, bool) {
	if t, ok := a.Settings().Theme().(atlasTheme); ok {
		switch {
		case t.contrast:
			return ThemeHighContrast, true
		case t.follow:
			return ThemeSystem, true
		case t.variant == theme.VariantLight:
			return ThemeLight, true
		}
		return ThemeDark, true
	}
	return "", false
}

// write stores the state when it changed.
func (d *dumper) write(st *testState) {
	st.Time = 0
	body, err := json.Marshal(st)
	if err != nil || string(body) == string(d.last) {
		return
	}
	d.last = body
	d.seq++
	st.Seq, st.Time = d.seq, time.Now().UnixNano()
	body, _ = json.MarshalIndent(st, "", " ")
	if err := safefile.WriteBytes(d.path, body); err != nil {
		fyne.LogError("état de test", err)
	}
}
