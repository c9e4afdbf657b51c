package resources

import (
	"os"
	"strings"
	"testing"

	"golang.org/x/image/font/sfnt"
)

// The three faces parse, are the Noto Sans the licence file names, and
// draw French text.
func TestFonts(t *testing.T) {
	fs := Fonts()
	for _, tt := range []struct {
		name string
		data []byte
	}{{"Noto Sans Regular", fs.Regular}, {"Noto Sans Bold", fs.Bold}, {"Noto Sans Italic", fs.Italic}} {
		f, err := sfnt.Parse(tt.data)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		var buf sfnt.Buffer
		if full, _ := f.Name(&buf, sfnt.NameIDFull); full != tt.name {
			t.Errorf("full name %q, want %q", full, tt.name)
		}
		for _, r := range "éèàçœŒ«»€’" {
			if gi, err := f.GlyphIndex(&buf, r); err != nil || gi == 0 {
				t.Errorf("%s has no glyph for %q", tt.name, r)
			}
		}
	}
	ofl, err := os.ReadFile("fonts/OFL.txt")
	if err != nil || !strings.Contains(string(ofl), "SIL OPEN FONT LICENSE Version 1.1") || !strings.Contains(string(ofl), "Copyright 2015 Google Inc.") {
		t.Errorf("fonts/OFL.txt does not carry the licence and copyright: %v", err)
	}
}
