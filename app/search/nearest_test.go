package search

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"

	"atlasri/model"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
)

func near(t *testing.T, place string, q Query) Result {
	t.Helper()
	loc, cands, err := engine.Locate(place)
	if err != nil || len(cands) > 1 {
		t.Fatalf("Locate(%q): %v, %d candidates", place, err, len(cands))
	}
	q.Point, q.From = &loc.Point, loc.Dept
	r, err := engine.Nearest(q)
	if err != nil {
		t.Fatalf("Nearest(%+v): %v", q, err)
	}
	return r
}

// Scenario 1: fibroids around Cholet, Angers first, indicative offer.
func TestNearestCholetFibroids(t *testing.T) {
	r := near(t, "49300", Query{Procedure: "embolisation-fibromes-uterins"})
	if len(r.Hits) != DefaultLimit || !r.FromPoint || !r.WithinRadius || r.OutsideTerritory || len(r.Messages) > 0 {
		t.Fatalf("result: %d hits, %+v", len(r.Hits), r.Messages)
	}
	first := r.Hits[0]
	if first.Centre.Commune != "Angers" || first.DistanceKm < 40 || first.DistanceKm > 65 {
		t.Errorf("first: %s (%s) at %.1f km", first.Centre.Name, first.Centre.Commune, first.DistanceKm)
	}
	if len(first.Offers) != 1 || first.Offers[0].Procedure != "embolisation-fibromes-uterins" || first.Offers[0].Origin != model.OfferIndicative || first.Origin != model.OfferIndicative || first.Offers[0].Reason == "" {
		t.Errorf("offers: %+v origin %v", first.Offers, first.Origin)
	}
	for i := 1; i < len(r.Hits); i++ {
		if r.Hits[i].DistanceKm < r.Hits[i-1].DistanceKm {
			t.Errorf("hit %d nearer than hit %d", i, i-1)
		}
	}
}

// Scenario 2: from Ajaccio, vertebroplasty is across the sea: nothing in
// 50 km, and the nearest beyond are given, with a message.
func TestNearestAjaccioBeyondRadius(t *testing.T) {
	r := near(t, "Ajaccio", Query{Procedure: "vertebroplastie", RadiusKm: 50})
	if r.WithinRadius || r.InRadius != 0 || len(r.Hits) == 0 || r.OutsideTerritory {
		t.Fatalf("result: within %v, %d in radius, %d hits", r.WithinRadius, r.InRadius, len(r.Hits))
	}
	if len(r.Messages) != 2 || !strings.Contains(r.Messages[0].String(), "Aucun centre à moins de 50 km à vol d'oiseau") ||
		!strings.Contains(r.Messages[1].String(), "de l'autre côté de la mer") {
		t.Errorf("messages: %q", r.Messages)
	}
	for _, h := range r.Hits {
		if !h.AcrossSea {
			t.Errorf("%s (%s) not flagged across the sea from Ajaccio", h.Centre.Name, h.Centre.Dept)
		}
	}
	for _, h := range r.Hits {
		if h.DistanceKm <= 50 || h.Centre.Dept == "2A" || h.OtherTerritory {
			t.Errorf("hit %s (%s) at %.1f km", h.Centre.Name, h.Centre.Dept, h.DistanceKm)
		}
	}
	// Biopsies are done in Ajaccio itself: within the radius.
	r = near(t, "Ajaccio", Query{Family: "biopsies", RadiusKm: 50})
	if !r.WithinRadius || len(r.Hits) == 0 || r.Hits[0].Centre.Dept != "2A" || r.Hits[0].DistanceKm > 50 {
		t.Errorf("biopsies from Ajaccio: %+v", r.Hits)
	}
	for _, h := range r.Hits {
		if h.DistanceKm > 50 {
			t.Errorf("%s at %.1f km is outside the radius", h.Centre.Name, h.DistanceKm)
		}
	}
}

// Scenario 3: from Saint-Pierre (La Réunion), only the island's centres.
func TestNearestReunionStaysOnIsland(t *testing.T) {
	counts, err := engine.CountsByDept("embolisation-varicocele")
	if err != nil || counts["974"] == 0 {
		t.Fatalf("no varicocele centre in 974: %v %v", counts, err)
	}
	r := near(t, "Saint-Pierre 97410", Query{Procedure: "embolisation-varicocele", Limit: 50})
	if len(r.Hits) != counts["974"] || r.Matching != counts["974"] || r.OutsideTerritory {
		t.Fatalf("%d hits, %d matching, want the %d of the island", len(r.Hits), r.Matching, counts["974"])
	}
	for _, h := range r.Hits {
		if h.Centre.Dept != "974" || h.OtherTerritory || h.DistanceKm > 100 {
			t.Errorf("hit %s (%s) at %.0f km", h.Centre.Name, h.Centre.Dept, h.DistanceKm)
		}
	}
	// Without the département, the point alone finds the territory.
	loc, _, _ := engine.Locate("Saint-Pierre 97410")
	r2, err := engine.Nearest(Query{Procedure: "embolisation-varicocele", Point: &loc.Point, Limit: 50})
	if err != nil || len(r2.Hits) != len(r.Hits) {
		t.Errorf("from the point alone: %d hits, %v", len(r2.Hits), err)
	}
	// An explicit département lifts the rule.
	r3 := near(t, "Saint-Pierre 97410", Query{Procedure: "embolisation-varicocele", Dept: "75"})
	if len(r3.Hits) == 0 || r3.Hits[0].Centre.Dept != "75" {
		t.Errorf("Dept 75 from La Réunion: %+v", r3.Hits)
	}
}

// Mayotte's hospital does not offer vertebroplasty: the nearest centres
// elsewhere are given, and the result says they are outside the territory.
func TestNearestOutsideTerritory(t *testing.T) {
	if n, _ := engine.CountsByDept("vertebroplastie"); n["976"] != 0 {
		t.Skip("Mayotte offers vertebroplasty in this directory")
	}
	r := near(t, "Mamoudzou", Query{Procedure: "vertebroplastie", Limit: 3})
	if !r.OutsideTerritory || len(r.Hits) != 3 || len(r.Messages) != 2 || !strings.Contains(r.Messages[0].String(), "« Mayotte »") ||
		!strings.Contains(r.Messages[1].String(), "de l'autre côté de la mer") {
		t.Fatalf("result: %+v", r)
	}
	for _, h := range r.Hits {
		if !h.OtherTerritory {
			t.Errorf("%s not flagged outside the territory", h.Centre.Name)
		}
	}
	if r.Hits[0].Centre.Dept != "974" {
		t.Errorf("nearest from Mayotte: %s (%s), want La Réunion", r.Hits[0].Centre.Name, r.Hits[0].Centre.Dept)
	}
}

// Scenario 4: Mende is far from any large hospital.
func TestNearestMendeIsFar(t *testing.T) {
	r := near(t, "Mende", Query{Procedure: "embolisation-hemorroidaire", RadiusKm: 50})
	if r.WithinRadius || len(r.Hits) == 0 || r.Hits[0].DistanceKm < 50 {
		t.Errorf("Mende: within %v, first %+v", r.WithinRadius, r.Hits)
	}
}

func TestNearestFilters(t *testing.T) {
	r := near(t, "Paris 15e", Query{Procedure: "embolisation-arteres-prostatiques", RadiusKm: 10, Limit: 100})
	if len(r.Hits) < 3 || !r.WithinRadius || r.InRadius != len(r.Hits) {
		t.Errorf("Paris 15e: %d hits, %d in radius", len(r.Hits), r.InRadius)
	}
	r = near(t, "Paris", Query{Sector: PrivateOnly, Limit: 100})
	if len(r.Hits) == 0 {
		t.Error("no private centre")
	}
	for _, h := range r.Hits {
		if h.Centre.Sector.Public() {
			t.Errorf("private filter kept %s", h.Centre.Name)
		}
	}
	r = near(t, "Paris", Query{Sector: PublicOnly, Limit: 100})
	for _, h := range r.Hits {
		if !h.Centre.Sector.Public() {
			t.Errorf("public filter kept %s", h.Centre.Name)
		}
	}
	fav := map[string]bool{engine.centres[0].ID: true, engine.centres[5].ID: true}
	r = near(t, "Paris", Query{Favourites: fav, Limit: 100})
	if len(r.Hits) != 2 || !fav[r.Hits[0].Centre.ID] || !fav[r.Hits[1].Centre.ID] {
		t.Errorf("favourites: %+v", r.Hits)
	}
	// A family matches its procedures, secondary family links included.
	r = near(t, "Angers", Query{Family: "veineux", Limit: 1})
	found := false
	for _, o := range r.Hits[0].Offers {
		found = found || o.Procedure == "embolisation-varicocele"
	}
	if !found {
		t.Errorf("veineux family offers: %+v", r.Hits[0].Offers)
	}
	// No procedure offered anywhere: an empty answer, not an error.
	r = near(t, "Paris", Query{Procedure: "thrombectomie-avc"})
	if n, _ := engine.CountsByDept("thrombectomie-avc"); len(n) == 0 && (len(r.Hits) != 0 || r.Matching != 0) {
		t.Errorf("thrombectomy: %+v", r)
	}
}

func TestNearestWithoutPoint(t *testing.T) {
	r, err := engine.Nearest(Query{Dept: "49", Limit: 100})
	if err != nil || r.FromPoint || len(r.Hits) == 0 {
		t.Fatalf("%+v %v", r, err)
	}
	want, _ := engine.CentresInDept("49")
	if len(r.Hits) != len(want) {
		t.Errorf("%d hits, %d centres in 49", len(r.Hits), len(want))
	}
	for i, h := range r.Hits {
		if h.Centre.Dept != "49" || h.DistanceKm != 0 || h.Centre.ID != want[i].ID {
			t.Errorf("hit %d: %s (%s)", i, h.Centre.Name, h.Centre.Dept)
		}
	}
}

func TestNearestRejectsBadQueries(t *testing.T) {
	p := orb.Point{2, 47}
	bad := orb.Point{2, 95}
	nan := orb.Point{math.NaN(), 47}
	tests := []struct {
		q    Query
		want string
	}{
		{Query{Procedure: "nope"}, "geste inconnu « nope »"},
		{Query{Family: "nope"}, "famille de gestes inconnue"},
		{Query{Procedure: "vertebroplastie", Family: "douleur"}, "pas les deux"},
		{Query{Point: &p, RadiusKm: -1}, "rayon invalide"},
		{Query{Point: &p, RadiusKm: math.NaN()}, "rayon invalide"},
		{Query{Point: &bad}, "position invalide"},
		{Query{Point: &nan}, "position invalide"},
		{Query{Dept: "2C"}, "département inconnu « 2C »"},
		{Query{Sector: "nationalisé"}, "secteur inconnu"},
	}
	for _, tt := range tests {
		if _, err := engine.Nearest(tt.q); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%+v: %v, want %q", tt.q, err, tt.want)
		}
	}
}

func TestCountsAndCentresByDept(t *testing.T) {
	all, err := engine.CountsByDept("")
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for d, n := range all {
		total += n
		cs, err := engine.CentresInDept(d)
		if err != nil || len(cs) != n {
			t.Errorf("%s: %d centres listed, %d counted, %v", d, len(cs), n, err)
		}
		for i := 1; i < len(cs); i++ {
			if strings.ToLower(cs[i].Name) < strings.ToLower(cs[i-1].Name) {
				t.Errorf("%s not sorted: %s after %s", d, cs[i].Name, cs[i-1].Name)
			}
		}
	}
	if total != len(engine.centres) {
		t.Errorf("counted %d of %d centres", total, len(engine.centres))
	}
	proc, _ := engine.CountsByDept("vertebroplastie")
	fam, _ := engine.CountsByDept("douleur") // vertebroplasty's family
	for d, n := range proc {
		if fam[d] < n || all[d] < n {
			t.Errorf("%s: %d vertebroplasty, %d pain family, %d in all", d, n, fam[d], all[d])
		}
	}
	if _, err := engine.CountsByDept("nope"); err == nil {
		t.Error("unknown id counted")
	}
	if _, err := engine.CentresInDept("99"); err == nil {
		t.Error("unknown département listed")
	}
}

// Nearest must agree with a plain sort of every centre by haversine
// distance, under the territory rule, over many random queries.
func TestNearestAgreesWithBruteForce(t *testing.T) {
	e := syntheticEngine(t, 3000)
	r := rand.New(rand.NewPCG(7, 7))
	territory := func(code string) string {
		if len(code) == 2 {
			return "mainland"
		}
		return code
	}
	for n := 0; n < 300; n++ {
		c := e.communes[r.IntN(len(e.communes))]
		if !c.Located() {
			continue
		}
		q := Query{Point: &c.Pos, From: c.Dept, Limit: 1 + r.IntN(15)}
		if r.IntN(2) == 0 {
			q.Procedure = e.procs[r.IntN(len(e.procs))].ID
		}
		if r.IntN(3) == 0 {
			q.RadiusKm = float64(5 + r.IntN(100))
		}
		if r.IntN(4) == 0 {
			q.Sector = PublicOnly
		}
		got, err := e.Nearest(q)
		if err != nil {
			t.Fatal(err)
		}
		type cand struct {
			id   string
			km   float64
			terr string
		}
		var local, all []cand
		for _, x := range e.centres {
			ok := q.Procedure == ""
			for _, o := range x.Offers {
				ok = ok || o.ProcedureID == q.Procedure
			}
			if !ok || (q.Sector == PublicOnly && !x.Sector.Public()) {
				continue
			}
			k := cand{x.ID, geo.DistanceHaversine(c.Pos, x.Pos) / 1000, territory(x.Dept)}
			all = append(all, k)
			if k.terr == territory(c.Dept) {
				local = append(local, k)
			}
		}
		pool := local
		if len(local) == 0 {
			pool = all
		}
		sort.SliceStable(pool, func(a, b int) bool { return pool[a].km < pool[b].km })
		if q.RadiusKm > 0 {
			var in []cand
			for _, k := range pool {
				if k.km <= q.RadiusKm {
					in = append(in, k)
				}
			}
			if len(in) > 0 {
				pool = in
			}
		}
		want := pool[:min(q.Limit, len(pool))]
		if len(got.Hits) != len(want) {
			t.Fatalf("%+v: %d hits, want %d", q, len(got.Hits), len(want))
		}
		for i := range want {
			h := got.Hits[i]
			if math.Abs(h.DistanceKm-want[i].km) > 1e-6 {
				t.Fatalf("%+v: hit %d %s at %.6f km, want %s at %.6f km", q, i, h.Centre.ID, h.DistanceKm, want[i].id, want[i].km)
			}
		}
	}
}

// Across the sea: said when the nearest centres are on another landmass,
// never between places joined by land.
func TestNearestAcrossTheSea(t *testing.T) {
	tests := []struct {
		near, procedure string
		firstAcross     bool
	}{
		{"49300", "embolisation-fibromes-uterins", false},
		{"Brest", "vertebroplastie", false},
		// Corsica's hospitals do biopsies; for fibroids the mainland.
		{"Ajaccio", "biopsie-osseuse", false},
		{"Bastia", "embolisation-fibromes-uterins", true},
		// Belle-Île (Le Palais) and Petite-Terre (Dzaoudzi) are islands.
		{"Le Palais 56", "vertebroplastie", true},
		{"Dzaoudzi", "biopsie-osseuse", true},
		{"Mamoudzou", "biopsie-osseuse", false},
		// Basse-Terre and Grande-Terre are joined under the Rivière Salée bridges.
		{"Basse-Terre 971", "biopsie-osseuse", false},
	}
	for _, tt := range tests {
		r := near(t, tt.near, Query{Procedure: tt.procedure, Limit: 3})
		if len(r.Hits) == 0 {
			t.Errorf("%s: no hit", tt.near)
			continue
		}
		said := false
		for _, m := range r.Messages {
			said = said || strings.Contains(m.String(), "de l'autre côté de la mer")
		}
		if r.Hits[0].AcrossSea != tt.firstAcross || (tt.firstAcross && !said) {
			t.Errorf("%s, %s: first hit %s across the sea %v (message %v), want %v", tt.near, tt.procedure,
				r.Hits[0].Centre.Name, r.Hits[0].AcrossSea, said, tt.firstAcross)
		}
	}
}

// From Paris 15e the Paris hospitals have distinct distances, the HEGP
// (in the 15e) nearest.
func TestNearestParisArrondissement(t *testing.T) {
	r := near(t, "75015", Query{Procedure: "biopsie-percutanee-foie", Limit: 8})
	seen := map[string]string{}
	for _, h := range r.Hits {
		km := fmt.Sprintf("%.1f", h.DistanceKm)
		if other, dup := seen[km]; dup {
			t.Errorf("%s and %s both at %s km", h.Centre.Name, other, km)
		}
		seen[km] = h.Centre.Name
		if h.DistanceKm > 15 {
			t.Errorf("%s at %.1f km from Paris 15e", h.Centre.Name, h.DistanceKm)
		}
	}
	if first := r.Hits[0]; !strings.Contains(first.Centre.Name, "Pompidou") || first.DistanceKm > 2 {
		t.Errorf("first from 75015: %s at %.1f km", first.Centre.Name, first.DistanceKm)
	}
}
