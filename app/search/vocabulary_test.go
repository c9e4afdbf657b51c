package search

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"
)

// gpQuery is one line of testdata/gp-queries.tsv: how a GP might type the
// reason for a referral, and the procedure it should propose.
type gpQuery struct {
	half, text, procedure string
	line                  int
}

func readGPQueries(t *testing.T) []gpQuery {
	t.Helper()
	f, err := os.Open("testdata/gp-queries.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []gpQuery
	sc := bufio.NewScanner(f)
	header := false
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if !header {
			header = true
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 3 || (cols[0] != "tune" && cols[0] != "heldout") {
			t.Fatalf("gp-queries.tsv, line %d: want half, query, procedure: %q", n, line)
		}
		out = append(out, gpQuery{cols[0], cols[1], cols[2], n})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// proposes reports whether the expected procedure is one of the first
// two catalogue suggestions for the text, as the « Geste ou motif » field
// lists them.
func proposes(text, procedure string) (bool, []string) {
	var got []string
	hit := false
	for _, s := range engine.SuggestCatalogue(text, 2) {
		got = append(got, s.ID)
		hit = hit || (s.Kind == KindProcedure && s.ID == procedure)
	}
	return hit, got
}

// Hit rates the vocabulary must keep (BENCHMARKS.md reports them): every
// query of the tuning half, and the rate reached on the held-out half
// (56 of 58), which was never used to choose search words.
const (
	minTuneRate    = 1.0
	minHeldOutRate = 56.0 / 58
)

func TestGPVocabulary(t *testing.T) {
	queries := readGPQueries(t)
	if len(queries) < 100 {
		t.Fatalf("%d queries, want at least 100", len(queries))
	}
	covered := map[string]bool{}
	hits, totals := map[string]int{}, map[string]int{}
	var misses []string
	for _, q := range queries {
		if _, ok := engine.Procedure(q.procedure); !ok {
			t.Errorf("line %d: unknown procedure %q", q.line, q.procedure)
			continue
		}
		covered[q.procedure] = true
		totals[q.half]++
		ok, got := proposes(q.text, q.procedure)
		if ok {
			hits[q.half]++
			continue
		}
		misses = append(misses, fmt.Sprintf("%s « %s » → %v, want %s", q.half, q.text, got, q.procedure))
	}
	if n := len(engine.Procedures()); len(covered) != n {
		t.Errorf("the queries cover %d procedures of %d", len(covered), n)
	}
	for _, m := range misses {
		t.Log(m)
	}
	for half, min := range map[string]float64{"tune": minTuneRate, "heldout": minHeldOutRate} {
		rate := float64(hits[half]) / float64(totals[half])
		t.Logf("%s: %d of %d (%.1f %%) propose the expected procedure first or second", half, hits[half], totals[half], 100*rate)
		if rate < min {
			t.Errorf("%s: hit rate %.3f, want at least %.3f", half, rate, min)
		}
	}
}
