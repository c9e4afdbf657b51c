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
