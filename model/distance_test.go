package model

import "testing"

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "abc", 3},
		{"abc", "", 3},
		{"search", "search", 0},
		{"serch", "search", 1},        // one deletion
		{"searchh", "search", 1},      // one insertion
		{"seerch", "search", 1},       // one substitution
		{"saerch", "search", 2},       // a swap is two edits, not one
		{"kitten", "sitting", 3},      // the textbook case
		{"telephone", "téléphone", 2}, // accents count per rune, not per byte
		{"Nom", "nom", 1},             // case is the caller's business
		{"map", "directory", 9},       // nothing in common: the longer length
	}
	for _, tt := range tests {
		if got := EditDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("EditDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := EditDistance(tt.b, tt.a); got != tt.want {
			t.Errorf("EditDistance(%q, %q) = %d, want %d (not symmetric)", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestTypoDistance(t *testing.T) {
	tests := []struct {
		a, b      string
		max, want int
	}{
		{"cholet", "cholet", 2, 0},
		{"chollet", "cholet", 2, 1},
		{"vertebroplsatie", "vertebroplastie", 2, 1}, // a swap counts one
		{"myome", "myomes", 1, 1},
		{"abcdef", "ghijkl", 2, 3}, // beyond max: max+1
		{"a", "abcd", 1, 2},        // length gap alone exceeds max
		{"", "ab", 2, 2},
		{"saerch", "search", 2, 1}, // where EditDistance counts two
		{"é", "e", 1, 1},           // runes, not bytes
	}
	for _, tt := range tests {
		if got := TypoDistance(tt.a, tt.b, tt.max); got != tt.want {
			t.Errorf("TypoDistance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.max, got, tt.want)
		}
	}
}

func TestTypoPrefixDistance(t *testing.T) {
	tests := []struct {
		a, b      string
		max, want int
	}{
		{"angl", "angers", 1, 1},
		{"angl", "anglet", 1, 0},
		{"vertebroplst", "vertebroplastie", 2, 1},
		{"xyz", "angers", 1, 2},
	}
	for _, tt := range tests {
		if got := TypoPrefixDistance(tt.a, tt.b, tt.max); got != tt.want {
			t.Errorf("TypoPrefixDistance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.max, got, tt.want)
		}
	}
}
