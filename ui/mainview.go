package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"atlasri/app"
	"atlasri/app/mapdraw"
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

// shadeModes are the choices of the map's colour control.
var shadeModes = []string{"Nombre de centres par département", "Distance au centre le plus proche (km)"}

const shadeByDistance = 1

// mainView is the search window: the search bar, the map, the numbered
// results and the detail pane, kept in step with each other.
type mainView struct {
	env *env
	// layer holds the window's content and the completion lists above it.
	layer *widgets.Layer

	what            *widgets.Completion
	where           *placeField
	whatSuggestions []search.Suggestion
	radius, sector  *widgets.Select
	dept            *widgets.Select
	// origin keeps the offers the site's ARS authorisation covers, or the
	// declared ones (« autorisés » / « déclarés »).
	origin *widgets.Select
	// shadeBy chooses what colours the départements: the number of centres
	// or, for a procedure, the distance to the nearest one.
	shadeBy   *widgets.Select
	deptCodes []string

	target *target
	place  *search.Location
	// favourites, when set, keeps only the practice's favourite centres.
	favourites map[string]bool
	// favouriteIDs is the practice's favourites, read off the UI goroutine.
	favouriteIDs map[string]bool
	// editCentre opens the form of a practice's own centre.
	editCentre func(*model.Centre)
	// lastLetter is the letter window opened last.
	lastLetter *letterForm

	result   search.Result
	selected int
	// seq numbers searches so that a late answer never replaces a newer
	// one; shown is the number of the search on screen.
	seq, shown int
	// onShown, if set, runs after each answer is on screen (tests, state).
	onShown func()

	status *widget.Label
	// probe tells the test state when an answer reached the screen.
	probe     *canvas.Raster
	emergency *fyne.Container
	list      *widgets.RowList
	mapv      *mapview.MapView
	legend    *mapview.Legend
	detail    *detailPane
	splits    [2]*container.Split
	content   fyne.CanvasObject
}

func newMainView(e *env, depts []model.Departement) (*mainView, error) {
	v := &mainView{env: e, selected: -1, favouriteIDs: map[string]bool{}}
	mv, err := mapview.New(depts)
	if err != nil {
		return nil, err
	}
	v.mapv = mv
	mv.OnCentreTapped = v.onMarkerTapped
	mv.OnDepartementTapped = v.onDeptTapped
	mv.OnGroupTapped = v.onGroupTapped
	mv.SetLegendText(mapdraw.LegendText{
		NoData: lang.L("sans donnée"), Public: lang.L("établissement public"), Private: lang.L("établissement privé"),
		Groups: lang.L("plusieurs centres au même endroit"), Place: lang.L("lieu recherché"), Radius: lang.L("rayon de %s km"),
		Sources: mapdraw.FrenchLegend.Sources,
	})
	v.legend = mapview.NewLegend(mv)

	// The layer is created first: the completion lists float in it.
	v.layer = widgets.NewLayer(widget.NewLabel(""))
	v.what = widgets.NewCompletion(lang.L("Geste ou motif : fibrome, tassement, HBP…"), v.layer)
	v.what.OnChanged = v.onWhatChanged
	v.what.OnPick = v.onWhatPicked
	v.what.OnSubmit = func(string) { v.submit() }
	v.what.OnEscape = v.clearWhat

	v.where = newPlaceField(e.engine, v.layer, lang.L("Autour de : commune, code postal, département"), false)
	v.where.OnTyped = func() { v.place = nil }
	v.where.OnPlace = func(l search.Location) { v.place = &l; v.searchAfterPick() }
	v.where.entry.OnSubmit = func(string) { v.submit() }
	v.where.entry.OnEscape = v.clearWhere

	labels := make([]string, len(radii))
	for i, r := range radii {
		labels[i] = lang.L(r.label)
	}
	// Callbacks are set once every control exists: setting a selection
	// calls them.
	v.radius = widgets.NewSelect(labels, nil)
	v.radius.SetSelectedIndex(defaultRadius)
	v.sector = widgets.NewSelect([]string{lang.L("Public et privé"), lang.L("Public"), lang.L("Privé")}, nil)
	v.sector.SetSelectedIndex(0)
	origins := make([]string, len(originFilters))
	for i, o := range originFilters {
		origins[i] = lang.L(o)
	}
	v.origin = widgets.NewSelect(origins, nil)
	v.origin.SetSelectedIndex(0)
	deptLabels := []string{lang.L("Tous les départements")}
	v.deptCodes = []string{""}
	for _, d := range depts {
		deptLabels = append(deptLabels, fmt.Sprintf("%s %s", d.Code, d.Name))
		v.deptCodes = append(v.deptCodes, d.Code)
	}
	v.dept = widgets.NewSelect(deptLabels, nil)
	v.dept.SetSelectedIndex(0)
	shades := make([]string, len(shadeModes))
	for i, s := range shadeModes {
		shades[i] = lang.L(s)
	}
	v.shadeBy = widgets.NewSelect(shades, nil)
	v.shadeBy.SetSelectedIndex(0)
	for _, s := range []*widgets.Select{v.radius, v.sector, v.origin, v.dept, v.shadeBy} {
		s.OnChanged = func(string) { v.runSearch() }
	}

	v.status = widget.NewLabel("")
	v.status.Wrapping = fyne.TextWrapWord
	v.probe = newProbe()
	v.emergency = container.NewVBox()
	v.emergency.Hide()
	v.list = v.newResultsList()
	v.detail = newDetailPane(v)
	v.content = v.layout()
	return v, nil
}

func (v *mainView) layout() fyne.CanvasObject {
	searchBtn := named(widgets.NewButtonWithIcon(lang.L("Rechercher"), theme.SearchIcon(), v.submit), "search_button")
	searchBtn.Importance = widget.HighImportance
	fields := container.New(&proportional{weights: []float32{5, 4}}, named(v.what, "what"), named(v.where.entry, "where"))
	bar := container.NewBorder(nil, nil, nil, container.NewHBox(fitSelect(named(v.radius, "radius")), searchBtn), fields)
	filters := container.NewHBox(
		widget.NewLabel(lang.L("Filtres :")), fitSelect(named(v.sector, "sector")), fitSelect(named(v.origin, "origin")),
		fitSelect(named(v.dept, "dept")),
		named(widgets.NewButtonWithIcon(lang.L("Nouvelle recherche"), theme.ContentClearIcon(), v.clearAll), "new_search"))

	top := []fyne.CanvasObject{bar, filters}
	if v.env.label != "" {
		text := v.env.label
		if !v.env.engine.HasAuthorisations() {
			// The demonstration directory works without the register;
			// the GP is told what that leaves out.
			text += " " + lang.L("Registre des autorisations ARS (mentions A à D) non installé.")
		}
		banner := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
		banner.Wrapping = fyne.TextWrapWord
		banner.Importance = widget.WarningImportance
		top = append(top, named(banner, "directory_banner"))
	}
	top = append(top, named(v.emergency, "emergency"))

	footer := named(widget.NewLabelWithStyle(v.env.directory, fyne.TextAlignTrailing, fyne.TextStyle{Italic: true}), "footer")
	var status fyne.CanvasObject = v.status
	if activeDumper != nil {
		status = container.NewStack(v.status, container.NewWithoutLayout(v.probe))
		v.probe.Resize(fyne.NewSize(1, 1))
	}
	results := container.NewBorder(named(status, "status"), nil, nil, nil, named(v.list, "results"))
	colours := container.NewBorder(nil, nil, widget.NewLabel(lang.L("Couleurs :")), nil, named(v.shadeBy, "colours"))
	mapPane := container.NewBorder(colours, named(v.legend, "legend"), nil, nil, named(v.mapv, "map"))
	left := container.NewHSplit(results, mapPane)
	left.Offset = 0.4
	whole := container.NewHSplit(left, named(v.detail.content, "detail"))
	whole.Offset = 0.7
	v.splits = [2]*container.Split{left, whole}
	v.layer = replaceLayerContent(v.layer, container.NewBorder(container.NewVBox(top...), footer, nil, nil, whole))
	return v.layer
}

// replaceLayerContent puts content in the layer the fields were created
// with (they float their lists in it).
func replaceLayerContent(l *widgets.Layer, content fyne.CanvasObject) *widgets.Layer {
	l.SetContent(content)
	return l
}

// onWhatChanged proposes procedures and families as the GP types.
func (v *mainView) onWhatChanged(text string) {
	if v.what.Picking() {
		return
	}
	v.target = nil
	v.showEmergency(nil)
	if strings.TrimSpace(text) == "" {
		v.what.Offer(text, nil)
		return
	}
	async(func() {
		s := v.env.engine.SuggestCatalogue(text, 8)
		fyne.Do(func() {
			if v.what.Text != text {
				return // the GP typed on
			}
			v.whatSuggestions = s
			v.what.Offer(text, v.suggestionLines(s))
		})
	})
}

func (v *mainView) suggestionLines(s []search.Suggestion) []string {
	out := make([]string, len(s))
	for i, x := range s {
		out[i] = v.targetLabel(x.Kind, x.ID, x.Label)
		if x.Detail != "" {
			out[i] += " — " + x.Detail
		}
		if x.Emergency {
			out[i] = lang.L("URGENCE") + " · " + out[i]
		}
	}
	return out
}

// targetLabel is a procedure's or a family's name in the interface's
// language (the engine names them in French).
func (v *mainView) targetLabel(kind search.Kind, id, fr string) string {
	switch kind {
	case search.KindProcedure:
		return procedureName(v.env.engine, id, fr)
	case search.KindFamily:
		if f, ok := v.env.engine.Family(id); ok {
			return familyName(f)
		}
	}
	return fr
}

func (v *mainView) onWhatPicked(i int) {
	if i >= len(v.whatSuggestions) {
		return
	}
	s := v.whatSuggestions[i]
	v.setTarget(&target{kind: s.Kind, id: s.ID, label: v.targetLabel(s.Kind, s.ID, s.Label), emergency: s.Emergency})
	v.searchAfterPick()
}

// searchAfterPick searches once a suggestion is picked. Text typed in the
// other field and not picked is read first, as Enter would: a place picked
// beside a typed « tassement » searched every centre.
func (v *mainView) searchAfterPick() {
	if (v.target == nil && strings.TrimSpace(v.what.Text) != "") || (v.place == nil && strings.TrimSpace(v.where.entry.Text) != "") {
		v.submit()
		return
	}
	v.runSearch()
}

func (v *mainView) setTarget(t *target) {
	v.target = t
	if t != nil {
		v.what.SetTextFromPick(t.label)
	}
	v.showEmergency(t)
}

// clearWhat empties « Geste ou motif » (Esc in it).
func (v *mainView) clearWhat() {
	v.what.SetTextFromPick("")
	v.setTarget(nil)
	v.runSearch()
}

// clearWhere empties « Autour de » (Esc in it).
func (v *mainView) clearWhere() {
	v.where.Clear()
	v.place = nil
	v.runSearch()
}

// submit reads both fields as typed (Enter in either, or « Rechercher »):
// the procedure text, then the place text, each resolved when nothing was
// picked from its list, then searches. Enter never does more than this.
func (v *mainView) submit() {
	v.what.HideOptions()
	v.where.entry.HideOptions()
	whatText, whereText := v.what.Text, v.where.entry.Text
	needWhat := v.target == nil && strings.TrimSpace(whatText) != ""
	picked := v.where.picked
	if v.place != nil {
		picked = v.place
	}
	async(func() {
		var t *search.Target
		var werr error
		if needWhat {
			r, err := v.env.engine.ResolveCatalogue(whatText)
			t, werr = &r, err
		}
		where := v.where.resolve(whereText, picked)
		fyne.Do(func() {
			if v.what.Text != whatText || v.where.entry.Text != whereText {
				return // the GP typed on: the next Enter will read it
			}
			if werr != nil {
				v.showProblem(werr.Error())
				return
			}
			if t != nil {
				v.setTarget(&target{kind: t.Kind, id: t.ID, label: v.targetLabel(t.Kind, t.ID, t.Label), emergency: t.Emergency})
			}
			if where.err != nil {
				v.showProblem(where.err.Error())
				return
			}
			note := ""
			if where.place != nil && where.place != picked {
				v.setPlace(*where.place)
				if len(where.others) > 0 {
					// The list needs the keyboard (« Rechercher » took it).
					v.env.win.Canvas().Focus(v.where.entry)
					v.where.showAlternatives(where)
					note = alsoCovers(whereText, where)
				}
			} else if where.place == nil {
				v.place = nil
			}
			v.searchThen(note, nil)
		})
	})
}

// showProblem says what is wrong with the search typed and empties the
// list and the map's markers, so that no earlier answer stands under it.
func (v *mainView) showProblem(msg string) {
	v.seq++ // a search still running must not show after this
	v.shown = v.seq
	v.result = search.Result{}
	v.selected = -1
	v.list.UnselectAll()
	v.list.Reload()
	v.mapv.SetCentres(nil)
	v.setStatus(capitalizeFirst(msg))
	v.detail.showHint()
	v.notifyShown()
}

func (v *mainView) setPlace(l search.Location) {
	v.place = &l
	v.where.Select(l)
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
	switch v.origin.SelectedIndex() {
	case 1:
		q.Origin = search.Authorised
	case 2:
		q.Origin = search.Declared
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
func (v *mainView) runSearch() { v.searchThen("", nil) }

// searchThen searches, then shows the answer with note added to the
// status, then runs after (if not nil).
func (v *mainView) searchThen(note string, after func()) {
	v.seq++
	seq, q, t, byDistance := v.seq, v.query(), v.target, v.shadeBy.SelectedIndex() == shadeByDistance
	async(func() {
		out := v.compute(q, t)
		if byDistance {
			out.shading, out.note = v.coverageShading(t, out.shading)
		}
		fyne.Do(func() {
			if seq != v.seq {
				return
			}
			v.show(out, q, note)
			v.shown = seq
			if after != nil {
				after()
			}
			v.notifyShown()
		})
	})
}

func (v *mainView) notifyShown() {
	if v.onShown != nil {
		v.onShown()
	}
}

func (v *mainView) compute(q search.Query, t *target) searchOutcome {
	res, err := v.env.engine.Nearest(q)
	if err != nil {
		return searchOutcome{err: err}
	}
	id, title := "", lang.L("Centres de l'annuaire par département")
	if t != nil {
		id, title = t.id, fmt.Sprintf(lang.L("Centres par département : %s"), t.label)
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
func (v *mainView) show(out searchOutcome, q search.Query, note string) {
	if out.err != nil {
		v.showProblem(out.err.Error())
		return
	}
	v.result = out.result
	v.selected = -1
	v.list.UnselectAll()
	v.list.Reload()
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
	v.setStatus(strings.TrimSpace(strings.Join([]string{note, v.summary(q), out.note}, " ")))
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
		said := make([]string, len(r.Messages))
		for i, m := range r.Messages {
			said[i] = fmt.Sprintf(lang.L(m.Format), m.Args...)
		}
		return strings.Join(said, " ")
	}
	n := len(r.Hits)
	switch {
	case n == 0:
		return lang.L("Aucun centre ne correspond à ces critères.")
	case r.FromPoint && q.RadiusKm > 0:
		return fmt.Sprintf(lang.L("%d centre(s) à moins de %.0f km de %s (à vol d'oiseau), du plus proche au plus loin."), n, q.RadiusKm, v.place.Label)
	case r.FromPoint:
		return fmt.Sprintf(lang.L("%d centre(s), du plus proche au plus loin de %s (distances à vol d'oiseau)."), n, v.place.Label)
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
	v.notifyShown()
}

// selectCentre selects a centre of the list by its id; false if absent.
func (v *mainView) selectCentre(id string) bool {
	for i, h := range v.result.Hits {
		if h.Centre.ID == id {
			v.list.Select(i)
			return true
		}
	}
	return false
}

func (v *mainView) onMarkerTapped(id string) { v.selectCentre(id) }

func (v *mainView) onDeptTapped(code string) {
	for i, c := range v.deptCodes {
		if c == code {
			v.dept.SetSelectedIndex(i) // runs the search
			return
		}
	}
}

// onGroupTapped lets the GP choose among centres drawn at one spot (same
// site or too close to split, even at the largest zoom).
func (v *mainView) onGroupTapped(ids []string, at fyne.Position) {
	var items []*fyne.MenuItem
	for _, id := range ids {
		for i, h := range v.result.Hits {
			if h.Centre.ID == id {
				i := i
				label := fmt.Sprintf("%d. %s", i+1, h.Centre.Name)
				items = append(items, fyne.NewMenuItem(label, func() { v.list.Select(i) }))
			}
		}
	}
	if len(items) == 0 {
		return
	}
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), v.env.win.Canvas(), at)
}

// clearAll empties the search: « Nouvelle recherche » (Ctrl+N).
func (v *mainView) clearAll() {
	v.what.SetTextFromPick("")
	v.setTarget(nil)
	v.where.Clear()
	v.place = nil
	v.favourites = nil
	v.dept.SetSelectedIndex(0) // runs a search
	v.mapv.ResetView()
	v.runSearch()
	v.env.win.Canvas().Focus(v.what)
}

// unselect drops the selected centre (Esc with nothing else to close).
func (v *mainView) unselect() {
	v.selected = -1
	v.list.UnselectAll()
	v.mapv.SetSelection("", v.query().Dept)
	v.detail.showHint()
	v.notifyShown()
}

// showEmergency shows, for an emergency procedure, what to do instead of a
// referral ("appeler le 15"), prominently.
func (v *mainView) showEmergency(t *target) {
	v.emergency.RemoveAll()
	if t == nil || !t.emergency {
		v.emergency.Hide()
		v.detail.refreshLetterButton()
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
	v.detail.refreshLetterButton()
}

// emergencyShown reports whether the emergency conduct is on screen.
func (v *mainView) emergencyShown() bool { return v.emergency.Visible() }

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
// median distance to the nearest centre offering the procedure, in classes
// of kilometres; it keeps the counts, with a note, when there is no single
// procedure to measure.
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
	return &mapview.Shading{
		Title: fmt.Sprintf(lang.L("Distance médiane au plus proche (km, à vol d'oiseau) : %s"), t.label),
		Unit:  "km", UnitPlural: "km", Values: values, Breaks: distanceBreaks,
		NoData: lang.L("sans donnée"),
	}, ""
}

// distanceBreaks are the fixed classes of the distance shading, in km:
// they separate a département around a CHU from one an hour's drive away.
var distanceBreaks = []float64{20, 40, 60, 90, 120}

// fitSelect gives a select the width of its longest choice, so that the
// bar never shows « Public et pr… ».
func fitSelect(s *widgets.Select) fyne.CanvasObject {
	w := float32(0)
	for _, o := range s.Options {
		w = max(w, fyne.MeasureText(o, theme.TextSize(), fyne.TextStyle{}).Width)
	}
	w = min(w, 320) + theme.IconInlineSize() + 6*theme.Padding()
	return container.New(&minWidth{w: w}, s)
}

// minWidth sizes its single object at least w wide.
type minWidth struct{ w float32 }

func (m *minWidth) Layout(objs []fyne.CanvasObject, s fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.Position{})
		o.Resize(s)
	}
}

func (m *minWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := objs[0].MinSize()
	return fyne.NewSize(max(s.Width, m.w), s.Height)
}
