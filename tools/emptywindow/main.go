// Command emptywindow opens the smallest Fyne window worth the name (a
// search field, a button, a list of 50 lines of text) at a given size, with
// the same Fyne, build tags and GC setting as Atlas RI, and nothing of
// Atlas RI's data. Its resident memory, read like the window's own
// (ui/e2e TestTimings), is the floor that Fyne and the machine's OpenGL set
// before any directory, search index or map: BENCHMARKS.md, « Window on a
// real display », compares the two.
//
//	go run -tags=no_emoji ./tools/emptywindow -size 1440x900
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime/debug"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

func main() {
	size := flag.String("size", "1440x900", "window size, in pixels")
	flag.Parse()
	var w, h float32
	if _, err := fmt.Sscanf(*size, "%fx%f", &w, &h); err != nil || w <= 0 || h <= 0 {
		fmt.Fprintln(os.Stderr, "emptywindow: -size attend LARGEURxHAUTEUR, par exemple 1440x900")
		os.Exit(2)
	}
	debug.SetGCPercent(25) // as main.go
	a := fyneapp.NewWithID("fr.atlas-ri.emptywindow")
	win := a.NewWindow("emptywindow")
	entry := widget.NewEntry()
	entry.SetPlaceHolder("Geste ou motif")
	list := widget.NewList(func() int { return 50 },
		func() fyne.CanvasObject { return widget.NewLabel("Centre hospitalier, 00 km") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(fmt.Sprintf("Ligne %d", i+1))
		})
	win.SetContent(container.NewBorder(container.NewBorder(nil, nil, nil, widget.NewButton("Rechercher", func() {}), entry), nil, nil, nil, list))
	win.Resize(fyne.NewSize(w, h))
	win.ShowAndRun()
}
