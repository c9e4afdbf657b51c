package search

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"atlasri/model"

	"github.com/paulmach/orb"
)

// tinyData is a hand-made country: one mainland département with a centre
// at 45°N, communes due north of it, and one overseas département.
func tinyData() Data {
	com := func(insee, dept string, pop int, lat float64, parent string) model.Commune {
		c := model.Commune{INSEE: insee, Name: "Commune " + insee, Dept: dept, Kind: model.KindCommune,
			Population: pop, Pos: orb.Point{5, lat}, PosSource: "geonames", Parent: parent}
		if parent != "" {
			c.Kind = model.KindArrondissement
		}
		return c
	}
	unlocated := com("01009", "01", 50, 0, "")
	unlocated.PosSource, unlocated.Pos = model.PosNone, orb.Point{}
	return Data{
		Departements: []model.Departement{{Code: "01", Name: "Ain", Label: orb.Point{5, 45}}, {Code: "976", Name: "Mayotte", Label: orb.Point{45.1, -12.8}}},
		Communes: []model.Commune{
			com("01001", "01", 100, 45.1, ""), // 11.1 km
			com("01002", "01", 150, 45.5, ""), // 55.7 km
			com("01003", "01", 300, 46.0, ""), // 111.3 km
			unlocated,
			// A city of two arrondissements: they are measured, not it.
			com("01100", "01", 1000, 47.0, ""),
			com("01101", "01", 600, 45.0, "01100"), // 0 km
			com("01102", "01", 400, 45.0, "01100"),
			{INSEE: "97601", Name: "Mamoudzou", Dept: "976", Kind: model.KindCommune, Population: 70000, Pos: orb.Point{45.23, -12.78}, PosSource: "geonames"},
		},
		Families:   []model.Family{{ID: "f", NameFR: "Famille"}},
		Procedures: []model.Procedure{{ID: "p", NameFR: "Geste", Family: "f"}, {ID: "q", NameFR: "Autre geste", Family: "f"}},
		Centres: []model.Centre{{ID: "c", Name: "Centre", Sector: model.SectorPublic, INSEE: "01101", Dept: "01",
			Pos: orb.Point{5, 45}, Offers: []model.Offer{{ProcedureID: "p", Reason: "test"}}}},
	}
}

func TestCoverageWeightedMedian(t *testing.T) {
	e, err := New(tinyData())
	if err != nil {
		t.Fatal(err)
	}
	rows, err := e.Coverage("p")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].Dept != "01" || rows[1].Dept != "976" {
		t.Fatalf("rows: %+v", rows)
	}
	ain := rows[0]
	// Sorted by distance: 0 km (1000), 11.1 (100), 55.7 (150), 111.3 (300);
	// half of 1550 lives at 0 km.
	want := DeptCoverage{Dept: "01", Name: "Ain", Communes: 5, Skipped: 1, Population: 1550,
		MedianKm: 0, Beyond50: round3(450.0 / 1550), Beyond100: round3(300.0 / 1550), Centres: 1}
	if ain != want {
		t.Errorf("Ain:\n got %+v\nwant %+v", ain, want)
	}
	// Mayotte has no centre: the nearest is on the mainland, and says so.
	may := rows[1]
	if !may.OutsideTerritory || may.MedianKm < 7000 || may.Beyond100 != 1 || may.Centres != 0 {
		t.Errorf("Mayotte: %+v", may)
	}
	if _, err := e.Coverage("q"); !errors.Is(err, ErrNoCentre) {
		t.Errorf("procedure without centre: %v", err)
	}
	if _, err := e.Coverage("nope"); err == nil {
		t.Error("unknown procedure measured")
	}
}

// Without the arrondissements' big population at 0 km, the median moves.
func TestCoverageMedianMoves(t *testing.T) {
	d := tinyData()
	d.Communes[5].Population, d.Communes[6].Population = 0, 0 // arrondissements
	e, err := New(d)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := e.Coverage("p")
	// 100 @ 11.1, 150 @ 55.7 (cum 250), 300 @ 111.3 (cum 550 ≥ 275).
	if rows[0].MedianKm != 111.3 || rows[0].Population != 550 {
		t.Errorf("median %v km over %d", rows[0].MedianKm, rows[0].Population)
	}
}

func TestCoverageRealData(t *testing.T) {
	rows, err := engine.Coverage("embolisation-hemorroidaire")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(engine.depts) {
		t.Fatalf("%d rows for %d départements", len(rows), len(engine.depts))
	}
	by := map[string]DeptCoverage{}
	pop := 0
	for _, r := range rows {
		by[r.Dept] = r
		pop += r.Population
		if r.Beyond100 > r.Beyond50 || r.Beyond50 > 1 || r.Communes == 0 {
			t.Errorf("%s: %+v", r.Dept, r)
		}
	}
	// Scenario 4: Lozère lives far from any centre, Paris next to them.
	if l := by["48"]; l.MedianKm < 50 || l.Beyond50 < 0.5 || l.Centres != 0 {
		t.Errorf("Lozère: %+v", l)
	}
	if p := by["75"]; p.MedianKm > 10 || p.Beyond50 != 0 || p.Centres == 0 || p.Communes != 20 {
		t.Errorf("Paris: %+v", p)
	}
	if pop < 60_000_000 || pop > 72_000_000 {
		t.Errorf("population measured: %d", pop)
	}
	// An overseas département is measured to its own centres, or, having
	// none, to the nearest elsewhere (thousands of km away).
	counts, _ := engine.CountsByDept("embolisation-hemorroidaire")
	for _, code := range []string{"971", "972", "973", "974", "976"} {
		r := by[code]
		if local := counts[code] > 0; r.OutsideTerritory == local || local != (r.MedianKm < 200) {
			t.Errorf("%s (%d centres): %+v", code, counts[code], r)
		}
	}
}

// The k-d tree must find the same nearest point as a full scan.
func TestKDTreeAgreesWithScan(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{1, 2, 3, 10, 100, 1000} {
		pts := make([][3]float64, n)
		idx := make([]int32, n)
		for i := range pts {
			pts[i] = unit(orb.Point{r.Float64()*360 - 180, r.Float64()*180 - 90})
			idx[i] = int32(i)
		}
		tree := newKDTree(pts, idx)
		for k := 0; k < 200; k++ {
			q := unit(orb.Point{r.Float64()*360 - 180, r.Float64()*180 - 90})
			best, bestD := int32(-1), math.Inf(1)
			for i, p := range pts {
				if d := chord2(q, p); d < bestD {
					best, bestD = int32(i), d
				}
			}
			got, gotD := tree.nearest(q)
			if got != best || gotD != bestD {
				t.Fatalf("n=%d: tree %d (%g), scan %d (%g)", n, got, gotD, best, bestD)
			}
		}
	}
	if i, _ := newKDTree(nil, nil).nearest(unit(orb.Point{0, 0})); i != -1 {
		t.Errorf("empty tree gave %d", i)
	}
}

func TestNewRejectsInconsistentData(t *testing.T) {
	d := tinyData()
	d.Centres[0].Offers = append(d.Centres[0].Offers, model.Offer{ProcedureID: "inconnu"})
	if _, err := New(d); err == nil {
		t.Error("offer of an unknown procedure accepted")
	}
	d = tinyData()
	d.Centres[0].Pos = orb.Point{math.NaN(), 0}
	if _, err := New(d); err == nil {
		t.Error("centre without a valid position accepted")
	}
	d = tinyData()
	d.Communes[5].Parent = "99999"
	if _, err := New(d); err == nil {
		t.Error("arrondissement of an unknown commune accepted")
	}
	d = tinyData()
	d.Postcodes = []model.Postcode{{Code: "01000", INSEE: "99999"}}
	if _, err := New(d); err == nil {
		t.Error("postcode of an unknown commune accepted")
	}
}
