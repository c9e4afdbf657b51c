package ui

import (
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"atlasri/app"
)

// texts collects every label's text under o.
func texts(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			b.WriteString(w.Text + "\n")
		case *widget.Button:
			b.WriteString(w.Text + "\n")
		case *widget.Hyperlink:
			b.WriteString(w.Text + "\n")
		case *widget.Form:
			for _, it := range w.Items {
				b.WriteString(it.Text + "\n")
				walk(it.Widget)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c)
			}
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		}
	}
	walk(o)
	return b.String()
}

func waitReady(t *testing.T, m *MainWindow) {
	t.Helper()
	select {
	case <-m.ready:
	case <-time.After(2 * time.Minute):
		t.Fatal("the data folder never finished opening")
	}
}

// eventually polls cond, which reads state that background work changes
// through fyne.Do, until it holds.
func eventually(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		ok := false
		fyne.DoAndWait(func() { ok = cond() })
		if ok {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}

func TestOpeningErrorIsShownInFrench(t *testing.T) {
	a := test.NewTempApp(t)
	m := &MainWindow{Window: a.NewWindow("x"), app: a, ready: make(chan struct{})}
	m.open = func(string) (*app.Atlas, error) { return nil, errors.New("La base « user.db » est endommagée") }
	m.start("/nowhere")
	waitReady(t, m)
	if got := texts(m.Window.Content()); !strings.Contains(got, "ne peut pas ouvrir ses données") || !strings.Contains(got, "endommagée") {
		t.Errorf("window shows:\n%s", got)
	}
}
