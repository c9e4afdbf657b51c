package cli

import (
	"flag"
	"fmt"
	"image/png"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"atlasri/app"
	"atlasri/app/mapdraw"
	"atlasri/app/search"
	"atlasri/internal/safefile"
	"atlasri/model"
)

const mapUsage = `Usage : atlas-ri map --procedure ID --out FICHIER.png [--near LIEU] [--radius KM]
                     [--size LxH] [--limit N] [--theme clair|sombre]

Dessine la carte des départements colorés selon le nombre de centres qui
proposent le geste (ou la famille de gestes), avec les centres. Avec --near,
le lieu est marqué et les N centres les plus proches sont numérotés comme
dans la liste affichée. Le fichier PNG n'est lisible que par son
propriétaire.

Options :
`

// Export sizes: below, labels do not fit; above, the image is absurd.
const (
	minMapSide = 200
	maxMapSide = 8000
)

func runMap(e *env, fs *flag.FlagSet, args []string) int {
	procedure := fs.String("procedure", "", "identifiant, nom ou mot-clé du geste ou de la famille (obligatoire)")
	near := addNearFlag(fs)
	radius := fs.Float64("radius", 0, "rayon en km autour du lieu (0 : sans cercle)")
	out := fs.String("out", "", "fichier PNG à écrire (obligatoire)")
	size := fs.String("size", "1600x1200", "taille de l'image en pixels, LARGEURxHAUTEUR")
	limit := fs.Int("limit", search.DefaultLimit, "nombre de centres numérotés avec --near")
	themeName := fs.String("theme", "clair", "clair ou sombre")
	setUsage(fs, mapUsage)
	if !e.parseOptionsOnly(fs, args, "Le geste se donne avec --procedure, le fichier avec --out.") {
		return ExitUsage
	}
	if strings.TrimSpace(*procedure) == "" {
		fmt.Fprintln(e.stderr, "Geste manquant : indiquez --procedure (identifiant du geste, par exemple celui que donne « atlas-ri suggest »).")
		return ExitUsage
	}
	if *out == "" || !strings.EqualFold(filepath.Ext(*out), ".png") {
		fmt.Fprintf(e.stderr, "Fichier de sortie invalide « %s » : indiquez --out avec un nom se terminant par .png.\n", *out)
		return ExitUsage
	}
	w, h, err := parseSize(*size)
	if err != nil {
		fmt.Fprintln(e.stderr, err)
		return ExitUsage
	}
	if *radius < 0 || *radius != *radius || *radius > 2000 {
		fmt.Fprintf(e.stderr, "Rayon invalide : %g (attendu de 0 à 2000 km).\n", *radius)
		return ExitUsage
	}
	if !e.validLimit(*limit) {
		return ExitUsage
	}
	var th mapdraw.Theme
	switch model.Fold(strings.TrimSpace(*themeName)) {
	case "clair", "light":
		th = mapdraw.LightTheme()
	case "sombre", "dark":
		th = mapdraw.DarkTheme()
	default:
		fmt.Fprintf(e.stderr, "Thème inconnu « %s » : clair ou sombre.\n", *themeName)
		return ExitUsage
	}

	a, eng, ok := e.openSearch()
	if !ok {
		return ExitFailure
	}
	defer a.Close()
	target, err := eng.ResolveCatalogue(*procedure)
	if err == nil && !target.Exact {
		// A map names what it shows: no guessing from approximate text.
		err = &search.NotFoundError{What: "geste", Text: *procedure, Suggestions: target.Others}
		if len(target.Others) == 0 {
			err = fmt.Errorf("Geste inconnu : « %s ». Vouliez-vous dire : %s ?", strings.TrimSpace(*procedure), target.Label)
		}
	}
	if err != nil {
		fmt.Fprintln(e.stderr, err)
		return ExitFailure
	}
	depts, err := a.Departements()
	if err != nil {
		fmt.Fprintln(e.stderr, "Lecture des départements impossible :", err)
		return ExitFailure
	}
	m, err := mapdraw.New(depts, app.MapFonts())
	if err != nil {
		fmt.Fprintln(e.stderr, err)
		return ExitFailure
	}

	counts, err := eng.CountsByDept(target.ID)
	if err != nil {
		fmt.Fprintln(e.stderr, err)
		return ExitFailure
	}
	values := make(map[string]float64, len(depts))
	for _, d := range depts {
		values[d.Code] = float64(counts[d.Code])
	}
	m.SetShading(&mapdraw.Shading{Title: "Centres proposant le geste", Unit: "centre", UnitPlural: "centres", Values: values})

	q := search.Query{Limit: search.MaxLimit}
	setTarget(&q, target)
	var place *search.Location
	if strings.TrimSpace(*near) != "" {
		loc, ok := e.locate(eng, *near)
		if !ok {
			return ExitFailure
		}
		place = &loc
		q.Point, q.From = &loc.Point, loc.Dept
		m.SetSearch(&mapdraw.SearchPoint{Pos: loc.Point, RadiusKm: *radius, Label: loc.Label})
	}
	res, err := eng.Nearest(q)
	if err != nil {
		fmt.Fprintln(e.stderr, err)
		return ExitFailure
	}
	markers := make([]mapdraw.Marker, 0, len(res.Hits))
	for i, hit := range res.Hits {
		c := hit.Centre
		mk := mapdraw.Marker{ID: c.ID, Pos: c.Pos, Public: c.Sector.Public(), Name: c.Name,
			Detail: fmt.Sprintf("%s · %s (%s)", c.Category, c.Commune, c.Dept)}
		if place != nil && i < *limit {
			mk.Number = i + 1
		}
		markers = append(markers, mk)
	}
	m.SetMarkers(markers)

	title := target.Label + " : centres par département"
	info, _ := a.DirectoryInfo()
	subtitle := info.Label
	if place != nil {
		title = target.Label + " : centres proches de " + place.Label
	}
	img := m.Export(w, h, th, title, subtitle)
	if err := safefile.Write(*out, func(w io.Writer) error { return png.Encode(w, img) }); err != nil {
		fmt.Fprintln(e.stderr, err)
		return ExitFailure
	}
	fmt.Fprintf(e.stdout, "Carte écrite : %s (%d × %d pixels, %d centres", *out, w, h, len(markers))
	if place != nil {
		fmt.Fprintf(e.stdout, ", autour de %s", place.Label)
	}
	fmt.Fprintln(e.stdout, ").")
	if place != nil {
		for _, mk := range markers {
			if mk.Number == 0 {
				break
			}
			fmt.Fprintf(e.stdout, "%3d. %s, %s, %s km\n", mk.Number, mk.Name, mk.Detail, frNum(res.Hits[mk.Number-1].DistanceKm))
		}
	}
	if subtitle != "" {
		fmt.Fprintln(e.stdout, subtitle)
	}
	return ExitOK
}

// parseSize reads "1600x1200".
func parseSize(s string) (w, h int, err error) {
	ws, hs, ok := strings.Cut(strings.ToLower(strings.TrimSpace(s)), "x")
	if ok {
		w, err = strconv.Atoi(ws)
		if err == nil {
			h, err = strconv.Atoi(hs)
		}
	}
	if !ok || err != nil || w < minMapSide || h < minMapSide || w > maxMapSide || h > maxMapSide {
		return 0, 0, fmt.Errorf("taille invalide « %s » : attendu LARGEURxHAUTEUR en pixels, de %d à %d (par exemple 1600x1200)", s, minMapSide, maxMapSide)
	}
	return w, h, nil
}
