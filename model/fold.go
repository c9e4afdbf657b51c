package model

import (
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// stripMarks holds transformers, which keep state between calls: each
// goroutine takes its own.
var stripMarks = sync.Pool{New: func() any {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}}

var ligatures = strings.NewReplacer("œ", "oe", "æ", "ae", "ß", "ss")

// Fold lowercases s and removes its diacritics and ligatures, so that
// "Saint-Étienne", "SAINT-ETIENNE" and "saint-étienne" compare equal. It is
// safe for concurrent use.
func Fold(s string) string {
	t := stripMarks.Get().(transform.Transformer)
	out, _, err := transform.String(t, s)
	stripMarks.Put(t)
	if err != nil {
		out = s
	}
	return ligatures.Replace(strings.ToLower(out))
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
