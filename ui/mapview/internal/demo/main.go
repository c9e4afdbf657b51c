// Command demo shows the map widget alone in a window, on the embedded
// data, for screenshots and by-eye checks:
//
//	go run ./ui/mapview/internal/demo -near Angers -theme dark
package main

import (
	"flag"
	"fmt"
	"image/color"
	"log"
	"os"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"

	"atlasri/app"
	"atlasri/app/search"
	"atlasri/ui/mapview"
)

func main() {
	dataDir := flag.String("data-dir", "", "data folder (default: a temporary one)")
	procedure := flag.String("procedure", "embolisation-fibromes-uterins", "procedure id")
	near := flag.String("near", "Angers", "place of the search point")
	radius := flag.Float64("radius", 100, "search radius, km")
	dark := flag.Bool("dark", false, "dark theme")
	width := flag.Float64("width", 1600, "window width")
	height := flag.Float64("height", 1000, "window height")
	hover := flag.String("hover", "", "INSEE code of a commune to hover after start (shows a tooltip)")
	flag.Parse()

	dir := *dataDir
	if dir == "" {
		d, err := os.MkdirTemp("", "atlas-ri-demo")
		if err != nil {
			log.Fatal(err)
		}
		defer os.RemoveAll(d)
		dir = d
	}
	atlas, err := app.Open(dir)
	if err != nil {
		log.Fatal(err)
	}
	defer atlas.Close()
	eng, err := atlas.SearchEngine()
	if err != nil {
		log.Fatal(err)
	}
	depts, err := atlas.Departements()
	if err != nil {
		log.Fatal(err)
	}

	a := fyneapp.NewWithID(app.ID + ".demo")
	variant := theme.VariantLight
	if *dark {
		variant = theme.VariantDark
	}
	a.Settings().SetTheme(&forcedVariant{Theme: theme.DefaultTheme(), variant: variant})
	w := a.NewWindow("Atlas RI : carte")
	mv, err := mapview.New(depts)
	if err != nil {
		log.Fatal(err)
	}
	counts, err := eng.CountsByDept(*procedure)
	if err != nil {
		log.Fatal(err)
	}
	vals := map[string]float64{}
	for _, d := range depts {
		vals[d.Code] = float64(counts[d.Code])
	}
	mv.SetShading(&mapview.Shading{Title: "Centres proposant le geste", Unit: "centre", UnitPlural: "centres", Values: vals})
	q := search.Query{Procedure: *procedure, Limit: search.MaxLimit}
	if *near != "" {
		loc, _, err := eng.Locate(*near)
		if err != nil {
			log.Fatal(err)
		}
		q.Point, q.From = &loc.Point, loc.Dept
		mv.SetSearchPoint(&mapview.SearchPoint{Pos: loc.Point, RadiusKm: *radius, Label: loc.Label})
	}
	res, err := eng.Nearest(q)
	if err != nil {
		log.Fatal(err)
	}
	var ms []mapview.Marker
	for i, h := range res.Hits {
		mk := mapview.Marker{ID: h.Centre.ID, Pos: h.Centre.Pos, Public: h.Centre.Sector.Public(), Name: h.Centre.Name,
			Detail: fmt.Sprintf("%s · %s (%s)", h.Centre.Category, h.Centre.Commune, h.Centre.Dept)}
		if *near != "" && i < 10 {
			mk.Number = i + 1
		}
		ms = append(ms, mk)
	}
	mv.SetCentres(ms)
	if len(ms) > 0 {
		mv.SetSelection(ms[0].ID, res.Hits[0].Centre.Dept)
	}
	mv.OnCentreTapped = func(id string) { log.Printf("centre %s", id) }
	mv.OnDepartementTapped = func(code string) { log.Printf("département %s", code) }
	w.SetContent(mv)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(float32(*width), float32(*height)))
	if *hover != "" {
		go func() {
			time.Sleep(1500 * time.Millisecond)
			fyne.Do(func() { hoverCommune(mv, eng, *hover) })
		}()
	}
	w.ShowAndRun()
}

// hoverCommune moves the pointer, as far as the widget knows, over a
// commune, so that a screenshot shows a tooltip.
func hoverCommune(mv *mapview.MapView, eng *search.Engine, insee string) {
	c, ok := eng.Commune(insee)
	if !ok {
		log.Printf("commune %s inconnue", insee)
		return
	}
	pos, ok := mv.PositionOf(c.Pos)
	if !ok {
		log.Printf("commune %s hors de la carte", insee)
		return
	}
	mv.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pos}})
}

// forcedVariant shows the default theme in one variant whatever the
// desktop prefers.
type forcedVariant struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

func (f *forcedVariant) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return f.Theme.Color(n, f.variant)
}
