package textq

import (
	"strings"
	"unicode/utf8"

	"atlasri/model"
)

// MaxWords bounds the words of a query: no name needs more, and each word
// costs a pass over the index.
const MaxWords = 8

// Word is one normalised word of a query.
type Word struct {
	Text string
	// Raw is the word as typed before canonical spelling ("st" for
	// "saint"); equal to Text for most words.
	Raw string
	// Prefix marks the word being typed: the last one, unless the text
	// ends with a separator. It also matches longer words.
	Prefix bool
	// Stop marks a French function word that a match may lack.
	Stop bool
	// Code marks digits or a Corsican code: postcodes, INSEE codes,
	// département numbers. Codes are never matched with typos.
	Code bool
}

// Query is parsed user text.
type Query struct {
	Words []Word
	// Text is the normalised query, words joined by single spaces.
	Text string
}

// Empty reports whether nothing searchable was typed.
func (q Query) Empty() bool { return len(q.Words) == 0 }

// Required counts the words a match must have.
func (q Query) Required() int {
	n := 0
	for _, w := range q.Words {
		if !w.Stop {
			n++
		}
	}
	return n
}

// HasName reports whether some word is a name rather than a code.
func (q Query) HasName() bool {
	for _, w := range q.Words {
		if !w.Code {
			return true
		}
	}
	return false
}

// Parse reads free text typed by a user. It never fails: text without
// anything searchable gives an empty query.
func Parse(s string) Query {
	words, raw := tokens(s)
	if len(words) > MaxWords {
		words, raw = words[:MaxWords], raw[:MaxWords]
	}
	q := Query{Words: make([]Word, len(words)), Text: strings.Join(words, " ")}
	typing := !endsWithSeparator(Truncate(s, MaxRunes))
	allStop := true
	for i, w := range words {
		q.Words[i] = Word{Text: w, Raw: raw[i], Code: IsCode(w), Stop: stopWords[w]}
		allStop = allStop && q.Words[i].Stop
	}
	if n := len(q.Words); n > 0 && typing {
		// The word being typed may be the start of a longer one: it must
		// match, even if it reads like a function word ("de" of "denis").
		q.Words[n-1].Prefix = true
		q.Words[n-1].Stop = false
		if last := q.Words[n-1]; last.Code && last.Raw != last.Text {
			q.Words[n-1].Prefix = false // an ordinal ("1er") is complete
		}
	}
	if allStop {
		for i := range q.Words {
			q.Words[i].Stop = false
		}
	}
	return q
}

// endsWithSeparator reports whether the last character of s ends a word.
func endsWithSeparator(s string) bool {
	if s == "" {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	f := model.Fold(string(r))
	if f == "" {
		return true
	}
	c := f[len(f)-1]
	return !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
}
