package main

import (
	"container/heap"
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
	"github.com/paulmach/orb/simplify"
)

// kmPerDegree is the length of one degree of latitude (mean Earth radius).
const kmPerDegree = 6371.0088 * math.Pi / 180

// round5 rounds to 5 decimals (about 1 m), the precision of every
// coordinate written by geogen.
func round5(v float64) float64 {
	r := math.Round(v*1e5) / 1e5
	if r == 0 {
		return 0 // no "-0" in the output
	}
	return r
}

func roundPoint(p orb.Point) orb.Point {
	return orb.Point{round5(p[0]), round5(p[1])}
}

// roundRing rounds every vertex and removes the consecutive duplicates
// that rounding can create, keeping the ring closed.
func roundRing(r orb.Ring) orb.Ring {
	out := make(orb.Ring, 0, len(r))
	for _, p := range r {
		q := roundPoint(p)
		if len(out) > 0 && out[len(out)-1] == q {
			continue
		}
		out = append(out, q)
	}
	if len(out) > 0 && out[0] != out[len(out)-1] {
		out = append(out, out[0])
	}
	return out
}

// ringAreaKm2 is the absolute area of a ring in km², using a local
// equirectangular projection (good enough for département-sized rings).
func ringAreaKm2(r orb.Ring) float64 {
	if len(r) < 4 {
		return 0
	}
	lat := r.Bound().Center()[1]
	return math.Abs(planar.Area(r)) * kmPerDegree * kmPerDegree * math.Cos(lat*math.Pi/180)
}

// ringValid reports whether a closed ring has at least 4 points, a
// non-zero area and no two non-adjacent edges that touch or cross.
func ringValid(r orb.Ring) bool {
	if len(r) < 4 || r[0] != r[len(r)-1] || planar.Area(r) == 0 {
		return false
	}
	n := len(r) - 1 // number of edges
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			if j == i+1 || (i == 0 && j == n-1) {
				continue // adjacent edges share a vertex by construction
			}
			if segmentsIntersect(r[i], r[i+1], r[j], r[j+1]) {
				return false
			}
		}
	}
	return true
}

func orient(a, b, c orb.Point) float64 {
	return (b[0]-a[0])*(c[1]-a[1]) - (b[1]-a[1])*(c[0]-a[0])
}

func onSegment(a, b, p orb.Point) bool {
	return math.Min(a[0], b[0]) <= p[0] && p[0] <= math.Max(a[0], b[0]) &&
		math.Min(a[1], b[1]) <= p[1] && p[1] <= math.Max(a[1], b[1])
}

// segmentsIntersect reports whether segments ab and cd share a point.
func segmentsIntersect(a, b, c, d orb.Point) bool {
	o1, o2 := orient(a, b, c), orient(a, b, d)
	o3, o4 := orient(c, d, a), orient(c, d, b)
	if ((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0)) {
		return true
	}
	return (o1 == 0 && onSegment(a, b, c)) || (o2 == 0 && onSegment(a, b, d)) ||
		(o3 == 0 && onSegment(c, d, a)) || (o4 == 0 && onSegment(c, d, b))
}

// simplifyRing runs Douglas-Peucker then rounds. When that breaks the
// ring (too few points or a self-intersection) it retries with a smaller
// tolerance, so that islands and enclaves survive; only rings smaller
// than minKm2 may be dropped (ok = false). The input is not modified.
func simplifyRing(r orb.Ring, tol, minKm2 float64) (orb.Ring, bool) {
	for t := tol; t > 1e-6; t /= 2 {
		s := roundRing(simplify.DouglasPeucker(t).Ring(r.Clone()))
		if ringValid(s) {
			return s, true
		}
		if ringAreaKm2(r) < minKm2 {
			return nil, false
		}
	}
	s := roundRing(r)
	return s, ringValid(s)
}

// geomStats counts what simplification did, for the report.
type geomStats struct {
	PointsIn, PointsOut int
	Unshared            int // rings simplified on their own: arc by arc broke them
	DroppedRings        int
	DroppedKm2          float64
}

// simplifyMultiPolygon simplifies every ring and orients them as RFC 7946
// asks (exterior counter-clockwise, holes clockwise). land gives each
// polygon's landmass; the ids of the polygons kept are returned with them.
// shared, when not nil, holds the rings simplified arc by arc (see
// arcs.go); a ring that came out broken from it is simplified on its own.
func simplifyMultiPolygon(mp orb.MultiPolygon, land []int, shared [][]orb.Ring, tol, minKm2 float64, st *geomStats) (orb.MultiPolygon, []int) {
	var out orb.MultiPolygon
	var lands []int
	for pi, poly := range mp {
		var np orb.Polygon
		for i, r := range poly {
			st.PointsIn += len(r)
			var s orb.Ring
			ok := false
			if shared != nil {
				s = roundRing(shared[pi][i])
				ok = ringValid(s)
				if !ok {
					st.Unshared++
				}
			}
			if !ok {
				s, ok = simplifyRing(r, tol, minKm2)
			}
			if !ok {
				st.DroppedRings++
				st.DroppedKm2 += ringAreaKm2(r)
				if i == 0 {
					break // exterior gone: its holes go too
				}
				continue
			}
			np = append(np, orientRing(s, i == 0))
			st.PointsOut += len(s)
		}
		if len(np) > 0 {
			out = append(out, np)
			lands = append(lands, land[pi])
		}
	}
	return out, lands
}

// orientRing returns r counter-clockwise when ccw is true, else clockwise.
func orientRing(r orb.Ring, ccw bool) orb.Ring {
	if (planar.Area(r) > 0) == ccw {
		return r
	}
	rev := r.Clone()
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	return rev
}

// largestPolygon returns the polygon whose exterior ring is the largest.
func largestPolygon(mp orb.MultiPolygon) orb.Polygon {
	best, bestArea := orb.Polygon(nil), -1.0
	for _, p := range mp {
		if a := math.Abs(planar.Area(p[0])); a > bestArea {
			best, bestArea = p, a
		}
	}
	return best
}

// labelPoint returns a point well inside the largest polygon of mp: its
// pole of inaccessibility (the interior point farthest from any edge),
// found with the polylabel algorithm on a locally equal-scale projection
// so that "farthest" means kilometres, not degrees. Unlike a centroid it
// cannot fall outside a concave or ring-shaped département.
func labelPoint(mp orb.MultiPolygon) orb.Point {
	poly := largestPolygon(mp)
	k := math.Cos(poly.Bound().Center()[1] * math.Pi / 180)
	proj := make(orb.Polygon, len(poly))
	for i, r := range poly {
		pr := make(orb.Ring, len(r))
		for j, p := range r {
			pr[j] = orb.Point{p[0] * k, p[1]}
		}
		proj[i] = pr
	}
	c := polylabel(proj, 0.0005)
	return roundPoint(orb.Point{c[0] / k, c[1]})
}

// signedDistance is the distance from p to the polygon outline, positive
// inside and negative outside.
func signedDistance(poly orb.Polygon, p orb.Point) float64 {
	d := math.Inf(1)
	for _, r := range poly {
		for i := 0; i+1 < len(r); i++ {
			d = math.Min(d, planar.DistanceFromSegment(r[i], r[i+1], p))
		}
	}
	if planar.PolygonContains(poly, p) {
		return d
	}
	return -d
}

type plCell struct {
	c    orb.Point
	h    float64 // half size
	d    float64 // distance from centre to polygon
	maxD float64 // best distance any point of the cell could reach
}

func newCell(c orb.Point, h float64, poly orb.Polygon) plCell {
	d := signedDistance(poly, c)
	return plCell{c: c, h: h, d: d, maxD: d + h*math.Sqrt2}
}

type cellQueue []plCell

func (q cellQueue) Len() int           { return len(q) }
func (q cellQueue) Less(i, j int) bool { return q[i].maxD > q[j].maxD }
func (q cellQueue) Swap(i, j int)      { q[i], q[j] = q[j], q[i] }
func (q *cellQueue) Push(x any)        { *q = append(*q, x.(plCell)) }
func (q *cellQueue) Pop() any {
	old := *q
	c := old[len(old)-1]
	*q = old[:len(old)-1]
	return c
}

// polylabel is Mapbox's pole-of-inaccessibility search: cover the polygon
// with square cells, then keep splitting the cell that could still hold a
// better point until no cell can beat the best by more than precision.
func polylabel(poly orb.Polygon, precision float64) orb.Point {
	b := poly[0].Bound()
	w, h := b.Max[0]-b.Min[0], b.Max[1]-b.Min[1]
	size := math.Min(w, h)
	if size == 0 {
		return b.Min
	}
	half := size / 2
	q := &cellQueue{}
	for x := b.Min[0]; x < b.Max[0]; x += size {
		for y := b.Min[1]; y < b.Max[1]; y += size {
			heap.Push(q, newCell(orb.Point{x + half, y + half}, half, poly))
		}
	}
	// Start from the centroid when it is inside; otherwise from the centre
	// of the bounding box (the grid will soon find better).
	centroid, _ := planar.CentroidArea(poly)
	best := newCell(centroid, 0, poly)
	if bb := newCell(b.Center(), 0, poly); bb.d > best.d {
		best = bb
	}
	for q.Len() > 0 {
		cell := heap.Pop(q).(plCell)
		if cell.d > best.d {
			best = cell
		}
		if cell.maxD-best.d <= precision {
			continue
		}
		hh := cell.h / 2
		for _, off := range [4]orb.Point{{-hh, -hh}, {hh, -hh}, {-hh, hh}, {hh, hh}} {
			heap.Push(q, newCell(orb.Point{cell.c[0] + off[0], cell.c[1] + off[1]}, hh, poly))
		}
	}
	return best.c
}

// distanceOutsideKm is 0 when p lies in mp, else the distance in km from p
// to the nearest edge of mp (local equirectangular approximation).
func distanceOutsideKm(mp orb.MultiPolygon, p orb.Point) float64 {
	if planar.MultiPolygonContains(mp, p) {
		return 0
	}
	k := math.Cos(p[1] * math.Pi / 180)
	proj := func(q orb.Point) orb.Point { return orb.Point{q[0] * k, q[1]} }
	pp := proj(p)
	best := math.Inf(1)
	for _, poly := range mp {
		for _, r := range poly {
			for i := 0; i+1 < len(r); i++ {
				best = math.Min(best, planar.DistanceFromSegment(proj(r[i]), proj(r[i+1]), pp))
			}
		}
	}
	return best * kmPerDegree
}
