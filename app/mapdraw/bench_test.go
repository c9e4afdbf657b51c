package mapdraw

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"atlasri/resources"

	"github.com/paulmach/orb"
)

// benchMap is a map with the real geography, a shading of every
// département, and n markers at the positions of real communes (drawn
// with a fixed seed), so that they crowd where people live.
func benchMap(b testing.TB, n int) *Map {
	b.Helper()
	ds, err := resources.Departements()
	if err != nil {
		b.Fatal(err)
	}
	m, err := New(ds, Fonts{})
	if err != nil {
		b.Fatal(err)
	}
	vals := map[string]float64{}
	for i, d := range ds {
		vals[d.Code] = float64(i % 7)
	}
	m.SetShading(&Shading{Title: "Centres proposant le geste", Unit: "centre", UnitPlural: "centres", Values: vals})
	if n > 0 {
		cs, err := resources.Communes()
		if err != nil {
			b.Fatal(err)
		}
		r := rand.New(rand.NewPCG(1, 2))
		ms := make([]Marker, n)
		for i := range ms {
			c := cs[r.IntN(len(cs))]
			for !c.Located() {
				c = cs[r.IntN(len(cs))]
			}
			ms[i] = Marker{ID: fmt.Sprint("c", i), Pos: c.Pos, Public: i%3 != 0, Name: c.Name}
			if i < 20 {
				ms[i].Number = i + 1
			}
		}
		m.SetMarkers(ms)
	}
	m.SetSearch(&SearchPoint{Pos: orb.Point{-0.5542, 47.4736}, RadiusKm: 50, Label: "Angers"})
	return m
}

// BenchmarkBase redraws the whole base layer (fills, borders, labels,
// insets) at 1600×1000, as after a zoom, a pan or a theme change.
func BenchmarkBase(b *testing.B) {
	m := benchMap(b, 0)
	v := m.NewView(1600, 1000, 1)
	start := cpuTime()
	for b.Loop() {
		m.mu.Lock()
		m.baseVersion++
		m.renderBase(v)
		m.mu.Unlock()
	}
	reportCPU(b, start)
}

// reportCPU adds the CPU time per operation to the benchmark's output.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
}

// BenchmarkOverlay changes the selected centre, which redraws only the
// overlay (markers, groups, search circle, legend) over the cached base.
func BenchmarkOverlay(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		b.Run(fmt.Sprint(n, "markers"), func(b *testing.B) {
			m := benchMap(b, n)
			v := m.NewView(1600, 1000, 1)
			m.Render(v)
			ids := []string{"c1", "c2"}
			i := 0
			start := cpuTime()
			for b.Loop() {
				i++
				m.SetSelection(ids[i%2], "")
				m.Render(v)
			}
			reportCPU(b, start)
		})
	}
}

// markerSets are two sets of the map's centres, the second 2 km east of
// the first: taken in turn, every change projects and groups them anew.
func markerSets(m *Map) [2][]Marker {
	m.mu.Lock()
	sets := [2][]Marker{slices.Clone(m.markers), slices.Clone(m.markers)}
	m.mu.Unlock()
	for i := range sets[1] {
		sets[1][i].Pos[0] += 0.025
	}
	return sets
}

// BenchmarkMarkers replaces the centres (a new search), which projects
// them again and regroups them, over the cached base.
func BenchmarkMarkers(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		b.Run(fmt.Sprint(n, "markers"), func(b *testing.B) {
			m := benchMap(b, n)
			v := m.NewView(1600, 1000, 1)
			m.Render(v)
			sets := markerSets(m)
			i := 0
			start := cpuTime()
			for b.Loop() {
				i++
				m.SetMarkers(sets[i%2])
				m.Render(v)
			}
			reportCPU(b, start)
		})
	}
}
