package mapdraw

import (
	"math"
	"slices"

	"atlasri/app/mapproj"
	"atlasri/model"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// shape is a département projected once into one box's metres.
type shape struct {
	code     string
	name     string
	polys    orb.MultiPolygon // projected; outer rings counter-clockwise, holes clockwise
	rings    [][]orb.Point    // every ring of polys, for filling and stroking
	bound    orb.Bound
	pbounds  []orb.Bound // of each polygon
	label    orb.Point   // projected label point
	labelled bool
}

// projectShapes projects the départements a box draws. Ring orientations
// are normalised so that the non-zero fill rule leaves holes empty.
func projectShapes(b *mapproj.Box, byCode map[string]model.Departement) []*shape {
	var out []*shape
	for _, code := range b.Codes {
		d, ok := byCode[code]
		if !ok {
			continue
		}
		s := &shape{code: d.Code, name: d.Name, label: b.Proj.Forward(d.Label), labelled: slices.Contains(b.Labelled, code)}
		for _, poly := range d.Shape {
			var pp orb.Polygon
			for i, ring := range poly {
				r := make(orb.Ring, len(ring))
				for j, ll := range ring {
					r[j] = b.Proj.Forward(ll)
				}
				if ccw := r.Orientation() == orb.CCW; ccw != (i == 0) {
					r.Reverse()
				}
				pp = append(pp, r)
				s.rings = append(s.rings, r)
			}
			s.polys = append(s.polys, pp)
		}
		s.bound = s.polys.Bound()
		for _, pp := range s.polys {
			s.pbounds = append(s.pbounds, pp.Bound())
		}
		out = append(out, s)
	}
	return out
}

// contains reports whether a projected point lies in the département:
// inside an outer ring and outside its holes, each polygon's bound tested
// first (orb's test computes the ring's own bound again, which is cheap
// next to the crossings).
func (s *shape) contains(p orb.Point) bool {
	if !s.bound.Contains(p) {
		return false
	}
	for i, poly := range s.polys {
		if s.pbounds[i].Contains(p) && planar.PolygonContains(poly, p) {
			return true
		}
	}
	return false
}

// toPixels transforms the shape's rings into buf (reused between calls),
// dropping vertices closer than half a pixel to the previous one: at
// national scale most of them are, and the rasterizer pays for each.
func (s *shape) toPixels(a affine, buf [][]orb.Point) [][]orb.Point {
	buf = buf[:0]
	for i, r := range s.rings {
		var dst []orb.Point
		if i < cap(buf) {
			dst = buf[:i+1][i][:0]
		}
		for j, q := range r {
			p := a.apply(q)
			if n := len(dst); n > 0 && j < len(r)-1 {
				if dx, dy := p[0]-dst[n-1][0], p[1]-dst[n-1][1]; dx*dx+dy*dy < 0.25 {
					continue
				}
			}
			dst = append(dst, p)
		}
		buf = append(buf, dst)
	}
	return buf
}

// borders are the segments of the outlines a box draws, each once: those
// between two départements, and those of the coast and the land borders.
type borders struct {
	inner, outer []orb.Point // pairs of projected end points
}

// segKey identifies a segment by its lon/lat end points, in either
// direction: neighbouring outlines share their common border exactly.
type segKey [4]float64

func keyOf(a, b orb.Point) segKey {
	if a[0] > b[0] || a[0] == b[0] && a[1] > b[1] {
		a, b = b, a
	}
	return segKey{a[0], a[1], b[0], b[1]}
}

// innerSegments tells, for every segment of every outline, whether it
// borders another département. Neighbours mostly share their common border
// exactly; where the simplification kept a vertex on one side only, the
// segment still runs within a few hundred metres of the neighbour's
// outline, while a coast or a land border has no French outline nearby.
func innerSegments(depts []model.Departement) map[segKey]bool {
	const (
		cell = 0.05  // degrees, grid of segments
		near = 0.006 // degrees, about 500 m: above the simplification's 0.003°
	)
	type seg struct {
		a, b orb.Point
		dept int
	}
	count := map[segKey]int{}
	var segs []seg
	grid := map[[2]int][]int{}
	cellOf := func(p orb.Point) [2]int { return [2]int{int(math.Floor(p[0] / cell)), int(math.Floor(p[1] / cell))} }
	for di, d := range depts {
		for _, poly := range d.Shape {
			for _, r := range poly {
				for i := 1; i < len(r); i++ {
					count[keyOf(r[i-1], r[i])]++
					segs = append(segs, seg{r[i-1], r[i], di})
					c0, c1 := cellOf(r[i-1]), cellOf(r[i])
					for x := min(c0[0], c1[0]); x <= max(c0[0], c1[0]); x++ {
						for y := min(c0[1], c1[1]); y <= max(c0[1], c1[1]); y++ {
							grid[[2]int{x, y}] = append(grid[[2]int{x, y}], len(segs)-1)
						}
					}
				}
			}
		}
	}
	inner := make(map[segKey]bool, len(count))
	for _, sg := range segs {
		k := keyOf(sg.a, sg.b)
		if count[k] > 1 {
			inner[k] = true
			continue
		}
		mid := orb.Point{(sg.a[0] + sg.b[0]) / 2, (sg.a[1] + sg.b[1]) / 2}
		c := cellOf(mid)
	search:
		for x := c[0] - 1; x <= c[0]+1; x++ {
			for y := c[1] - 1; y <= c[1]+1; y++ {
				for _, oi := range grid[[2]int{x, y}] {
					if o := segs[oi]; o.dept != sg.dept && distToSegment(mid, o.a, o.b) < near {
						inner[k] = true
						break search
					}
				}
			}
		}
	}
	return inner
}

// distToSegment is the planar distance from p to the segment a–b.
func distToSegment(p, a, b orb.Point) float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	t := 0.0
	if l2 := dx*dx + dy*dy; l2 > 0 {
		t = math.Max(0, math.Min(1, ((p[0]-a[0])*dx+(p[1]-a[1])*dy)/l2))
	}
	return math.Hypot(p[0]-a[0]-t*dx, p[1]-a[1]-t*dy)
}

// boxBorders lists the segments of a box's départements once each,
// projected, sorted into inner borders and outlines.
func boxBorders(b *mapproj.Box, byCode map[string]model.Departement, inner map[segKey]bool) borders {
	var out borders
	seen := map[segKey]bool{}
	for _, code := range b.Codes {
		for _, poly := range byCode[code].Shape {
			for _, r := range poly {
				for i := 1; i < len(r); i++ {
					k := keyOf(r[i-1], r[i])
					if seen[k] {
						continue
					}
					seen[k] = true
					pair := []orb.Point{b.Proj.Forward(r[i-1]), b.Proj.Forward(r[i])}
					if inner[k] {
						out.inner = append(out.inner, pair...)
					} else {
						out.outer = append(out.outer, pair...)
					}
				}
			}
		}
	}
	return out
}
