// Command atlas-ri is Atlas RI: with no subcommand it opens the window;
// with one (check, version...) it works headless. See `atlas-ri help`.
package main

import (
	// First: gives the process a language before Fyne reads it.
	_ "atlasri/internal/locale"

	"errors"
	"fmt"
	"os"
	"runtime/debug"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"atlasri/app"
	"atlasri/cli"
	"atlasri/internal/screen"
	"atlasri/ui"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr, runWindow))
}

// errNoWindow is returned once the user was told why the window cannot
// open (so that it is not printed twice).
var errNoWindow = errors.New("fenêtre impossible à ouvrir")

func runWindow(dataDir string) error {
	area, err := screen.Probe()
	if err != nil {
		screen.Tell("Atlas RI", screen.Explain(err))
		return errNoWindow
	}
	ui.SetWorkArea(fyne.NewSize(float32(area.Width), float32(area.Height)))
	// The window keeps about 40 MB of live Go data (search index, fonts,
	// map rasters, widgets). Collecting at a quarter of it rather than at
	// its size keeps about 30 MB less resident, for no search measurably
	// slower (BENCHMARKS.md, « Window on a real display »).
	// GOGC, when set, still wins (to measure, or for a practice's IT).
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(25)
	}
	a := fyneapp.NewWithID(app.ID)
	a.SetIcon(ui.Icon)
	var w *ui.MainWindow
	if err := startGLFW(func() { w = ui.NewMainWindow(a, dataDir) }); err != nil {
		screen.Tell("Atlas RI", screen.Explain(err))
		return errNoWindow
	}
	w.Window.ShowAndRun()
	return nil
}

// startGLFW runs create, where Fyne starts GLFW. When GLFW fails to start
// (the display refusing, even seconds after screen.Probe succeeded), go-gl
// only logs the failure and Fyne's next GLFW call panics: the GP then reads
// the same explanation as for a missing OpenGL, not a stack trace.
func startGLFW(create func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w : %v", screen.ErrNoOpenGL, r)
		}
	}()
	create()
	return nil
}
