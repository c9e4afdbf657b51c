package model

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

var stripMarks = transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)

// Fold lowercases s and removes its diacritics and ligatures, so that
// "Saint-Étienne", "SAINT-ETIENNE" and "saint-étienne" compare equal.
func Fold(s string) string {
	out, _, err := transform.String(stripMarks, s)
	if err != nil {
		out = s
	}
	out = strings.ToLower(out)
	return strings.NewReplacer("œ", "oe", "æ", "ae", "ß", "ss").Replace(out)
}

// Slug turns a name into a stable identifier: folded, with every run of
// other characters than letters and digits replaced by one hyphen.
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range Fold(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	return b.String()
}
