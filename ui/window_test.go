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

func TestFirstWindowShowsTheDirectoryLabel(t *testing.T) {
	a := test.NewTempApp(t)
	m := NewMainWindow(a, t.TempDir())
	defer m.Window.Close()
	if got := texts(m.Window.Content()); !strings.Contains(got, "Préparation des données") {
		t.Errorf("while loading the window shows:\n%s", got)
	}
	waitReady(t, m)
	got := texts(m.Window.Content())
	for _, want := range []string{"Annuaire de démonstration", "à vérifier auprès du centre", "76", "39, en 10 familles", "101"} {
		if !strings.Contains(strings.ToLower(got), strings.ToLower(want)) {
			t.Errorf("window lacks %q:\n%s", want, got)
		}
	}
	if m.Window.Title() != "Atlas RI" {
		t.Errorf("title %q", m.Window.Title())
	}
}

func TestOpeningErrorIsShownInFrench(t *testing.T) {
	a := test.NewTempApp(t)
	m := &MainWindow{Window: a.NewWindow("x"), ready: make(chan struct{})}
	m.open = func(string) (*app.Atlas, error) { return nil, errors.New("La base « user.db » est endommagée") }
	m.start("/nowhere")
	waitReady(t, m)
	if got := texts(m.Window.Content()); !strings.Contains(got, "ne peut pas ouvrir ses données") || !strings.Contains(got, "endommagée") {
		t.Errorf("window shows:\n%s", got)
	}
}
