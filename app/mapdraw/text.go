package mapdraw

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// Fonts are the TrueType or OpenType files the labels use. The widget
// passes the window's font so that the map matches the interface; empty
// fields fall back to the Go fonts.
type Fonts struct {
	Regular, Bold []byte
}

type fontSet struct {
	regular, bold *opentype.Font
	faces         map[faceKey]*face
}

func parseFonts(f Fonts) (*fontSet, error) {
	if len(f.Regular) == 0 {
		f.Regular = goregular.TTF
	}
	if len(f.Bold) == 0 {
		f.Bold = gobold.TTF
	}
	r, err := opentype.Parse(f.Regular)
	if err != nil {
		return nil, fmt.Errorf("police des étiquettes illisible : %w", err)
	}
	b, err := opentype.Parse(f.Bold)
	if err != nil {
		return nil, fmt.Errorf("police grasse des étiquettes illisible : %w", err)
	}
	return &fontSet{regular: r, bold: b, faces: map[faceKey]*face{}}, nil
}

type faceKey struct {
	size float64 // pixels
	bold bool
	halo float64 // halo radius in pixels, 0 for none
}

// face caches the rendered glyphs of one font at one size: labels are
// short and repeated, so each glyph is rasterised once.
type face struct {
	f       font.Face
	halo    float64
	ascent  int
	descent int
	glyphs  map[rune]*glyph
}

type glyph struct {
	mask, halo *image.Alpha // nil for blank glyphs
	adv        fixed.Int26_6
}

func (fs *fontSet) face(size float64, bold bool, halo float64) *face {
	// Sizes come from the pixel ratio: keep them sane whatever it is.
	if math.IsNaN(size) || math.IsNaN(halo) {
		size, halo = 12, 0
	}
	size = math.Max(4, math.Min(400, math.Round(size*4)/4))
	halo = math.Max(0, math.Min(8, halo))
	k := faceKey{size, bold, halo}
	if f, ok := fs.faces[k]; ok {
		return f
	}
	src := fs.regular
	if bold {
		src = fs.bold
	}
	ff, err := opentype.NewFace(src, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		// Parsed fonts only fail on absurd sizes; the caller's sizes are sane.
		panic(err)
	}
	m := ff.Metrics()
	f := &face{f: ff, halo: halo, ascent: m.Ascent.Ceil(), descent: m.Descent.Ceil(), glyphs: map[rune]*glyph{}}
	fs.faces[k] = f
	return f
}

func (f *face) glyph(r rune) *glyph {
	if g, ok := f.glyphs[r]; ok {
		return g
	}
	dr, mask, mp, adv, ok := f.f.Glyph(fixed.Point26_6{}, r)
	if !ok {
		dr, mask, mp, adv, _ = f.f.Glyph(fixed.Point26_6{}, '?')
	}
	g := &glyph{adv: adv}
	if !dr.Empty() && mask != nil {
		// The face reuses its mask buffer: keep a copy, in the glyph's own
		// coordinates relative to the dot.
		a := image.NewAlpha(dr)
		draw.Draw(a, dr, mask, mp, draw.Src)
		g.mask = a
		if f.halo > 0 {
			g.halo = dilate(a, f.halo)
		}
	}
	f.glyphs[r] = g
	return g
}

// width is the advance of s in pixels, kerning included.
func (f *face) width(s string) int {
	var w fixed.Int26_6
	prev := rune(-1)
	for _, r := range s {
		if prev >= 0 {
			w += f.f.Kern(prev, r)
		}
		w += f.glyph(r).adv
		prev = r
	}
	return w.Ceil()
}

// draw writes s with its baseline starting at (x, y), halo first so that
// the halo of one glyph never covers the ink of its neighbour.
func (f *face) draw(dst *image.RGBA, clip image.Rectangle, x, y int, s string, ink, halo color.RGBA) {
	if f.halo > 0 && halo.A > 0 {
		f.pass(dst, clip, x, y, s, halo, true)
	}
	f.pass(dst, clip, x, y, s, ink, false)
}

func (f *face) pass(dst *image.RGBA, clip image.Rectangle, x, y int, s string, c color.RGBA, halo bool) {
	src := image.NewUniform(c)
	dot := fixed.I(x)
	prev := rune(-1)
	for _, r := range s {
		if prev >= 0 {
			dot += f.f.Kern(prev, r)
		}
		g := f.glyph(r)
		m := g.mask
		if halo {
			m = g.halo
		}
		if m != nil {
			off := image.Pt(dot.Round(), y)
			r := m.Rect.Add(off).Intersect(clip)
			if !r.Empty() {
				draw.DrawMask(dst, r, src, image.Point{}, m, r.Min.Sub(off), draw.Over)
			}
		}
		dot += g.adv
		prev = r
	}
}

// dilate grows a glyph mask by radius r pixels, antialiased, for the halo
// that keeps labels readable over any fill.
func dilate(m *image.Alpha, r float64) *image.Alpha {
	ri := int(math.Ceil(r))
	out := image.NewAlpha(m.Rect.Inset(-ri))
	type tap struct {
		dx, dy int
		w      float64
	}
	var taps []tap
	for dy := -ri; dy <= ri; dy++ {
		for dx := -ri; dx <= ri; dx++ {
			w := r + 0.5 - math.Hypot(float64(dx), float64(dy))
			if w > 0 {
				taps = append(taps, tap{dx, dy, math.Min(1, w)})
			}
		}
	}
	for y := out.Rect.Min.Y; y < out.Rect.Max.Y; y++ {
		for x := out.Rect.Min.X; x < out.Rect.Max.X; x++ {
			best := 0.0
			for _, t := range taps {
				p := image.Pt(x+t.dx, y+t.dy)
				if !p.In(m.Rect) {
					continue
				}
				if v := float64(m.AlphaAt(p.X, p.Y).A) * t.w; v > best {
					best = v
				}
			}
			out.SetAlpha(x, y, color.Alpha{uint8(math.Round(best))})
		}
	}
	return out
}
