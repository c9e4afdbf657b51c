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

// mapFlags are the options of atlas-ri map.
type mapFlags struct {
	procedure, near, out string
	radius               float64
	w, h, limit          int
	theme                mapdraw.Theme
}

func runMap(e *env, fs *flag.FlagSet, args []string) int {
	f, ok := parseMapFlags(e, fs, args)
	if !ok {
		return ExitUsage
	}
	a, eng, ok := e.openSearch()
	if !ok {
		return ExitFailure
	}
	defer a.Close()
	fail := func(err error) int {
		fmt.Fprintln(e.stderr, err)
		return ExitFailure
	}
	target, err := exactTarget(eng, f.procedure)
	if err != nil {
		return fail(err)
	}
	m, err := shadedMap(a, eng, target)
	if err != nil {
		return fail(err)
	}
	var place *search.Location
	if strings.TrimSpace(f.near) != "" {
		loc, ok := e.locate(eng, f.near)
		if !ok {
			return ExitFailure
		}
		place = &loc
		m.SetSearch(&mapdraw.SearchPoint{Pos: loc.Point, RadiusKm: f.radius, Label: loc.Label})
	}
	res, markers, err := mapMarkers(eng, target, place, f.limit)
	if err != nil {
		return fail(err)
	}
	m.SetMarkers(markers)
	title := target.Label + " : centres par département"
	if place != nil {
		title = target.Label + " : centres proches de " + place.Label
	}
	info, _ := a.DirectoryInfo()
	img := m.Export(f.w, f.h, f.theme, title, info.Label)
	if err := safefile.Write(f.out, func(w io.Writer) error { return png.Encode(w, img) }); err != nil {
		return fail(err)
	}
	printMapSummary(e, f, place, res, markers, info.Label)
	return ExitOK
}

// parseMapFlags reads and checks the options.
func parseMapFlags(e *env, fs *flag.FlagSet, args []string) (mapFlags, bool) {
	var f mapFlags
	fs.StringVar(&f.procedure, "procedure", "", "identifiant, nom ou mot-clé du geste ou de la famille (obligatoire)")
	near := addNearFlag(fs)
	fs.Float64Var(&f.radius, "radius", 0, "rayon en km autour du lieu (0 : sans cercle)")
	fs.StringVar(&f.out, "out", "", "fichier PNG à écrire (obligatoire)")
	size := fs.String("size", "1600x1200", "taille de l'image en pixels, LARGEURxHAUTEUR")
	fs.IntVar(&f.limit, "limit", search.DefaultLimit, "nombre de centres numérotés avec --near")
	themeName := fs.String("theme", "clair", "clair ou sombre")
	setUsage(fs, mapUsage)
	if !e.parseOptionsOnly(fs, args, "Le geste se donne avec --procedure, le fichier avec --out.") {
		return f, false
	}
	f.near = *near
	refuse := func(format string, args ...any) (mapFlags, bool) {
		fmt.Fprintf(e.stderr, format+"\n", args...)
		return f, false
	}
	if strings.TrimSpace(f.procedure) == "" {
		return refuse("Geste manquant : indiquez --procedure (identifiant du geste, par exemple celui que donne « atlas-ri suggest »).")
	}
	if f.out == "" || !strings.EqualFold(filepath.Ext(f.out), ".png") {
		return refuse("Fichier de sortie invalide « %s » : indiquez --out avec un nom se terminant par .png.", f.out)
	}
	var err error
	if f.w, f.h, err = parseSize(*size); err != nil {
		return refuse("%v", err)
	}
	if f.radius < 0 || f.radius != f.radius || f.radius > 2000 {
		return refuse("Rayon invalide : %g (attendu de 0 à 2000 km).", f.radius)
	}
	if !e.validLimit(f.limit) {
		return f, false
	}
	switch model.Fold(strings.TrimSpace(*themeName)) {
	case "clair", "light":
		f.theme = mapdraw.LightTheme()
	case "sombre", "dark":
		f.theme = mapdraw.DarkTheme()
	default:
		return refuse("Thème inconnu « %s » : clair ou sombre.", *themeName)
	}
	return f, true
}

// exactTarget resolves the procedure or family a map shows: a map names
// what it shows, so approximate text is refused with suggestions.
func exactTarget(eng *search.Engine, text string) (search.Target, error) {
	target, err := eng.ResolveCatalogue(text)
	if err == nil && !target.Exact {
		if len(target.Others) == 0 {
			return target, fmt.Errorf("Geste inconnu : « %s ». Vouliez-vous dire : %s ?", strings.TrimSpace(text), target.Label)
		}
		return target, &search.NotFoundError{What: "geste", Text: text, Suggestions: target.Others}
	}
	return target, err
}

// shadedMap is the map of départements shaded by how many centres offer
// the target.
func shadedMap(a *app.Atlas, eng *search.Engine, target search.Target) (*mapdraw.Map, error) {
	depts, err := a.Departements()
	if err != nil {
		return nil, fmt.Errorf("Lecture des départements impossible : %w", err)
	}
	m, err := mapdraw.New(depts, app.MapFonts())
	if err != nil {
		return nil, err
	}
	counts, err := eng.CountsByDept(target.ID)
	if err != nil {
		return nil, err
	}
	values := make(map[string]float64, len(depts))
	for _, d := range depts {
		values[d.Code] = float64(counts[d.Code])
	}
	m.SetShading(&mapdraw.Shading{Title: "Centres proposant le geste", Unit: "centre", UnitPlural: "centres", Values: values})
	return m, nil
}

// mapMarkers places every centre offering the target; around a place,
// the nearest limit are numbered as in the list.
func mapMarkers(eng *search.Engine, target search.Target, place *search.Location, limit int) (search.Result, []mapdraw.Marker, error) {
	q := search.Query{Limit: search.MaxLimit}
	setTarget(&q, target)
	if place != nil {
		q.Point, q.From = &place.Point, place.Dept
	}
	res, err := eng.Nearest(q)
	if err != nil {
		return res, nil, err
	}
	markers := make([]mapdraw.Marker, 0, len(res.Hits))
	for i, hit := range res.Hits {
		c := hit.Centre
		mk := mapdraw.Marker{ID: c.ID, Pos: c.Pos, Public: c.Sector.Public(), Name: c.Name,
			Detail: fmt.Sprintf("%s · %s (%s)", c.Category, c.Commune, c.Dept)}
		if place != nil && i < limit {
			mk.Number = i + 1
		}
		markers = append(markers, mk)
	}
	return res, markers, nil
}

func printMapSummary(e *env, f mapFlags, place *search.Location, res search.Result, markers []mapdraw.Marker, label string) {
	fmt.Fprintf(e.stdout, "Carte écrite : %s (%d × %d pixels, %d centres", f.out, f.w, f.h, len(markers))
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
	if label != "" {
		fmt.Fprintln(e.stdout, label)
	}
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
