package listdoc

import (
	"image"
	"image/color"
	"image/draw"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"atlasri/app/pdfdoc"
)

func sample(rows int) List {
	img := image.NewRGBA(image.Rect(0, 0, 400, 300))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.RGBA{0x20, 0x60, 0xa0, 0xff}), image.Point{}, draw.Src)
	l := List{Title: "Embolisation des fibromes utérins", Subtitle: "autour de Cholet (49), à moins de 50 km",
		Date: "26/11/2026", Notice: "Annuaire de démonstration : offre indicative.", Summary: "2 centres.", Map: img}
	for i := 0; i < rows; i++ {
		l.Rows = append(l.Rows, Row{Number: i + 1, Name: "CHU d'Angers", Place: "Angers (49)", Distance: "54 km",
			Procedures: []string{"Embolisation des fibromes utérins"}, Caveat: "offre indicative, à confirmer auprès du centre"})
	}
	return l
}

func TestDocument(t *testing.T) {
	doc, err := sample(3).Document()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(doc.Text(), "\n")
	for _, want := range []string{"Embolisation des fibromes utérins", "autour de Cholet", "1. CHU d'Angers", "3. CHU d'Angers", "Angers (49) · 54 km", "offre indicative"} {
		if !strings.Contains(text, want) {
			t.Errorf("list lacks %q", want)
		}
	}
	images := 0
	for _, op := range doc.Pages[0].Ops {
		if op.Kind == pdfdoc.OpImage {
			images++
			if op.W <= 0 || op.H <= 0 || op.H/op.W < 0.74 || op.H/op.W > 0.76 {
				t.Errorf("map drawn %gx%g, want the image's 4:3 ratio", op.W, op.H)
			}
		}
	}
	if images != 1 {
		t.Errorf("%d images on page 1, want the map once", images)
	}
	if long, _ := sample(60).Document(); len(long.Pages) < 2 {
		t.Errorf("60 centres fit on %d page", len(long.Pages))
	}
	page, err := doc.RenderPage(0, 50)
	if err != nil {
		t.Fatal(err)
	}
	if c := page.RGBAAt(page.Bounds().Dx()/2, page.Bounds().Dy()/4); c.B < 0x80 || c.R > 0x40 {
		t.Errorf("map not drawn in the preview: pixel %v", c)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext absent: PDF text not checked")
	}
	pdf, err := doc.PDF()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "list.pdf")
	os.WriteFile(path, pdf, 0o600)
	out, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil || !strings.Contains(string(out), "CHU d'Angers") || !strings.Contains(string(out), "utérins") {
		t.Errorf("pdftotext: %v\n%s", err, out)
	}
}
