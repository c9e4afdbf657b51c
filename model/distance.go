package model

// The one edit distance of Atlas RI, in two flavours that share the table
// below: EditDistance (Levenshtein, for proposing a command, a field or an
// id the user probably meant) and TypoDistance / TypoPrefixDistance
// (optimal string alignment, where swapping two adjacent letters is one
// typo, as the search's trie counts them; the trie walks the same table
// row by row and its tests compare it with these).

// EditDistance is the Levenshtein distance between a and b, counted in
// runes: the fewest insertions, deletions and substitutions turning one
// into the other (a swap of two letters counts two). It is meant for short
// names (commands, field names, known values).
func EditDistance(a, b string) int {
	full, _ := align([]rune(a), []rune(b), false, -1)
	return full
}

// TypoDistance is the optimal string alignment distance between a and b
// (insertions, deletions, substitutions and swaps of two adjacent letters
// each count one), or max+1 when it exceeds max.
func TypoDistance(a, b string, max int) int {
	full, _ := align([]rune(a), []rune(b), true, max)
	return full
}

// TypoPrefixDistance is the smallest TypoDistance between a and a prefix
// of b ("vertebroplst" is one typo from a prefix of "vertebroplastie"), or
// max+1 when it exceeds max.
func TypoPrefixDistance(a, b string, max int) int {
	_, pre := align([]rune(a), []rune(b), true, max)
	return pre
}

// align fills the alignment table of a (rows) against b (columns) and
// returns the full distance and the best distance to a prefix of b. With
// max >= 0 both are capped at max+1 and rows stop early once every cell
// exceeds max; max < 0 means no bound.
func align(a, b []rune, swaps bool, max int) (full, pre int) {
	over := len(a) + len(b) + 1
	if max >= 0 {
		over = max + 1
	}
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if swaps && i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			best = min(best, v)
		}
		if max >= 0 && best > max {
			return over, over
		}
		prev2, prev, cur = prev, cur, prev2
	}
	full, pre = min(prev[len(b)], over), over
	for _, v := range prev {
		pre = min(pre, v)
	}
	return full, pre
}
