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
