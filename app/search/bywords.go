package search

import (
	"math"
	"sort"

	"atlasri/app/search/textq"
)

// Suggestions for what a GP writes in a sentence. A query such as
// « fibrome utérin hémorragique » or « HBP résistante au traitement » is
// held whole by no single name or search word, so the strict match finds
// nothing. SuggestCatalogue then ranks each procedure and family by the
// query words found anywhere among its names and search words, each word
// weighted by how few targets it names: « fibrome » says more than
// « douleur ». Words that name nothing in the catalogue (« femme », « 45 »)
// are simply not counted. These suggestions come after any strict one.

// byWordsMinQuality is the least match quality a word needs to count
// (typos allowed, as in strict suggestions).
const byWordsMinQuality = scoreTypo2

// catalogueKey identifies a procedure (its index) or a family (-1 - index).
func catalogueKey(ent *entry) int32 {
	if ent.kind == ekFamily {
		return -1 - ent.ref
	}
	return ent.ref
}

// suggestByWords ranks the catalogue targets by the words of q they hold.
func (e *Engine) suggestByWords(q textq.Query, limit int) []scored {
	ix := e.index
	type acc struct {
		score     float32
		best      int32 // the entry holding the most telling word
		bestScore float32
	}
	total := float64(len(e.procs) + len(e.families))
	targets := map[int32]*acc{}
	var toks []tokMatch
	for _, w := range q.Words {
		if w.Stop || w.Code {
			continue
		}
		toks = ix.lookup(w, true, toks)
		type hit struct {
			score float32
			entry int32
		}
		per := map[int32]hit{}
		for _, tm := range toks {
			if tm.score < byWordsMinQuality {
				continue
			}
			for _, p := range ix.postings(tm.tok) {
				ent := &ix.entries[p.entry]
				if ent.kind&ekCatalogue == 0 {
					continue
				}
				k := catalogueKey(ent)
				if h, ok := per[k]; !ok || tm.score > h.score || (tm.score == h.score && p.entry < h.entry) {
					per[k] = hit{tm.score, p.entry}
				}
			}
		}
		if len(per) == 0 {
			continue
		}
		idf := float32(math.Log(1 + total/float64(len(per))))
		for k, h := range per {
			a := targets[k]
			if a == nil {
				a = &acc{best: -1}
				targets[k] = a
			}
			s := idf * h.score
			a.score += s
			if s > a.bestScore || (s == a.bestScore && h.entry < a.best) {
				a.best, a.bestScore = h.entry, s
			}
		}
	}
	out := make([]scored, 0, len(targets))
	for _, a := range targets {
		out = append(out, scored{entry: a.best, score: a.score})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].score != out[j].score {
			return out[i].score > out[j].score
		}
		return out[i].entry < out[j].entry
	})
	return out[:min(limit, len(out))]
}
