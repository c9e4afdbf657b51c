package mapdraw

import (
	"math"
	"slices"
	"strings"
	"testing"

	"atlasri/model"
	"atlasri/resources"

	"github.com/paulmach/orb"
)

var (
	testDepts    []model.Departement
	testCommunes map[string]model.Commune
)

func geography(t testing.TB) ([]model.Departement, map[string]model.Commune) {
	t.Helper()
	if testDepts == nil {
		ds, err := resources.Departements()
		if err != nil {
			t.Fatal(err)
		}
		cs, err := resources.Communes()
		if err != nil {
			t.Fatal(err)
		}
		testCommunes = map[string]model.Commune{}
		for _, c := range cs {
			testCommunes[c.INSEE] = c
		}
		testDepts = ds
	}
	return testDepts, testCommunes
}

func newTestMap(t testing.TB) *Map {
	t.Helper()
	ds, _ := geography(t)
	m, err := New(ds, Fonts{})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// commune returns a commune's position from the embedded geography.
func commune(t testing.TB, insee string) orb.Point {
	t.Helper()
	_, cs := geography(t)
	c, ok := cs[insee]
	if !ok || !c.Located() {
		t.Fatalf("commune %s absente", insee)
	}
	return c.Pos
}

// pixelOf returns where a lon/lat point is drawn in a box of the view.
func pixelOf(t testing.TB, m *Map, v View, box string, ll orb.Point) orb.Point {
	t.Helper()
	for _, pl := range m.layoutOf(v).Place(ll) {
		if pl.Box.ID == box {
			return v.ToPixel(pl.Sheet)
		}
	}
	t.Fatalf("%v is not shown in box %s", ll, box)
	return orb.Point{}
}

func TestHitDepartements(t *testing.T) {
	m := newTestMap(t)
	tests := []struct {
		name, insee, box, want string
	}{
		{"Angers", "49007", "metro", "49"},
		{"Paris dans l'encart", "75056", "paris", "75"},
		{"Nanterre dans l'encart", "92050", "paris", "92"},
		{"Bobigny dans l'encart", "93008", "paris", "93"},
		{"Créteil dans l'encart", "94028", "paris", "94"},
		{"Versailles autour de l'encart", "78646", "paris", "78"},
		{"Sartène", "2A272", "metro", "2A"},
		{"Corte", "2B096", "metro", "2B"},
		{"Strasbourg", "67482", "metro", "67"},
		{"Les Abymes", "97101", "971", "971"},
		{"Le Lamentin", "97213", "972", "972"},
		{"Maripasoula", "97353", "973", "973"},
		{"Le Tampon", "97422", "974", "974"},
		{"Ouangani", "97614", "976", "976"},
	}
	for _, size := range [][2]int{{1600, 1000}, {900, 800}} {
		v := m.NewView(size[0], size[1], 1)
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				px := pixelOf(t, m, v, tc.box, commune(t, tc.insee))
				h := m.HitTest(v, px)
				if h.Kind != HitDepartement || h.Code != tc.want || h.Box != tc.box {
					t.Errorf("%s layout: HitTest at %v = %+v, want département %s in %s", m.layoutOf(v).Name, px, h, tc.want, tc.box)
				}
			})
		}
	}
}

func TestHitAngersAfterZoomAndPan(t *testing.T) {
	m := newTestMap(t)
	v := m.NewView(1600, 1000, 1).ZoomAt(orb.Point{500, 400}, 5).Pan(-120, 40)
	px := pixelOf(t, m, v, "metro", commune(t, "49007"))
	if h := m.HitTest(v, px); h.Code != "49" {
		t.Errorf("HitTest = %+v, want 49", h)
	}
}

func TestHitNothing(t *testing.T) {
	m := newTestMap(t)
	v := m.NewView(1600, 1000, 1)
	// The Bay of Biscay, in the main frame.
	sea := v.ToPixel(m.wide.Box("metro").ToSheet(orb.Point{-4, 45.5}))
	if h := m.HitTest(v, sea); h.Kind != HitNone || h.Box != "metro" {
		t.Errorf("sea: %+v", h)
	}
	if h := m.HitTest(v, orb.Point{-50, -50}); h.Kind != HitNone || h.Box != "" {
		t.Errorf("outside the image: %+v", h)
	}
	if h := m.HitTest(v, orb.Point{math.NaN(), 3}); h.Kind != HitNone {
		t.Errorf("NaN pixel: %+v", h)
	}
}

func TestHitMarkersAndGroups(t *testing.T) {
	m := newTestMap(t)
	angers := commune(t, "49007")
	paris := commune(t, "75056")
	near := orb.Point{angers[0] + 0.05, angers[1]} // about 4 km east
	m.SetMarkers([]Marker{
		{ID: "a", Number: 1, Pos: angers, Public: true, Name: "CHU d'Angers"},
		{ID: "b", Number: 2, Pos: near, Name: "Clinique voisine"},
		{ID: "p", Pos: paris, Public: true, Name: "Hôpital parisien"},
		{ID: "bad", Pos: orb.Point{math.NaN(), 400}},
	})
	v := m.NewView(1600, 1000, 1)
	h := m.HitTest(v, pixelOf(t, m, v, "metro", angers))
	if h.Kind != HitGroup || !slices.Equal(h.MarkerIDs, []string{"a", "b"}) {
		t.Fatalf("at zoom 1 the two centres form a group: %+v", h)
	}
	if h.Bound.Max[0]-h.Bound.Min[0] <= 0 {
		t.Errorf("group bound %v is empty", h.Bound)
	}
	// Zooming on the group splits it.
	z := v.FitBound(h.Bound)
	if z.Zoom <= 8 {
		t.Fatalf("FitBound zoom = %v", z.Zoom)
	}
	for _, tc := range []struct {
		ll orb.Point
		id string
	}{{angers, "a"}, {near, "b"}} {
		h := m.HitTest(z, pixelOf(t, m, z, "metro", tc.ll))
		if h.Kind != HitMarker || !slices.Equal(h.MarkerIDs, []string{tc.id}) {
			t.Errorf("zoomed: %+v, want marker %s", h, tc.id)
		}
	}
	// A Paris centre is drawn, and can be clicked, in both frames.
	for _, box := range []string{"metro", "paris"} {
		h := m.HitTest(v, pixelOf(t, m, v, box, paris))
		if h.Kind != HitMarker || h.MarkerIDs[0] != "p" || h.Box != box {
			t.Errorf("Paris centre in %s: %+v", box, h)
		}
	}
}

func TestTooltips(t *testing.T) {
	m := newTestMap(t)
	m.SetMarkers([]Marker{
		{ID: "a", Number: 3, Public: true, Name: "CHU d'Angers", Detail: "CHU · Angers (49)"},
		{ID: "b", Name: "Clinique de l'Anjou"},
	})
	dept := Hit{Kind: HitDepartement, Code: "49", Name: "Maine-et-Loire"}
	tests := []struct {
		name    string
		shading *Shading
		hit     Hit
		want    string
	}{
		{"département sans coloration", nil, dept, "Maine-et-Loire (49)"},
		{"département, pluriel", &Shading{Title: "Centres proposant le geste", Unit: "centre", UnitPlural: "centres", Values: map[string]float64{"49": 2}},
			dept, "Maine-et-Loire (49)\nCentres proposant le geste : 2\u00a0centres"},
		{"département, singulier", &Shading{Title: "Centres proposant le geste", Unit: "centre", UnitPlural: "centres", Values: map[string]float64{"49": 1}},
			dept, "Maine-et-Loire (49)\nCentres proposant le geste : 1\u00a0centre"},
		{"département, pourcentage", &Shading{Title: "Population à moins de 50 km", Unit: "%", Values: map[string]float64{"49": 87.25}},
			dept, "Maine-et-Loire (49)\nPopulation à moins de 50 km : 87,3\u00a0%"},
		{"département sans donnée", &Shading{Title: "Centres proposant le geste", Values: map[string]float64{"44": 1}},
			dept, "Maine-et-Loire (49)\nCentres proposant le geste : pas de donnée"},
		{"centre public numéroté", nil, Hit{Kind: HitMarker, MarkerIDs: []string{"a"}}, "3. CHU d'Angers\nCHU · Angers (49)\nétablissement public"},
		{"centre privé", nil, Hit{Kind: HitMarker, MarkerIDs: []string{"b"}}, "Clinique de l'Anjou\nétablissement privé"},
		{"groupe", nil, Hit{Kind: HitGroup, MarkerIDs: []string{"a", "b"}}, "2 centres proches :\n• 3. CHU d'Angers\n• Clinique de l'Anjou\nCliquer pour agrandir."},
		{"rien", nil, Hit{}, ""},
		{"centre inconnu", nil, Hit{Kind: HitMarker, MarkerIDs: []string{"zz"}}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m.SetShading(tc.shading)
			if got := m.Tooltip(tc.hit); got != tc.want {
				t.Errorf("Tooltip = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestTooltipLongGroup(t *testing.T) {
	m := newTestMap(t)
	var ms []Marker
	var ids []string
	for i := range 9 {
		id := string(rune('a' + i))
		ms = append(ms, Marker{ID: id, Name: "Centre " + id})
		ids = append(ids, id)
	}
	m.SetMarkers(ms)
	got := m.Tooltip(Hit{Kind: HitGroup, MarkerIDs: ids})
	if !strings.HasPrefix(got, "9 centres proches :") || !strings.Contains(got, "… et 3 autres") || strings.Contains(got, "Centre g") {
		t.Errorf("Tooltip = %q", got)
	}
}
