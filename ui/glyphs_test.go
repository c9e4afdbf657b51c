package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2/theme"
	"github.com/go-text/typesetting/font"
)

// The program is built with the tag no_emoji (Makefile, packaging): Fyne
// then neither embeds its colour emoji font nor parses it for every text
// style, about 15 MB of the window's memory.
func TestBuiltWithoutEmojiFont(t *testing.T) {
	if theme.DefaultEmojiFont() != nil {
		t.Fatal("construit sans l'étiquette no_emoji : lancez les tests par `make test`, ou avec `-tags=no_emoji` (voir README)")
	}
}

// Without the emoji font, a character missing from the window's font (Noto
// Sans) falls back to whatever the computer has, or to an empty box. Every
// character the window writes itself must therefore be in Noto Sans.
func TestWindowTextIsInTheWindowFont(t *testing.T) {
	faces := map[string]*font.Face{}
	for _, r := range []struct {
		name string
		data []byte
	}{{"regular", theme.DefaultTextFont().Content()}, {"bold", theme.DefaultTextBoldFont().Content()}, {"italic", theme.DefaultTextItalicFont().Content()}} {
		f, err := font.ParseTTF(bytes.NewReader(r.data))
		if err != nil {
			t.Fatal(err)
		}
		faces[r.name] = f
	}
	var files []string
	for _, pattern := range []string{"*.go", "widgets/*.go", "mapview/*.go", "translations/*.json"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	checked := 0
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for line, text := range strings.Split(string(b), "\n") {
			for _, r := range text {
				if r < 0x80 || r == utf8.RuneError {
					continue
				}
				checked++
				for name, f := range faces {
					if _, ok := f.NominalGlyph(r); !ok {
						t.Errorf("%s:%d : « %c » (%U) absent de Noto Sans (%s)", path, line+1, r, r, name)
					}
				}
			}
		}
	}
	if checked < 100 {
		t.Fatalf("seulement %d caractères non ASCII lus dans %d fichiers : le test ne lit pas les textes de la fenêtre", checked, len(files))
	}
}
