package search

import (
	"fmt"
	"sort"
	"strings"

	"atlasri/app/search/textq"
	"atlasri/model"

	"github.com/paulmach/orb"
)

// Location is a place resolved to a point.
type Location struct {
	Kind  Kind   `json:"kind"`  // commune, arrondissement, departement or collectivite
	Label string `json:"label"` // "Cholet (49)"
	INSEE string `json:"insee,omitempty"`
	// Postcode is set when the place was found by its postcode.
	Postcode   string    `json:"postcode,omitempty"`
	Dept       string    `json:"dept"` // département or collectivity code
	Point      orb.Point `json:"-"`
	Population int       `json:"population,omitempty"`
	// Exact is false when the position is approximate: derived from
	// neighbouring communes by the geography, or standing for a whole
	// département or collectivity. Note then says how, in French.
	Exact bool   `json:"exact"`
	Note  string `json:"note,omitempty"`
	// Also lists the other communes a typed postcode serves, most
	// populous first, when it serves several: the location is the most
	// populous of them and stands for the others (« 49000 : Angers ;
	// couvre aussi Écouflant », see SharedPostcodeNote). The window offers
	// them as a list; each is a complete location.
	Also []Location `json:"also,omitempty"`
}

// name is the place's name without its département ("Angers").
func (l Location) name() string {
	if i := strings.LastIndex(l.Label, " ("); i > 0 {
		return l.Label[:i]
	}
	return l.Label
}

// maxNamed is how many of the other communes of a shared postcode the
// note names before counting the rest.
const maxNamed = 5

// SharedPostcodeNote says which communes a shared postcode covers besides
// the one the search starts from: « 49000 : Angers ; couvre aussi
// Écouflant ». Empty when the postcode serves only this commune.
func (l Location) SharedPostcodeNote() string {
	if len(l.Also) == 0 || l.Postcode == "" {
		return ""
	}
	var names []string
	for i, a := range l.Also {
		if i == maxNamed {
			names = append(names, fmt.Sprintf("%d autres communes", len(l.Also)-maxNamed))
			break
		}
		names = append(names, a.name())
	}
	list := strings.Join(names, ", ")
	if n := len(names); n > 1 {
		list = strings.Join(names[:n-1], ", ") + " et " + names[n-1]
	}
	return fmt.Sprintf("%s : %s ; couvre aussi %s", l.Postcode, l.name(), list)
}

// NotFoundError is returned when text designates no known place, or no
// procedure; its message, in French, proposes the closest names.
type NotFoundError struct {
	What        string // "lieu" or "geste"
	Text        string
	Suggestions []Suggestion
}

func (e *NotFoundError) Error() string {
	msg := fmt.Sprintf("%s introuvable : « %s ».", capitalize(e.What), strings.TrimSpace(textq.Truncate(e.Text, 60)))
	if len(e.Suggestions) == 0 {
		return msg
	}
	names := make([]string, len(e.Suggestions))
	for i, s := range e.Suggestions {
		names[i] = s.Text()
	}
	return msg + " Vouliez-vous dire : " + strings.Join(names, ", ") + " ?"
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// Text is the suggestion in one line: "Cholet (49)", "49300 Cholet",
// "Maine-et-Loire (49)", or a procedure's name.
func (s Suggestion) Text() string {
	switch s.Kind {
	case KindPostcode:
		return s.Postcode + " " + s.Label
	case KindCommune, KindArrondissement, KindINSEE:
		if i := strings.LastIndex(s.Detail, "("); i >= 0 {
			return s.Label + " " + s.Detail[i:]
		}
	case KindDepartement, KindCollectivite:
		return fmt.Sprintf("%s (%s)", s.Label, s.ID)
	}
	return s.Label
}

// Locate resolves a place typed by the user: a commune or arrondissement
// name (optionally with its département or postcode: "Saint-Denis 974"),
// a postcode, an INSEE code, a département name or code. Words must be
// found exactly (accents, case and punctuation aside): a typo is not
// silently taken for another commune, it gives a *NotFoundError proposing
// the closest places.
//
// Five digits alone are a postcode, as GPs type them: an INSEE code only
// when no postcode has them, or when written "insee:97410". A postcode
// shared by several communes is not ambiguous: the location is the most
// populous of them and Location.Also lists the others.
//
// Several places match an ambiguous name ("Saint-Denis"): the first, most
// populous, is returned, and all of them as candidates, for the user to
// choose (nil when the place is unique).
func (e *Engine) Locate(text string) (Location, []Location, error) {
	if code, ok := inseePrefix(text); ok {
		return e.locateINSEE(code)
	}
	q := textq.Parse(text)
	if q.Empty() {
		return Location{}, nil, fmt.Errorf("aucun lieu indiqué : tapez une commune, un code postal ou un département")
	}
	postcodeOnly := e.postcodeOnly(q)
	var communes, areas []int32 // entries
	sc := e.getScratch()
	found := e.match(q, matchOpts{kinds: ekPlaces}, sc)
	for _, s := range found {
		if s.quality < 1 {
			continue
		}
		named := s.cover >= 1
		if !q.HasName() {
			// Codes alone: a postcode, INSEE or département code must
			// designate the place, not a number in its name ("15").
			named = s.flags&wfID != 0 && s.flags&wfName == 0
		}
		if !named {
			continue
		}
		ent := e.index.entries[s.entry]
		switch {
		case postcodeOnly != "" && (ent.kind != ekCommune || !e.servedBy(int(ent.ref), postcodeOnly)):
			// A postcode is not also an INSEE code: 97410 is Saint-Pierre's
			// postcode, not Saint-Benoît.
		case ent.kind == ekCommune:
			communes = append(communes, s.entry)
		default:
			areas = append(areas, s.entry)
		}
	}
	e.putScratch(sc)
	// Départements and collectivities come first: "La Réunion" is more
	// likely the island than the commune of Lot-et-Garonne. One that
	// holds a commune of the same name gives way to it ("Paris").
	var locs []Location
	unlocated := ""
	idx := e.refinePostcode(q, communes)
	inside := map[string]bool{}
	for _, i := range idx {
		inside[e.communes[i].Dept] = true
	}
	for _, en := range areas {
		if l, ok := e.areaLocation(e.index.entries[en]); ok && !inside[l.Dept] {
			locs = append(locs, l)
		}
	}
	for _, i := range idx {
		c := e.communes[i]
		if !c.Located() {
			unlocated = fmt.Sprintf("%s (%s)", c.Name, c.Dept)
			continue
		}
		locs = append(locs, e.communeLocation(c, typedPostcode(q, c)))
	}
	if len(locs) == 0 {
		if unlocated != "" {
			return Location{}, nil, fmt.Errorf("la commune %s n'a pas de position dans la géographie intégrée : indiquez une commune voisine", unlocated)
		}
		sugg := e.SuggestPlaces(text, 5)
		if len(sugg) == 0 {
			sugg = e.closest(text, ekPlaces, 5)
		}
		return Location{}, nil, &NotFoundError{What: "lieu", Text: text, Suggestions: sugg}
	}
	if len(locs) == 1 {
		return locs[0], nil, nil
	}
	if postcodeOnly != "" {
		main := locs[0]
		main.Also = locs[1:]
		return main, nil, nil
	}
	return locs[0], locs, nil
}

// inseePrefix reads "insee:97410" (case and spaces aside).
func inseePrefix(text string) (string, bool) {
	t := strings.TrimSpace(text)
	if len(t) < 6 || !strings.EqualFold(t[:6], "insee:") {
		return "", false
	}
	return strings.ToUpper(strings.TrimSpace(t[6:])), true
}

// locateINSEE resolves an explicit INSEE code.
func (e *Engine) locateINSEE(code string) (Location, []Location, error) {
	c, ok := e.Commune(code)
	switch {
	case !ok:
		return Location{}, nil, fmt.Errorf("code INSEE inconnu : « %s » (5 caractères, par exemple insee:49007)", code)
	case !c.Located():
		return Location{}, nil, fmt.Errorf("la commune %s (%s) n'a pas de position dans la géographie intégrée : indiquez une commune voisine", c.Name, c.Dept)
	}
	return e.communeLocation(c, ""), nil, nil
}

// postcodeOnly returns the postcode a query consists of, when it is a
// known postcode and nothing else ("49000"), else "".
func (e *Engine) postcodeOnly(q textq.Query) string {
	if len(q.Words) != 1 || !q.Words[0].Code {
		return ""
	}
	if _, ok := e.postcodes[q.Words[0].Text]; ok {
		return q.Words[0].Text
	}
	return ""
}

// servedBy reports whether commune i, or its parent commune, has the
// postcode (Paris gives way to its arrondissements in refinePostcode).
func (e *Engine) servedBy(i int, pc string) bool {
	for _, l := range e.postcodes[pc] {
		if l.commune == i {
			return true
		}
	}
	for _, k := range e.children[i] {
		if e.servedBy(k, pc) {
			return true
		}
	}
	return false
}

// refinePostcode applies what a typed postcode says to the matching
// communes, and orders them. La Poste's pairs win over the special
// distribution codes that only the DGFiP lists (75015 is Paris 15e, not
// also Issy-les-Moulineaux); a commune split in arrondissements gives way
// to the arrondissement(s) carrying the postcode (75015 is Paris 15e,
// not Paris).
func (e *Engine) refinePostcode(q textq.Query, entries []int32) []int {
	var pc string
	for _, w := range q.Words {
		if _, ok := e.postcodes[w.Text]; ok && w.Code {
			pc = w.Text
		}
	}
	in := map[int]bool{}
	var out []int
	add := func(i int) {
		if !in[i] {
			in[i] = true
			out = append(out, i)
		}
	}
	var sourceOf map[int]model.PostcodeSource
	laPoste := false
	if pc != "" {
		sourceOf = map[int]model.PostcodeSource{}
		for _, l := range e.postcodes[pc] {
			sourceOf[l.commune] = l.source
			laPoste = laPoste || l.source != model.PostcodeCodesPostaux
		}
	}
	for _, en := range entries {
		i := int(e.index.entries[en].ref)
		c := e.communes[i]
		src, byPostcode := sourceOf[i]
		if byPostcode && !strings.EqualFold(c.INSEE, pc) {
			if laPoste && src == model.PostcodeCodesPostaux {
				continue
			}
			var kids []int
			for _, k := range e.children[i] {
				if _, ok := sourceOf[k]; ok {
					kids = append(kids, k)
				}
			}
			if len(kids) > 0 {
				for _, k := range kids {
					add(k)
				}
				continue
			}
		}
		add(i)
	}
	// A parent and its arrondissement both matching: keep the finer.
	kept := out[:0]
	for _, i := range out {
		finer := false
		for _, k := range e.children[i] {
			finer = finer || in[k]
		}
		if !finer {
			kept = append(kept, i)
		}
	}
	// Postcodes are what GPs type: a commune found by postcode comes
	// before one whose INSEE code is the same number (13001).
	byINSEE := func(c model.Commune) bool { return pc != "" && strings.EqualFold(c.INSEE, pc) }
	sort.SliceStable(kept, func(a, b int) bool {
		ca, cb := e.communes[kept[a]], e.communes[kept[b]]
		if byINSEE(ca) != byINSEE(cb) {
			return byINSEE(cb)
		}
		if ca.Population != cb.Population {
			return ca.Population > cb.Population
		}
		return ca.INSEE < cb.INSEE
	})
	return kept
}

func (e *Engine) communeLocation(c model.Commune, postcode string) Location {
	kind := KindCommune
	if c.Kind == model.KindArrondissement {
		kind = KindArrondissement
	}
	return Location{
		Kind: kind, Label: fmt.Sprintf("%s (%s)", c.Name, c.Dept), INSEE: c.INSEE, Postcode: postcode,
		Dept: c.Dept, Point: c.Pos, Population: c.Population, Exact: !c.Approx, Note: approxNote(c),
	}
}

// areaLocation stands a département or collectivity for a point: the
// département's label point, or the collectivity's most populous located
// commune.
func (e *Engine) areaLocation(ent entry) (Location, bool) {
	switch ent.kind {
	case ekDepartement:
		d := e.depts[ent.ref]
		return Location{Kind: KindDepartement, Label: fmt.Sprintf("%s (%s)", d.Name, d.Code), Dept: d.Code,
			Point: d.Label, Note: "position approchée : point central du département"}, true
	case ekCollectivite:
		c := e.colls[ent.ref]
		best := -1
		for i, m := range e.communes {
			if m.Dept == c.Code && m.Located() && (best < 0 || m.Population > e.communes[best].Population) {
				best = i
			}
		}
		if best < 0 {
			return Location{}, false
		}
		m := e.communes[best]
		return Location{Kind: KindCollectivite, Label: fmt.Sprintf("%s (%s)", c.Name, c.Code), Dept: c.Code,
			Point: m.Pos, Note: "position approchée : celle de " + m.Name + ", commune la plus peuplée"}, true
	}
	return Location{}, false
}

// approxNote says, in French, how an approximate position was derived.
func approxNote(c model.Commune) string {
	if !c.Approx {
		return ""
	}
	switch c.PosSource {
	case "postcode-mean":
		return "position approchée : centre des communes du même code postal"
	case "arrondissement-mean":
		return "position approchée : centre des communes de son arrondissement administratif"
	case "geonames-old-code":
		return "position approchée : celle d'une ancienne commune ou commune déléguée"
	case "dept-label":
		return "position approchée : point central du département"
	case "territory-mean":
		return "position approchée : centre des communes de la collectivité"
	case "collectivite-chef-lieu":
		return "position approchée : celle du chef-lieu de la collectivité, parfois à des centaines de kilomètres"
	}
	return "position approchée"
}
