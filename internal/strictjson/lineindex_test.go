package strictjson

import (
	"strings"
	"testing"
)

// Positions come out right whatever the order they are asked in, across
// lines and multi-byte characters.
func TestLineIndexPos(t *testing.T) {
	data := []byte("ab\nçé\"x\nz")
	li := NewLineIndex(data)
	tests := []struct{ off, line, col int }{
		{0, 1, 1}, {2, 1, 3}, {3, 2, 1}, {7, 2, 3}, {5, 2, 2}, {8, 2, 4}, {9, 2, 5}, {10, 3, 1}, {1, 1, 2}, {99, 3, 2}, {6, 2, 3},
	}
	for _, tt := range tests {
		if l, c := li.Pos(tt.off); l != tt.line || c != tt.col {
			t.Errorf("Pos(%d) = %d:%d, want %d:%d", tt.off, l, c, tt.line, tt.col)
		}
	}
}

// A directory exported on one line (half a megabyte) must not cost one
// pass per value: before the cache, a 75-centre import took 3.5 s here.
func BenchmarkLineIndexOneLine(b *testing.B) {
	data := []byte(strings.Repeat(`{"name":"Hôpital","x":1},`, 20000))
	for b.Loop() {
		li := NewLineIndex(data)
		for off := 0; off < len(data); off += 64 {
			li.Pos(off)
		}
	}
}
