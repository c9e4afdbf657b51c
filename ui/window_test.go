package ui

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"sync"
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
	m.open = func(string, func(string)) (*app.Atlas, error) {
		return nil, errors.New("La base « user.db » est endommagée")
	}
	m.start("/nowhere")
	waitReady(t, m)
	if got := texts(m.Window.Content()); !strings.Contains(got, "ne peut pas ouvrir ses données") || !strings.Contains(got, "endommagée") {
		t.Errorf("window shows:\n%s", got)
	}
}

// Issue 13, case 1: another program holds user.db locked. The window says
// under its progress bar that it waits, and opens once the lock is gone,
// with nothing set aside.
func TestOpeningWaitsForALockedDataFolder(t *testing.T) {
	dir := t.TempDir()
	atlas, err := app.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	atlas.Close()
	release := holdLock(t, filepath.Join(dir, app.UserFile))

	a := test.NewTempApp(t)
	m := &MainWindow{Window: a.NewWindow("x"), app: a, dataDir: dir, ready: make(chan struct{})}
	var shown string
	m.open = func(d string, waiting func(string)) (*app.Atlas, error) {
		return openData(d, func(msg string) {
			waiting(msg)
			fyne.DoAndWait(func() { shown = texts(m.Window.Content()) })
			release()
		})
	}
	m.start(dir)
	waitReady(t, m)
	if m.atlas != nil {
		t.Cleanup(func() { m.atlas.Close() })
	}
	if !strings.Contains(shown, "Préparation des données") || !strings.Contains(shown, "sont utilisées par un autre programme ; Atlas RI attend qu'elles se libèrent (30 s au plus)") {
		t.Errorf("while waiting, the window shows:\n%s", shown)
	}
	if m.view == nil {
		t.Errorf("the window did not open once the lock was released:\n%s", texts(m.Window.Content()))
	}
	if aside, _ := filepath.Glob(filepath.Join(dir, "*.damaged-*")); len(aside) > 0 {
		t.Errorf("set aside: %v", aside)
	}
}

// holdLock takes an exclusive lock on a SQLite database on a connection
// of its own, as another program would; the returned function releases it.
func holdLock(t *testing.T, path string) (release func()) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err == nil {
		_, err = conn.ExecContext(ctx, "PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE; SELECT count(*) FROM sqlite_master")
	}
	if err != nil {
		db.Close()
		t.Fatal(err)
	}
	var once sync.Once
	release = func() {
		once.Do(func() {
			conn.ExecContext(ctx, "ROLLBACK")
			conn.Close()
			db.Close()
		})
	}
	t.Cleanup(release)
	return release
}

// Issue 13, cases 5 and 6: the window's warning before an install that
// needs confirmation speaks of its button, not of the command line's
// --force.
func TestRefusalForWindow(t *testing.T) {
	tests := []struct{ refusal, want string }{
		{"l'annuaire installé (version 2027.2 du 2027-02-01) est signé par la fédération ; le remplacer par un fichier non signé demande --force",
			"l'annuaire installé (version 2027.2 du 2027-02-01) est signé par la fédération ; le remplacer par un fichier non signé demande votre confirmation (bouton « Installer quand même »)"},
		{"cet annuaire (version 2027.1 du 2027-01-15) est plus ancien que l'annuaire installé (version 2027.2 du 2027-02-01) ; l'installer quand même demande --force ; autre chose demande --force",
			"cet annuaire (version 2027.1 du 2027-01-15) est plus ancien que l'annuaire installé (version 2027.2 du 2027-02-01) ; l'installer quand même demande votre confirmation (bouton « Installer quand même ») ; autre chose demande votre confirmation (bouton « Installer quand même »)"},
		{"sans option", "sans option"},
	}
	for _, tt := range tests {
		if got := refusalForWindow(tt.refusal); got != tt.want {
			t.Errorf("got  %s\nwant %s", got, tt.want)
		}
	}
}
