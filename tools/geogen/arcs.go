package main

import (
	"sort"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/simplify"
)

// Shared borders. IGN's outlines give two neighbouring départements the
// same vertices along their common border. Simplifying each ring on its
// own would keep different vertices on each side, leaving slivers and
// overlaps, and the map would stroke the border twice. So every ring is
// cut into arcs where the set of rings using its edges changes (a junction
// of three départements, the end of a coast), and each arc is simplified
// once, in a canonical direction: both neighbours get the same result.

// edgeKey is an undirected edge.
type edgeKey struct{ a, b orb.Point }

func undirected(a, b orb.Point) edgeKey {
	if less(b, a) {
		a, b = b, a
	}
	return edgeKey{a, b}
}

func less(a, b orb.Point) bool {
	if a[0] != b[0] {
		return a[0] < b[0]
	}
	return a[1] < b[1]
}

// arcKey identifies an arc in its canonical direction: the same border
// seen from both sides has the same key.
type arcKey struct {
	first, second, last orb.Point
	n                   int
}

// arcRef is one arc of a ring: its canonical key, and whether the ring
// runs it backwards.
type arcRef struct {
	key arcKey
	rev bool
}

// arcSet holds every arc once, with the tolerance it is simplified at.
type arcSet struct {
	points map[arcKey][]orb.Point // canonical direction
	tol    map[arcKey]float64
	simple map[arcKey][]orb.Point
}

func (as *arcSet) add(arc []orb.Point, tol float64) arcRef {
	n := len(arc)
	rev := less(arc[n-1], arc[0]) || (arc[0] == arc[n-1] && n > 2 && less(arc[n-2], arc[1]))
	canon := arc
	if rev {
		canon = reversed(arc)
	}
	k := arcKey{canon[0], canon[1], canon[n-1], n}
	if _, ok := as.points[k]; !ok {
		as.points[k], as.tol[k] = canon, tol
	}
	return arcRef{k, rev}
}

func (as *arcSet) simplified(r arcRef) []orb.Point {
	s, ok := as.simple[r.key]
	if !ok {
		s = simplify.DouglasPeucker(as.tol[r.key]).LineString(orb.LineString(append([]orb.Point(nil), as.points[r.key]...)))
		as.simple[r.key] = s
	}
	if r.rev {
		return reversed(s)
	}
	return s
}

// ring joins the simplified arcs of a ring.
func (as *arcSet) ring(refs []arcRef) orb.Ring {
	var out orb.Ring
	for _, r := range refs {
		s := as.simplified(r)
		if len(out) > 0 {
			s = s[1:] // the junction is already there
		}
		out = append(out, s...)
	}
	return out
}

// maxArcRepairs bounds the passes that halve the tolerance of the arcs of
// rings whose simplified arcs cross each other.
const maxArcRepairs = 8

// sharedSimplify simplifies every ring of every département, arc by arc,
// with Douglas-Peucker at tol. The result mirrors polys (département,
// polygon, ring); rings stay closed but are neither rounded nor checked.
// When the arcs of a ring cross each other once simplified, that ring's
// arcs are simplified again with half the tolerance, on both sides of
// their borders.
func sharedSimplify(polys map[string]orb.MultiPolygon, tol float64) map[string][][]orb.Ring {
	codes := make([]string, 0, len(polys))
	for c := range polys {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	// Which rings use each edge.
	owners := map[edgeKey][]int32{}
	var id int32
	for _, c := range codes {
		for _, poly := range polys[c] {
			for _, r := range poly {
				for i := 0; i+1 < len(r); i++ {
					k := undirected(r[i], r[i+1])
					if o := owners[k]; len(o) == 0 || o[len(o)-1] != id {
						owners[k] = append(o, id)
					}
				}
				id++
			}
		}
	}
	as := &arcSet{points: map[arcKey][]orb.Point{}, tol: map[arcKey]float64{}, simple: map[arcKey][]orb.Point{}}
	type ringArcs struct {
		code      string
		poly, idx int
		refs      []arcRef
	}
	var all []ringArcs
	for _, c := range codes {
		for pi, poly := range polys[c] {
			for ri, r := range poly {
				all = append(all, ringArcs{c, pi, ri, ringArcRefs(r, owners, as, tol)})
			}
		}
	}
	for pass := 0; pass < maxArcRepairs; pass++ {
		redo := map[arcKey]bool{}
		for _, ra := range all {
			if len(ra.refs) < 2 {
				continue // a closed arc: an island, left to simplifyRing when it breaks
			}
			if s := roundRing(as.ring(ra.refs)); !ringValid(s) {
				for _, r := range ra.refs {
					redo[r.key] = true
				}
			}
		}
		if len(redo) == 0 {
			break
		}
		for k := range redo {
			as.tol[k] /= 2
			delete(as.simple, k)
		}
	}
	out := map[string][][]orb.Ring{}
	for _, ra := range all {
		if out[ra.code] == nil {
			out[ra.code] = make([][]orb.Ring, len(polys[ra.code]))
		}
		out[ra.code][ra.poly] = append(out[ra.code][ra.poly], as.ring(ra.refs))
	}
	return out
}

// ringArcRefs cuts a closed ring into arcs where the set of rings using its
// edges changes, and registers them.
func ringArcRefs(r orb.Ring, owners map[edgeKey][]int32, as *arcSet, tol float64) []arcRef {
	n := len(r) - 1 // distinct vertices
	if n < 3 {
		return []arcRef{as.add(r, tol)}
	}
	same := func(a, b []int32) bool {
		if len(a) != len(b) {
			return false
		}
		for i := range a {
			if a[i] != b[i] {
				return false
			}
		}
		return true
	}
	edge := func(i int) []int32 { return owners[undirected(r[i%n], r[(i+1)%n])] }
	var nodes []int
	for i := 0; i < n; i++ {
		if !same(edge(i+n-1), edge(i)) {
			nodes = append(nodes, i)
		}
	}
	if len(nodes) == 0 {
		// One closed arc (an island, an enclave): start at its smallest
		// vertex so that both sides of an enclave cut it alike.
		start := 0
		for i := 1; i < n; i++ {
			if less(r[i], r[start]) {
				start = i
			}
		}
		arc := make([]orb.Point, 0, n+1)
		for i := 0; i <= n; i++ {
			arc = append(arc, r[(start+i)%n])
		}
		return []arcRef{as.add(arc, tol)}
	}
	var refs []arcRef
	for k, from := range nodes {
		to := nodes[(k+1)%len(nodes)]
		if to <= from {
			to += n
		}
		arc := make([]orb.Point, 0, to-from+1)
		for i := from; i <= to; i++ {
			arc = append(arc, r[i%n])
		}
		refs = append(refs, as.add(arc, tol))
	}
	return refs
}

func reversed(ps []orb.Point) []orb.Point {
	out := make([]orb.Point, len(ps))
	for i, p := range ps {
		out[len(ps)-1-i] = p
	}
	return out
}
