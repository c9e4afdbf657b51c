package widgets

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

func key(c *Completion, name fyne.KeyName) { c.TypedKey(&fyne.KeyEvent{Name: name}) }

func TestCompletionKeys(t *testing.T) {
	test.NewTempApp(t)
	c := NewCompletion("Geste")
	w := test.NewTempWindow(t, container.NewVBox(c))
	w.Resize(fyne.NewSize(400, 300))
	var picked = -1
	var entered string
	cleared := false
	c.OnPick = func(i int) { picked = i }
	c.OnEnter = func(s string) { entered = s }
	c.OnClear = func() { cleared = true }

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
	if entered != "fibrome" {
		t.Errorf("Enter with the list closed gave %q", entered)
	}
	c.SetOptions([]string{"x"})
	key(c, fyne.KeyEscape)
	if c.OptionsVisible() || c.Text != "fibrome" {
		t.Errorf("first Esc must close the list only (text %q)", c.Text)
	}
	key(c, fyne.KeyEscape)
	if c.Text != "" || !cleared {
		t.Errorf("second Esc must clear the field (text %q, cleared %v)", c.Text, cleared)
	}
	c.SetTextFromPick("Cholet (49)")
	if c.Text != "Cholet (49)" || c.OptionsVisible() {
		t.Errorf("SetTextFromPick: %q, list visible %v", c.Text, c.OptionsVisible())
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
