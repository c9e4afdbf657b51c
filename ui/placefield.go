package ui

import (
	"strings"

	"fyne.io/fyne/v2"

	"atlasri/app/search"
	"atlasri/ui/widgets"
)

// placeField is a completion entry for a place (commune, postcode and,
// unless communesOnly, département or collectivity) that remembers the
// location picked. Suggestions are computed off the UI goroutine.
type placeField struct {
	*widgets.Completion
	engine       *search.Engine
	communesOnly bool
	options      []search.Location
	picked       *search.Location
	// OnTyped is called when typing makes the field designate no place.
	OnTyped func()
	// OnPlace is called when the GP picks a place in the list.
	OnPlace func(search.Location)
}

func newPlaceField(engine *search.Engine, placeholder string, communesOnly bool) *placeField {
	f := &placeField{Completion: widgets.NewCompletion(placeholder), engine: engine, communesOnly: communesOnly}
	f.OnChanged = func(text string) {
		if f.Picking() {
			return
		}
		f.picked = nil
		if f.OnTyped != nil {
			f.OnTyped()
		}
		if strings.TrimSpace(text) == "" {
			f.SetOptions(nil)
			return
		}
		async(func() {
			locs := f.suggest(text)
			fyne.Do(func() {
				if f.Text == text { // unless the GP typed on
					f.Offer(locs)
				}
			})
		})
	}
	f.OnPick = func(i int) {
		f.Select(f.options[i])
		if f.OnPlace != nil {
			f.OnPlace(f.options[i])
		}
	}
	return f
}

// suggest resolves the place suggestions for text to locations.
func (f *placeField) suggest(text string) []search.Location {
	var out []search.Location
	for _, s := range f.engine.SuggestPlaces(text, 8) {
		l, err := f.engine.LocationOf(s)
		if err != nil || (f.communesOnly && (l.Kind == search.KindDepartement || l.Kind == search.KindCollectivite)) {
			continue
		}
		out = append(out, l)
	}
	return out
}

// Offer lists these locations under the field.
func (f *placeField) Offer(locs []search.Location) {
	f.options = locs
	f.SetOptions(locationLines(locs))
}

// Select shows a location as the field's place, without calling OnPlace.
func (f *placeField) Select(l search.Location) {
	f.picked = &l
	f.SetTextFromPick(l.Label)
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
