package textq

import (
	"atlasri/model"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParse feeds arbitrary text to the query parser: it must never fail,
// and what it returns must be usable as is by the index (bounded, plain
// lower-case ASCII words, codes and flags consistent).
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"", "saint-étienne", "ST ETIENNE", "hémorroïdes qui saignent", "49300", "2A004",
		"Paris 15e", "\"fibrome\" OR 1=1; --", "NEAR(a b) AND c:*", "\x00\xff\xfe", "🩻🙂",
		strings.Repeat("é", 500), strings.Repeat("œ", 300), "l'haÿ-les-roses ", "st", "1er", "la le",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q := Parse(s)
		if len(q.Words) > MaxWords {
			t.Fatalf("%d words", len(q.Words))
		}
		var texts []string
		for i, w := range q.Words {
			if w.Text == "" || len(w.Text) > 4*MaxRunes {
				t.Fatalf("word %d: %q", i, w.Text)
			}
			for j := 0; j < len(w.Text); j++ {
				c := w.Text[j]
				if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
					t.Fatalf("word %q has byte %q", w.Text, c)
				}
			}
			if w.Code != IsCode(w.Text) {
				t.Fatalf("word %q: Code %v", w.Text, w.Code)
			}
			if w.Prefix && i != len(q.Words)-1 {
				t.Fatalf("prefix word %d of %d", i, len(q.Words))
			}
			if w.Prefix && w.Stop {
				t.Fatalf("word being typed %q is optional", w.Text)
			}
			texts = append(texts, w.Text)
		}
		if q.Text != strings.Join(texts, " ") || !utf8.ValidString(q.Text) {
			t.Fatalf("Text %q", q.Text)
		}
		if len(q.Words) > 0 && q.Required() == 0 {
			t.Fatal("no required word")
		}
		// Normalising twice changes nothing (short of the length bound:
		// folding "œ" makes two letters of one).
		if n := Normalize(q.Text); n != q.Text && len(q.Words) < MaxWords && len(q.Text) <= MaxRunes {
			t.Fatalf("Normalize(%q) = %q", q.Text, n)
		}
		for _, w := range q.Words {
			if d := model.TypoDistance(w.Text, w.Text, 2); d != 0 {
				t.Fatalf("TypoDistance(%q, itself) = %d", w.Text, d)
			}
		}
	})
}
