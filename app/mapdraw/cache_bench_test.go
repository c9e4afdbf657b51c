package mapdraw

import (
	"fmt"
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

// benchCacheVsRedraw renders frames after change(i), over the caches and
// then without them, and checks the base was drawn again only without.
func benchCacheVsRedraw(b *testing.B, m *Map, cached string, change func(i int)) {
	v := m.NewView(1600, 1000, 1)
	m.Render(v)
	for _, full := range []bool{false, true} {
		name := cached
		if full {
			name = "full-redraw"
		}
		b.Run(fmt.Sprintf("markers=%d/%s", len(m.markers), name), func(b *testing.B) {
			draws := m.baseDraws
			i := 0
			start := cpuTime()
			for b.Loop() {
				i++
				change(i)
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

// BenchmarkBaseFromCache: a new set of 1,000 centres (a new search) drawn
// over the cached base, against the same frame drawn from nothing.
func BenchmarkBaseFromCache(b *testing.B) {
	m := benchMap(b, 1000)
	sets := markerSets(m)
	benchCacheVsRedraw(b, m, "cached-base", func(i int) { m.SetMarkers(sets[i%2]) })
}

// BenchmarkSelectionVsRedraw: selecting another of 1,000 centres redraws
// the overlay over the cached base and the cached groups, against the same
// frame drawn from nothing.
func BenchmarkSelectionVsRedraw(b *testing.B) {
	m := benchMap(b, 1000)
	ids := []string{"c1", "c2"}
	benchCacheVsRedraw(b, m, "selection", func(i int) { m.SetSelection(ids[i%2], "") })
}
