package letter

import (
	"regexp"
	"strings"
	"testing"
)

// TestSheetPlainLanguage checks the patient sheet's reading level with
// numbers a test can hold: short sentences (at most 30 words, 16 on
// average — the project's own thresholds for a sheet read by patients),
// and no patient identity at all (the sheet is handed over and may be
// printed before the letter: nothing there to get wrong under the INS
// rules).
func TestSheetPlainLanguage(t *testing.T) {
	l := compose(t, angers, fibroids, sample())
	data, err := l.Sheet().PDF()
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, data)
	for _, secret := range []string{"DUPONT", "DURAND", "1975", "49099", "123 65"} {
		if strings.Contains(text, secret) {
			t.Errorf("the sheet carries patient data %q", secret)
		}
	}
	// Sentences end with . ? ! : or a bullet; the footer and page marks go.
	parts := regexp.MustCompile(`[.?!:•]\s`).Split(text, -1)
	words, sentences, longest := 0, 0, 0
	for _, p := range parts {
		n := len(strings.Fields(p))
		if n < 3 {
			continue
		}
		sentences++
		words += n
		if n > longest {
			longest = n
		}
		if n > 30 {
			t.Errorf("sentence of %d words: %q", n, p)
		}
	}
	avg := float64(words) / float64(sentences)
	t.Logf("patient sheet: %d sentences, %.1f words on average, longest %d", sentences, avg, longest)
	if avg > 16 {
		t.Errorf("average sentence of %.1f words (16 at most)", avg)
	}
}
