package widgets

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

func key(c fyne.Focusable, name fyne.KeyName) { c.TypedKey(&fyne.KeyEvent{Name: name}) }

// The completion's logic: these tests call the widget directly, so they
// prove nothing about focus or events on a real display; the real-input
// suite (ui/e2e) does.
func TestCompletionKeys(t *testing.T) {
	test.NewTempApp(t)
	var c *Completion
	layer := NewLayer(nil)
	c = NewCompletion("Geste", layer)
	other := NewField()
	layer.SetContent(container.NewVBox(c, other))
	w := test.NewTempWindow(t, layer)
	w.Resize(fyne.NewSize(400, 400))
	w.Canvas().Focus(c)
	var picked = -1
	var submitted string
	escaped := false
	c.OnPick = func(i int) { picked = i }
	c.OnSubmit = func(s string) { submitted = s }
	c.OnEscape = func() { escaped = true }

	tests := []struct {
		name    string
		do      func()
		visible bool
		hi      int
	}{
		{"options open on the first", func() { c.SetOptions([]string{"a", "b", "c"}) }, true, 0},
		{"down", func() { key(c, fyne.KeyDown) }, true, 1},
		{"down stops at the end", func() { key(c, fyne.KeyDown); key(c, fyne.KeyDown) }, true, 2},
		{"up", func() { key(c, fyne.KeyUp) }, true, 1},
		{"enter picks", func() { key(c, fyne.KeyReturn) }, false, -1},
	}
	for _, tt := range tests {
		tt.do()
		if c.OptionsVisible() != tt.visible || c.Highlighted() != tt.hi {
			t.Errorf("%s: visible %v highlighted %d, want %v %d", tt.name, c.OptionsVisible(), c.Highlighted(), tt.visible, tt.hi)
		}
	}
	if picked != 1 {
		t.Errorf("picked %d, want 1", picked)
	}
	test.Type(c, "fibrome")
	key(c, fyne.KeyReturn)
	if submitted != "fibrome" {
		t.Errorf("Enter with the list closed gave %q", submitted)
	}
	// Options computed for older text are not offered, and Enter then
	// submits instead of picking a stale choice.
	c.Offer("fib", []string{"stale"})
	if c.OptionsVisible() {
		t.Error("options for older text were shown")
	}
	c.SetOptions([]string{"x"})
	key(c, fyne.KeyEscape)
	if c.OptionsVisible() || c.Text != "fibrome" || escaped {
		t.Errorf("first Esc must close the list only (text %q, escaped %v)", c.Text, escaped)
	}
	key(c, fyne.KeyEscape)
	if !escaped {
		t.Error("second Esc must go to OnEscape")
	}
	// Down reopens the list for the same text.
	key(c, fyne.KeyDown)
	if !c.OptionsVisible() {
		t.Error("Down did not reopen the list")
	}
	// Tab picks the highlighted choice and moves on.
	picked = -1
	if !c.AcceptsTab() {
		t.Error("the open list must keep Tab")
	}
	key(c, fyne.KeyTab)
	if picked != 0 || w.Canvas().Focused() != other {
		t.Errorf("Tab: picked %d, focus %T", picked, w.Canvas().Focused())
	}
	c.SetTextFromPick("Cholet (49)")
	if c.Text != "Cholet (49)" || c.OptionsVisible() {
		t.Errorf("SetTextFromPick: %q, list visible %v", c.Text, c.OptionsVisible())
	}
	// A list is never offered to a field without the keyboard.
	c.SetOptions([]string{"y"})
	if c.OptionsVisible() {
		t.Error("options shown while another field has the keyboard")
	}
}

// A click on any option picks it, the highlighted one included.
func TestCompletionClickPicksHighlighted(t *testing.T) {
	test.NewTempApp(t)
	layer := NewLayer(nil)
	c := NewCompletion("Geste", layer)
	layer.SetContent(container.NewVBox(c))
	w := test.NewTempWindow(t, layer)
	w.Resize(fyne.NewSize(400, 400))
	w.Canvas().Focus(c)
	picked := -1
	c.OnPick = func(i int) { picked = i }
	c.SetOptions([]string{"Thrombectomie"})
	if c.Highlighted() != 0 {
		t.Fatal("first option not highlighted")
	}
	test.Tap(c.list.rows[0])
	if picked != 0 {
		t.Errorf("click on the highlighted option picked %d", picked)
	}
}

func TestRowListKeys(t *testing.T) {
	test.NewTempApp(t)
	items := []string{"a", "b", "c"}
	var sel []int
	l := NewRowList(func() int { return len(items) }, func() fyne.CanvasObject { return NewField() },
		func(i int, o fyne.CanvasObject) { o.(*Field).SetText(items[i]) })
	l.OnSelected = func(i int) { sel = append(sel, i) }
	w := test.NewTempWindow(t, l)
	w.Resize(fyne.NewSize(200, 300))
	for _, k := range []fyne.KeyName{fyne.KeyDown, fyne.KeyDown, fyne.KeyDown, fyne.KeyUp, fyne.KeyHome, fyne.KeyEnd} {
		key(l, k)
	}
	want := []int{0, 1, 2, 1, 0, 2}
	if len(sel) != len(want) {
		t.Fatalf("selections %v, want %v", sel, want)
	}
	for i := range want {
		if sel[i] != want[i] {
			t.Fatalf("selections %v, want %v", sel, want)
		}
	}
	// A click on the selected row selects it again.
	test.Tap(l.cells[2])
	if sel[len(sel)-1] != 2 || len(sel) != len(want)+1 {
		t.Errorf("click on the selected row: %v", sel)
	}
}

func TestTipButton(t *testing.T) {
	test.NewTempApp(t)
	tapped := false
	b := NewTipButton(theme.ContentCopyIcon(), "Copier les coordonnées", func() { tapped = true })
	w := test.NewTempWindow(t, container.NewVBox(b))
	w.Resize(fyne.NewSize(200, 100))
	test.MoveMouse(w.Canvas(), fyne.NewPos(5, 5))
	deadline := time.Now().Add(3 * time.Second)
	for !b.TipVisible() && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if !b.TipVisible() {
		t.Fatal("no tooltip after resting on the button")
	}
	test.Tap(b)
	if !tapped || b.TipVisible() {
		t.Errorf("tap: tapped %v, tooltip still visible %v", tapped, b.TipVisible())
	}
}

func TestCutToFit(t *testing.T) {
	// One unit per rune: the arithmetic of the cut, without fonts.
	width := func(s string) float32 { return float32(len([]rune(s))) }
	for _, c := range []struct {
		text string
		room float32
		want string
	}{
		{"Angers (49) · 53 km", 40, "Angers (49) · 53 km"},
		{"Angers (49) · 53 km", 19, "Angers (49) · 53 km"},
		{"Angers (49) · 53 km", 18, "Angers (49) · 53 …"},
		{"Embolisation", 5, "Embo…"},
		{"Embolisation", 1, "…"},
		{"Embolisation", 0, "…"},
		{"", 0, ""},
		{"éèà", 2, "é…"},
	} {
		if got := cutToFit(c.text, c.room, width); got != c.want {
			t.Errorf("cutToFit(%q, %v) = %q, want %q", c.text, c.room, got, c.want)
		}
	}
}

func TestFitTextCutsToItsWidthAndKeepsItsCut(t *testing.T) {
	test.NewTempApp(t)
	f := NewFitText("Embolisation des fibromes utérins (et de l'adénomyose)", fyne.TextStyle{})
	w := test.NewTempWindow(t, f)
	w.Resize(fyne.NewSize(200, 60))
	f.Resize(fyne.NewSize(200, 40))
	shown := f.Shown()
	if !strings.HasSuffix(shown, "…") || len(shown) >= len(f.Text) {
		t.Fatalf("not cut at 200: %q", shown)
	}
	if got := fyne.MeasureText(shown, theme.TextSize(), fyne.TextStyle{}).Width; got > 200-2*theme.InnerPadding() {
		t.Errorf("%q is %.0f wide, more than the room", shown, got)
	}
	f.Refresh()
	if f.Shown() != shown {
		t.Errorf("a refresh changed the cut: %q then %q", shown, f.Shown())
	}
	f.Resize(fyne.NewSize(2000, 40))
	if f.Shown() != f.Text {
		t.Errorf("wide enough, still cut: %q", f.Shown())
	}
	f.SetText("Angers")
	if f.Shown() != "Angers" {
		t.Errorf("new text not shown: %q", f.Shown())
	}
}

func TestEnterPressesAFocusedButton(t *testing.T) {
	test.NewTempApp(t)
	for _, c := range []struct {
		key      fyne.KeyName
		disabled bool
		want     int
	}{
		{fyne.KeyReturn, false, 1},
		{fyne.KeyEnter, false, 1},
		{fyne.KeySpace, false, 1},
		{fyne.KeyReturn, true, 0},
		{fyne.KeyTab, false, 0},
	} {
		n := 0
		b := NewButton("Fermer", func() { n++ })
		tb := NewTipButton(nil, "Aide", func() { n++ })
		if c.disabled {
			b.Disable()
			tb.Disable()
		}
		test.NewTempWindow(t, container.NewVBox(b, tb))
		b.TypedKey(&fyne.KeyEvent{Name: c.key})
		tb.TypedKey(&fyne.KeyEvent{Name: c.key})
		if n != 2*c.want {
			t.Errorf("%s (disabled %v): pressed %d times, want %d", c.key, c.disabled, n, 2*c.want)
		}
	}
}
