package app

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"atlasri/app/mapdraw"
)

// heapKeep holds what BenchmarkHeap loaded, so that a -memprofile taken at
// the end of the run shows it as in use.
var heapKeep []any

// liveHeap is the heap in use after a full collection.
func liveHeap() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// BenchmarkHeap measures the memory the non-window side keeps once the
// window has what it needs for a search: the opened data folder, the
// search engine, the départements' outlines and the map built on them.
// Run it once (-benchtime 1x); each metric is the live heap it adds, in MB.
func BenchmarkHeap(b *testing.B) {
	dir := b.TempDir()
	a, err := Open(dir) // the first opening builds reference.db
	if err != nil {
		b.Fatal(err)
	}
	a.Close()
	var open, engine, outlines, drawn, total float64
	for b.Loop() {
		heapKeep = nil
		mb := func(from, to uint64) float64 { return float64(int64(to)-int64(from)) / (1 << 20) }
		h0 := liveHeap()
		a, err := Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		h1 := liveHeap()
		e, err := a.SearchEngine()
		if err != nil {
			b.Fatal(err)
		}
		h2 := liveHeap()
		depts, err := a.Departements()
		if err != nil {
			b.Fatal(err)
		}
		h3 := liveHeap()
		m, err := mapdraw.New(depts, MapFonts())
		if err != nil {
			b.Fatal(err)
		}
		m.Render(m.NewView(1440, 900, 1))
		h4 := liveHeap()
		heapKeep = append(heapKeep, a, e, depts, m)
		open, engine, outlines, drawn, total = mb(h0, h1), mb(h1, h2), mb(h2, h3), mb(h3, h4), mb(h0, h4)
	}
	b.ReportMetric(open, "open-MB")
	b.ReportMetric(engine, "engine-MB")
	b.ReportMetric(outlines, "outlines-MB")
	b.ReportMetric(drawn, "map-MB")
	b.ReportMetric(total, "total-MB")
	if rss := residentMB(); rss > 0 {
		b.ReportMetric(rss, "rss-MB")
	}
}

// residentMB is the process's resident memory (Linux), which counts what
// the Go heap does not: SQLite's page caches, the program's own pages.
func residentMB() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) == 3 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}
