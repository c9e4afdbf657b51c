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
	}
	return n, err
}

// pos returns the line and column (1-based) of a byte offset, 0, 0 when
// it is no longer known.
func (l *lineReader) pos(off int64) (line, col int) {
	i := off - l.base
	if i < 0 || i > int64(len(l.buf)) {
		return 0, 0
	}
	before := l.buf[:i]
	line = l.baseLine + bytes.Count(before, []byte{'\n'}) + 1
	col = int(i) - bytes.LastIndexByte(before, '\n')
	return line, col
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
	line, _ := l.pos(i + l.base)
	return line
}
