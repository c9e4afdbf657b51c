package untrusted

import (
	"io"
	"strings"
	"unicode/utf8"
)

// Writer escapes what it writes (see Escape) before handing it on. A
// character cut between two writes is held back until the next write or
// Flush.
type Writer struct {
	w       io.Writer
	pending []byte
}

// NewWriter returns a Writer escaping to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// Write escapes p and writes it; it reports len(p) when everything went
// through.
func (e *Writer) Write(p []byte) (int, error) {
	buf := append(e.pending, p...)
	e.pending = nil
	// Hold back an incomplete character at the end.
	cut := len(buf)
	for i := len(buf) - 1; i >= 0 && i >= len(buf)-utf8.UTFMax; i-- {
		if utf8.RuneStart(buf[i]) {
			if !utf8.FullRune(buf[i:]) {
				cut = i
			}
			break
		}
	}
	e.pending = append([]byte(nil), buf[cut:]...)
	var b strings.Builder
	escape(&b, buf[:cut])
	if _, err := io.WriteString(e.w, b.String()); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush writes a character held back, escaped if it is incomplete.
func (e *Writer) Flush() error {
	if len(e.pending) == 0 {
		return nil
	}
	var b strings.Builder
	escape(&b, e.pending)
	e.pending = nil
	_, err := io.WriteString(e.w, b.String())
	return err
}
