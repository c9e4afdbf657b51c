package search

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"atlasri/app/search/textq"
	"atlasri/model"
)

// Kind is what a suggestion or a location designates.
type Kind string

// Kinds.
const (
	KindProcedure      Kind = "procedure"
	KindFamily         Kind = "family"
	KindCommune        Kind = "commune"
	KindArrondissement Kind = "arrondissement" // of Paris, Lyon or Marseille
	KindPostcode       Kind = "postcode"       // a commune found by one of its postcodes
	KindINSEE          Kind = "insee"          // a commune found by its INSEE code
	KindDepartement    Kind = "departement"
	KindCollectivite   Kind = "collectivite" // overseas collectivity
)

// Suggestion is one proposal for what the user is typing.
type Suggestion struct {
	Kind Kind `json:"kind"`
	// ID is what to act on: a procedure or family id, the INSEE code of a
	// commune (also for postcode and INSEE suggestions), a département or
	// collectivity code.
	ID string `json:"id"`
	// Label is the name to show, Detail what tells it apart or why it
	// matched: "Maine-et-Loire (49)", "49300 · Maine-et-Loire (49)", or
	// the procedure's search word the user typed.
	Label  string `json:"label"`
	Detail string `json:"detail,omitempty"`
	// Postcode is the postcode typed, for postcode suggestions.
	Postcode string `json:"postcode,omitempty"`
	// Emergency marks a procedure for which the GP calls the 15 (SAMU)
	// instead of referring.
	Emergency bool    `json:"emergency,omitempty"`
	Score     float64 `json:"score"`
}

// IsPlace reports whether the suggestion designates a place.
func (s Suggestion) IsPlace() bool {
	return s.Kind != KindProcedure && s.Kind != KindFamily
}

// Suggest proposes, best first, procedures, families and places for free
// text as it is being typed. Accents, case, punctuation, "st"/"saint" and
// small typos do not matter; the last word may be incomplete. It never
// fails: text matching nothing gives no suggestion.
func (e *Engine) Suggest(text string, limit int) []Suggestion {
	return e.suggest(textq.Parse(text), limit, ekAll)
}

// SuggestPlaces is Suggest restricted to places.
func (e *Engine) SuggestPlaces(text string, limit int) []Suggestion {
	return e.suggest(textq.Parse(text), limit, ekPlaces)
}

// SuggestCatalogue is Suggest restricted to procedures and families.
// When fewer than limit names or search words hold the whole text (a GP's
// sentence: « fibrome utérin hémorragique »), the procedures holding its
// words are proposed after them (see bywords.go).
func (e *Engine) SuggestCatalogue(text string, limit int) []Suggestion {
	q := textq.Parse(text)
	out := e.suggest(q, limit, ekCatalogue)
	if len(out) >= limit || q.Required() < 2 {
		return out
	}
	seen := map[string]bool{}
	for _, s := range out {
		seen[string(s.Kind)+"/"+s.ID] = true
	}
	for _, sc := range e.suggestByWords(q, limit) {
		s := e.describe(q, sc)
		if key := string(s.Kind) + "/" + s.ID; !seen[key] && len(out) < limit {
			seen[key] = true
			out = append(out, s)
		}
	}
	return out
}

func (e *Engine) suggest(q textq.Query, limit int, kinds entryKind) []Suggestion {
	if limit <= 0 {
		limit = DefaultLimit
	}
	limit = min(limit, MaxLimit)
	s := e.getScratch()
	defer e.putScratch(s)
	found := e.match(q, matchOpts{loose: true, kinds: kinds}, s)
	found = e.bestPerTarget(found)
	found = e.preferPostcodePairs(q, found)
	top := topScored(found, limit)
	out := make([]Suggestion, 0, len(top))
	for _, t := range top {
		out = append(out, e.describe(q, t))
	}
	return out
}

// bestPerTarget keeps, for each procedure or family, its best matching
// name or search word; places are one entry each already.
func (e *Engine) bestPerTarget(found []scored) []scored {
	best := map[int32]int{} // catalogue entry ref (families offset) -> index in out
	out := found[:0]
	for _, s := range found {
		ent := &e.index.entries[s.entry]
		if ent.kind&ekCatalogue == 0 {
			out = append(out, s)
			continue
		}
		key := ent.ref
		if ent.kind == ekFamily {
			key = -1 - ent.ref
		}
		if j, ok := best[key]; ok {
			if s.score > out[j].score {
				out[j] = s
			}
			continue
		}
		best[key] = len(out)
		out = append(out, s)
	}
	return out
}

// preferPostcodePairs applies what a typed postcode says, as Locate does
// (see refinePostcode): a city split in arrondissements gives way to the
// arrondissement carrying the postcode, and the special distribution codes
// listed only by the DGFiP rank below La Poste's pairs.
func (e *Engine) preferPostcodePairs(q textq.Query, found []scored) []scored {
	var pc string
	for _, w := range q.Words {
		if _, ok := e.postcodes[w.Text]; ok && w.Code {
			pc = w.Text
		}
	}
	if pc == "" {
		return found
	}
	links := e.postcodes[pc]
	source := make(map[int]model.PostcodeSource, len(links))
	laPoste := false
	for _, l := range links {
		source[l.commune] = l.source
		laPoste = laPoste || l.source != model.PostcodeCodesPostaux
	}
	out := found[:0]
	for _, s := range found {
		ent := &e.index.entries[s.entry]
		if ent.kind == ekCommune {
			i := int(ent.ref)
			finer := false
			for _, k := range e.children[i] {
				_, ok := source[k]
				finer = finer || ok
			}
			if finer {
				continue
			}
			if src, ok := source[i]; ok && laPoste && src == model.PostcodeCodesPostaux {
				s.score -= 1
			}
		}
		out = append(out, s)
	}
	return out
}

// topScored returns the n best, best first; ties go to the entry indexed
// first (catalogue order, then INSEE order), so answers are stable.
func topScored(found []scored, n int) []scored {
	better := func(a, b scored) bool {
		if a.score != b.score {
			return a.score > b.score
		}
		return a.entry < b.entry
	}
	if len(found) > 4*n {
		// Partial selection: keep the n best in a small sorted slice.
		top := make([]scored, 0, n+1)
		for _, s := range found {
			if len(top) == n && !better(s, top[n-1]) {
				continue
			}
			i := sort.Search(len(top), func(i int) bool { return better(s, top[i]) })
			top = append(top, scored{})
			copy(top[i+1:], top[i:])
			top[i] = s
			if len(top) > n {
				top = top[:n]
			}
		}
		return top
	}
	sort.Slice(found, func(a, b int) bool { return better(found[a], found[b]) })
	return found[:min(n, len(found))]
}

// describe turns a matched entry into a suggestion in French.
func (e *Engine) describe(q textq.Query, s scored) Suggestion {
	ent := &e.index.entries[s.entry]
	out := Suggestion{Score: math.Round(float64(s.score)*1000) / 1000}
	switch ent.kind {
	case ekProcedure:
		p := e.procs[ent.ref]
		out.Kind, out.ID, out.Label, out.Emergency = KindProcedure, p.ID, p.NameFR, p.Emergency
		if ent.text != p.NameFR {
			out.Detail = ent.text
		}
	case ekFamily:
		f := e.families[ent.ref]
		out.Kind, out.ID, out.Label, out.Detail = KindFamily, f.ID, f.NameFR, "famille de gestes"
	case ekDepartement:
		d := e.depts[ent.ref]
		out.Kind, out.ID, out.Label = KindDepartement, d.Code, d.Name
		if d.Overseas() {
			out.Detail = "département d'outre-mer (" + d.Code + ")"
		} else {
			out.Detail = "département (" + d.Code + ")"
		}
	case ekCollectivite:
		c := e.colls[ent.ref]
		out.Kind, out.ID, out.Label = KindCollectivite, c.Code, c.Name
		out.Detail = "collectivité d'outre-mer (" + c.Code + ")"
	case ekCommune:
		c := e.communes[ent.ref]
		out.Kind, out.ID, out.Label, out.Detail = KindCommune, c.INSEE, c.Name, e.placeName(c.Dept)
		if c.Kind == model.KindArrondissement {
			out.Kind = KindArrondissement
		}
		if pc := typedPostcode(q, c); pc != "" {
			out.Kind, out.Postcode = KindPostcode, pc
			out.Detail = pc + " · " + out.Detail
		} else if typedINSEE(q, c) {
			out.Kind = KindINSEE
			out.Detail = fmt.Sprintf("code INSEE %s · %s", c.INSEE, out.Detail)
		}
	}
	return out
}

// typedPostcode returns the postcode of c that a code word of q designates
// (the word being typed may be its beginning).
func typedPostcode(q textq.Query, c model.Commune) string {
	for _, w := range q.Words {
		if !w.Code || strings.EqualFold(w.Text, c.INSEE) || strings.EqualFold(w.Text, c.Dept) {
			continue
		}
		for _, pc := range c.Postcodes {
			if pc == w.Text || (w.Prefix && len(w.Text) >= 3 && strings.HasPrefix(pc, w.Text)) {
				return pc
			}
		}
	}
	return ""
}

func typedINSEE(q textq.Query, c model.Commune) bool {
	insee := strings.ToLower(c.INSEE)
	for _, w := range q.Words {
		if w.Code && !strings.EqualFold(w.Text, c.Dept) && (w.Text == insee || (w.Prefix && len(w.Text) >= 3 && strings.HasPrefix(insee, w.Text))) {
			return true
		}
	}
	return false
}
