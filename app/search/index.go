package search

import (
	"slices"
	"sort"
	"strings"

	"atlasri/app/search/textq"
)

// The text index is an inverted index over normalised words, held in
// memory: every name, search word and code is split into words, and each
// distinct word points at the entries that carry it. A query word is
// looked up exactly, as a prefix (binary search in the sorted vocabulary)
// or with typos (a walk of the trie of alphabetic words, trie.go), which
// SQLite's full-text index (FTS5) cannot do; it is also faster per
// keystroke.

// tokClass says what a word is to the entry carrying it.
type tokClass uint8

const (
	// tokName is a word of the entry's name: it counts for coverage.
	tokName tokClass = iota
	// tokID is a code that designates the entry on its own: a postcode
	// or INSEE code of a commune, the code of a département.
	tokID
	// tokFilter narrows a match without designating the entry: the
	// département code of a commune ("Saint-Denis 974").
	tokFilter
)

// posting is one occurrence of a vocabulary word in an entry.
type posting struct {
	entry int32
	pos   uint8 // position in the name; 255 for codes
	class tokClass
}

// entry is one searchable text: a procedure name or search word, a
// family, a commune, a département, a collectivity.
type entry struct {
	kind entryKind
	ref  int32  // index in the engine's slice for that kind
	text string // the text indexed (a procedure's search word)
	// nameWords counts the significant words of the name (function words
	// and "arrondissement" excluded): a match covering them all is exact.
	nameWords uint8
	weight    float32 // importance: log10 of the population, or a constant
}

type index struct {
	entries []entry
	// vocab holds the sorted words end to end: word t is
	// vocab[vocabAt[t]:vocabAt[t+1]]. About 110,000 words: one string and
	// an offset each, not a string header and an allocation each.
	vocab   string
	vocabAt []int32
	// posts holds the postings of every word, word by word: those of word
	// t are posts[postAt[t]:postAt[t+1]] (an offset instead of a slice
	// header each: 2 MB less).
	posts  []posting
	postAt []int32
	// trie holds the words that contain a letter: codes are never
	// matched with typos.
	trie *trie
}

// noiseWords are name words that a query need not repeat for an exact
// match: "Paris 15" is "Paris 15e Arrondissement".
var noiseWords = map[string]bool{"arrondissement": true}

type indexBuilder struct {
	entries []entry
	words   map[string][]posting
	seen    []string // scratch for add
}

func newIndexBuilder() *indexBuilder {
	// About 110,000 distinct words and codes: sized once, never rehashed.
	return &indexBuilder{words: make(map[string][]posting, 1<<17)}
}

// add indexes an entry under its name and codes; it returns the entry id.
func (b *indexBuilder) add(e entry, name string, ids, filters []string) int32 {
	id := int32(len(b.entries))
	seen := b.seen[:0]
	words := textq.Tokens(name)
	for i, w := range words {
		if !textq.IsStop(w) && !noiseWords[w] {
			e.nameWords++
		}
		seen = b.addName(w, id, i, seen)
		// An elided article also reads as one word: "L'Haÿ" as "lhay".
		if (w == "l" || w == "d") && i+1 < len(words) {
			seen = b.addName(w+words[i+1], id, i, seen)
		}
	}
	for _, group := range []struct {
		codes []string
		class tokClass
	}{{ids, tokID}, {filters, tokFilter}} {
		for _, c := range group.codes {
			w := strings.ToLower(c)
			if slices.Contains(seen, w) {
				continue
			}
			seen = append(seen, w)
			b.words[w] = append(b.words[w], posting{entry: id, pos: 255, class: group.class})
		}
	}
	b.seen = seen
	b.entries = append(b.entries, e)
	return id
}

// addName indexes a name word once per entry (seen lists the entry's
// words so far).
func (b *indexBuilder) addName(w string, id int32, pos int, seen []string) []string {
	if slices.Contains(seen, w) {
		return seen
	}
	b.words[w] = append(b.words[w], posting{entry: id, pos: uint8(min(pos, 254)), class: tokName})
	return append(seen, w)
}

func (b *indexBuilder) build() *index {
	words := make([]string, 0, len(b.words))
	size := 0
	for w := range b.words {
		words = append(words, w)
		size += len(w)
	}
	sort.Strings(words)
	ix := &index{entries: b.entries, vocabAt: make([]int32, 0, len(words)+1), postAt: make([]int32, 0, len(words)+1)}
	// The postings move into one array of the exact size: the builder's
	// slices grew by appending and carry up to a quarter of slack each.
	n := 0
	for _, ps := range b.words {
		n += len(ps)
	}
	ix.posts = make([]posting, 0, n)
	var text strings.Builder
	text.Grow(size)
	var alpha []int32
	for i, w := range words {
		ix.vocabAt = append(ix.vocabAt, int32(text.Len()))
		text.WriteString(w)
		ix.postAt = append(ix.postAt, int32(len(ix.posts)))
		ix.posts = append(ix.posts, b.words[w]...)
		if !textq.IsCode(w) {
			alpha = append(alpha, int32(i))
		}
	}
	ix.vocab = text.String()
	ix.vocabAt = append(ix.vocabAt, int32(len(ix.vocab)))
	ix.postAt = append(ix.postAt, int32(len(ix.posts)))
	ix.trie = newTrie(ix.word, alpha)
	return ix
}

// size is the number of words in the vocabulary.
func (ix *index) size() int { return len(ix.vocabAt) - 1 }

// word is the vocabulary word t.
func (ix *index) word(t int32) string { return ix.vocab[ix.vocabAt[t]:ix.vocabAt[t+1]] }

// postings lists the entries carrying the vocabulary word t.
func (ix *index) postings(t int32) []posting { return ix.posts[ix.postAt[t]:ix.postAt[t+1]] }

// find returns the vocabulary id of w, or -1.
func (ix *index) find(w string) int {
	i := sort.Search(ix.size(), func(i int) bool { return ix.word(int32(i)) >= w })
	if i < ix.size() && ix.word(int32(i)) == w {
		return i
	}
	return -1
}

// prefixRange returns the vocabulary ids [lo, hi) of the words starting with p.
func (ix *index) prefixRange(p string) (int, int) {
	lo := sort.Search(ix.size(), func(i int) bool { return ix.word(int32(i)) >= p })
	hi := lo + sort.Search(ix.size()-lo, func(i int) bool {
		return !strings.HasPrefix(ix.word(int32(lo+i)), p)
	})
	return lo, hi
}

// tokMatch is a vocabulary word matching a query word, with its quality.
type tokMatch struct {
	tok   int32
	score float32
}

// Match qualities of a query word against a vocabulary word.
const (
	scoreExact     = 1.0
	scorePrefix    = 0.85 // plus up to 0.15 as the typed part covers the word
	scoreTypo1     = 0.7
	scoreTypo2     = 0.5
	scorePrefTypo1 = 0.6
	scorePrefTypo2 = 0.45
)

// lookup lists the vocabulary words a query word matches.
func (ix *index) lookup(w textq.Word, fuzzy bool, out []tokMatch) []tokMatch {
	out = out[:0]
	exact := ix.find(w.Text)
	if exact >= 0 {
		out = append(out, tokMatch{int32(exact), scoreExact})
	}
	if w.Prefix {
		for _, p := range uniq(w.Text, w.Raw) {
			lo, hi := ix.prefixRange(p)
			for t := lo; t < hi; t++ {
				if t == exact {
					continue
				}
				out = append(out, tokMatch{int32(t), scorePrefix + 0.15*float32(len(p))/float32(len(ix.word(int32(t))))})
			}
		}
	}
	k := textq.MaxEdits(w)
	if !fuzzy || k == 0 {
		return out
	}
	score1, score2 := float32(scoreTypo1), float32(scoreTypo2)
	if w.Prefix {
		score1, score2 = scorePrefTypo1, scorePrefTypo2
	}
	fixed := 0
	if k >= 2 {
		fixed = 1 // two typos, but not in the first letter
	}
	ix.trie.fuzzy(w.Text, k, fixed, w.Prefix, func(lo, hi int32, d int) {
		for s := lo; s < hi; s++ {
			out = append(out, tokMatch{ix.trie.words[s], pick(d, score1, score2)})
		}
	})
	return out
}

func uniq(a, b string) []string {
	if a == b || b == "" {
		return []string{a}
	}
	return []string{a, b}
}

func pick(d int, one, two float32) float32 {
	if d == 1 {
		return one
	}
	return two
}
