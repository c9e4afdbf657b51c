// Command atlas-ri is Atlas RI: with no subcommand it opens the window;
// with one (check, version...) it works headless. See `atlas-ri help`.
package main

import (
	// First: gives the process a language before Fyne reads it.
	_ "atlasri/internal/locale"

	"os"

	fyneapp "fyne.io/fyne/v2/app"

	"atlasri/app"
	"atlasri/cli"
	"atlasri/ui"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr, runWindow))
}

func runWindow(dataDir string) error {
	a := fyneapp.NewWithID(app.ID)
	a.SetIcon(ui.Icon)
	w := ui.NewMainWindow(a, dataDir)
	w.Window.ShowAndRun()
	return nil
}
