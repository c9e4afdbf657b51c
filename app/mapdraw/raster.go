package mapdraw

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	"github.com/paulmach/orb"
	"golang.org/x/image/vector"
)

// affine maps a box's projected metres to image pixels.
type affine struct{ sx, tx, sy, ty float64 }

func (a affine) apply(p orb.Point) orb.Point { return orb.Point{a.sx*p[0] + a.tx, a.sy*p[1] + a.ty} }
func (a affine) invert(px orb.Point) orb.Point {
	return orb.Point{(px[0] - a.tx) / a.sx, (px[1] - a.ty) / a.sy}
}

// painter holds the scratch buffers of one image: a vector rasterizer sized
// to each shape's bounding box (a full-frame one per shape would cost a
// hundred times more), and a coverage buffer for strokes.
type painter struct {
	dst    *image.RGBA
	z      vector.Rasterizer
	mask   image.Alpha
	clipA  []orb.Point
	clipB  []orb.Point
	cov    []float32 // stroke coverage, W×H, zero between strokes
	marked []int32
	// dirty, when set, collects the rectangles drawn on, so that the
	// overlay can be wiped by restoring only them from the base.
	dirty *[]image.Rectangle
}

func newPainter(dst *image.RGBA) *painter {
	return &painter{dst: dst}
}

// fill paints rings (outer rings and holes with opposite windings) in
// pixel coordinates, clipped to clip.
func (p *painter) fill(rings [][]orb.Point, clip image.Rectangle, c color.RGBA) {
	clip = clip.Intersect(p.dst.Rect)
	b := ringsBound(rings)
	r := image.Rect(int(math.Floor(b.Min[0])), int(math.Floor(b.Min[1])), int(math.Ceil(b.Max[0]))+1, int(math.Ceil(b.Max[1]))+1).Intersect(clip)
	if r.Empty() {
		return
	}
	// Far outside points make the rasterizer walk every row from them:
	// clip the rings to the drawn rectangle first when they stick out.
	cut := !(b.Min[0] >= float64(r.Min.X)-1 && b.Min[1] >= float64(r.Min.Y)-1 && b.Max[0] <= float64(r.Max.X)+1 && b.Max[1] <= float64(r.Max.Y)+1)
	p.z.Reset(r.Dx(), r.Dy())
	ox, oy := float64(r.Min.X), float64(r.Min.Y)
	for _, ring := range rings {
		pts := ring
		if cut {
			pts = p.clipRing(ring, r)
		}
		if len(pts) < 3 {
			continue
		}
		p.z.MoveTo(float32(pts[0][0]-ox), float32(pts[0][1]-oy))
		for _, q := range pts[1:] {
			p.z.LineTo(float32(q[0]-ox), float32(q[1]-oy))
		}
		p.z.ClosePath()
	}
	// Rasterise into an alpha mask of exactly the rasterizer's size (the
	// SIMD path of x/image/vector), then composite it: interior pixels are
	// plain copies, only edges blend.
	if p.dirty != nil {
		*p.dirty = append(*p.dirty, r)
	}
	w, h := r.Dx(), r.Dy()
	if cap(p.mask.Pix) < w*h {
		p.mask.Pix = make([]uint8, w*h)
	}
	p.mask.Pix, p.mask.Stride, p.mask.Rect = p.mask.Pix[:w*h], w, image.Rect(0, 0, w, h)
	p.z.DrawOp = draw.Src
	p.z.Draw(&p.mask, p.mask.Rect, image.Opaque, image.Point{})
	for y := range h {
		m := p.mask.Pix[y*w : y*w+w]
		d := p.dst.Pix[p.dst.PixOffset(r.Min.X, r.Min.Y+y):][: 4*w : 4*w]
		for x, a := range m {
			switch {
			case a == 0:
			case a == 0xff && c.A == 0xff:
				d[4*x], d[4*x+1], d[4*x+2], d[4*x+3] = c.R, c.G, c.B, 0xff
			default:
				blend8(d[4*x:4*x+4:4*x+4], c, uint32(a))
			}
		}
	}
}

// blend8 composites premultiplied colour c at coverage k/255 over a pixel.
func blend8(px []uint8, c color.RGBA, k uint32) {
	inv := 0xff*0xff - uint32(c.A)*k
	px[0] = uint8((uint32(c.R)*k*0xff + uint32(px[0])*inv + 0x7f00) / (0xff * 0xff))
	px[1] = uint8((uint32(c.G)*k*0xff + uint32(px[1])*inv + 0x7f00) / (0xff * 0xff))
	px[2] = uint8((uint32(c.B)*k*0xff + uint32(px[2])*inv + 0x7f00) / (0xff * 0xff))
	px[3] = uint8((uint32(c.A)*k*0xff + uint32(px[3])*inv + 0x7f00) / (0xff * 0xff))
}

// clipRing clips a ring to a rectangle grown by two pixels
// (Sutherland–Hodgman); the result is valid until the next call.
func (p *painter) clipRing(ring []orb.Point, r image.Rectangle) []orb.Point {
	x0, y0, x1, y1 := float64(r.Min.X)-2, float64(r.Min.Y)-2, float64(r.Max.X)+2, float64(r.Max.Y)+2
	in := append(p.clipA[:0], ring...)
	out := p.clipB[:0]
	for edge := range 4 {
		out = out[:0]
		inside := func(q orb.Point) bool {
			switch edge {
			case 0:
				return q[0] >= x0
			case 1:
				return q[0] <= x1
			case 2:
				return q[1] >= y0
			}
			return q[1] <= y1
		}
		cross := func(a, b orb.Point) orb.Point {
			var t float64
			switch edge {
			case 0:
				t = (x0 - a[0]) / (b[0] - a[0])
			case 1:
				t = (x1 - a[0]) / (b[0] - a[0])
			case 2:
				t = (y0 - a[1]) / (b[1] - a[1])
			default:
				t = (y1 - a[1]) / (b[1] - a[1])
			}
			return orb.Point{a[0] + t*(b[0]-a[0]), a[1] + t*(b[1]-a[1])}
		}
		for i, cur := range in {
			prev := in[(i+len(in)-1)%len(in)]
			switch ci, pi := inside(cur), inside(prev); {
			case ci && pi:
				out = append(out, cur)
			case ci:
				out = append(out, cross(prev, cur), cur)
			case pi:
				out = append(out, cross(prev, cur))
			}
		}
		in, out = out, in
		if len(in) == 0 {
			break
		}
	}
	p.clipA, p.clipB = in, out
	return in
}

// stroke adds a polyline (closed when closed is true) of the given width to
// the coverage buffer; flush paints what was added. Coverage combines by
// maximum, so joins and borders shared by two shapes are not darker.
func (p *painter) stroke(pts []orb.Point, closed bool, width float64, clip image.Rectangle, dash []float64) {
	if len(pts) < 2 {
		return
	}
	clip = clip.Intersect(p.dst.Rect)
	if clip.Empty() {
		return
	}
	if len(p.cov) != len(p.dst.Pix)/4 {
		p.cov = make([]float32, len(p.dst.Pix)/4)
	}
	hw := width / 2
	n := len(pts)
	if closed {
		n++
	}
	phase, di := 0.0, 0
	for i := 1; i < n; i++ {
		a, b := pts[i-1], pts[i%len(pts)]
		if len(dash) == 0 {
			p.segment(a, b, hw, clip)
			continue
		}
		// Dashes run on along the polyline.
		l := math.Hypot(b[0]-a[0], b[1]-a[1])
		for pos := 0.0; pos < l; {
			step := math.Min(dash[di]-phase, l-pos)
			if di%2 == 0 {
				t0, t1 := pos/l, (pos+step)/l
				p.segment(lerp(a, b, t0), lerp(a, b, t1), hw, clip)
			}
			pos += step
			phase += step
			if phase >= dash[di]-1e-9 {
				phase, di = 0, (di+1)%len(dash)
			}
		}
	}
}

// segments adds pairs of projected end points, transformed by a, to the
// stroke coverage.
func (p *painter) segments(pairs []orb.Point, a affine, width float64, clip image.Rectangle) {
	clip = clip.Intersect(p.dst.Rect)
	if clip.Empty() || len(pairs) < 2 {
		return
	}
	if len(p.cov) != len(p.dst.Pix)/4 {
		p.cov = make([]float32, len(p.dst.Pix)/4)
	}
	for i := 1; i < len(pairs); i += 2 {
		p.segment(a.apply(pairs[i-1]), a.apply(pairs[i]), width/2, clip)
	}
}

// segment rasterises the capsule of half-width hw around a–b, walking the
// major axis so that long diagonal lines cost their length, not their
// bounding box.
func (p *painter) segment(a, b orb.Point, hw float64, clip image.Rectangle) {
	dx, dy := b[0]-a[0], b[1]-a[1]
	l2 := dx*dx + dy*dy
	reach := hw + 1 // for the quick rejection only
	if math.IsNaN(l2) || math.IsInf(l2, 0) {
		return // degenerate projection (point at infinity)
	}
	if math.Max(a[0], b[0])+reach < float64(clip.Min.X) || math.Min(a[0], b[0])-reach > float64(clip.Max.X) ||
		math.Max(a[1], b[1])+reach < float64(clip.Min.Y) || math.Min(a[1], b[1])-reach > float64(clip.Max.Y) {
		return
	}
	w := p.dst.Rect.Dx()
	inv := 0.0
	if l2 > 0 {
		inv = 1 / l2
	}
	lim := hw + 0.5
	lim2 := lim * lim
	cover := func(x, y int) {
		px, py := float64(x)+0.5-a[0], float64(y)+0.5-a[1]
		t := (px*dx + py*dy) * inv
		if t < 0 {
			t = 0
		} else if t > 1 {
			t = 1
		}
		ex, ey := px-t*dx, py-t*dy
		d2 := ex*ex + ey*ey
		if d2 >= lim2 {
			return
		}
		c := float32(lim - math.Sqrt(d2))
		if c > 1 {
			c = 1
		}
		i := (y-p.dst.Rect.Min.Y)*w + (x - p.dst.Rect.Min.X)
		if p.cov[i] == 0 {
			p.marked = append(p.marked, int32(i))
		}
		if c > p.cov[i] {
			p.cov[i] = c
		}
	}
	// Walk the major axis; on each column (row) visit the pixels whose
	// centre may lie within lim of the segment.
	if math.Abs(dx) >= math.Abs(dy) {
		x0, x1 := math.Min(a[0], b[0]), math.Max(a[0], b[0])
		slope := 0.0
		if dx != 0 {
			slope = dy / dx
		}
		span := lim * math.Sqrt(1+slope*slope)
		for x := max(clip.Min.X, int(math.Ceil(x0-lim-0.5))); x <= min(clip.Max.X-1, int(math.Floor(x1+lim-0.5))); x++ {
			t := math.Max(x0, math.Min(x1, float64(x)+0.5))
			yc := a[1] + (t-a[0])*slope
			for y := max(clip.Min.Y, int(math.Ceil(yc-span-0.5))); y <= min(clip.Max.Y-1, int(math.Floor(yc+span-0.5))); y++ {
				cover(x, y)
			}
		}
		return
	}
	y0, y1 := math.Min(a[1], b[1]), math.Max(a[1], b[1])
	slope := dx / dy
	span := lim * math.Sqrt(1+slope*slope)
	for y := max(clip.Min.Y, int(math.Ceil(y0-lim-0.5))); y <= min(clip.Max.Y-1, int(math.Floor(y1+lim-0.5))); y++ {
		t := math.Max(y0, math.Min(y1, float64(y)+0.5))
		xc := a[0] + (t-a[1])*slope
		for x := max(clip.Min.X, int(math.Ceil(xc-span-0.5))); x <= min(clip.Max.X-1, int(math.Floor(xc+span-0.5))); x++ {
			cover(x, y)
		}
	}
}

// flush paints the accumulated stroke coverage in colour c (premultiplied)
// and clears the buffer.
func (p *painter) flush(c color.RGBA) {
	pix := p.dst.Pix
	w := p.dst.Rect.Dx()
	if p.dirty != nil && len(p.marked) > 0 {
		x0, y0, x1, y1 := w, len(p.cov)/max(w, 1), -1, -1
		for _, i := range p.marked {
			x, y := int(i)%w, int(i)/w
			x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
		}
		*p.dirty = append(*p.dirty, image.Rect(x0, y0, x1+1, y1+1).Add(p.dst.Rect.Min))
	}
	for _, i := range p.marked {
		k := p.cov[i]
		p.cov[i] = 0
		o := int(i/int32(w))*p.dst.Stride + int(i%int32(w))*4
		blend(pix[o:o+4:o+4], c, k)
	}
	p.marked = p.marked[:0]
}

// blend composites premultiplied colour c at coverage k over a pixel.
func blend(px []uint8, c color.RGBA, k float32) {
	a := float32(c.A) / 255 * k
	px[0] = uint8(float32(c.R)*k + float32(px[0])*(1-a) + 0.5)
	px[1] = uint8(float32(c.G)*k + float32(px[1])*(1-a) + 0.5)
	px[2] = uint8(float32(c.B)*k + float32(px[2])*(1-a) + 0.5)
	px[3] = uint8(float32(c.A)*k + float32(px[3])*(1-a) + 0.5)
}

// fillRect paints a rectangle in a premultiplied colour.
func fillRect(dst *image.RGBA, r image.Rectangle, c color.RGBA) {
	r = r.Intersect(dst.Rect)
	if r.Empty() {
		return
	}
	n := 4 * r.Dx()
	first := dst.Pix[dst.PixOffset(r.Min.X, r.Min.Y):][:n:n]
	for i := 0; i < n; i += 4 {
		if c.A == 0xff {
			first[i], first[i+1], first[i+2], first[i+3] = c.R, c.G, c.B, c.A
		} else {
			blend8(first[i:i+4:i+4], c, 0xff)
		}
	}
	for y := r.Min.Y + 1; y < r.Max.Y; y++ {
		row := dst.Pix[dst.PixOffset(r.Min.X, y):][:n:n]
		if c.A == 0xff {
			copy(row, first)
			continue
		}
		for i := 0; i < n; i += 4 {
			blend8(row[i:i+4:i+4], c, 0xff)
		}
	}
}

func ringsBound(rings [][]orb.Point) orb.Bound {
	b := orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}
	for _, r := range rings {
		for _, q := range r {
			b.Min[0], b.Min[1] = math.Min(b.Min[0], q[0]), math.Min(b.Min[1], q[1])
			b.Max[0], b.Max[1] = math.Max(b.Max[0], q[0]), math.Max(b.Max[1], q[1])
		}
	}
	return b
}

func lerp(a, b orb.Point, t float64) orb.Point {
	return orb.Point{a[0] + t*(b[0]-a[0]), a[1] + t*(b[1]-a[1])}
}
