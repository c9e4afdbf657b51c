package main

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// joinKm is how close two polygons may come and still be one landmass:
// the Rivière Salée between Basse-Terre and Grande-Terre (Guadeloupe) is
// a channel of a few tens of metres under road bridges, whereas the
// straits of Ré, Oléron or Petite-Terre (Mayotte) are kilometres of sea.
const joinKm = 0.3

// polyRef names one polygon of a département.
type polyRef struct {
	code string
	i    int
}

// landmass is the result of landmasses: an id per polygon, and the pairs
// joined by proximity (for the report).
type landmass struct {
	ids    map[string][]int
	joined []polyRef // pairs, flattened
	count  int
}

// landmasses groups the source polygons of all départements into
// landmasses: polygons sharing a vertex (IGN's topology gives neighbouring
// départements identical border vertices) or closer than joinKm. Ids are
// numbered in (code, polygon) order, so the output is stable.
func landmasses(polys map[string]orb.MultiPolygon) landmass {
	var refs []polyRef
	codes := make([]string, 0, len(polys))
	for c := range polys {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	for _, c := range codes {
		for i := range polys[c] {
			refs = append(refs, polyRef{c, i})
		}
	}
	parent := make([]int, len(refs))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	union := func(a, b int) bool {
		ra, rb := find(a), find(b)
		if ra == rb {
			return false
		}
		if ra > rb {
			ra, rb = rb, ra
		}
		parent[rb] = ra
		return true
	}
	owner := map[orb.Point]int{}
	for k, r := range refs {
		for _, ring := range polys[r.code][r.i] {
			for _, p := range ring {
				if o, ok := owner[p]; ok {
					union(o, k)
				} else {
					owner[p] = k
				}
			}
		}
	}
	lm := landmass{ids: map[string][]int{}}
	bounds := make([]orb.Bound, len(refs))
	for k, r := range refs {
		bounds[k] = polys[r.code][r.i].Bound()
	}
	pad := joinKm / kmPerDegree
	for a := range refs {
		for b := a + 1; b < len(refs); b++ {
			ba := bounds[a]
			padLon := pad / math.Max(0.1, math.Cos(ba.Center()[1]*math.Pi/180))
			if !ba.Pad(padLon).Intersects(bounds[b]) || find(a) == find(b) {
				continue
			}
			pa, pb := polys[refs[a].code][refs[a].i], polys[refs[b].code][refs[b].i]
			if polygonGapKm(pa, pb) <= joinKm && union(a, b) {
				lm.joined = append(lm.joined, refs[a], refs[b])
			}
		}
	}
	number := map[int]int{}
	for k, r := range refs {
		root := find(k)
		id, ok := number[root]
		if !ok {
			id = len(number)
			number[root] = id
		}
		lm.ids[r.code] = append(lm.ids[r.code], id)
	}
	lm.count = len(number)
	return lm
}

// polygonGapKm is the shortest distance between the outer rings of two
// polygons that do not overlap, in km (local equirectangular projection):
// the least distance from a vertex of one to an edge of the other.
func polygonGapKm(a, b orb.Polygon) float64 {
	k := math.Cos(a.Bound().Center()[1] * math.Pi / 180)
	proj := func(r orb.Ring) orb.Ring {
		out := make(orb.Ring, len(r))
		for i, p := range r {
			out[i] = orb.Point{p[0] * k, p[1]}
		}
		return out
	}
	ra, rb := proj(a[0]), proj(b[0])
	best := math.Inf(1)
	for _, pair := range [2][2]orb.Ring{{ra, rb}, {rb, ra}} {
		pts, edges := pair[0], pair[1]
		eb := edges.Bound()
		for _, p := range pts {
			// A vertex farther from the other ring's box than the best
			// gap so far cannot improve it.
			if dx := math.Max(0, math.Max(eb.Min[0]-p[0], p[0]-eb.Max[0])); dx > best {
				continue
			}
			if dy := math.Max(0, math.Max(eb.Min[1]-p[1], p[1]-eb.Max[1])); dy > best {
				continue
			}
			for i := 0; i+1 < len(edges); i++ {
				best = math.Min(best, planar.DistanceFromSegment(edges[i], edges[i+1], p))
			}
		}
	}
	return best * kmPerDegree
}

// joinedText lists the polygon pairs joined by proximity.
func (lm landmass) joinedText() string {
	if len(lm.joined) == 0 {
		return "none"
	}
	var parts []string
	for i := 0; i+1 < len(lm.joined); i += 2 {
		a, b := lm.joined[i], lm.joined[i+1]
		parts = append(parts, fmt.Sprintf("%s#%d–%s#%d", a.code, a.i, b.code, b.i))
	}
	return strings.Join(parts, ", ")
}
