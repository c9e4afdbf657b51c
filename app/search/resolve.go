package search

import (
	"sort"
	"strings"

	"atlasri/app/search/textq"
)

// Target is the procedure or family chosen from what the user typed.
type Target struct {
	Kind  Kind   // KindProcedure or KindFamily
	ID    string // the procedure's or family's id
	Label string
	// Emergency marks a procedure for which the GP calls the 15.
	Emergency bool
	// Exact is true when the text was the id, the name or a search word
	// of this procedure or family alone; otherwise Others lists the next
	// best matches, which the user may have meant.
	Exact  bool
	Others []Suggestion
}

// ResolveCatalogue chooses a procedure or family from text: an id as is,
// else the best catalogue suggestion. Text matching nothing gives a
// *NotFoundError proposing the closest names.
func (e *Engine) ResolveCatalogue(text string) (Target, error) {
	id := strings.TrimSpace(text)
	if p, ok := e.Procedure(id); ok {
		return Target{Kind: KindProcedure, ID: p.ID, Label: p.NameFR, Emergency: p.Emergency, Exact: true}, nil
	}
	if f, ok := e.Family(id); ok {
		return Target{Kind: KindFamily, ID: f.ID, Label: f.NameFR, Exact: true}, nil
	}
	// Only names and search words holding the whole text resolve it: a
	// sentence matched word by word is proposed (SuggestCatalogue), not
	// chosen.
	found := e.suggest(textq.Parse(text), 5, ekCatalogue)
	if len(found) == 0 {
		return Target{}, &NotFoundError{What: "geste", Text: text, Suggestions: e.closest(text, ekCatalogue, 3)}
	}
	best := found[0]
	t := Target{Kind: best.Kind, ID: best.ID, Label: best.Label, Emergency: best.Emergency, Others: found[1:]}
	// Exact: the whole text is one of the best's names or search words,
	// and no other target has that text too.
	norm := textq.Normalize(text)
	t.Exact = norm == textq.Normalize(best.Label) || norm == textq.Normalize(best.Detail)
	if len(found) > 1 && found[1].Score == best.Score {
		t.Exact = false
	}
	if t.Exact {
		t.Others = nil
	}
	return t, nil
}

// closest proposes names for text that matched nothing as a whole: the
// best matches of each of its words alone.
func (e *Engine) closest(text string, kinds entryKind, n int) []Suggestion {
	q := textq.Parse(text)
	seen := map[string]bool{}
	var out []Suggestion
	for _, w := range q.Words {
		if w.Stop {
			continue
		}
		w.Prefix, w.Stop = true, false
		for _, s := range e.suggest(textq.Query{Words: []textq.Word{w}, Text: w.Text}, n, kinds) {
			if key := string(s.Kind) + "/" + s.ID; !seen[key] {
				seen[key] = true
				out = append(out, s)
			}
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Score > out[b].Score })
	return out[:min(n, len(out))]
}
