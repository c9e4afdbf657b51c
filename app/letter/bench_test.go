package letter

import "testing"

// BenchmarkLetterPDF measures what "Enregistrer" costs: checking the input,
// laying the letter out and writing the PDF with its embedded font subsets.
func BenchmarkLetterPDF(b *testing.B) {
	d, err := NewDraft(ref(b), angers, fibroids)
	if err != nil {
		b.Fatal(err)
	}
	in := sample()
	for b.Loop() {
		l, err := Compose(d, gp(), in, letterDate)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := l.PDF(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLetterPreview measures one refresh of the form's live preview:
// composing the letter and drawing its first page at 96 dpi.
func BenchmarkLetterPreview(b *testing.B) {
	d, err := NewDraft(ref(b), angers, fibroids)
	if err != nil {
		b.Fatal(err)
	}
	in := sample()
	for b.Loop() {
		l, _ := Preview(d, gp(), in, letterDate)
		doc, err := l.Document()
		if err != nil {
			b.Fatal(err)
		}
		if _, err := doc.RenderPage(0, 96); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSheetPDF measures the patient information sheet.
func BenchmarkSheetPDF(b *testing.B) {
	l := compose(b, angers, fibroids, sample())
	for b.Loop() {
		if _, err := l.Sheet().PDF(); err != nil {
			b.Fatal(err)
		}
	}
}
