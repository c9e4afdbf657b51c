package resources

import (
	"math"
	"sort"
	"strings"
	"testing"

	"atlasri/model"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// maxOutsideKm and maxOutside bound the communes whose position lies
// outside their département's simplified outline: GeoNames puts a few
// points on the shore or across a border river. With IGN's outlines there
// are 63, at most 4 km out (with Natural Earth's: 407, up to 8.1 km).
const (
	maxOutsideKm = 5
	maxOutside   = 70
)

func TestDepartements(t *testing.T) {
	deps, err := Departements()
	if err != nil {
		t.Fatal(err)
	}
	if len(deps) != 101 {
		t.Fatalf("%d départements, want 101", len(deps))
	}
	overseas := 0
	for _, d := range deps {
		if d.Overseas() {
			overseas++
		}
		if !planar.MultiPolygonContains(d.Shape, d.Label) {
			t.Errorf("%s %s: label point %v outside its outline", d.Code, d.Name, d.Label)
		}
		for _, p := range d.Shape {
			for _, r := range p {
				if len(r) < 4 || r[0] != r[len(r)-1] {
					t.Errorf("%s: ring of %d points, not closed", d.Code, len(r))
				}
			}
		}
	}
	if overseas != 5 {
		t.Errorf("%d overseas départements, want 5", overseas)
	}
}

// landAt returns the landmass of the polygon holding p, or -1.
func landAt(deps []model.Departement, p orb.Point) int {
	for _, d := range deps {
		for i, poly := range d.Shape {
			if planar.PolygonContains(poly, p) {
				return d.Land[i]
			}
		}
	}
	return -1
}

func TestLandmasses(t *testing.T) {
	deps, err := Departements()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range deps {
		if len(d.Land) != len(d.Shape) {
			t.Fatalf("%s: %d landmass ids for %d polygons", d.Code, len(d.Land), len(d.Shape))
		}
	}
	// Places given by their position (lon, lat), from GeoNames.
	var (
		paris      = orb.Point{2.3488, 48.85341}
		brest      = orb.Point{-4.48628, 48.39029}
		strasbourg = orb.Point{7.74553, 48.58392}
		ajaccio    = orb.Point{8.73812, 41.91886}
		bastia     = orb.Point{9.45, 42.70278}
		leCroisic  = orb.Point{-2.54, 47.29}
		palais     = orb.Point{-3.15381, 47.34733}  // Belle-Île
		stMartinRe = orb.Point{-1.36477, 46.20302}  // Île de Ré
		basseTerre = orb.Point{-61.72904, 15.99854} // Guadeloupe, Basse-Terre
		abymes     = orb.Point{-61.50471, 16.27095} // Guadeloupe, Grande-Terre
		grandBourg = orb.Point{-61.31615, 15.88391} // Marie-Galante
		mamoudzou  = orb.Point{45.22878, -12.78234} // Mayotte, Grande-Terre
		dzaoudzi   = orb.Point{45.28111, -12.78778} // Mayotte, Petite-Terre
	)
	same := [][2]orb.Point{{paris, brest}, {paris, strasbourg}, {paris, leCroisic}, {ajaccio, bastia}, {basseTerre, abymes}}
	across := [][2]orb.Point{{paris, ajaccio}, {leCroisic, palais}, {paris, stMartinRe}, {abymes, grandBourg}, {mamoudzou, dzaoudzi}}
	for _, pair := range same {
		a, b := landAt(deps, pair[0]), landAt(deps, pair[1])
		if a < 0 || a != b {
			t.Errorf("%v and %v: landmasses %d and %d, want the same", pair[0], pair[1], a, b)
		}
	}
	for _, pair := range across {
		a, b := landAt(deps, pair[0]), landAt(deps, pair[1])
		if a < 0 || b < 0 || a == b {
			t.Errorf("%v and %v: landmasses %d and %d, want two", pair[0], pair[1], a, b)
		}
	}
}

// distanceKm is the distance from p to the outline mp (0 inside), in a local
// equirectangular approximation that is accurate to well under 1% at the
// scale of a département.
func distanceKm(mp orb.MultiPolygon, p orb.Point) float64 {
	if planar.MultiPolygonContains(mp, p) {
		return 0
	}
	const kmPerDeg = 111.195
	k := math.Cos(p.Lat() * math.Pi / 180)
	proj := func(q orb.Point) orb.Point {
		return orb.Point{(q.Lon() - p.Lon()) * k * kmPerDeg, (q.Lat() - p.Lat()) * kmPerDeg}
	}
	best := math.Inf(1)
	for _, poly := range mp {
		for _, ring := range poly {
			for i := 1; i < len(ring); i++ {
				a, b := proj(ring[i-1]), proj(ring[i])
				best = math.Min(best, segmentDistance(a, b))
			}
		}
	}
	return best
}

// segmentDistance is the distance from the origin to segment ab.
func segmentDistance(a, b orb.Point) float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	t := 0.0
	if l := dx*dx + dy*dy; l > 0 {
		t = math.Max(0, math.Min(1, -(a[0]*dx+a[1]*dy)/l))
	}
	return math.Hypot(a[0]+t*dx, a[1]+t*dy)
}

func TestCommunePositionsLieInTheirDepartement(t *testing.T) {
	deps, err := Departements()
	if err != nil {
		t.Fatal(err)
	}
	communes, err := Communes()
	if err != nil {
		t.Fatal(err)
	}
	shape := map[string]orb.MultiPolygon{}
	for _, d := range deps {
		shape[d.Code] = d.Shape
	}
	cols, err := Collectivites()
	if err != nil {
		t.Fatal(err)
	}
	collectivite := map[string]bool{}
	for _, c := range cols {
		collectivite[c.Code] = true
	}
	type off struct {
		c  model.Commune
		km float64
	}
	var outside []off
	kinds := map[model.CommuneKind]int{}
	for _, c := range communes {
		kinds[c.Kind]++
		if collectivite[c.Dept] {
			continue // overseas collectivities have no outline to compare with
		}
		if !c.Located() {
			t.Errorf("%s %s: a commune of a département without a position", c.INSEE, c.Name)
			continue
		}
		s, ok := shape[c.Dept]
		if !ok {
			t.Errorf("%s %s: unknown département %q", c.INSEE, c.Name, c.Dept)
			continue
		}
		if km := distanceKm(s, c.Pos); km > 0 {
			outside = append(outside, off{c, km})
		}
	}
	if kinds[model.KindCommune] != 34969 || kinds[model.KindArrondissement] != 45 {
		t.Errorf("kinds = %v, want 34969 communes and 45 arrondissements", kinds)
	}
	sort.Slice(outside, func(i, j int) bool { return outside[i].km > outside[j].km })
	for _, o := range outside {
		if o.km > maxOutsideKm {
			t.Errorf("%s %s (%s, %s): %.1f km outside its département", o.c.INSEE, o.c.Name, o.c.Dept, o.c.PosSource, o.km)
		}
	}
	if len(outside) > maxOutside {
		t.Errorf("%d positions outside their département, want at most %d", len(outside), maxOutside)
	}
	if len(outside) > 0 {
		t.Logf("%d positions outside their simplified outline, the farthest %.1f km (%s %s)", len(outside), outside[0].km, outside[0].c.INSEE, outside[0].c.Name)
	}
}

func TestPostcodesResolve(t *testing.T) {
	communes, err := Communes()
	if err != nil {
		t.Fatal(err)
	}
	pcs, err := Postcodes()
	if err != nil {
		t.Fatal(err)
	}
	byINSEE := map[string]model.Commune{}
	for _, c := range communes {
		byINSEE[c.INSEE] = c
	}
	// A postcode must lead to a positioned commune. The only exception is
	// an uninhabited territory that no source locates (Clipperton).
	distinct, located, inhabited := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, p := range pcs {
		distinct[p.Code] = true
		c, ok := byINSEE[p.INSEE]
		if !ok {
			t.Errorf("postcode %s -> unknown commune %s", p.Code, p.INSEE)
			continue
		}
		if c.Located() {
			located[p.Code] = true
		}
		if c.Population > 0 {
			inhabited[p.Code] = true
		}
	}
	var uninhabited []string
	for pc := range distinct {
		switch {
		case located[pc]:
		case inhabited[pc]:
			t.Errorf("postcode %s leads to no commune with a position", pc)
		default:
			uninhabited = append(uninhabited, pc)
		}
	}
	if len(uninhabited) > 0 {
		t.Logf("postcodes of uninhabited, unlocated communes: %v", uninhabited)
	}
	if len(distinct) < 6310 {
		t.Errorf("%d distinct postcodes, want at least 6310", len(distinct))
	}
	for _, special := range []string{"34295", "29240"} {
		if !distinct[special] {
			t.Errorf("La Poste's special code %s is missing", special)
		}
	}
}

func TestEmbeddedCatalogue(t *testing.T) {
	c, err := Catalogue()
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Procedures) != 39 || len(c.Families) != 10 {
		t.Fatalf("%d procedures in %d families, want 39 in 10", len(c.Procedures), len(c.Families))
	}
	emergencies, uncertain := 0, 0
	for _, p := range c.Procedures {
		if p.Emergency {
			emergencies++
		}
		for _, list := range [][]model.Item{p.Indications, p.Workup, p.Contraindications} {
			for _, it := range list {
				if it.Uncertain {
					uncertain++
				}
				if it.Text == "" || strings.Contains(it.Text, "[à confirmer]") {
					t.Errorf("%s: item %q keeps its raw marker or is empty", p.ID, it.Text)
				}
			}
		}
	}
	if emergencies != 3 {
		t.Errorf("%d emergency procedures, want 3 (haemoptysis, post-partum haemorrhage, stroke)", emergencies)
	}
	if uncertain == 0 {
		t.Error("no item is marked uncertain: the « à confirmer » markers were lost")
	}
}
