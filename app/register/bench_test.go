package register

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"atlasri/app/exchange"
	"atlasri/internal/cputime"
	"atlasri/model"
	"atlasri/resources"
)

// The national feeds are large: the importer streams them. The benchmark
// builds a synthetic national-scale pair (100,000 authorised activities
// exercised at sites, each with the legal entity's holding it points at,
// and 100,000 sites in the structures feed; one site in a hundred
// authorised for RI) and measures the whole import (read both feeds,
// join, build and check the directory): time, and the peak of the Go
// heap while it runs. The baseline decodes both files whole, as a
// reader that loads the file would.

const (
	nationalSites    = 100_000
	nationalSeed     = 20260401 // the feeds are drawn from it; logged
	nationalRIShare  = 100      // one site in a hundred holds an RI authorisation
	nationalPerLegal = 3        // sites per legal entity
)

// nationalFeeds writes the synthetic national pair into dir.
func nationalFeeds(tb testing.TB, dir string) (activities, structures string) {
	tb.Helper()
	tb.Logf("synthetic national feeds: %d sites, seed %d", nationalSites, nationalSeed)
	communes, err := resources.Communes()
	if err != nil {
		tb.Fatal(err)
	}
	var located []model.Commune
	for _, c := range communes {
		if c.Located() && len(c.Postcodes) > 0 && c.Kind == model.KindCommune && !strings.HasPrefix(c.Dept, "98") && c.Dept != "975" && c.Dept != "977" && c.Dept != "978" {
			located = append(located, c)
		}
	}
	combos := [][5]string{ri("ME045", "PTS00"), ri("ME046", "PTS09"), ri("ME046", "PTS10"), ri("ME047", "PTS00"), ri("ME048", "PTS00")}
	entities := func(yield func(sEntity) bool) {
		r := rand.New(rand.NewPCG(nationalSeed, 1))
		for e := 0; e*nationalPerLegal < nationalSites; e++ {
			ent := sEntity{pm: fmt.Sprint(e + 1), finess: nationalFINESS("75", e), status: []string{"13", "63", "95"}[r.IntN(3)]}
			for k := 0; k < nationalPerLegal && e*nationalPerLegal+k < nationalSites; k++ {
				i := e*nationalPerLegal + k
				c := located[r.IntN(len(located))]
				s := sSite{ege: fmt.Sprint(i + 1), finess: nationalFINESS(c.Dept[:2], 900_000+i), name: fmt.Sprintf("SITE SYNTHETIQUE %d", i+1),
					category: []string{"355", "101", "365", "131", "500"}[r.IntN(5)], insee: c.INSEE, postcode: c.Postcodes[0],
					city: strings.ToUpper(c.Name), line: fmt.Sprintf("%d RUE SYNTHETIQUE", 1+r.IntN(200)),
					lat: c.Pos.Lat() + (r.Float64()-0.5)*0.01, lon: c.Pos.Lon() + (r.Float64()-0.5)*0.01, inStructures: true,
					noLambert: strings.HasPrefix(c.Dept, "97")}
				a := sActivity{id: fmt.Sprint(2_000_000 + i), number: fmt.Sprintf("SYN-%d", i), start: "2023-06-01", nature: "ASMR"}
				if i%nationalRIShare == 0 {
					a.nature, a.amm = "AMM", combos[r.IntN(len(combos))]
					if r.IntN(50) == 0 {
						a.state = "I"
					}
				}
				s.acts = []sActivity{a}
				ent.sites = append(ent.sites, s)
			}
			if !yield(ent) {
				return
			}
		}
	}
	activities, structures = filepath.Join(dir, "activites.json"), filepath.Join(dir, "structures.json")
	for _, f := range []struct {
		path  string
		write func(*os.File) error
	}{
		{activities, func(w *os.File) error { return writeActivities(w, "2026-04-01T06:00:00Z", false, entities) }},
		{structures, func(w *os.File) error { return writeStructures(w, "2026-03-09T06:00:00Z", false, entities) }},
	} {
		w, err := os.Create(f.path)
		if err != nil {
			tb.Fatal(err)
		}
		if err := f.write(w); err != nil {
			tb.Fatal(err)
		}
		w.Close()
	}
	return activities, structures
}

// nationalFINESS makes up a unique FINESS-shaped number: département,
// six digits, Luhn key (the feeds are synthetic and live in a temporary
// folder; no real establishment is meant).
func nationalFINESS(dept string, n int) string {
	base := fmt.Sprintf("%s%06d", dept, n%1_000_000)
	for k := 0; k <= 9; k++ {
		if s := fmt.Sprintf("%s%d", base, k); exchange.ValidFINESS(s) {
			return s
		}
	}
	panic("no key")
}

// peakHeap samples the heap's live objects every millisecond while f
// runs, and returns the largest value seen, in bytes.
func peakHeap(f func()) uint64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var peak atomic.Uint64
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			if v := sample[0].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	f()
	close(done)
	<-stopped
	return peak.Load()
}

func fileMB(paths ...string) float64 {
	var n int64
	for _, p := range paths {
		if st, err := os.Stat(p); err == nil {
			n += st.Size()
		}
	}
	return float64(n) / (1 << 20)
}

// BenchmarkImportNational: read, join, build and check, streaming.
func BenchmarkImportNational(b *testing.B) {
	act, str := nationalFeeds(b, b.TempDir())
	g, cat := geography(b)
	var peak uint64
	var sites, centres int
	b.ResetTimer()
	cpu := cputime.Process()
	for b.Loop() {
		peak = max(peak, peakHeap(func() {
			a, s := open(b, act), open(b, str)
			res, err := Read(a, "activites.json", s, "structures.json", Options{})
			if err != nil {
				b.Fatal(err)
			}
			f := res.File(cat.Procedures, "")
			d, _, _ := res.Directory(f, g, time.Time{})
			sites, centres = len(res.Authorised), len(d.Centres)
		}))
	}
	b.ReportMetric((cputime.Process()-cpu).Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	b.ReportMetric(fileMB(act, str), "feeds-MB")
	b.ReportMetric(float64(centres), "centres")
	if sites < nationalSites/nationalRIShare*9/10 || centres != sites {
		b.Errorf("%d sites, %d centres", sites, centres)
	}
}

// BenchmarkImportNationalWholeFileBaseline decodes both feeds whole into
// generic values: what reading them without streaming holds in memory.
func BenchmarkImportNationalWholeFileBaseline(b *testing.B) {
	act, str := nationalFeeds(b, b.TempDir())
	var peak uint64
	b.ResetTimer()
	cpu := cputime.Process()
	for b.Loop() {
		peak = max(peak, peakHeap(func() {
			for _, p := range []string{act, str} {
				data, err := os.ReadFile(p)
				if err != nil {
					b.Fatal(err)
				}
				var v any
				if err := json.Unmarshal(data, &v); err != nil {
					b.Fatal(err)
				}
				runtime.KeepAlive(v)
			}
		}))
	}
	b.ReportMetric((cputime.Process()-cpu).Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	b.ReportMetric(fileMB(act, str), "feeds-MB")
}
