package textq

// MaxEdits is the number of typos tolerated in a word: none in codes and
// short words (too many other words are one letter away), one from five
// letters, two from eight (the search then wants the first letter right).
// The word being typed tolerates one typo from four letters, since its
// end is still missing ("angl" → Angers).
func MaxEdits(w Word) int {
	n := len(w.Text)
	switch {
	case w.Code:
		return 0
	case n >= 8:
		return 2
	case n >= 5:
		return 1
	case n == 4 && w.Prefix:
		return 1
	}
	return 0
}

// Distance is the optimal string alignment distance between two ASCII
// words (insertions, deletions, substitutions and swaps of two adjacent
// letters each count one), or max+1 when it exceeds max.
func Distance(a, b string, max int) int {
	d, _ := distances(a, b, max, false)
	return d
}

// PrefixDistance is the smallest Distance between a and a prefix of b
// ("vertebroplst" is one typo from a prefix of "vertebroplastie"), or
// max+1 when it exceeds max.
func PrefixDistance(a, b string, max int) int {
	_, p := distances(a, b, max, true)
	return p
}

// distances fills the alignment table of a (rows) against b (columns),
// giving the full distance and the best distance to a prefix of b.
// Rows stop early once every cell exceeds max.
func distances(a, b string, max int, prefix bool) (full, pre int) {
	la, lb := len(a), len(b)
	over := max + 1
	if !prefix && abs(la-lb) > max {
		return over, over
	}
	if la > 64 || lb > 64 {
		// Words are short; longer input is garbage and never a typo.
		if a == b {
			return 0, 0
		}
		return over, over
	}
	var rows [3][65]int
	prev2, prev, cur := &rows[0], &rows[1], &rows[2]
	for j := 0; j <= lb; j++ {
		prev[j] = j
	}
	for i := 1; i <= la; i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= lb; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			best = min(best, v)
		}
		if best > max {
			return over, over
		}
		prev2, prev, cur = prev, cur, prev2
	}
	full = min(prev[lb], over)
	pre = over
	for j := 0; j <= lb; j++ {
		pre = min(pre, prev[j])
	}
	return full, pre
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
