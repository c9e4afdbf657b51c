package search

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"atlasri/model"

	"github.com/paulmach/orb/geo"
)

// The naive ways of answering what the engine answers, benchmarked side by
// side with it in the same run (BENCHMARKS.md gives the ratios): they are
// what the engine's indexes replace, not code the application runs.

// scanNearest is the linear scan: the great-circle distance to every
// centre offering the procedure, all sorted, the first limit kept.
func scanNearest(centres []model.Centre, procedure string, from [2]float64, limit int) []string {
	type hit struct {
		id string
		km float64
	}
	var hits []hit
	for _, c := range centres {
		if !slices.ContainsFunc(c.Offers, func(o model.Offer) bool { return o.ProcedureID == procedure }) {
			continue
		}
		hits = append(hits, hit{c.ID, geo.DistanceHaversine(from, c.Pos)})
	}
	sort.Slice(hits, func(i, j int) bool { return hits[i].km < hits[j].km })
	out := make([]string, 0, limit)
	for _, h := range hits[:min(limit, len(hits))] {
		out = append(out, h.id)
	}
	return out
}

// nameScan is the naive suggestion: every name, folded and split once,
// scanned on each keystroke for names whose words start with the typed
// words (no typo tolerance: it does less than Suggest).
type nameScan struct {
	names [][]string // folded words of each name
	rank  []float64  // larger first: population, or a constant
	label []string
}

func newNameScan(e *Engine) *nameScan {
	s := &nameScan{}
	add := func(name string, rank float64) {
		s.names = append(s.names, strings.Fields(model.Fold(name)))
		s.rank = append(s.rank, rank)
		s.label = append(s.label, name)
	}
	for _, p := range e.procs {
		add(p.NameFR, 1e9)
		for _, w := range p.SearchWords {
			add(w, 1e9)
		}
	}
	for _, f := range e.families {
		add(f.NameFR, 1e9)
	}
	for _, d := range e.depts {
		add(d.Name, 1e8)
	}
	for _, c := range e.colls {
		add(c.Name, 1e8)
	}
	for _, c := range e.communes {
		add(c.Name, float64(c.Population))
	}
	return s
}

func (s *nameScan) suggest(text string, limit int) []string {
	q := strings.Fields(model.Fold(text))
	if len(q) == 0 {
		return nil
	}
	var found []int
	for i, words := range s.names {
		ok := true
		for _, w := range q {
			if !slices.ContainsFunc(words, func(n string) bool { return strings.HasPrefix(n, w) }) {
				ok = false
				break
			}
		}
		if ok {
			found = append(found, i)
		}
	}
	sort.Slice(found, func(a, b int) bool { return s.rank[found[a]] > s.rank[found[b]] })
	out := make([]string, 0, limit)
	for _, i := range found[:min(limit, len(found))] {
		out = append(out, s.label[i])
	}
	return out
}

// The scan is a fair baseline: it finds the same ten centres.
func TestScanNearestAgrees(t *testing.T) {
	loc, _, err := engine.Locate("Cholet")
	if err != nil {
		t.Fatal(err)
	}
	e := syntheticEngine(t, 20000)
	const proc = "embolisation-fibromes-uterins"
	r, err := e.Nearest(Query{Procedure: proc, Point: &loc.Point, From: loc.Dept, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range r.Hits {
		got = append(got, h.Centre.ID)
	}
	if want := scanNearest(e.centres, proc, loc.Point, 10); !slices.Equal(got, want) {
		t.Errorf("engine %v\nscan   %v", got, want)
	}
	if s := newNameScan(engine).suggest("saint-etienne", 3); len(s) == 0 || s[0] != "Saint-Étienne" {
		t.Errorf("name scan for saint-etienne: %v", s)
	}
}

// BenchmarkNearestVsScan: the 10 nearest centres offering a procedure,
// from Cholet, among 100,000 synthetic centres.
func BenchmarkNearestVsScan(b *testing.B) {
	loc, _, err := engine.Locate("Cholet")
	if err != nil {
		b.Fatal(err)
	}
	const proc = "embolisation-fibromes-uterins"
	e := syntheticEngine(b, 100000)
	q := Query{Procedure: proc, Point: &loc.Point, From: loc.Dept, Limit: 10}
	b.Run("centres=100000/engine", func(b *testing.B) {
		for b.Loop() {
			if r, err := e.Nearest(q); err != nil || len(r.Hits) != 10 {
				b.Fatal(err)
			}
		}
	})
	b.Run("centres=100000/scan", func(b *testing.B) {
		for b.Loop() {
			if ids := scanNearest(e.centres, proc, loc.Point, 10); len(ids) != 10 {
				b.Fatal(ids)
			}
		}
	})
}

// BenchmarkSuggestVsScan: one keystroke, averaged over every prefix of the
// typed texts, by the engine and by a scan of every name.
func BenchmarkSuggestVsScan(b *testing.B) {
	prefixes := typedPrefixes()
	b.Run("engine", func(b *testing.B) {
		i := 0
		for b.Loop() {
			engine.Suggest(prefixes[i%len(prefixes)], 10)
			i++
		}
	})
	scan := newNameScan(engine)
	b.Run(fmt.Sprintf("scan/names=%d", len(scan.names)), func(b *testing.B) {
		i := 0
		for b.Loop() {
			scan.suggest(prefixes[i%len(prefixes)], 10)
			i++
		}
	})
}
