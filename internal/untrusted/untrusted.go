// Package untrusted is the one place that knows which characters of text
// from outside (a directory file, a note, a command-line argument) must
// never reach a terminal or a stored directory: control characters
// (NUL, BEL, the ESC of terminal escape sequences, C1 controls) and the
// bidirectional controls that make text display in another order than it
// reads (U+202E...). Importers refuse them with Find; everything printed
// to a terminal goes through Escape or a Writer, which make them visible.
package untrusted

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Unsafe reports whether r must not appear in text from outside. Tab,
// line feed and carriage return are allowed: they are ordinary white space
// in a cell or a note.
func Unsafe(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return false
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// Find returns the first unsafe character of s and its position (in
// characters, from 1), or ok false when there is none. Invalid UTF-8
// counts as unsafe (reported as utf8.RuneError).
func Find(s string) (r rune, at int, ok bool) {
	n := 0
	for i, c := range s {
		n++
		if Unsafe(c) || (c == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD")) {
			return c, n, true
		}
	}
	return 0, 0, false
}

// Name describes an unsafe character in French: its code point and what
// it does.
func Name(r rune) string {
	what := "caractère de contrôle"
	switch {
	case r == 0:
		what = "caractère nul"
	case r == 0x07:
		what = "sonnerie (BEL)"
	case r == 0x1b:
		what = "échappement de terminal (ESC)"
	case r == 0x08:
		what = "retour arrière"
	case r == 0x061c || r == 0x200e || r == 0x200f || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069):
		what = "contrôle du sens d'écriture, qui fait afficher le texte dans un autre ordre"
	case r == utf8.RuneError:
		return "octet illisible en UTF-8"
	}
	return fmt.Sprintf("%s U+%04X", what, r)
}

// Problem says in French why s is refused, or "" when it is safe.
func Problem(s string) string {
	r, at, ok := Find(s)
	if !ok {
		return ""
	}
	return fmt.Sprintf("%s interdit (caractère %d) : retirez-le", Name(r), at)
}

// Escape makes the unsafe characters of s visible as \u001b, so that s can
// be printed to a terminal as it is; the form is valid inside a JSON
// string too. Invalid UTF-8 bytes become \x9b.
func Escape(s string) string {
	var b strings.Builder
	escape(&b, []byte(s))
	return b.String()
}

func escape(b *strings.Builder, p []byte) {
	for len(p) > 0 {
		r, size := utf8.DecodeRune(p)
		switch {
		case r == utf8.RuneError && size <= 1:
			fmt.Fprintf(b, `\x%02x`, p[0])
		case Unsafe(r):
			fmt.Fprintf(b, `\u%04x`, r)
		default:
			b.Write(p[:size])
		}
		p = p[size:]
	}
}
