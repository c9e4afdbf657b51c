package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"atlasri/app"
	"atlasri/app/search"
	"atlasri/model"
	"atlasri/ui/mapview"
	"atlasri/ui/widgets"
)

// env is what the parts of the main window share.
type env struct {
	app    fyne.App
	win    fyne.Window
	atlas  *app.Atlas
	engine *search.Engine
	// label is the directory's "indicative" notice, empty for a verified one.
	label string
	// catalogueNote is the catalogue's caveat, printed on procedure sheets.
	catalogueNote string
	// directory names the installed directory and its date.
	directory string
}

// target is what the GP looks for: a procedure or a family.
type target struct {
	kind      search.Kind
	id        string
	label     string
	emergency bool
}

// radii are the choices of the radius control; 0 means no limit.
var radii = []struct {
	label string
	km    float64
}{{"10 km", 10}, {"25 km", 25}, {"50 km", 50}, {"100 km", 100}, {"200 km", 200}, {"Sans limite", 0}}

const defaultRadius = 2 // 50 km

// mainView is the search window: the search bar, the map, the numbered
// results and the detail pane, kept in step with each other.
type mainView struct {
	env *env

	what            *widgets.Completion
	where           *placeField
	whatSuggestions []search.Suggestion
	radius, sector  *widget.Select
	dept            *widget.Select
	// shadeBy chooses what colours the départements: the number of centres
	// or, for a procedure, the median distance to the nearest one.
	shadeBy   *widget.Select
	deptCodes []string

	target *target
	place  *search.Location
	// favourites, when set, keeps only the practice's favourite centres.
	favourites map[string]bool
	// editCentre opens the form of a practice's own centre.
	editCentre func(*model.Centre)
	// lastLetter is the letter window opened last.
	lastLetter *letterForm

	result   search.Result
	selected int
	// seq numbers searches so that a late answer never replaces a newer
	// one; shown is the number of the search on screen.
	seq, shown int

	status    *widget.Label
	emergency *fyne.Container
	list      *widget.List
	mapv      *mapview.MapView
	detail    *detailPane
	splits    [2]*container.Split
	content   fyne.CanvasObject
}

func newMainView(e *env, depts []model.Departement) (*mainView, error) {
	v := &mainView{env: e, selected: -1}
	mv, err := mapview.New(depts)
	if err != nil {
		return nil, err
	}
	v.mapv = mv
	mv.OnCentreTapped = v.onMarkerTapped
	mv.OnDepartementTapped = v.onDeptTapped

	v.what = widgets.NewCompletion(lang.L("Geste ou motif : fibrome, tassement, HBP…"))
	v.what.OnChanged = v.onWhatChanged
	v.what.OnPick = v.onWhatPicked
	v.what.OnEnter = func(string) { v.resolveWhatThenSearch() }
	v.what.OnClear = v.clearWhat

	v.where = newPlaceField(e.engine, lang.L("Autour de : commune, code postal, département"), false)
	v.where.OnTyped = func() { v.place = nil }
	v.where.OnPlace = func(l search.Location) { v.place = &l; v.runSearch() }
	v.where.OnEnter = func(string) { v.resolveWhereThenSearch() }
	v.where.OnClear = func() { v.place = nil; v.runSearch() }

	labels := make([]string, len(radii))
	for i, r := range radii {
		labels[i] = lang.L(r.label)
	}
	// Callbacks are set once every control exists: setting a selection
	// calls them.
	v.radius = widget.NewSelect(labels, nil)
	v.radius.SetSelectedIndex(defaultRadius)
	v.sector = widget.NewSelect([]string{lang.L("Public et privé"), lang.L("Public"), lang.L("Privé")}, nil)
	v.sector.SetSelectedIndex(0)
	deptLabels := []string{lang.L("Tous les départements")}
	v.deptCodes = []string{""}
	for _, d := range depts {
		deptLabels = append(deptLabels, fmt.Sprintf("%s %s", d.Code, d.Name))
		v.deptCodes = append(v.deptCodes, d.Code)
	}
	v.dept = widget.NewSelect(deptLabels, nil)
	v.dept.SetSelectedIndex(0)
	v.shadeBy = widget.NewSelect([]string{lang.L("Couleurs : nombre de centres"), lang.L("Couleurs : distance au plus proche")}, nil)
	v.shadeBy.SetSelectedIndex(0)
	for _, s := range []*widget.Select{v.radius, v.sector, v.dept, v.shadeBy} {
		s.OnChanged = func(string) { v.runSearch() }
	}

	v.status = widget.NewLabel("")
	v.status.Wrapping = fyne.TextWrapWord
	v.emergency = container.NewVBox()
	v.emergency.Hide()
	v.list = v.newResultsList()
	v.detail = newDetailPane(v)
	v.content = v.layout()
	return v, nil
}

func (v *mainView) layout() fyne.CanvasObject {
	searchBtn := widget.NewButtonWithIcon(lang.L("Rechercher"), theme.SearchIcon(), func() {
		v.resolveWhatThenSearch()
	})
	searchBtn.Importance = widget.HighImportance
	fields := container.New(&proportional{weights: []float32{5, 4}}, v.what, v.where)
	bar := container.NewBorder(nil, nil, nil,
		container.NewHBox(v.radius, v.sector, v.dept, v.shadeBy, searchBtn), fields)

	var top []fyne.CanvasObject
	top = append(top, bar)
	if v.env.label != "" {
		banner := widget.NewLabelWithStyle(v.env.label, fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
		banner.Wrapping = fyne.TextWrapWord
		banner.Importance = widget.WarningImportance
		top = append(top, banner)
	}
	top = append(top, v.emergency)

	footer := widget.NewLabelWithStyle(v.env.directory, fyne.TextAlignTrailing, fyne.TextStyle{Italic: true})
	footer.Importance = widget.LowImportance
	results := container.NewBorder(v.status, nil, nil, nil, v.list)
	left := container.NewHSplit(results, v.mapv)
	left.Offset = 0.37
	whole := container.NewHSplit(left, v.detail.content)
	whole.Offset = 0.72
	v.splits = [2]*container.Split{left, whole}
	return container.NewBorder(container.NewVBox(top...), footer, nil, nil, whole)
}

// onWhatChanged proposes procedures and families as the GP types.
func (v *mainView) onWhatChanged(text string) {
	if v.what.Picking() {
		return
	}
	v.target = nil
	v.showEmergency(nil)
	if strings.TrimSpace(text) == "" {
		v.what.SetOptions(nil)
		return
	}
	async(func() {
		s := v.env.engine.SuggestCatalogue(text, 8)
		fyne.Do(func() {
			if v.what.Text != text {
				return // the GP typed on
			}
			v.whatSuggestions = s
			v.what.SetOptions(suggestionLines(s))
		})
	})
}

func suggestionLines(s []search.Suggestion) []string {
	out := make([]string, len(s))
	for i, x := range s {
		out[i] = x.Label
		if x.Detail != "" {
			out[i] += " — " + x.Detail
		}
	}
	return out
}

func (v *mainView) onWhatPicked(i int) {
	s := v.whatSuggestions[i]
	v.setTarget(&target{kind: s.Kind, id: s.ID, label: s.Label, emergency: s.Emergency})
	v.runSearch()
}

func (v *mainView) setTarget(t *target) {
	v.target = t
	if t != nil {
		v.what.SetTextFromPick(t.label)
	}
	v.showEmergency(t)
}

func (v *mainView) clearWhat() {
	v.setTarget(nil)
	v.runSearch()
}

// resolveWhatThenSearch reads the typed text as a procedure or family when
// none was picked, then searches.
func (v *mainView) resolveWhatThenSearch() {
	v.what.HideOptions()
	if v.target == nil && strings.TrimSpace(v.what.Text) != "" {
		t, err := v.env.engine.ResolveCatalogue(v.what.Text)
		if err != nil {
			v.setStatus(err.Error())
			return
		}
		v.setTarget(&target{kind: t.Kind, id: t.ID, label: t.Label, emergency: t.Emergency})
	}
	if v.place == nil && strings.TrimSpace(v.where.Text) != "" {
		v.resolveWhereThenSearch()
		return
	}
	v.runSearch()
}

func (v *mainView) setPlace(l search.Location) {
	v.place = &l
	v.where.Select(l)
}

// resolveWhereThenSearch reads the typed place; several candidates (a
// shared postcode, homonymous communes) are offered in the list instead.
func (v *mainView) resolveWhereThenSearch() {
	v.where.HideOptions()
	loc, others, err := v.env.engine.Locate(v.where.Text)
	switch {
	case err != nil:
		v.setStatus(err.Error())
	case len(others) > 0:
		v.where.Offer(append([]search.Location{loc}, others...))
		v.setStatus(lang.L("Plusieurs lieux correspondent : choisissez dans la liste."))
	default:
		v.setPlace(loc)
		v.runSearch()
	}
}

// query builds the search from the controls.
func (v *mainView) query() search.Query {
	q := search.Query{Limit: 50}
	if v.target != nil {
		if v.target.kind == search.KindFamily {
			q.Family = v.target.id
		} else {
			q.Procedure = v.target.id
		}
	}
	if v.place != nil {
		p := v.place.Point
		q.Point, q.From = &p, v.place.Dept
		q.RadiusKm = radii[v.radius.SelectedIndex()].km
	}
	switch v.sector.SelectedIndex() {
	case 1:
		q.Sector = search.PublicOnly
	case 2:
		q.Sector = search.PrivateOnly
	}
	if i := v.dept.SelectedIndex(); i > 0 {
		q.Dept = v.deptCodes[i]
	}
	q.Favourites = v.favourites
	return q
}

// searchOutcome is what a search computes off the UI goroutine.
type searchOutcome struct {
	result  search.Result
	shading *mapview.Shading
	// note explains a shading that could not be the one asked for.
	note string
	err  error
}

// runSearch searches in the background and shows the answer when it comes,
// unless a newer search started meanwhile.
func (v *mainView) runSearch() { v.searchThen(nil) }

// searchThen searches, then runs after (if not nil) once the answer shows.
func (v *mainView) searchThen(after func()) {
	v.seq++
	seq, q, t, byDistance := v.seq, v.query(), v.target, v.shadeBy.SelectedIndex() == 1
	async(func() {
		out := v.compute(q, t)
		if byDistance {
			out.shading, out.note = v.coverageShading(t, out.shading)
		}
		fyne.Do(func() {
			if seq == v.seq {
				v.show(out, q)
				v.shown = seq
				if after != nil {
					after()
				}
			}
		})
	})
}

func (v *mainView) compute(q search.Query, t *target) searchOutcome {
	res, err := v.env.engine.Nearest(q)
	if err != nil {
		return searchOutcome{err: err}
	}
	id, title := "", lang.L("Centres de l'annuaire")
	if t != nil {
		id, title = t.id, lang.L("Centres proposant le geste")
	}
	counts, err := v.env.engine.CountsByDept(id)
	if err != nil {
		return searchOutcome{err: err}
	}
	values := make(map[string]float64, len(counts))
	for code, n := range counts {
		values[code] = float64(n)
	}
	return searchOutcome{result: res, shading: &mapview.Shading{
		Title: title, Unit: lang.L("centre"), UnitPlural: lang.L("centres"), Values: values,
	}}
}

// show puts a search's answer in the list, on the map and in the status.
func (v *mainView) show(out searchOutcome, q search.Query) {
	if out.err != nil {
		v.setStatus(out.err.Error())
		return
	}
	v.result = out.result
	v.selected = -1
	v.list.UnselectAll()
	v.list.Refresh()
	v.list.ScrollToTop()
	markers := make([]mapview.Marker, len(v.result.Hits))
	for i, h := range v.result.Hits {
		markers[i] = mapview.Marker{ID: h.Centre.ID, Number: i + 1, Pos: h.Centre.Pos, Public: h.Centre.Sector.Public(),
			Name: h.Centre.Name, Detail: fmt.Sprintf("%s · %s", h.Centre.Category, h.Centre.Commune)}
	}
	v.mapv.SetCentres(markers)
	v.mapv.SetShading(out.shading)
	if v.place != nil {
		v.mapv.SetSearchPoint(&mapview.SearchPoint{Pos: v.place.Point, RadiusKm: q.RadiusKm, Label: v.place.Label})
	} else {
		v.mapv.SetSearchPoint(nil)
	}
	v.mapv.SetSelection("", q.Dept)
	v.setStatus(strings.TrimSpace(v.summary(q) + " " + out.note))
	v.detail.showHint()
}

// summary says in a sentence what the list holds, and why when it is not
// what was asked (nothing inside the radius, another territory).
func (v *mainView) summary(q search.Query) string {
	s := v.summaryOfResult(q)
	if q.Favourites != nil {
		s = lang.L("Vos favoris.") + " " + s
	}
	if v.place != nil && !v.place.Exact && v.place.Note != "" {
		// Distances from an approximate point are approximate too.
		s += " " + fmt.Sprintf(lang.L("Distances depuis %s : %s."), v.place.Label, v.place.Note)
	}
	return s
}

func (v *mainView) summaryOfResult(q search.Query) string {
	r := v.result
	if len(r.Messages) > 0 {
		return strings.Join(r.Messages, " ")
	}
	n := len(r.Hits)
	switch {
	case n == 0:
		return lang.L("Aucun centre ne correspond à ces critères.")
	case r.FromPoint && q.RadiusKm > 0:
		return fmt.Sprintf(lang.L("%d centre(s) à moins de %.0f km de %s, du plus proche au plus loin."), n, q.RadiusKm, v.place.Label)
	case r.FromPoint:
		return fmt.Sprintf(lang.L("%d centre(s), du plus proche au plus loin de %s."), n, v.place.Label)
	}
	return fmt.Sprintf(lang.L("%d centre(s). Indiquez une commune pour les classer par distance."), n)
}

func (v *mainView) setStatus(s string) { v.status.SetText(s) }

// selectResult selects the i-th result in the list, on the map and in the
// detail pane.
func (v *mainView) selectResult(i int) {
	if i < 0 || i >= len(v.result.Hits) {
		return
	}
	v.selected = i
	h := v.result.Hits[i]
	v.mapv.SetSelection(h.Centre.ID, v.query().Dept)
	v.detail.show(h)
}

func (v *mainView) onMarkerTapped(id string) {
	for i, h := range v.result.Hits {
		if h.Centre.ID == id {
			v.list.Select(i)
			v.list.ScrollTo(i)
			return
		}
	}
}

func (v *mainView) onDeptTapped(code string) {
	for i, c := range v.deptCodes {
		if c == code {
			v.dept.SetSelectedIndex(i) // runs the search
			return
		}
	}
}

// moveSelection moves through the results with the arrow keys.
func (v *mainView) moveSelection(delta int) {
	if len(v.result.Hits) == 0 {
		return
	}
	i := max(0, min(len(v.result.Hits)-1, v.selected+delta))
	v.list.Select(i)
	v.list.ScrollTo(i)
}

// clearAll empties the search: Esc outside the fields.
func (v *mainView) clearAll() {
	v.what.SetText("")
	v.setTarget(nil)
	v.where.SetText("")
	v.place = nil
	v.favourites = nil
	v.dept.SetSelectedIndex(0)
	v.mapv.ResetView()
	v.runSearch()
}

// showEmergency shows, for an emergency procedure, what to do instead of a
// referral ("appeler le 15"), prominently.
func (v *mainView) showEmergency(t *target) {
	v.emergency.RemoveAll()
	if t == nil || !t.emergency {
		v.emergency.Hide()
		return
	}
	p, _ := v.env.engine.Procedure(t.id)
	conduct := lang.L("Urgence : appelez le 15 (SAMU).")
	if p.EmergencyConduct != nil {
		conduct = p.EmergencyConduct.Text
	}
	title := widget.NewLabelWithStyle(lang.L("URGENCE — pas d'adressage programmé"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Importance = widget.DangerImportance
	msg := widget.NewLabelWithStyle(conduct, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	msg.Wrapping = fyne.TextWrapWord
	msg.Importance = widget.DangerImportance
	v.emergency.Add(container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), nil, container.NewVBox(title, msg)))
	v.emergency.Show()
}

// proportional lays objects side by side with widths in proportion to
// their weights.
type proportional struct{ weights []float32 }

func (p *proportional) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	var total float32
	for _, w := range p.weights {
		total += w
	}
	pad := theme.Padding()
	avail := size.Width - pad*float32(len(objs)-1)
	x := float32(0)
	for i, o := range objs {
		w := avail * p.weights[i] / total
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w + pad
	}
}

func (p *proportional) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for _, o := range objs {
		m := o.MinSize()
		w += m.Width
		h = max(h, m.Height)
	}
	return fyne.NewSize(w+theme.Padding()*float32(len(objs)-1), h)
}

// coverageShading colours the départements by the population-weighted
// median distance to the nearest centre offering the procedure; it keeps
// the counts, with a note, when there is no single procedure to measure.
func (v *mainView) coverageShading(t *target, counts *mapview.Shading) (*mapview.Shading, string) {
	if t == nil || t.kind != search.KindProcedure {
		return counts, lang.L("La distance au plus proche se calcule pour un geste précis : choisissez-en un.")
	}
	cov, err := v.env.engine.Coverage(t.id)
	if err != nil {
		return counts, capitalizeFirst(err.Error()) + "."
	}
	values := make(map[string]float64, len(cov))
	for _, c := range cov {
		if c.Population > 0 {
			values[c.Dept] = c.MedianKm
		}
	}
	return &mapview.Shading{Title: lang.L("Distance médiane au centre le plus proche (à vol d'oiseau)"),
		Unit: "km", UnitPlural: "km", Values: values}, ""
}
