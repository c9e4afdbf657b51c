package search

import "slices"

// trie holds the alphabetic vocabulary for typo-tolerant lookup: walking
// it computes one row of the edit-distance table per node, shared by every
// word below, and abandons a branch as soon as no cell of its row is
// within the tolerated typos. The vocabulary being sorted, the words below
// a node are one range of it.
type trie struct {
	child, next []int32 // first child and next sibling, -1 when none
	char        []byte
	word        []int32 // vocabulary id of the word ending at the node, or -1
	lo, hi      []int32 // the words below, as a range of words
	words       []int32 // vocabulary ids in sorted order
}

// newTrie builds the trie of the given vocabulary ids, sorted by word.
func newTrie(vocab func(id int32) string, ids []int32) *trie {
	t := &trie{words: ids}
	t.addNode(0)
	for k, id := range ids {
		w := vocab(id)
		n := int32(0)
		t.hi[0] = int32(k + 1)
		for i := 0; i < len(w); i++ {
			n = t.childFor(n, w[i], int32(k))
			t.hi[n] = int32(k + 1)
		}
		t.word[n] = id
	}
	// Appending left slack in the node arrays: keep them at their size.
	t.child, t.next, t.char, t.word = slices.Clone(t.child), slices.Clone(t.next), slices.Clone(t.char), slices.Clone(t.word)
	t.lo, t.hi = slices.Clone(t.lo), slices.Clone(t.hi)
	return t
}

func (t *trie) addNode(c byte) int32 {
	t.child = append(t.child, -1)
	t.next = append(t.next, -1)
	t.char = append(t.char, c)
	t.word = append(t.word, -1)
	t.lo = append(t.lo, 0)
	t.hi = append(t.hi, 0)
	return int32(len(t.char) - 1)
}

// childFor returns n's child for c, creating it as the last child: words
// come sorted, so a new child is always greater than its siblings.
func (t *trie) childFor(n int32, c byte, k int32) int32 {
	last := int32(-1)
	for ch := t.child[n]; ch >= 0; ch = t.next[ch] {
		if t.char[ch] == c {
			return ch
		}
		last = ch
	}
	ch := t.addNode(c)
	t.lo[ch] = k
	if last < 0 {
		t.child[n] = ch
	} else {
		t.next[last] = ch
	}
	return ch
}

// fuzzyFunc receives words within the typo bound: one word (lo+1 == hi)
// or, for a prefix search, a range of words sharing a close prefix.
type fuzzyFunc func(lo, hi int32, dist int)

// fuzzy reports the words within k typos of q (optimal string alignment
// distance), or, when prefix is set, the words one of whose prefixes is.
// The first fixed letters must be right: near the root every branch is
// within two typos, and walking them all costs more than a keystroke may.
// Exact matches (distance 0) are not reported: the caller has them.
func (t *trie) fuzzy(q string, k, fixed int, prefix bool, emit fuzzyFunc) {
	if len(q) > 62 || fixed > len(q) {
		return
	}
	var rows [64][64]int32 // rows[d] is the row of the node at depth d
	for j := 0; j <= len(q); j++ {
		rows[0][j] = int32(j)
	}
	var path [64]byte
	var walk func(n int32, depth int, best int32)
	walk = func(n int32, depth int, best int32) {
		for ch := t.child[n]; ch >= 0; ch = t.next[ch] {
			d := depth + 1
			if d >= len(rows) {
				return
			}
			c := t.char[ch]
			if depth < fixed && c != q[depth] {
				continue
			}
			path[d] = c
			prev, cur := &rows[d-1], &rows[d]
			cur[0] = int32(d)
			low := cur[0]
			for j := 1; j <= len(q); j++ {
				cost := int32(1)
				if q[j-1] == c {
					cost = 0
				}
				v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
				if d > 1 && j > 1 && q[j-1] == path[d-1] && q[j-2] == c {
					v = min(v, rows[d-2][j-2]+1)
				}
				cur[j] = v
				low = min(low, v)
			}
			last := cur[len(q)]
			b := best
			if prefix {
				b = min(best, last)
			}
			if low > int32(k) {
				// No word below can come closer; in prefix mode they all
				// share a prefix already within the bound.
				if prefix && b <= int32(k) && b > 0 {
					emit(t.lo[ch], t.hi[ch], int(b))
				}
				continue
			}
			if w := t.word[ch]; w >= 0 {
				dist := last
				if prefix {
					dist = b
				}
				if dist <= int32(k) && dist > 0 {
					emit(t.lo[ch], t.lo[ch]+1, int(dist))
				}
			}
			walk(ch, d, b)
		}
	}
	walk(0, 0, int32(k+1))
}
