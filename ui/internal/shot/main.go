// Command shot opens Atlas RI's window on a search, for the screenshots of
// the documentation: go run ./ui/internal/shot -theme dark
package main

import (
	"flag"
	"os"

	fyneapp "fyne.io/fyne/v2/app"

	"atlasri/app"
	_ "atlasri/internal/locale"
	"atlasri/model"
	"atlasri/ui"
)

func main() {
	dir := flag.String("data-dir", os.TempDir()+"/atlas-ri-shot", "data folder")
	themeName := flag.String("theme", ui.ThemeLight, "light or dark")
	what := flag.String("what", "fibrome", "procedure typed")
	where := flag.String("where", "49300", "place typed")
	flag.Parse()
	// Answer the first-run question beforehand: it would hide the window.
	if atlas, err := app.Open(*dir); err == nil {
		atlas.SetSettings(map[string]string{model.SettingCommuneAsked: "1"})
		atlas.Close()
	}
	a := fyneapp.NewWithID("fr.atlasri.shot")
	m := ui.NewMainWindow(a, *dir)
	m.ThemeOverride = *themeName
	m.Search(*what, *where)
	m.Window.ShowAndRun()
}
