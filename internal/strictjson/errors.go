package strictjson

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"atlasri/model"
)

// Error is a problem in a JSON document, in French, with its position.
type Error struct {
	Offset       int // byte offset in the document
	Line, Column int // from 1; the column counts characters
	// Field is the key concerned, as a dotted path for Decode
	// ("patient.birth_date"), or "" when none.
	Field string
	Msg   string
	// Unknown is set for a field the target does not have, so that a
	// caller can say where the fields are documented.
	Unknown bool
}

func (e *Error) Error() string {
	if e.Line == 0 {
		return e.Msg
	}
	return fmt.Sprintf("%s (ligne %d, colonne %d)", e.Msg, e.Line, e.Column)
}

func newError(data []byte, off int, field, msg string) *Error {
	line, col := NewLineIndex(data).Pos(off)
	return &Error{Offset: off, Line: line, Column: col, Field: field, Msg: msg}
}

// LineIndex turns byte offsets into line and character column numbers.
// A parser asks for positions in increasing order: the last answer is
// kept, so that a whole file on one line (an export) costs one pass, not
// one pass per value. Not for concurrent use.
type LineIndex struct {
	data   []byte
	starts []int // byte offset of each line's first byte
	last   *lastPos
}

// lastPos is the position last computed.
type lastPos struct{ off, line, col int }

// NewLineIndex indexes the lines of data.
func NewLineIndex(data []byte) LineIndex {
	starts := []int{0}
	for i, c := range data {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return LineIndex{data: data, starts: starts, last: &lastPos{line: 1, col: 1}}
}

// Pos returns the 1-based line and character column of a byte offset.
func (li LineIndex) Pos(offset int) (line, col int) {
	offset = max(0, min(offset, len(li.data)))
	line = sort.Search(len(li.starts), func(i int) bool { return li.starts[i] > offset })
	start := li.starts[line-1]
	if l := li.last; l != nil && l.line == line && l.off >= start && l.off <= offset {
		// Count on from the last position on the same line.
		col = l.col + utf8.RuneCount(li.data[l.off:offset])
	} else {
		col = utf8.RuneCount(li.data[start:offset]) + 1
	}
	if li.last != nil {
		*li.last = lastPos{off: offset, line: line, col: col}
	}
	return line, col
}

// DidYouMean proposes the known name closest to a misspelt one (at most
// two edits away), as " ; vouliez-vous dire « … » ?", or "".
func DidYouMean(got string, known []string) string {
	best, bestD := "", 3
	for _, k := range known {
		if d := model.EditDistance(strings.ToLower(got), k); d < bestD {
			best, bestD = k, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" ; vouliez-vous dire « %s » ?", best)
}
