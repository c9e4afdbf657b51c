package pdfdoc

import (
	"strings"
	"unicode"
)

// word is an unbreakable piece of text.
type word struct {
	text  string
	face  Face
	muted bool
	width float64
	// space says whether a space separates it from the previous word.
	space bool
	// newline forces a line break before the word.
	newline bool
}

type line []word

// wrap breaks spans into lines no wider than width.
func (b *Builder) wrap(st Style, spans []Span, width float64) []line {
	words := b.words(st, spans)
	var lines []line
	var cur line
	curW := 0.0
	for _, w := range words {
		gap := 0.0
		if w.space && len(cur) > 0 {
			gap = b.fonts.faces[w.face].width(" ", st.Size)
		}
		switch {
		case w.newline:
			lines = append(lines, cur)
			cur, curW = nil, 0
			gap = 0
		case len(cur) > 0 && curW+gap+w.width > width && breakable(cur, w):
			lines = append(lines, cur)
			cur, curW = nil, 0
			gap = 0
		}
		// A word wider than the whole line is cut where it must be.
		for len(cur) == 0 && w.width > width && len([]rune(w.text)) > 1 {
			head, tail := b.cut(w, st.Size, width)
			lines = append(lines, line{head})
			w = tail
		}
		cur = append(cur, w)
		curW += gap + w.width
	}
	if len(cur) > 0 || len(lines) == 0 {
		lines = append(lines, cur)
	}
	return lines
}

// breakable says whether a line may break between the line so far and w.
// French puts a space before ":;?!" and inside « »; those must stay on
// the same line as their neighbours.
func breakable(cur line, w word) bool {
	if !w.space {
		return false
	}
	if r := []rune(w.text); len(r) > 0 && strings.ContainsRune(":;?!»", r[0]) {
		return false
	}
	return cur[len(cur)-1].text != "«"
}

// cut splits w so that its head fits in width.
func (b *Builder) cut(w word, size, width float64) (word, word) {
	r := []rune(w.text)
	m := b.fonts.faces[w.face]
	n := 1
	for n < len(r) && m.width(string(r[:n+1]), size) <= width {
		n++
	}
	head, tail := w, w
	head.text, tail.text = string(r[:n]), string(r[n:])
	head.width, tail.width = m.width(head.text, size), m.width(tail.text, size)
	tail.space, tail.newline = false, false
	return head, tail
}

// words splits spans into words, remembering where spaces and line breaks
// were, across span boundaries.
func (b *Builder) words(st Style, spans []Span) []word {
	var out []word
	space, newline := false, false
	for _, sp := range spans {
		face := st.Face
		if sp.Own {
			face = sp.Face
		}
		text := b.sanitize(face, sp.Text)
		start := -1
		flush := func(end int) {
			if start < 0 {
				return
			}
			t := text[start:end]
			out = append(out, word{text: t, face: face, muted: sp.Muted, width: b.fonts.faces[face].width(t, st.Size),
				space: space && len(out) > 0, newline: newline && len(out) > 0})
			start, space, newline = -1, false, false
		}
		for i, r := range text {
			switch {
			case r == '\n':
				flush(i)
				newline = true
			case r == ' ':
				flush(i)
				space = true
			case start < 0:
				start = i
			}
		}
		flush(len(text))
	}
	return out
}

// sanitize replaces what the face cannot draw: control characters and
// tabs become spaces, other missing glyphs a question mark, so that no
// text silently disappears from a letter.
func (b *Builder) sanitize(face Face, s string) string {
	m := b.fonts.faces[face]
	clean := true
	for _, r := range s {
		if r != '\n' && (r < 0x20 || r == 0x7f || unicode.Is(unicode.Cf, r) || !m.has(r)) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var sb strings.Builder
	for _, r := range strings.ReplaceAll(s, "\r\n", "\n") {
		switch {
		case r == '\n':
			sb.WriteRune(r)
		case r == '\t' || r == '\r' || (unicode.IsSpace(r) && !m.has(r)):
			sb.WriteRune(' ')
		case unicode.IsSpace(r):
			sb.WriteRune(r) // such as a no-break space, which keeps words together
		case r < 0x20 || r == 0x7f || unicode.Is(unicode.Cf, r):
			// dropped: invisible control or format character
		case !m.has(r):
			sb.WriteRune('?')
		default:
			sb.WriteRune(r)
		}
	}
	return sb.String()
}
