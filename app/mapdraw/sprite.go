package mapdraw

import (
	"image"
	"image/color"
	"math"
	"strings"
)

// spriteKind is the symbol of a marker.
type spriteKind uint8

// Public centres are circles and private ones rounded squares, so that
// they differ by shape as well as by colour; groups of centres are grey
// tags (rectangles with small corners, doubled like a stack) reading
// "×3", never a bare number, which belongs to the numbered list.
const (
	kindPublic spriteKind = iota
	kindPrivate
	kindGroup
	kindSearch
)

type spriteKey struct {
	kind     spriteKind
	selected bool
	hovered  bool // ringed like the selection, more lightly
	text     string
	pixel    float64
}

// sprite returns a marker image centred on (0, 0), cached: thousands of
// markers share a handful of sprites.
func (m *Map) sprite(k spriteKey, px float64) *sprite {
	k.pixel = px
	if sp, ok := m.sprites[k]; ok {
		return sp
	}
	sp := newSprite(m.renderSprite(k, px))
	m.sprites[k] = sp
	return sp
}

// outline is the shape of a marker: a rounded box of half-sizes hx, hy
// and corner radius cr (a circle when hx = hy = cr, a pill when wider).
type outline struct{ hx, hy, cr float64 }

func (s outline) sdf(x, y float64) float64 {
	qx, qy := math.Abs(x)-s.hx+s.cr, math.Abs(y)-s.hy+s.cr
	return math.Hypot(math.Max(qx, 0), math.Max(qy, 0)) + math.Min(math.Max(qx, qy), 0) - s.cr
}

// textFace is the face of the text inside markers.
func (m *Map) textFace(text string, px float64) *face {
	if len(text) >= 3 && !strings.Contains(text, ",") {
		return m.fonts.face(9.5*px, true, 0)
	}
	return m.fonts.face(11.5*px, true, 0)
}

// markerShape returns a marker's outline: public centres are circles and
// private ones rounded squares; numbered markers are larger, to hold
// their number, and grow into pills for a list of numbers ("3,4"); groups
// grow with the digits of their count.
func (m *Map) markerShape(k spriteKey, px float64) outline {
	var r float64
	switch k.kind {
	case kindPublic, kindPrivate:
		r = 6.5 * px
		if k.text != "" {
			r = 10.5 * px
		}
	case kindSearch:
		return outline{9 * px, 9 * px, 9 * px}
	default:
		if !strings.Contains(k.text, ",") {
			tw := float64(m.textFace(k.text, px).width(k.text))
			return outline{tw/2 + 5*px, 8.5 * px, 2.5 * px}
		}
		r = 10.5 * px
	}
	s := outline{r, r, r}
	if k.kind == kindPrivate {
		s = outline{0.88 * r, 0.88 * r, 0.32 * r}
	}
	if strings.Contains(k.text, ",") {
		tw := float64(m.textFace(k.text, px).width(k.text))
		s.hx += math.Max(0, (tw-1.3*r)/2+2*px)
	}
	return s
}

// hitRadius is how far from its centre a sprite catches the pointer.
func (m *Map) hitRadius(k spriteKey, px float64) float64 {
	s := m.markerShape(k, px)
	r := math.Max(s.hx, s.hy) + 1.6*px + 2*px
	if k.kind == kindGroup {
		r += 3.5 * px
	}
	return r
}

func (m *Map) renderSprite(k spriteKey, px float64) *image.RGBA {
	th := m.theme
	if k.kind == kindSearch {
		return m.searchSprite(px)
	}
	fill, outlined, group := th.Public, false, false
	switch k.kind {
	case kindPrivate:
		fill, outlined = th.Private, true
	case kindGroup:
		fill, group = th.Cluster, !strings.Contains(k.text, ",")
	}
	sh := m.markerShape(k, px)
	ring := 1.6 * px
	stroke := 2.6 * px // private centres are outlined, not solid
	outer := ring
	var halo float64
	if group {
		halo = 3.5 * px
		outer += halo
	}
	sel, selColour := 0.0, th.Selection
	switch {
	case k.selected:
		sel = 2.5 * px
	case k.hovered:
		sel, selColour = 2*px, th.Hover
	}
	if sel > 0 {
		outer += sel + ring
	}
	RX, RY := int(math.Ceil(sh.hx+outer+1.5)), int(math.Ceil(sh.hy+outer+1.5))
	img := image.NewRGBA(image.Rect(-RX, -RY, RX+1, RY+1))
	for y := -RY; y <= RY; y++ {
		for x := -RX; x <= RX; x++ {
			d := sh.sdf(float64(x), float64(y)) // from pixel centre to pixel centre
			o := img.PixOffset(x, y)
			px4 := img.Pix[o : o+4 : o+4]
			if sel > 0 {
				// Selection: a ring of the selection colour, itself outlined.
				blend(px4, th.MarkerRing, cover(d-ring-halo-sel-ring))
				blend(px4, selColour, cover(d-ring-halo-sel))
			}
			if halo > 0 {
				// A second, outer ring of the fill colour says "several
				// centres"; opaque, so that thousands of groups composite
				// as plain copies.
				blend(px4, th.MarkerRing, cover(d-ring-halo))
				blend(px4, fill, cover(d-halo))
				blend(px4, th.MarkerRing, cover(d-halo+2*px))
			}
			blend(px4, th.MarkerRing, cover(d-ring))
			blend(px4, fill, cover(d))
			if outlined {
				blend(px4, th.MarkerFill, cover(d+stroke))
			}
		}
	}
	if k.text != "" {
		f := m.textFace(k.text, px)
		capH := 0
		if g := f.glyph('8'); g.mask != nil {
			capH = -g.mask.Rect.Min.Y
		}
		ink, _ := inkOn(fill)
		if outlined {
			ink = fill
		}
		f.draw(img, img.Rect, -int(math.Round(float64(f.width(k.text))/2)), capH/2, k.text, ink, color.RGBA{})
	}
	return img
}

// searchSprite is a target: a ring and a dot, on a halo.
func (m *Map) searchSprite(px float64) *image.RGBA {
	th := m.theme
	R := int(math.Ceil(11 * px))
	img := image.NewRGBA(image.Rect(-R, -R, R+1, R+1))
	for y := -R; y <= R; y++ {
		for x := -R; x <= R; x++ {
			d := math.Hypot(float64(x), float64(y))
			o := img.PixOffset(x, y)
			p := img.Pix[o : o+4 : o+4]
			blend(p, th.MarkerRing, cover(d-9*px))
			blend(p, th.Search, cover(math.Abs(d-6.5*px)-1.3*px))
			blend(p, th.Search, cover(d-2.6*px))
		}
	}
	return img
}

// cover turns a signed distance (pixels, negative inside) into coverage.
func cover(d float64) float32 {
	return float32(math.Max(0, math.Min(1, 0.5-d)))
}
