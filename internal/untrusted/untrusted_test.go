package untrusted

import (
	"bytes"
	"strings"
	"testing"
)

func TestFindAndProblem(t *testing.T) {
	tests := []struct {
		in   string
		want string // Problem's text, "" when safe
	}{
		{"CHU d'Angers", ""},
		{"Hôpital\tNord\r\n", ""},
		{"Clinique \uFFFD remplacée", ""}, // the replacement character itself is text
		{"CHU\x00", "caractère nul U+0000 interdit (caractère 4) : retirez-le"},
		{"\x1b[31mCHU", "échappement de terminal (ESC) U+001B interdit (caractère 1) : retirez-le"},
		{"bip\a", "sonnerie (BEL) U+0007 interdit (caractère 4) : retirez-le"},
		{"é\u202Egnp.exe", "contrôle du sens d'écriture, qui fait afficher le texte dans un autre ordre U+202E interdit (caractère 2) : retirez-le"},
		{"a\u0085b", "caractère de contrôle U+0085 interdit (caractère 2) : retirez-le"},
		{"a\x7f", "caractère de contrôle U+007F interdit (caractère 2) : retirez-le"},
		{"x\xffy", "octet illisible en UTF-8 interdit (caractère 2) : retirez-le"},
	}
	for _, tt := range tests {
		if got := Problem(tt.in); got != tt.want {
			t.Errorf("Problem(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"CHU d'Angers\n", "CHU d'Angers\n"},
		{"\x1b]0;titre\a", `\u001b]0;titre\u0007`},
		{"a\u202Eb", `a\u202eb`},
		{"\x00\x9b", `\u0000\x9b`},
		{"é\tà\r\n", "é\tà\r\n"},
	}
	for _, tt := range tests {
		if got := Escape(tt.in); got != tt.want {
			t.Errorf("Escape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// A character cut between two writes is written whole, and nothing
// unsafe gets through whatever the cuts.
func TestWriterAcrossWrites(t *testing.T) {
	in := "Hôpital \x1b[2J\u202Eélysée\a fin"
	want := Escape(in)
	for cut := 0; cut <= len(in); cut++ {
		for cut2 := cut; cut2 <= len(in); cut2++ {
			var out bytes.Buffer
			w := NewWriter(&out)
			for _, part := range []string{in[:cut], in[cut:cut2], in[cut2:]} {
				if n, err := w.Write([]byte(part)); err != nil || n != len(part) {
					t.Fatalf("Write = %d, %v", n, err)
				}
			}
			if err := w.Flush(); err != nil {
				t.Fatal(err)
			}
			if out.String() != want {
				t.Fatalf("cuts %d,%d: %q, want %q", cut, cut2, out.String(), want)
			}
		}
	}
	var out bytes.Buffer
	w := NewWriter(&out)
	w.Write([]byte("fin tronquée \xc3"))
	w.Flush()
	if !strings.HasSuffix(out.String(), `\xc3`) {
		t.Errorf("an incomplete character at the end: %q", out.String())
	}
}

func FuzzEscape(f *testing.F) {
	for _, s := range []string{"", "CHU", "\x1b[31m", "\u202E", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e := Escape(s)
		if _, _, bad := Find(e); bad {
			t.Errorf("Escape(%q) = %q still holds an unsafe character", s, e)
		}
		if Problem(s) == "" && e != s {
			t.Errorf("safe text changed: %q → %q", s, e)
		}
	})
}
