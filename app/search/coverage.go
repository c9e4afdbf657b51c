package search

import (
	"errors"
	"fmt"
	"math"
	"sort"

	"github.com/paulmach/orb"
)

// ErrNoCentre is returned by Coverage for a procedure no centre offers.
var ErrNoCentre = errors.New("aucun centre ne propose ce geste")

// DeptCoverage summarises, for one département, how far its population
// lives from the nearest centre offering a procedure.
type DeptCoverage struct {
	Dept string `json:"dept"`
	Name string `json:"name"`
	// Communes counts the communes measured (arrondissements stand for
	// Paris, Lyon and Marseille); Skipped those without a position.
	Communes   int `json:"communes"`
	Skipped    int `json:"skipped"`
	Population int `json:"population"`
	// MedianKm is the population-weighted median of the great-circle
	// distance from each commune to its nearest centre.
	MedianKm float64 `json:"median_km"`
	// Beyond50 and Beyond100 are the shares (0 to 1) of the population
	// living more than 50 and 100 km from the nearest centre.
	Beyond50  float64 `json:"beyond_50km"`
	Beyond100 float64 `json:"beyond_100km"`
	// Centres counts the centres of the département offering the procedure.
	Centres int `json:"centres"`
	// OutsideTerritory says that the nearest centres are outside the
	// département's territory (none offers it there; see territory.go).
	OutsideTerritory bool `json:"outside_territory"`
}

// Coverage measures, for a procedure, the distance from every commune to
// the nearest centre offering it (in the commune's territory, or anywhere
// when the territory has none), summarised per département in code order.
// Overseas collectivities, which are not départements, are left out.
func (e *Engine) Coverage(procedureID string) ([]DeptCoverage, error) {
	p, ok := e.procIdx[procedureID]
	if !ok {
		return nil, fmt.Errorf("geste inconnu « %s »", procedureID)
	}
	offering := e.geo.byProc[p]
	if len(offering) == 0 {
		return nil, fmt.Errorf("%w : %s", ErrNoCentre, e.procs[p].NameFR)
	}
	all, trees := e.coverageTrees(offering)
	rows := make([]DeptCoverage, len(e.depts))
	samples := make([][]coverSample, len(e.depts))
	for i, d := range e.depts {
		_, local := trees[e.terr.of(d.Code)]
		rows[i] = DeptCoverage{Dept: d.Code, Name: d.Name, OutsideTerritory: !local}
	}
	for _, i := range offering {
		if d, ok := e.deptIdx[e.centres[i].Dept]; ok {
			rows[d].Centres++
		}
	}
	for ci, c := range e.communes {
		d, ok := e.deptIdx[c.Dept]
		if !ok || len(e.children[ci]) > 0 {
			continue // a collectivity, or a city measured by arrondissement
		}
		if !c.Located() {
			rows[d].Skipped++
			continue
		}
		tree := trees[e.terr.of(c.Dept)]
		if tree == nil {
			tree = all
		}
		_, d2 := tree.nearest(unit(c.Pos))
		samples[d] = append(samples[d], coverSample{chordKm(d2), c.Population})
	}
	for d := range rows {
		rows[d].summarise(samples[d])
	}
	return rows, nil
}

// coverageTrees builds the k-d tree of the centres offering a procedure,
// all of them and per territory.
func (e *Engine) coverageTrees(offering []int32) (*kdTree, map[uint8]*kdTree) {
	byTerr := map[uint8][]int32{}
	for _, i := range offering {
		byTerr[e.geo.terr[i]] = append(byTerr[e.geo.terr[i]], i)
	}
	trees := map[uint8]*kdTree{}
	for t, idx := range byTerr {
		trees[t] = newKDTree(e.geo.xyz, idx)
	}
	return newKDTree(e.geo.xyz, offering), trees
}

// coverSample is one commune: its distance to the nearest centre and its
// population.
type coverSample struct {
	km  float64
	pop int
}

// summarise fills a département's figures from its communes' samples: the
// population-weighted median distance and the shares beyond 50 and 100 km.
func (r *DeptCoverage) summarise(s []coverSample) {
	r.Communes = len(s)
	if len(s) == 0 {
		return
	}
	sort.Slice(s, func(a, b int) bool { return s[a].km < s[b].km })
	total, beyond50, beyond100 := 0, 0, 0
	for _, x := range s {
		total += x.pop
		if x.km > 50 {
			beyond50 += x.pop
		}
		if x.km > 100 {
			beyond100 += x.pop
		}
	}
	r.Population = total
	if total == 0 {
		r.MedianKm = round1(s[len(s)/2].km)
		return
	}
	cum := 0
	for _, x := range s {
		cum += x.pop
		if 2*cum >= total {
			r.MedianKm = round1(x.km)
			break
		}
	}
	r.Beyond50 = round3(float64(beyond50) / float64(total))
	r.Beyond100 = round3(float64(beyond100) / float64(total))
}

// chordKm turns a squared chord on the unit sphere into a great-circle
// distance in km, on the sphere of orb's radius (as geo.DistanceHaversine).
func chordKm(d2 float64) float64 {
	return 2 * math.Asin(math.Min(1, math.Sqrt(d2)/2)) * orb.EarthRadius / 1000
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }
func round3(x float64) float64 { return math.Round(x*1000) / 1000 }
