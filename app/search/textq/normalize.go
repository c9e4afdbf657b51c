// Package textq turns what a GP types into comparable words: accents, case,
// punctuation, "st"/"saint" and ordinals are folded the same way for the
// names being searched and for the query, and a query is parsed into words
// that know whether they are being typed (prefix), optional (French
// function words) or codes (postcodes, INSEE and département codes).
// It also measures small typos (bounded edit distances).
package textq

import (
	"strings"
	"unicode/utf8"

	"atlasri/model"
)

// MaxRunes bounds the text looked at: no place or procedure name is longer,
// and absurd input (a pasted page) must not cost more than a short one.
const MaxRunes = 200

// canonical spellings of abbreviated words, applied to names and queries alike.
var canonical = map[string]string{
	"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes",
}

// stopWords are French function words: a query may carry them or not
// ("hémorroïdes qui saignent", "Saint-Denis-d'Oléron") without changing
// what it means, and names are not penalised for having them.
var stopWords = map[string]bool{
	"a": true, "au": true, "aux": true, "d": true, "de": true, "des": true, "du": true,
	"en": true, "et": true, "l": true, "la": true, "le": true, "les": true, "sur": true,
	"sous": true, "qui": true, "que": true, "dans": true, "pour": true, "par": true,
	"avec": true, "un": true, "une": true, "y": true,
}

// IsStop reports whether a normalised word is a French function word.
func IsStop(w string) bool { return stopWords[w] }

// Tokens splits s into normalised words: lower case, without diacritics,
// every character other than a-z and 0-9 a separator (hyphens,
// apostrophes, punctuation, control characters, emoji, other scripts),
// "st"/"ste" spelt "saint"/"sainte", ordinals reduced to their number
// ("15e", "1er" → "15", "1"). Only the first MaxRunes runes are read.
func Tokens(s string) []string {
	words, _ := tokens(s)
	return words
}

// Normalize is Tokens joined by single spaces.
func Normalize(s string) string {
	return strings.Join(Tokens(s), " ")
}

// tokens also returns each word as typed before canonical spelling, so
// that a word being typed ("st" of "stent") can still match as a prefix.
func tokens(s string) (words, raw []string) {
	s = Truncate(s, MaxRunes)
	folded := s
	if !isASCII(s) {
		folded = model.Fold(s) // ASCII has no accent: the loop lowercases it
	}
	var b strings.Builder
	flush := func() {
		if b.Len() == 0 {
			return
		}
		w := b.String()
		b.Reset()
		raw = append(raw, w)
		words = append(words, canonicalWord(w))
	}
	for _, r := range folded {
		if r >= 'A' && r <= 'Z' {
			r += 'a' - 'A'
		}
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			continue
		}
		flush()
	}
	flush()
	return words, raw
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Truncate cuts s after n runes.
func Truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := 0
	for pos := range s {
		if i == n {
			return s[:pos]
		}
		i++
	}
	return s
}

// canonicalWord spells abbreviations in full and reduces ordinals.
func canonicalWord(w string) string {
	if c, ok := canonical[w]; ok {
		return c
	}
	return ordinal(w)
}

// ordinal turns "15e", "1er", "2eme", "3ieme", "1ere" into their number;
// other words are returned unchanged.
func ordinal(w string) string {
	i := 0
	for i < len(w) && w[i] >= '0' && w[i] <= '9' {
		i++
	}
	if i == 0 || i == len(w) {
		return w
	}
	switch w[i:] {
	case "e", "er", "ere", "eme", "em", "ieme":
		return w[:i]
	}
	return w
}

// IsCode reports whether a normalised word is a code rather than a name:
// digits (postcode, INSEE or département code, or a prefix of one) or a
// Corsican code ("2a", "2b004").
func IsCode(w string) bool {
	if w == "" {
		return false
	}
	start := 0
	if len(w) >= 2 && w[0] == '2' && (w[1] == 'a' || w[1] == 'b') {
		start = 2
	}
	for i := start; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}
