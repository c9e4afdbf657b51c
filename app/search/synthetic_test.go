package search

import (
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"atlasri/model"

	"github.com/paulmach/orb"
)

// Synthetic centres, for tests and benchmarks at scale only: they stand at
// the positions of the real French health establishments of the shared
// test data (FINESS via Eurostat GISCO), jittered by up to about 3 km when
// more centres than establishments are asked, or around real communes when
// that file is absent. Their offers are drawn at random: nothing here
// describes a real centre.

// establishmentsCSV is ../shared/data/ seen from the repository root.
var establishmentsCSV = filepath.Join("..", "..", "..", "shared", "data", "etablissements-sante-fr-2020.csv")

// realPositions reads the establishments' positions, or nil without the file.
func realPositions(tb testing.TB) []orb.Point {
	f, err := os.Open(establishmentsCSV)
	if err != nil {
		return nil
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rows) < 2 {
		tb.Fatalf("%s: %v", establishmentsCSV, err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	var out []orb.Point
	for _, r := range rows[1:] {
		lat, err1 := strconv.ParseFloat(r[col["lat"]], 64)
		lon, err2 := strconv.ParseFloat(r[col["lon"]], 64)
		if err1 == nil && err2 == nil {
			out = append(out, orb.Point{lon, lat})
		}
	}
	return out
}

// syntheticEngine is the real geography and catalogue with n generated
// centres, each offering every procedure with probability 1/2.
func syntheticEngine(tb testing.TB, n int) *Engine {
	tb.Helper()
	r := rand.New(rand.NewPCG(42, uint64(n)))
	// Centres are placed in the département of the nearest commune.
	var located []int32
	var pts [][3]float64
	for i, c := range engine.communes {
		pts = append(pts, unit(c.Pos))
		if _, ok := engine.deptIdx[c.Dept]; ok && c.Located() {
			located = append(located, int32(i))
		}
	}
	communes := newKDTree(pts, located)
	base := realPositions(tb)
	if base == nil {
		for _, i := range located {
			base = append(base, engine.communes[i].Pos)
		}
	}
	sectors := []model.Sector{model.SectorPublic, model.SectorPrivate, model.SectorPrivateNonProfit}
	centres := make([]model.Centre, n)
	for i := range centres {
		p := base[i%len(base)]
		if i >= len(base) {
			p = orb.Point{p[0] + (r.Float64()-0.5)*0.06, p[1] + (r.Float64()-0.5)*0.04}
		}
		ci, _ := communes.nearest(unit(p))
		com := engine.communes[ci]
		c := model.Centre{
			ID: fmt.Sprintf("synthetique-%06d", i), Name: fmt.Sprintf("Centre synthétique %d", i), Category: "CH",
			Sector: sectors[r.IntN(len(sectors))], INSEE: com.INSEE, Commune: com.Name, Dept: com.Dept, Pos: p,
		}
		for _, proc := range engine.procs {
			if r.IntN(2) == 0 {
				c.Offers = append(c.Offers, model.Offer{ProcedureID: proc.ID, Origin: syntheticOrigin(r.IntN(5)), Reason: "synthétique"})
			}
		}
		centres[i] = c
	}
	e, err := New(Data{
		Departements: engine.depts, Collectivites: engine.colls, Communes: engine.communes,
		Postcodes: enginePostcodes(), Families: engine.families, Procedures: engine.procs, Centres: centres,
	})
	if err != nil {
		tb.Fatal(err)
	}
	return e
}

// enginePostcodes rebuilds the postcode pairs the shared engine holds.
func enginePostcodes() []model.Postcode {
	var out []model.Postcode
	for code, links := range engine.postcodes {
		for _, l := range links {
			out = append(out, model.Postcode{Code: code, INSEE: engine.communes[l.commune].INSEE, Source: l.source})
		}
	}
	return out
}

// syntheticOrigin draws an origin: one offer in five declared.
func syntheticOrigin(n int) model.OfferOrigin {
	if n == 0 {
		return model.OfferDeclared
	}
	return model.OfferIndicative
}
