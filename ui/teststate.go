package ui

import (
	"encoding/json"
	"fmt"
	"image"
	"os"
	"strconv"
	"strings"
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
	Seq           int                   `json:"seq"`
	CollectMs     int64                 `json:"collect_ms"`
	Time          int64                 `json:"time"`
	Ready         bool                  `json:"ready"`
	StartedAt     int64                 `json:"started_at"`
	Interactive   int64                 `json:"interactive_at"`
	Window        windowState           `json:"window"`
	Focus         string                `json:"focus"`
	What          fieldState            `json:"what"`
	Where         fieldState            `json:"where"`
	Target        string                `json:"target"`
	TargetLabel   string                `json:"target_label"`
	Emergency     bool                  `json:"emergency"`
	Place         string                `json:"place"`
	Status        string                `json:"status"`
	Results       []resultState         `json:"results"`
	Selected      int                   `json:"selected"`
	Detail        string                `json:"detail"`
	DetailTop     bool                  `json:"detail_at_top"`
	LetterOK      bool                  `json:"letter_button_enabled"`
	NoteFilled    bool                  `json:"note_filled"`
	Favourite     bool                  `json:"favourite"`
	Footer        string                `json:"footer"`
	EmergencyText string                `json:"emergency_text"`
	Dialogs       []string              `json:"dialogs"`
	Letters       []letterState         `json:"letters"`
	Map           mapState              `json:"map"`
	Search        searchTiming          `json:"search"`
	Theme         string                `json:"theme"`
	Filters       [3]string             `json:"filters"`
	Rects         map[string][4]float32 `json:"rects"`
	// Texts and Lists are the named fields' contents (never the letter's:
	// they hold patient data).
	Texts map[string]string `json:"texts"`
	// Windows names, for each rectangle of another window than the main
	// one, that window's title (rectangles are relative to their window).
	Windows map[string]string     `json:"windows"`
	Lists   map[string]fieldState `json:"lists"`
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
	For         string   `json:"options_for"`
	Open        bool     `json:"open"`
	Options     []string `json:"options"`
	Highlighted int      `json:"highlighted"`
}

type resultState struct {
	Name     string  `json:"name"`
	Commune  string  `json:"commune"`
	Dept     string  `json:"dept"`
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

// testNames names widgets whose place on screen the dump gives, so that
// the suite clicks on what is there rather than on fixed pixels. Filled
// only when the dump runs.
// A name belongs to the widget registered last under it (a new detail
// pane, dialog or window replaces the previous one's).
var testNames = map[string]fyne.CanvasObject{}

// named registers o under name for the dump (no-op without it).
func named[T fyne.CanvasObject](o T, name string) T {
	if activeDumper != nil {
		testNames[name] = o
	}
	return o
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
		for {
			var st *testState
			t0 := time.Now()
			fyne.DoAndWait(func() { st = d.collect() })
			took := time.Since(t0)
			st.CollectMs = took.Milliseconds()
			d.write(st)
			// The tick says when the last dump began, changed or not: the
			// suite waits for one that began after its last action.
			if err := os.WriteFile(d.path+".tick", []byte(strconv.FormatInt(t0.UnixNano(), 10)), 0o600); err != nil {
				fyne.LogError("état de test", err)
			}
			// Ten times a second, but never more than a quarter of the UI
			// goroutine: on a loaded machine a dump takes tens of
			// milliseconds, and the window must stay as quick as without.
			time.Sleep(max(100*time.Millisecond, 3*took))
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
	st := &testState{StartedAt: d.started.UnixNano(), Rects: map[string][4]float32{}, Selected: -1,
		Texts: map[string]string{}, Lists: map[string]fieldState{}, Windows: map[string]string{}}
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
		st.Results = append(st.Results, resultState{Name: h.Centre.Name, Commune: h.Centre.Commune, Dept: h.Centre.Dept, Distance: h.DistanceKm})
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
	drv := fyne.CurrentApp().Driver()
	titles := map[fyne.Canvas]string{}
	for _, f := range letters {
		if f.win != nil {
			titles[f.win.Canvas()] = f.win.Title()
		}
	}
	rect := func(name string, o fyne.CanvasObject) {
		cnv := drv.CanvasForObject(o)
		if o == nil || !o.Visible() || cnv == nil {
			return
		}
		p := drv.AbsolutePositionForObject(o)
		s := o.Size()
		st.Rects[name] = [4]float32{p.X, p.Y, s.Width, s.Height}
		if t, ok := titles[cnv]; ok {
			st.Windows[name] = t
		}
	}
	for name, o := range testNames {
		if drv.CanvasForObject(o) == nil {
			continue // not shown yet, or gone with its dialog or window
		}
		rect(name, o)
		patient := strings.HasPrefix(name, "letter:")
		switch w := o.(type) {
		case *widgets.Completion:
			st.Texts[name], st.Lists[name] = w.Text, completionState(w)
			for i, row := range w.OptionRows() {
				rect(fmt.Sprintf("%s_option_%d", name, i), row)
			}
		case *widgets.Check:
			st.Texts[name] = fmt.Sprint(w.Checked)
		case *widget.RadioGroup:
			if !patient {
				st.Texts[name] = w.Selected
			} else if w.Selected != "" {
				st.Texts[name] = "(choisi)" // never the patient's answer
			}
		case *widgets.Field:
			if !patient {
				st.Texts[name] = w.Text
			} else if w.Text != "" {
				st.Texts[name] = "(rempli)" // never the patient's data
			}
		}
	}
	if v.mapv.Visible() {
		origin := drv.AbsolutePositionForObject(v.mapv)
		for i, h := range v.result.Hits {
			if p, ok := v.mapv.PositionOf(h.Centre.Pos); ok {
				st.Rects[fmt.Sprintf("marker_%d", i)] = [4]float32{origin.X + p.X, origin.Y + p.Y, 1, 1}
			}
		}
	}
	for i, o := range v.list.Rows() {
		if i < 8 { // each position walks the tree: keep the dump light
			rect(fmt.Sprintf("result_%d", i), o)
		}
	}
	if n := v.detail.note; n != nil {
		st.NoteFilled = n.Text != ""
	}
	if h := v.detail.hit; h != nil {
		st.Favourite = v.favouriteIDs[h.Centre.ID]
	}
	st.Footer = v.env.directory
	if v.emergencyShown() {
		st.EmergencyText = labelsText(v.emergency)
	}
	return st
}

func completionState(c *widgets.Completion) fieldState {
	return fieldState{Text: c.Text, For: c.OptionsFor(), Open: c.OptionsVisible(), Options: c.Options(), Highlighted: c.Highlighted()}
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
	case *widgets.Button:
		return "button:" + w.Text
	}
	return fmt.Sprintf("%T", f)
}

// labelsText gathers the labels' text under o.
func labelsText(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		case *widget.Label:
			b.WriteString(w.Text + "\n")
		}
	}
	walk(o)
	return b.String()
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
