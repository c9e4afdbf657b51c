package install_test

import (
	"fmt"
	"math/rand/v2"
	"syscall"
	"testing"
	"time"

	"atlasri/app/exchange"
)

// syntheticFile makes a directory of n centres spread over real communes
// (taken from the demo directory's communes, each centre slightly moved),
// each with a few procedures of the catalogue.
func syntheticFile(tb testing.TB, n int) *exchange.File {
	tb.Helper()
	demo := demoFile(tb)
	rng := rand.New(rand.NewPCG(7, 7))
	procs := []string{"vertebroplastie", "biopsie-osseuse", "pose-picc-line", "embolisation-fibromes-uterins",
		"drainage-biliaire-percutane", "nephrostomie-percutanee", "biopsie-percutanee-foie", "embolisation-varicocele"}
	f := &exchange.File{Kind: exchange.KindJSON, Format: exchange.FormatID, Version: fmt.Sprintf("synth-%d", n), Date: "2027-01-15", Source: "synthèse de test"}
	for i := range n {
		base := demo.Centres[i%len(demo.Centres)]
		lat, lon := *base.Latitude+rng.Float64()*0.02-0.01, *base.Longitude+rng.Float64()*0.02-0.01
		c := exchange.Centre{ID: fmt.Sprintf("centre-test-%05d", i), Name: fmt.Sprintf("Centre de test n° %d", i),
			Category: "clinique", Sector: "private", INSEE: base.INSEE, Latitude: &lat, Longitude: &lon,
			Source: "test", CheckedOn: "2027-01-10"}
		for j, p := range procs {
			if (i+j)%3 == 0 {
				c.Offers = append(c.Offers, exchange.Offer{Procedure: p, Origin: []string{"declare", "indicatif"}[j%2], Reason: "offre supposée (test)"})
			}
		}
		f.Centres = append(f.Centres, c)
	}
	return f
}

// BenchmarkImport10000 measures a whole import of 10,000 centres on an
// open data folder: parsing and checking the JSON file, working out the
// changes, writing and checking the new reference.db, renaming, and
// reopening it.
func BenchmarkImport10000(b *testing.B) {
	data := marshal(b, syntheticFile(b, 10000))
	dir := newFolder(b)
	a := open(b, dir)
	odd := marshal(b, syntheticFile(b, 9999))
	defer reportCPU(b)()
	for i := 0; b.Loop(); i++ {
		// Alternate two versions so that every round really changes the directory.
		req := installRequest(fmt.Sprintf("synth-%d.json", i), data, nil, false)
		if i%2 == 1 {
			req.Data = odd
		}
		p, err := a.PrepareImport(req)
		if err != nil {
			b.Fatal(err)
		}
		if err := a.InstallDirectory(p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDryRunFINESS measures a dry run (reading, checking, working out
// the changes; nothing written) of the 5,368 real establishments of the
// FINESS extract, converted to the exchange CSV: the commune of each is
// found from its postal label.
func BenchmarkDryRunFINESS(b *testing.B) {
	data, _ := finessCSV(b)
	a := open(b, newFolder(b))
	defer reportCPU(b)()
	for b.Loop() {
		if _, err := a.PrepareImport(installRequest("finess.csv", data, nil, false)); err == nil {
			b.Fatal("the overseas collectivities were not refused")
		}
	}
}

// reportCPU adds the process's CPU time per operation to a benchmark: on a
// machine shared with other work, wall time says more about the load than
// about the code.
func reportCPU(b *testing.B) func() {
	cpu := func() time.Duration {
		var ru syscall.Rusage
		syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	start := cpu()
	return func() {
		b.ReportMetric((cpu()-start).Seconds()/float64(b.N), "cpu-s/op")
	}
}
