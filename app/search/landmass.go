package search

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"atlasri/model"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// StraightLine qualifies every distance the engine gives: great-circle
// distances, not road or sea routes.
const StraightLine = "à vol d'oiseau"

// Across the sea. The geography gives each polygon of the départements a
// landmass (mainland France, Corsica, each island; see model.Departement).
// A centre on another landmass than the patient is across the sea: its
// straight-line distance says nothing of a crossing by boat or plane, and
// the result says so.

// noLand marks a point on no known landmass (offshore, abroad, or data
// without landmasses): nothing is claimed about it.
const noLand = -1

// landNearKm is how far off a polygon a point may lie and still belong to
// it: GeoNames and the register put some places on the shore, and the
// outlines are simplified (about 0.5 km).
const landNearKm = 2

type landPart struct {
	poly  orb.Polygon
	bound orb.Bound
	land  int
}

// lands finds the landmass of a point.
type lands []landPart

func newLands(depts []model.Departement) lands {
	var out lands
	for _, d := range depts {
		if len(d.Land) != len(d.Shape) {
			continue // outlines without landmasses: unknown
		}
		for i, p := range d.Shape {
			out = append(out, landPart{p, p.Bound(), d.Land[i]})
		}
	}
	return out
}

// of returns the landmass holding p, or the nearest within landNearKm,
// else noLand.
func (ls lands) of(p orb.Point) int {
	for _, l := range ls {
		if l.bound.Contains(p) && planar.PolygonContains(l.poly, p) {
			return l.land
		}
	}
	k := math.Cos(p.Lat() * math.Pi / 180)
	padLat := landNearKm / 111.2
	padLon := padLat / math.Max(k, 0.1)
	best, bestKm := noLand, math.Inf(1)
	for _, l := range ls {
		b := l.bound
		if p[0] < b.Min[0]-padLon || p[0] > b.Max[0]+padLon || p[1] < b.Min[1]-padLat || p[1] > b.Max[1]+padLat {
			continue
		}
		for _, r := range l.poly {
			for i := 0; i+1 < len(r); i++ {
				a := orb.Point{(r[i][0] - p[0]) * k, r[i][1] - p[1]}
				c := orb.Point{(r[i+1][0] - p[0]) * k, r[i+1][1] - p[1]}
				if km := planar.DistanceFromSegment(a, c, orb.Point{}) * 111.2; km < bestKm {
					best, bestKm = l.land, km
				}
			}
		}
	}
	if bestKm <= landNearKm {
		return best
	}
	return noLand
}

// acrossSeaMessage says which hits are across the sea from the patient.
func acrossSeaMessage(hits []Hit) (Message, bool) {
	var ranks []string
	for i, h := range hits {
		if h.AcrossSea {
			ranks = append(ranks, fmt.Sprint(i+1))
		}
	}
	switch {
	case len(ranks) == 0:
		return Message{}, false
	case hits[0].AcrossSea && len(ranks) == len(hits):
		return Message{Format: MsgAllAcrossSea}, true
	case hits[0].AcrossSea:
		return Message{MsgNearestAcrossSea, []any{strings.Join(ranks, ", ")}}, true
	}
	sort.Strings(ranks)
	return Message{MsgSomeAcrossSea, []any{strings.Join(ranks, ", ")}}, true
}
