package mapdraw

import (
	"fmt"
	"image"
	"math"

	"atlasri/app/mapproj"

	"github.com/paulmach/orb"
)

// boxAffine maps a box's projected metres to the view's pixels.
func boxAffine(v View, b *mapproj.Box) affine {
	s, vs := b.Scale(), v.Scale()
	return affine{
		sx: s * vs, tx: float64(v.W)/2 + (b.Dst.Min[0]-b.Src.Min[0]*s-v.Center[0])*vs,
		sy: -s * vs, ty: float64(v.H)/2 - (b.Dst.Min[1]-b.Src.Min[1]*s-v.Center[1])*vs,
	}
}

// pixelRect is the image rectangle of a sheet rectangle.
func pixelRect(v View, b orb.Bound) image.Rectangle {
	p0, p1 := v.ToPixel(b.Min), v.ToPixel(b.Max)
	c := func(f float64) int { return int(math.Round(math.Max(-1e6, math.Min(1e6, f)))) }
	return image.Rect(c(p0[0]), c(p1[1]), c(p1[0]), c(p0[1]))
}

// boxClip is where a box draws: its frame for an inset, the whole image
// for the main frame (its window has no visible edge).
func boxClip(v View, b *mapproj.Box, img image.Rectangle) image.Rectangle {
	if !b.Inset() {
		return img
	}
	return pixelRect(v, b.Dst).Intersect(img)
}

func (m *Map) drawBase(dst *image.RGBA, p *painter, v View) {
	th := m.theme
	fillRect(dst, dst.Rect, th.Background)
	lay := m.layoutOf(v)
	px := v.Pixel
	border := px * math.Max(0.8, math.Min(1.6, 0.8+0.2*math.Log2(v.Zoom)))
	var taken []image.Rectangle // label rectangles, to avoid overlaps
	var buf [][]orb.Point
	for _, b := range lay.Boxes {
		clip := boxClip(v, b, dst.Rect)
		if clip.Empty() {
			continue
		}
		if b.Inset() {
			fillRect(dst, clip, th.Background)
		}
		a := boxAffine(v, b)
		shapes := m.shapes[b.ID]
		for _, s := range shapes {
			if !visible(a, s.bound, clip) {
				continue
			}
			buf = s.toPixels(a, buf)
			c := m.fillOf(s.code)
			if b.Inset() && !s.labelled {
				// Context around the Paris inset: paler, so that the four
				// départements it is about stand out.
				c = mix(c, th.Background, 0.55)
			}
			p.fill(buf, clip, c)
		}
		// Borders between départements, then the coast and land borders
		// a little stronger.
		bd := m.borders[b.ID]
		p.segments(bd.inner, a, border, clip)
		p.flush(th.Border)
		p.segments(bd.outer, a, border*1.1, clip)
		p.flush(th.Coast)
		if b.ID == "metro" {
			m.drawLocator(p, v, lay, a, clip)
		}
		taken = m.drawLabels(dst, v, b, a, clip, taken)
		if b.Inset() {
			m.drawInsetFrame(dst, p, v, b, clip)
		}
	}
	m.drawMainScaleBar(dst, p, v, lay)
}

// visible reports whether a projected bound shows in clip.
func visible(a affine, b orb.Bound, clip image.Rectangle) bool {
	p0, p1 := a.apply(b.Min), a.apply(b.Max)
	return math.Max(p0[0], p1[0]) >= float64(clip.Min.X) && math.Min(p0[0], p1[0]) <= float64(clip.Max.X) &&
		math.Max(p0[1], p1[1]) >= float64(clip.Min.Y) && math.Min(p0[1], p1[1]) <= float64(clip.Max.Y)
}

// drawLocator frames, on the main map, the area the Paris inset enlarges.
func (m *Map) drawLocator(p *painter, v View, lay *mapproj.Layout, a affine, clip image.Rectangle) {
	pb := lay.Box("paris")
	if pb == nil {
		return
	}
	r0, r1 := a.apply(pb.Src.Min), a.apply(pb.Src.Max)
	if math.Abs(r1[0]-r0[0]) < 4*v.Pixel {
		return
	}
	ring := []orb.Point{{r0[0], r0[1]}, {r1[0], r0[1]}, {r1[0], r1[1]}, {r0[0], r1[1]}}
	p.stroke(ring, true, v.Pixel, clip, nil)
	p.flush(m.theme.Frame)
}

func (m *Map) drawInsetFrame(dst *image.RGBA, p *painter, v View, b *mapproj.Box, clip image.Rectangle) {
	th := m.theme
	fr := pixelRect(v, b.Dst)
	p.stroke(rectRing(fr), true, v.Pixel, dst.Rect, nil)
	p.flush(th.Frame)
	if fr.Dx() < int(60*v.Pixel) {
		return
	}
	title := m.fonts.face(11*v.Pixel, true, 1.5*v.Pixel)
	pad := int(5 * v.Pixel)
	if title.width(b.Title)+2*pad <= fr.Dx() {
		title.draw(dst, clip, fr.Min.X+pad, fr.Min.Y+pad+title.ascent, b.Title, th.Text, th.Background)
	}
	// Each inset has its own scale: say which.
	metresPerPixel := 1 / (b.Scale() * v.Scale())
	m.scaleBar(dst, p, fr.Min.X+pad, fr.Max.Y-pad, metresPerPixel, math.Min(90*v.Pixel, float64(fr.Dx())/2.5), v.Pixel, clip)
}

// drawMainScaleBar puts the main frame's scale bar in the bottom-left
// corner of the part of the main frame in view.
func (m *Map) drawMainScaleBar(dst *image.RGBA, p *painter, v View, lay *mapproj.Layout) {
	main := lay.Box("metro")
	fr := pixelRect(v, main.Dst).Intersect(dst.Rect)
	if fr.Dx() < int(120*v.Pixel) || fr.Dy() < int(60*v.Pixel) {
		return
	}
	pad := int(8 * v.Pixel)
	m.scaleBar(dst, p, fr.Min.X+pad, fr.Max.Y-pad, 1/v.Scale(), 110*v.Pixel, v.Pixel, dst.Rect)
}

// scaleBar draws a bar of a round length (1, 2 or 5 × 10^k) no longer than
// maxPx, with its length written above, from (x, y) at its bottom left.
func (m *Map) scaleBar(dst *image.RGBA, p *painter, x, y int, metresPerPixel, maxPx, px float64, clip image.Rectangle) {
	if metresPerPixel <= 0 || math.IsInf(metresPerPixel, 0) || maxPx < 20 {
		return
	}
	maxM := maxPx * metresPerPixel
	step := math.Pow(10, math.Floor(math.Log10(maxM)))
	length := step
	for _, k := range []float64{5, 2, 1} {
		if k*step <= maxM {
			length = k * step
			break
		}
	}
	w := length / metresPerPixel
	fx, fy := float64(x), float64(y)-0.5
	tick := 4 * px
	bar := []orb.Point{{fx, fy - tick}, {fx, fy}, {fx + w, fy}, {fx + w, fy - tick}}
	th := m.theme
	p.stroke(bar, false, 3*px, clip, nil)
	p.flush(th.Background)
	p.stroke(bar, false, 1.2*px, clip, nil)
	p.flush(th.TextSoft)
	label := formatLength(length)
	f := m.fonts.face(10*px, false, 1.5*px)
	f.draw(dst, clip, x+int(w/2)-f.width(label)/2, y-int(tick)-int(3*px), label, th.TextSoft, th.Background)
}

func formatLength(m float64) string {
	if m >= 1000 {
		return fmt.Sprintf("%s km", formatNumber(m/1000))
	}
	return fmt.Sprintf("%s m", formatNumber(m))
}

// drawLabels writes département codes, with the name below when both fit
// inside the outline, and skips those that would overlap another label.
func (m *Map) drawLabels(dst *image.RGBA, v View, b *mapproj.Box, a affine, clip image.Rectangle, taken []image.Rectangle) []image.Rectangle {
	px := v.Pixel
	codeFace := m.fonts.face(11.5*px, true, 1.6*px)
	nameFace := m.fonts.face(10*px, false, 1.5*px)
	gap := int(1 * px)
	for _, s := range m.shapes[b.ID] {
		if !s.labelled {
			continue
		}
		c := a.apply(s.label)
		if !image.Pt(int(c[0]), int(c[1])).In(clip) {
			continue
		}
		ink, halo := inkOn(m.fillOf(s.code))
		cw, ch := codeFace.width(s.code), codeFace.ascent
		nw := nameFace.width(s.name)
		// Two lines: code over name.
		w2 := max(cw, nw)
		h2 := ch + gap + nameFace.ascent + nameFace.descent/2
		r2 := centred(c, w2, h2)
		if m.fits(s, a, r2, clip, taken, px) {
			x := int(c[0])
			codeFace.draw(dst, clip, x-cw/2, r2.Min.Y+ch, s.code, ink, halo)
			nameFace.draw(dst, clip, x-nw/2, r2.Min.Y+ch+gap+nameFace.ascent, s.name, ink, halo)
			taken = append(taken, r2)
			continue
		}
		r1 := centred(c, cw, ch)
		if m.fits(s, a, r1, clip, taken, px) {
			codeFace.draw(dst, clip, r1.Min.X, r1.Max.Y, s.code, ink, halo)
			taken = append(taken, r1)
		}
	}
	return taken
}

func centred(c orb.Point, w, h int) image.Rectangle {
	x0, y0 := int(math.Round(c[0]))-w/2, int(math.Round(c[1]))-h/2
	return image.Rect(x0, y0, x0+w, y0+h)
}

// fits reports whether a label rectangle lies inside the département's
// outline (tested at its corners, edge middles and centre), inside the
// clip, and clear of the labels already placed.
func (m *Map) fits(s *shape, a affine, r image.Rectangle, clip image.Rectangle, taken []image.Rectangle, px float64) bool {
	if !r.In(clip) {
		return false
	}
	grown := r.Inset(-int(2 * px))
	for _, t := range taken {
		if grown.Overlaps(t) {
			return false
		}
	}
	x0, y0 := float64(r.Min.X)-px, float64(r.Min.Y)-px
	x1, y1 := float64(r.Max.X)+px, float64(r.Max.Y)+px
	xm, ym := (x0+x1)/2, (y0+y1)/2
	for _, q := range [...]orb.Point{{x0, y0}, {xm, y0}, {x1, y0}, {x0, ym}, {xm, ym}, {x1, ym}, {x0, y1}, {xm, y1}, {x1, y1}} {
		if !s.contains(a.invert(q)) {
			return false
		}
	}
	return true
}
