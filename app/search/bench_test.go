package search

import (
	"fmt"
	"testing"
)

// typed are texts a GP types; the benchmarks replay them keystroke by
// keystroke, as the window calls Suggest on each.
var typed = []string{
	"saint-étienne", "angers", "vertebroplastie", "hémorroïdes qui saignent",
	"49300", "fibrome", "paris 15", "chollet", "grosses jambes", "st denis 974",
}

// BenchmarkSuggestKeystroke is the mean cost of one Suggest call over every
// prefix of the typed texts (first letters match the most entries).
func BenchmarkSuggestKeystroke(b *testing.B) {
	prefixes := typedPrefixes()
	i := 0
	for b.Loop() {
		engine.Suggest(prefixes[i%len(prefixes)], 10)
		i++
	}
}

// typedPrefixes are the texts as they grow, keystroke by keystroke.
func typedPrefixes() []string {
	var prefixes []string
	for _, t := range typed {
		for i := range t {
			if i > 0 {
				prefixes = append(prefixes, t[:i])
			}
		}
		prefixes = append(prefixes, t)
	}
	return prefixes
}

// BenchmarkSuggestWorst times the costliest single keystrokes seen: one
// letter, a common word, and a long word with typos.
func BenchmarkSuggestWorst(b *testing.B) {
	for _, q := range []string{"s", "saint", "angl", "vertebroplsti", "hemorroide qui saigne", "9"} {
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				engine.Suggest(q, 10)
			}
		})
	}
}

// BenchmarkSuggestSentence times the « Geste ou motif » field on a GP's
// sentence, keystroke by keystroke: past the first word no single search
// word holds the text, so the word-by-word ranking runs (bywords.go).
func BenchmarkSuggestSentence(b *testing.B) {
	var prefixes []string
	for _, t := range []string{"femme 45 ans fibrome qui saigne", "HBP résistante au traitement", "métastases pulmonaires ablation"} {
		for i := range t {
			if i > 0 {
				prefixes = append(prefixes, t[:i])
			}
		}
	}
	i := 0
	for b.Loop() {
		engine.SuggestCatalogue(prefixes[i%len(prefixes)], 8)
		i++
	}
}

// BenchmarkLoad builds the engine from reference.db, as the window does
// once at start-up (reading the tables included).
func BenchmarkLoad(b *testing.B) {
	dir := b.TempDir()
	ref, err := openReference(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer ref.Close()
	for b.Loop() {
		if _, err := Load(ref); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNearest finds the 10 nearest centres offering one procedure
// from Cholet, among 1k, 10k and 100k synthetic centres (each offering the
// procedure with probability 1/2), without and with a 50 km radius.
func BenchmarkNearest(b *testing.B) {
	loc, _, err := engine.Locate("Cholet")
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{1000, 10000, 100000} {
		e := syntheticEngine(b, n)
		for _, radius := range []float64{0, 50} {
			q := Query{Procedure: "embolisation-fibromes-uterins", Point: &loc.Point, From: loc.Dept, RadiusKm: radius}
			b.Run(fmt.Sprintf("centres=%d/radius=%g", n, radius), func(b *testing.B) {
				for b.Loop() {
					if r, err := e.Nearest(q); err != nil || len(r.Hits) == 0 {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkCoverage measures one procedure over every commune: with the
// demonstration directory, and with 10k synthetic centres.
func BenchmarkCoverage(b *testing.B) {
	b.Run("demo", func(b *testing.B) {
		for b.Loop() {
			if _, err := engine.Coverage("embolisation-hemorroidaire"); err != nil {
				b.Fatal(err)
			}
		}
	})
	e := syntheticEngine(b, 10000)
	b.Run("centres=10000", func(b *testing.B) {
		for b.Loop() {
			if _, err := e.Coverage("embolisation-hemorroidaire"); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkNew is the in-memory part of Load: indexing the geography and
// catalogue and packing the centres, from data already read.
func BenchmarkNew(b *testing.B) {
	d := Data{
		Departements: engine.depts, Collectivites: engine.colls, Communes: engine.communes,
		Postcodes: enginePostcodes(), Families: engine.families, Procedures: engine.procs, Centres: engine.centres,
	}
	for b.Loop() {
		if _, err := New(d); err != nil {
			b.Fatal(err)
		}
	}
}
