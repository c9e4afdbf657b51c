package finessplus

import (
	"bytes"
	"io"
)

// lineReader passes a stream through and remembers enough of it to turn
// a byte offset back into a line and column: the bytes of the last few
// megabytes, and how many lines came before them. The JSON decoder reads
// ahead, but never more than the value it decodes, so the offsets it
// reports fall in what is kept.
type lineReader struct {
	r        io.Reader
	buf      []byte // the bytes from offset base on
	base     int64
	baseLine int // lines before base (0-based)
	// mark remembers the last offset asked and the lines before it: the
	// values of a list come in order, so each count starts from there.
	markOff  int64
	markLine int
}

// keep is how much is kept after a trim; trimAt when to trim.
const (
	keep   = 8 << 20
	trimAt = 16 << 20
)

func (l *lineReader) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	l.buf = append(l.buf, p[:n]...)
	if len(l.buf) > trimAt {
		drop := len(l.buf) - keep
		l.baseLine += bytes.Count(l.buf[:drop], []byte{'\n'})
		l.base += int64(drop)
		l.buf = append(l.buf[:0], l.buf[drop:]...)
		if l.markOff < l.base {
			l.markOff, l.markLine = l.base, l.baseLine
		}
	}
	return n, err
}

// pos returns the line and column (1-based) of a byte offset, 0, 0 when
// it is no longer known. For error messages: the column costs a scan
// back to the line's start.
func (l *lineReader) pos(off int64) (line, col int) {
	line = l.line(off)
	if line == 0 {
		return 0, 0
	}
	i := off - l.base
	return line, int(i) - bytes.LastIndexByte(l.buf[:i], '\n')
}

// line returns the line (1-based) of a byte offset, 0 when it is no
// longer known, counting from the last offset asked when it can.
func (l *lineReader) line(off int64) int {
	i := off - l.base
	if i < 0 || i > int64(len(l.buf)) {
		return 0
	}
	from, lines := l.base, l.baseLine
	if l.markOff >= l.base && l.markOff <= off {
		from, lines = l.markOff, l.markLine
	}
	lines += bytes.Count(l.buf[from-l.base:i], []byte{'\n'})
	l.markOff, l.markLine = off, lines
	return lines + 1
}

// valueStart returns the line of the first byte at or after off that is
// not white space or a comma: where the next value starts.
func (l *lineReader) valueStart(off int64) int {
	i := off - l.base
	for i >= 0 && i < int64(len(l.buf)) {
		switch l.buf[i] {
		case ' ', '\t', '\r', '\n', ',':
			i++
			continue
		}
		break
	}
	return l.line(i + l.base)
}
