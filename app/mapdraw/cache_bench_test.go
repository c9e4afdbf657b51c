package mapdraw

import (
	"fmt"
	"slices"
	"testing"
)

// The map's caches against a full redraw, side by side in the same run
// (BENCHMARKS.md gives the ratios). "full-redraw" drops the caches before
// each frame, as a renderer without them would work: the base layer is
// drawn again and the markers grouped again, then the overlay drawn.

// dropCaches forgets the base layer and the groups of markers.
func (m *Map) dropCaches() {
	m.mu.Lock()
	m.baseVersion++
	m.markersVersion++
	m.mu.Unlock()
}

// BenchmarkBaseFromCache: a new set of 1,000 centres (a new search) drawn
// over the cached base, against the same frame drawn from nothing.
func BenchmarkBaseFromCache(b *testing.B) {
	const n = 1000
	m := benchMap(b, n)
	v := m.NewView(1600, 1000, 1)
	m.Render(v)
	m.mu.Lock()
	sets := [2][]Marker{slices.Clone(m.markers), slices.Clone(m.markers)}
	m.mu.Unlock()
	for i := range sets[1] {
		sets[1][i].Pos[0] += 0.025
	}
	for _, full := range []bool{false, true} {
		name := fmt.Sprintf("markers=%d/cached-base", n)
		if full {
			name = fmt.Sprintf("markers=%d/full-redraw", n)
		}
		b.Run(name, func(b *testing.B) {
			draws := m.baseDraws
			i := 0
			start := cpuTime()
			for b.Loop() {
				i++
				m.SetMarkers(sets[i%2])
				if full {
					m.dropCaches()
				}
				m.Render(v)
			}
			reportCPU(b, start)
			if redrawn := m.baseDraws - draws; (redrawn > 0) != full {
				b.Fatalf("base drawn %d times", redrawn)
			}
		})
	}
}

// BenchmarkSelectionVsRedraw: selecting another of 1,000 centres redraws
// the overlay over the cached base and the cached groups, against the same
// frame drawn from nothing.
func BenchmarkSelectionVsRedraw(b *testing.B) {
	const n = 1000
	m := benchMap(b, n)
	v := m.NewView(1600, 1000, 1)
	m.Render(v)
	ids := []string{"c1", "c2"}
	for _, full := range []bool{false, true} {
		name := fmt.Sprintf("markers=%d/selection", n)
		if full {
			name = fmt.Sprintf("markers=%d/full-redraw", n)
		}
		b.Run(name, func(b *testing.B) {
			draws := m.baseDraws
			i := 0
			start := cpuTime()
			for b.Loop() {
				i++
				m.SetSelection(ids[i%2], "")
				if full {
					m.dropCaches()
				}
				m.Render(v)
			}
			reportCPU(b, start)
			if redrawn := m.baseDraws - draws; (redrawn > 0) != full {
				b.Fatalf("base drawn %d times", redrawn)
			}
		})
	}
}
