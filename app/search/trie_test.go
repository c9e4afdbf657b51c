package search

import (
	"atlasri/model"
	"math/rand/v2"
	"sort"
	"testing"
)

// The trie walk must report exactly what comparing the query with every
// word reports, with the same distances, in both modes.
func TestTrieAgreesWithScan(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	letters := "aeinrstlo"
	word := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = letters[r.IntN(len(letters))]
		}
		return string(b)
	}
	set := map[string]bool{}
	for len(set) < 3000 {
		set[word(1+r.IntN(9))] = true
	}
	var vocab []string
	for w := range set {
		vocab = append(vocab, w)
	}
	sort.Strings(vocab)
	ids := make([]int32, len(vocab))
	for i := range ids {
		ids[i] = int32(i)
	}
	tr := newTrie(func(id int32) string { return vocab[id] }, ids)
	for n := 0; n < 300; n++ {
		q := word(1 + r.IntN(9))
		k := 1 + r.IntN(2)
		fixed := r.IntN(2)
		prefix := r.IntN(2) == 0
		got := map[int32]int{}
		tr.fuzzy(q, k, fixed, prefix, func(lo, hi int32, d int) {
			for s := lo; s < hi; s++ {
				if _, dup := got[tr.words[s]]; dup {
					t.Fatalf("%q: word %q reported twice", q, vocab[tr.words[s]])
				}
				got[tr.words[s]] = d
			}
		})
		for i, w := range vocab {
			d := model.TypoDistance(q, w, k)
			if prefix {
				d = model.TypoPrefixDistance(q, w, k)
			}
			gd, ok := got[int32(i)]
			want := d > 0 && d <= k && (fixed == 0 || w[0] == q[0])
			if ok != want || (ok && gd != d) {
				t.Fatalf("q=%q k=%d fixed=%d prefix=%v word %q: trie %v/%d, scan %d", q, k, fixed, prefix, w, ok, gd, d)
			}
		}
	}
}
