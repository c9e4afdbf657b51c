package pdfdoc

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

var body = Style{Face: Regular, Size: 10.5}

func newBuilder(t *testing.T, o Options) *Builder {
	t.Helper()
	b, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// textOps returns the text ops of a page.
func textOps(p Page) []Op {
	var out []Op
	for _, op := range p.Ops {
		if op.Kind == OpText {
			out = append(out, op)
		}
	}
	return out
}

func TestWrapStaysInsideTheTextArea(t *testing.T) {
	b := newBuilder(t, Options{})
	long := strings.Repeat("Ménorragies abondantes malgré le traitement, anémie ferriprive ; ", 12)
	b.Paragraph(body, T(long))
	doc := b.Finish()
	ops := textOps(doc.Pages[0])
	if len(ops) < 5 {
		t.Fatalf("expected several lines, got %d runs", len(ops))
	}
	right := PageWidth - MM(20)
	var lines []string
	for _, op := range ops {
		w := b.TextWidth(op.Face, op.Size, op.Text)
		if op.X < MM(20)-0.01 || op.X+w > right+0.01 {
			t.Errorf("run %q spans %.1f–%.1f, outside %.1f–%.1f", op.Text, op.X, op.X+w, MM(20), right)
		}
		lines = append(lines, op.Text)
	}
	// Nothing lost, nothing added: the lines put back together give the text.
	if got, want := strings.Join(lines, " ")+" ", long; got != want {
		t.Errorf("text changed by wrapping:\n got %q\nwant %q", got, want)
	}
}

func TestWrapRules(t *testing.T) {
	b := newBuilder(t, Options{})
	narrow := b.TextWidth(Regular, 10.5, "Objet : une demande")
	tests := []struct {
		name  string
		spans []Span
		width float64
		check func(lines []string) string
	}{
		{"no line starts with French punctuation", []Span{T("aaaa bbbb cccc : dddd ; eeee ? ffff !")}, b.TextWidth(Regular, 10.5, "aaaa bbbb cccc") + 1,
			func(lines []string) string {
				for _, l := range lines {
					if l != "" && strings.ContainsAny(l[:1], ":;?!") {
						return "line starts with punctuation: " + l
					}
				}
				return ""
			}},
		{"guillemets keep their word", []Span{T("voir « fibrome » ici")}, b.TextWidth(Regular, 10.5, "voir « fibr"),
			func(lines []string) string {
				for _, l := range lines {
					if strings.HasSuffix(l, "«") || strings.HasPrefix(l, "»") {
						return "guillemet alone at a line edge: " + strings.Join(lines, "|")
					}
				}
				return ""
			}},
		{"a word wider than the line is cut", []Span{T(strings.Repeat("x", 200))}, narrow,
			func(lines []string) string {
				if len(lines) < 2 || strings.Join(lines, "") != strings.Repeat("x", 200) {
					return "long word not cut cleanly: " + strings.Join(lines, "|")
				}
				return ""
			}},
		{"hard line breaks are kept", []Span{T("ligne un\nligne deux")}, 1000,
			func(lines []string) string {
				if strings.Join(lines, "|") != "ligne un|ligne deux" {
					return "got " + strings.Join(lines, "|")
				}
				return ""
			}},
		{"spans join without a space when the text has none", []Span{B("Objet :"), T(" suite"), B("collé")}, 1000,
			func(lines []string) string {
				if strings.Join(lines, "|") != "Objet : suitecollé" {
					return "got " + strings.Join(lines, "|")
				}
				return ""
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var lines []string
			for _, ln := range b.wrap(body, tt.spans, tt.width) {
				var sb strings.Builder
				for i, w := range ln {
					if i > 0 && w.space {
						sb.WriteString(" ")
					}
					sb.WriteString(w.text)
				}
				lines = append(lines, sb.String())
			}
			if msg := tt.check(lines); msg != "" {
				t.Error(msg)
			}
		})
	}
}

func TestSanitize(t *testing.T) {
	b := newBuilder(t, Options{})
	tests := []struct{ in, want string }{
		{"Crème brûlée 12 €, œuf, Œ, « ça »", "Crème brûlée 12 €, œuf, Œ, « ça »"},
		{"tab\there", "tab here"},
		{"bell\x07gone", "bellgone"},
		{"zero\u200bwidth", "zerowidth"},
		{"snowman ☃ and 漢", "snowman ? and ?"},
		{"a\r\nb", "a\nb"},
	}
	for _, tt := range tests {
		if got := b.sanitize(Regular, tt.in); got != tt.want {
			t.Errorf("sanitize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPagesFooterAndNumbers(t *testing.T) {
	b := newBuilder(t, Options{Footer: "Confidentiel – secret médical", PageNumbers: true, Continuation: "Suite de la lettre"})
	for i := 0; i < 80; i++ {
		b.Paragraph(body, T("Paragraphe assez long pour remplir la page, avec des accents é è à ç."))
	}
	doc := b.Finish()
	n := len(doc.Pages)
	if n < 2 {
		t.Fatalf("%d page(s), want a break", n)
	}
	for i, p := range doc.Pages {
		var texts []string
		for _, op := range textOps(p) {
			texts = append(texts, op.Text)
			if op.Y > PageHeight-MM(22) && !strings.HasPrefix(op.Text, "Confidentiel") && !strings.HasPrefix(op.Text, "Page ") {
				t.Errorf("page %d: body text %q below the bottom margin (y=%.1f)", i+1, op.Text, op.Y)
			}
		}
		all := strings.Join(texts, "\n")
		if !strings.Contains(all, "Confidentiel – secret médical") {
			t.Errorf("page %d lacks the footer", i+1)
		}
		if want := "Page " + string(rune('0'+i+1)) + "/" + string(rune('0'+n)); !strings.Contains(all, want) {
			t.Errorf("page %d lacks %q", i+1, want)
		}
		if hasCont := strings.Contains(all, "Suite de la lettre"); hasCont != (i > 0) {
			t.Errorf("page %d: continuation header present = %v", i+1, hasCont)
		}
	}
}

func TestSinglePageHasNoPageNumber(t *testing.T) {
	b := newBuilder(t, Options{PageNumbers: true})
	b.Paragraph(body, T("Court."))
	doc := b.Finish()
	if len(doc.Pages) != 1 || !slices.Contains(doc.Text(), "Court.") {
		t.Fatalf("%d pages, text %q: the paragraph is missing", len(doc.Pages), doc.Text())
	}
	for _, s := range doc.Text() {
		if strings.HasPrefix(s, "Page ") {
			t.Errorf("one-page document numbered: %q", s)
		}
	}
}

func TestPDFKeepsFrenchText(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) absent : test d'extraction du texte non exécuté")
	}
	b := newBuilder(t, Options{Info: Info{Title: "Essai"}, Footer: "Confidentiel – secret médical"})
	sample := "Objet : « embolisation » – œdème, Œil, ÀÉÈÊËÎÏÔÙÛÜŸÇ àéèêëîïôùûüÿç, 56,70 €"
	b.Paragraph(Style{Face: Bold, Size: 12}, T(sample))
	b.Checkbox(body, true, T("IRM pelvienne"), Muted(" (à confirmer)"))
	b.Checkbox(body, false, T("Frottis"))
	data, err := b.Finish().PDF()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Fatal("not a PDF")
	}
	text := pdfText(t, data)
	for _, want := range []string{sample, "X IRM pelvienne (à confirmer)", "Frottis", "Confidentiel – secret médical"} {
		if !strings.Contains(text, want) {
			t.Errorf("pdftotext lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "X Frottis") {
		t.Error("an unticked box prints as ticked")
	}
}

func pdfText(t *testing.T, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	// Spacing between runs depends on the extractor; the words must not.
	var lines []string
	for _, l := range strings.Split(string(out), "\n") {
		lines = append(lines, strings.Join(strings.Fields(l), " "))
	}
	return strings.Join(lines, "\n")
}

func TestRenderPage(t *testing.T) {
	b := newBuilder(t, Options{})
	b.Paragraph(Style{Face: Bold, Size: 20, Color: color.RGBA{0, 0, 0, 255}}, T("Titre"))
	b.HLine(1, Rule)
	doc := b.Finish()
	img, err := doc.RenderPage(0, 96)
	if err != nil {
		t.Fatal(err)
	}
	if w, h := img.Bounds().Dx(), img.Bounds().Dy(); w != 794 || h != 1123 {
		t.Errorf("A4 at 96 dpi is %d×%d, want 794×1123", w, h)
	}
	// The title's ink is in the top-left area; the bottom-right corner is blank.
	dark := func(x0, y0, x1, y1 int) int {
		n := 0
		for y := y0; y < y1; y++ {
			for x := x0; x < x1; x++ {
				if c := img.RGBAAt(x, y); c.R < 128 {
					n++
				}
			}
		}
		return n
	}
	if dark(70, 60, 200, 110) == 0 {
		t.Error("no ink where the title should be")
	}
	if n := dark(600, 900, 794, 1123); n != 0 {
		t.Errorf("%d dark pixels in the empty corner", n)
	}
	for _, bad := range []struct {
		page int
		dpi  float64
	}{{1, 96}, {-1, 96}, {0, 0}, {0, 5000}} {
		if _, err := doc.RenderPage(bad.page, bad.dpi); err == nil {
			t.Errorf("RenderPage(%d, %g) accepted", bad.page, bad.dpi)
		}
	}
}

func TestWriteFileIsOwnerOnly(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "lettre.pdf")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, []byte("%PDF-1.7 new")); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	if string(got) != "%PDF-1.7 new" {
		t.Errorf("content %q", got)
	}
	if runtime.GOOS != "windows" {
		if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
			t.Errorf("mode %v, want 0600", fi.Mode().Perm())
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
	if err := WriteFile(filepath.Join(dir, "missing", "x.pdf"), []byte("x")); err == nil || !strings.Contains(err.Error(), "impossible d'écrire") {
		t.Errorf("error = %v", err)
	}
}

// Letters may be written from several goroutines (preview, print, save):
// the parsed fonts are shared, each document must still come out whole.
func TestConcurrentDocuments(t *testing.T) {
	texts := []string{"Première lettre éèà", "Deuxième lettre ç€œ", "Troisième lettre ÀÉÎ", "Quatrième lettre ùûü"}
	done := make(chan error, len(texts))
	for _, s := range texts {
		go func() {
			b, err := New(Options{})
			if err != nil {
				done <- err
				return
			}
			for i := 0; i < 30; i++ {
				b.Paragraph(body, T(s))
			}
			doc := b.Finish()
			pdf, err := doc.PDF()
			if err != nil {
				done <- err
				return
			}
			if !bytes.HasPrefix(pdf, []byte("%PDF-")) || !bytes.Contains(pdf, []byte("%%EOF")) {
				done <- fmt.Errorf("%q: not a whole PDF (%d bytes)", s, len(pdf))
				return
			}
			if _, err := doc.RenderPage(0, 30); err != nil {
				done <- err
				return
			}
			// An empty document would pass the loop below: count first.
			if got := doc.Text(); len(got) != 30 {
				done <- fmt.Errorf("%q: %d paragraphs laid out, want 30", s, len(got))
				return
			}
			for _, got := range doc.Text() {
				if got != s {
					done <- errors.New("mixed text: " + got)
					return
				}
			}
			done <- nil
		}()
	}
	for range texts {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}
