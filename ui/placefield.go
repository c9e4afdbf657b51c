package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"atlasri/app/search"
	"atlasri/ui/widgets"
)

// placeField drives a completion entry for a place (commune, postcode and,
// unless communesOnly, département or collectivity) and remembers the
// place picked. Suggestions are computed off the UI goroutine. Every place
// field of the app is one: the search bar, the first-run question, the
// settings and the practice-centre form.
type placeField struct {
	entry        *widgets.Completion
	engine       *search.Engine
	communesOnly bool
	options      []search.Location
	picked       *search.Location
	// OnTyped is called when typing makes the field designate no place.
	OnTyped func()
	// OnPlace is called when the GP picks a place in the list.
	OnPlace func(search.Location)
}

func newPlaceField(engine *search.Engine, host *widgets.Layer, placeholder string, communesOnly bool) *placeField {
	f := &placeField{entry: widgets.NewCompletion(placeholder, host), engine: engine, communesOnly: communesOnly}
	f.entry.OnChanged = func(text string) {
		if f.entry.Picking() {
			return
		}
		f.picked = nil
		if f.OnTyped != nil {
			f.OnTyped()
		}
		if strings.TrimSpace(text) == "" {
			f.entry.Offer(text, nil)
			return
		}
		async(func() {
			locs := f.suggest(text)
			fyne.Do(func() { f.offer(text, locs) })
		})
	}
	f.entry.OnPick = func(i int) {
		if i >= len(f.options) {
			return
		}
		l := f.options[i]
		f.Select(l)
		if f.OnPlace != nil {
			f.OnPlace(l)
		}
	}
	return f
}

// suggest resolves the place suggestions for text to locations.
func (f *placeField) suggest(text string) []search.Location {
	var out []search.Location
	for _, s := range f.engine.SuggestPlaces(text, 8) {
		l, err := f.engine.LocationOf(s)
		if err != nil || !f.accepts(l) {
			continue
		}
		out = append(out, l)
	}
	return out
}

func (f *placeField) accepts(l search.Location) bool {
	return !f.communesOnly || (l.Kind != search.KindDepartement && l.Kind != search.KindCollectivite)
}

// offer lists these locations under the field, if they still answer what
// it holds.
func (f *placeField) offer(text string, locs []search.Location) {
	if f.entry.Text != text {
		return
	}
	f.options = locs
	f.entry.Offer(text, locationLines(locs))
}

// Select shows a location as the field's place, without calling OnPlace.
func (f *placeField) Select(l search.Location) {
	f.picked = &l
	f.entry.SetTextFromPick(l.Label)
}

// Clear empties the field.
func (f *placeField) Clear() {
	f.picked = nil
	f.entry.SetTextFromPick("")
}

// resolution is what the text typed in a place field designates.
type resolution struct {
	place *search.Location
	// others are the other places the text designates (a postcode shared
	// by several communes, homonyms), the main one being place.
	others []search.Location
	err    error
}

// resolve reads what the field holds: the place picked, or else the typed
// text located by the engine (safe off the UI goroutine).
func (f *placeField) resolve(text string, picked *search.Location) resolution {
	if picked != nil {
		return resolution{place: picked}
	}
	if strings.TrimSpace(text) == "" {
		return resolution{}
	}
	loc, others, err := f.engine.Locate(text)
	if err != nil {
		return resolution{err: err}
	}
	if !f.accepts(loc) {
		return resolution{err: fmt.Errorf(lang.L("« %s » n'est pas une commune : indiquez la commune ou le code postal."), strings.TrimSpace(text))}
	}
	// A shared postcode stands for its most populous commune and names
	// the others; an ambiguous name gives every candidate, the main first.
	alts := loc.Also
	if len(others) > 0 {
		alts = others[1:]
	}
	var keep []search.Location
	for _, o := range alts {
		if f.accepts(o) {
			keep = append(keep, o)
		}
	}
	return resolution{place: &loc, others: keep}
}

// showAlternatives offers the main place and the others in the list, the
// main one first and highlighted.
func (f *placeField) showAlternatives(r resolution) {
	locs := append([]search.Location{*r.place}, r.others...)
	f.options = locs
	f.entry.Offer(f.entry.Text, locationLines(locs))
}

func locationLines(ls []search.Location) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l.Label
		if l.Postcode != "" {
			out[i] = l.Postcode + " " + l.Label
		}
	}
	return out
}

// alsoCovers says which other communes a shared postcode or a homonym
// designates: « 49000 : Angers ; couvre aussi Écouflant ».
func alsoCovers(typed string, r resolution) string {
	if len(r.others) == 0 || r.place == nil {
		return ""
	}
	if note := r.place.SharedPostcodeNote(); note != "" {
		return note + " " + lang.L("(choisissez une autre commune dans la liste pour changer)")
	}
	names := make([]string, len(r.others))
	for i, o := range r.others {
		names[i] = o.Label
	}
	return fmt.Sprintf(lang.L("« %s » : %s ; désigne aussi %s (choisissez dans la liste pour changer)."),
		strings.TrimSpace(typed), r.place.Label, strings.Join(names, ", "))
}
