package pdfdoc

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// RenderPage draws page i (from 0) as an image at dpi dots per inch, for a
// preview: 96 dpi gives a 794×1123 A4 page.
func (d *Document) RenderPage(i int, dpi float64) (*image.RGBA, error) {
	if i < 0 || i >= len(d.Pages) {
		return nil, fmt.Errorf("page %d inexistante (le document en a %d)", i+1, len(d.Pages))
	}
	if dpi <= 0 || dpi > 600 {
		return nil, fmt.Errorf("résolution %g ppp hors limites (1 à 600)", dpi)
	}
	fs, err := loadFonts()
	if err != nil {
		return nil, err
	}
	k := dpi / 72
	img := image.NewRGBA(image.Rect(0, 0, int(math.Round(PageWidth*k)), int(math.Round(PageHeight*k))))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	faces := map[faceKey]font.Face{}
	defer func() {
		for _, f := range faces {
			f.Close()
		}
	}()
	for _, op := range d.Pages[i].Ops {
		switch op.Kind {
		case OpText:
			key := faceKey{op.Face, op.Size}
			f, ok := faces[key]
			if !ok {
				f, err = opentype.NewFace(fs.faces[op.Face].font, &opentype.FaceOptions{Size: op.Size, DPI: dpi, Hinting: font.HintingNone})
				if err != nil {
					return nil, err
				}
				faces[key] = f
			}
			dr := font.Drawer{Dst: img, Src: image.NewUniform(op.Color), Face: f,
				Dot: fixed.Point26_6{X: fixed.Int26_6(op.X * k * 64), Y: fixed.Int26_6(op.Y * k * 64)}}
			dr.DrawString(op.Text)
		case OpLine:
			// Documents draw horizontal and vertical rules only.
			w := math.Max(op.Stroke*k, 1)
			x0, x1 := math.Min(op.X, op.X2)*k, math.Max(op.X, op.X2)*k
			y0, y1 := math.Min(op.Y, op.Y2)*k, math.Max(op.Y, op.Y2)*k
			fill(img, x0-w/2, y0-w/2, x1+w/2, y1+w/2, op.Color)
		case OpRect:
			x0, y0, x1, y1 := op.X*k, op.Y*k, (op.X+op.W)*k, (op.Y+op.H)*k
			if op.Stroke == 0 {
				fill(img, x0, y0, x1, y1, op.Color)
				continue
			}
			w := math.Max(op.Stroke*k, 1)
			fill(img, x0, y0, x1, y0+w, op.Color)
			fill(img, x0, y1-w, x1, y1, op.Color)
			fill(img, x0, y0, x0+w, y1, op.Color)
			fill(img, x1-w, y0, x1, y1, op.Color)
		case OpImage:
			r := image.Rect(int(op.X*k), int(op.Y*k), int((op.X+op.W)*k), int((op.Y+op.H)*k))
			xdraw.ApproxBiLinear.Scale(img, r, op.Image, op.Image.Bounds(), xdraw.Over, nil)
		}
	}
	return img, nil
}

type faceKey struct {
	face Face
	size float64
}

// fill paints an axis-aligned rectangle; documents only draw those.
func fill(img *image.RGBA, x0, y0, x1, y1 float64, c color.RGBA) {
	r := image.Rect(int(math.Floor(x0)), int(math.Floor(y0)), int(math.Ceil(x1)), int(math.Ceil(y1)))
	draw.Draw(img, r, image.NewUniform(c), image.Point{}, draw.Over)
}
