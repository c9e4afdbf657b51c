package main

import (
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// placed is the expected pos_source and position of a commune.
type placed struct {
	src string
	pos orb.Point
}

// checkPlaced compares the rows with want and checks that approx and
// located agree with the pos_source.
func checkPlaced(t *testing.T, name string, rows []*commune, want map[string]placed) {
	t.Helper()
	for _, c := range rows {
		w, ok := want[c.Insee]
		if !ok {
			t.Errorf("%s: %s not in want", name, c.Insee)
			continue
		}
		if c.PosSource != w.src || c.Pos != w.pos {
			t.Errorf("%s: %s: got %s %v, want %s %v", name, c.Insee, c.PosSource, c.Pos, w.src, w.pos)
		}
		if c.approx() == exactSource(w.src) {
			t.Errorf("%s: %s: approx = %v for %s", name, c.Insee, c.approx(), w.src)
		}
		if c.located() == (w.src == posNone) {
			t.Errorf("%s: %s: located = %v for %s", name, c.Insee, c.located(), w.src)
		}
	}
}

func TestExactSources(t *testing.T) {
	exact := map[string]bool{posGeonames: true, posGeonamesName: true, posOutlineCentroid: true, posSoleCommune: true}
	seen := map[string]bool{}
	for _, s := range posSources {
		if seen[s] {
			t.Errorf("%s listed twice in posSources", s)
		}
		seen[s] = true
		if exactSource(s) != exact[s] {
			t.Errorf("exactSource(%s) = %v", s, exactSource(s))
		}
	}
	for _, s := range territorySources {
		if !seen[s] {
			t.Errorf("territory source %s not in posSources", s)
		}
	}
}

func TestSoleCommuneRow(t *testing.T) {
	tests := []struct {
		name     string
		rows     []geoRow
		chefLieu string
		wantID   int // 0: no row
	}{
		{"BL: the only row, named otherwise", []geoRow{{ID: 3579132, Name: "Gustavia", Population: 5988}}, "Saint-Barthélemy", 3579132},
		{"MF: the most populous", []geoRow{{ID: 3579247, Name: "Grand-Case", Population: 1000}, {ID: 3578851, Name: "Marigot", Population: 5700}}, "Saint-Martin", 3578851},
		{"the chef-lieu's name wins over population", []geoRow{{ID: 1, Name: "Marigot", Population: 5700}, {ID: 2, Name: "Saint Martin", Population: 10}}, "Saint-Martin", 2},
		{"several named rows: the most populous of them", []geoRow{{ID: 1, Name: "Big", Population: 9000}, {ID: 2, Name: "Saint-Martin", Population: 10}, {ID: 3, Name: "SAINT MARTIN", Population: 20}}, "Saint-Martin", 3},
		{"tie: lowest geonameid", []geoRow{{ID: 9, Name: "A", Population: 50}, {ID: 4, Name: "B", Population: 50}}, "Saint-Martin", 4},
		{"no chef-lieu name: the most populous", []geoRow{{ID: 1, Name: "Saint-Martin", Population: 10}, {ID: 2, Name: "Marigot", Population: 20}}, "", 2},
		{"a name folding to nothing matches nothing", []geoRow{{ID: 1, Name: "-", Population: 10}, {ID: 2, Name: "Marigot", Population: 20}}, "'", 2},
		{"no row (Clipperton)", nil, "Île de Clipperton", 0},
	}
	for _, tt := range tests {
		got, ok := soleCommuneRow(tt.rows, tt.chefLieu)
		if ok != (tt.wantID != 0) || got.ID != tt.wantID {
			t.Errorf("%s: got %d, %v; want %d", tt.name, got.ID, ok, tt.wantID)
		}
	}
}

// TestLocateSoleCommune: a collectivity with exactly one commune places
// it at a GeoNames row of its country, exactly; never one with two.
func TestLocateSoleCommune(t *testing.T) {
	bl := []geoRow{{ID: 3579132, Lat: 17.89618, Lon: -62.84978, Country: "BL", Name: "Gustavia", Population: 5988}}
	mf := []geoRow{
		{ID: 3579247, Lat: 18.10476, Lon: -63.05358, Country: "MF", Name: "Grand-Case", Population: 1000},
		{ID: 3578851, Lat: 18.06819, Lon: -63.08302, Country: "MF", Name: "Marigot", Population: 5700},
	}
	twoNamed := []geoRow{
		{ID: 1, Lat: 18.0, Lon: -63.0, Country: "MF", Name: "Marigot", Population: 5700},
		{ID: 5, Lat: 18.1, Lon: -63.1, Country: "MF", Name: "Saint Martin", Population: 50},
		{ID: 4, Lat: 18.2, Lon: -63.2, Country: "MF", Name: "Saint-Martin", Population: 40},
	}
	tests := []struct {
		name      string
		rows      []*commune
		terr      map[string]string
		chefLieux map[string]string
		byCountry map[string][]geoRow
		want      map[string]placed
	}{
		{
			name:      "977: the only row",
			rows:      []*commune{{Insee: "97701", Name: "Saint-Barthélemy", Dept: "977", Kind: kindCommune, Population: 10660}},
			terr:      map[string]string{"977": "BL"},
			chefLieux: map[string]string{"977": "97701"},
			byCountry: map[string][]geoRow{"BL": bl},
			want:      map[string]placed{"97701": {posSoleCommune, orb.Point{-62.84978, 17.89618}}},
		},
		{
			name:      "978: the most populous row",
			rows:      []*commune{{Insee: "97801", Name: "Saint-Martin", Dept: "978", Kind: kindCommune, Population: 31160}},
			terr:      map[string]string{"978": "MF"},
			chefLieux: map[string]string{"978": "97801"},
			byCountry: map[string][]geoRow{"MF": mf},
			want:      map[string]placed{"97801": {posSoleCommune, orb.Point{-63.08302, 18.06819}}},
		},
		{
			name:      "a unique row of the commune's name: geonames-name first",
			rows:      []*commune{{Insee: "97801", Name: "Saint-Martin", Dept: "978", Kind: kindCommune}},
			terr:      map[string]string{"978": "MF"},
			chefLieux: map[string]string{"978": "97801"},
			byCountry: map[string][]geoRow{"MF": append([]geoRow{{ID: 7, Lat: 18.07, Lon: -63.06, Country: "MF", Name: "Saint-Martin", Population: 10}}, mf...)},
			want:      map[string]placed{"97801": {posGeonamesName, orb.Point{-63.06, 18.07}}},
		},
		{
			name:      "two rows named like the chef-lieu: the more populous of them",
			rows:      []*commune{{Insee: "97801", Name: "Saint-Martin", Dept: "978", Kind: kindCommune}},
			terr:      map[string]string{"978": "MF"},
			chefLieux: map[string]string{"978": "97801"},
			byCountry: map[string][]geoRow{"MF": twoNamed},
			want:      map[string]placed{"97801": {posSoleCommune, orb.Point{-63.1, 18.1}}},
		},
		{
			name:      "chef-lieu code names another commune: no name, the most populous",
			rows:      []*commune{{Insee: "97801", Name: "Saint-Martin", Dept: "978", Kind: kindCommune}},
			terr:      map[string]string{"978": "MF"},
			chefLieux: map[string]string{"978": "97502"},
			byCountry: map[string][]geoRow{"MF": twoNamed},
			want:      map[string]placed{"97801": {posSoleCommune, orb.Point{-63.0, 18.0}}},
		},
		{
			name:      "989: no GeoNames row of the country",
			rows:      []*commune{{Insee: "98901", Name: "Île de Clipperton", Dept: "989", Kind: kindCommune, NoPopulation: true}},
			terr:      map[string]string{"989": "CP"},
			chefLieux: map[string]string{"989": "98901"},
			byCountry: map[string][]geoRow{"BL": bl},
			want:      map[string]placed{"98901": {posNone, orb.Point{}}},
		},
		{
			name: "two communes: the rule does not apply",
			rows: []*commune{
				{Insee: "97701", Name: "Saint-Barthélemy", Dept: "977", Kind: kindCommune},
				{Insee: "97702", Name: "Other", Dept: "977", Kind: kindCommune},
			},
			terr:      map[string]string{"977": "BL"},
			chefLieux: map[string]string{"977": "97701"},
			byCountry: map[string][]geoRow{"BL": bl},
			want:      map[string]placed{"97701": {posNone, orb.Point{}}, "97702": {posNone, orb.Point{}}},
		},
		{
			name: "rows of another country are not used",
			rows: []*commune{
				{Insee: "97701", Name: "Saint-Barthélemy", Dept: "977", Kind: kindCommune},
				{Insee: "97801", Name: "Saint-Martin", Dept: "978", Kind: kindCommune},
			},
			terr:      map[string]string{"977": "BL", "978": "MF"},
			chefLieux: map[string]string{"977": "97701", "978": "97801"},
			byCountry: map[string][]geoRow{"MF": mf},
			want: map[string]placed{
				"97701": {posNone, orb.Point{}},
				"97801": {posSoleCommune, orb.Point{-63.08302, 18.06819}},
			},
		},
	}
	for _, tt := range tests {
		l := locator{
			geo: map[string][]geoRow{}, byCountry: tt.byCountry, labels: map[string]orb.Point{},
			territories: tt.terr, chefLieux: tt.chefLieux,
		}
		l.locateAll(tt.rows)
		checkPlaced(t, tt.name, tt.rows, tt.want)
	}
}

// TestLocateChefLieu: in a collectivity whose located communes are too
// spread (or too few) for territory-mean, a commune without a position
// gets its chef-lieu's, if the chef-lieu is a commune of that collectivity
// and is exactly located.
func TestLocateChefLieu(t *testing.T) {
	papeete := orb.Point{-149.56843, -17.5347}
	uturoa := orb.Point{-151.44, -16.73}
	pf := []geoRow{
		{ID: 1, Lat: -17.5347, Lon: -149.56843, Country: "PF", Name: "Papeete", Population: 26000},
		{ID: 2, Lat: -16.73, Lon: -151.44, Country: "PF", Name: "Uturoa", Population: 3000},
	}
	pm := []geoRow{{ID: 3, Lat: 46.78, Lon: -56.18, Country: "PM", Commune: "97502", Name: "Saint-Pierre"}}
	polynesia := func() []*commune {
		return []*commune{
			{Insee: "98735", Name: "Papeete", Dept: "987", Kind: kindCommune, Population: 26654},
			{Insee: "98758", Name: "Uturoa", Dept: "987", Kind: kindCommune, Population: 3000},
			{Insee: "98714", Name: "Bora-Bora", Dept: "987", Kind: kindCommune, Population: 10758},
		}
	}
	tests := []struct {
		name      string
		rows      []*commune
		terr      map[string]string
		chefLieux map[string]string
		want      map[string]placed
	}{
		{
			name:      "scattered: Bora-Bora at Papeete",
			rows:      polynesia(),
			terr:      map[string]string{"987": "PF"},
			chefLieux: map[string]string{"987": "98735"},
			want: map[string]placed{
				"98735": {posGeonamesName, papeete},
				"98758": {posGeonamesName, uturoa},
				"98714": {posChefLieu, papeete},
			},
		},
		{
			name:      "chef-lieu without a position: none",
			rows:      polynesia(),
			terr:      map[string]string{"987": "PF"},
			chefLieux: map[string]string{"987": "98714"},
			want: map[string]placed{
				"98735": {posGeonamesName, papeete},
				"98758": {posGeonamesName, uturoa},
				"98714": {posNone, orb.Point{}},
			},
		},
		{
			name:      "no chef-lieu given: none",
			rows:      polynesia(),
			terr:      map[string]string{"987": "PF"},
			chefLieux: map[string]string{},
			want: map[string]placed{
				"98735": {posGeonamesName, papeete},
				"98758": {posGeonamesName, uturoa},
				"98714": {posNone, orb.Point{}},
			},
		},
		{
			name: "only the chef-lieu located (too few for a mean): used",
			rows: []*commune{
				{Insee: "98735", Name: "Papeete", Dept: "987", Kind: kindCommune},
				{Insee: "98714", Name: "Bora-Bora", Dept: "987", Kind: kindCommune},
				{Insee: "98711", Name: "Anaa", Dept: "987", Kind: kindCommune},
			},
			terr:      map[string]string{"987": "PF"},
			chefLieux: map[string]string{"987": "98735"},
			want: map[string]placed{
				"98735": {posGeonamesName, papeete},
				"98714": {posChefLieu, papeete},
				"98711": {posChefLieu, papeete},
			},
		},
		{
			name: "compact collectivity: territory-mean, not the chef-lieu",
			rows: []*commune{
				{Insee: "98735", Name: "Papeete", Dept: "987", Kind: kindCommune},
				{Insee: "98736", Name: "Faaa", Dept: "987", Kind: kindCommune},
				{Insee: "98714", Name: "Bora-Bora", Dept: "987", Kind: kindCommune},
			},
			terr:      map[string]string{"987": "PF"},
			chefLieux: map[string]string{"987": "98735"},
			want: map[string]placed{
				"98735": {posGeonamesName, papeete},
				"98736": {posGeonamesName, orb.Point{-149.6, -17.55}},
				"98714": {posTerritoryMean, orb.Point{-149.58422, -17.54235}},
			},
		},
		{
			name: "chef-lieu in another collectivity (984 -> 97502): not used",
			rows: []*commune{
				{Insee: "97502", Name: "Saint-Pierre", Dept: "975", Kind: kindCommune, Population: 5194},
				{Insee: "98412", Name: "Archipel des Kerguelen", Dept: "984", Kind: kindCommune, NoPopulation: true},
				{Insee: "98413", Name: "Archipel des Crozet", Dept: "984", Kind: kindCommune, NoPopulation: true},
			},
			terr:      map[string]string{"975": "PM", "984": "TF"},
			chefLieux: map[string]string{"975": "97502", "984": "97502"},
			want: map[string]placed{
				"97502": {posGeonames, orb.Point{-56.18, 46.78}},
				"98412": {posNone, orb.Point{}},
				"98413": {posNone, orb.Point{}},
			},
		},
		{
			name: "chef-lieu code not a commune: none",
			rows: []*commune{
				{Insee: "98735", Name: "Papeete", Dept: "987", Kind: kindCommune},
				{Insee: "98714", Name: "Bora-Bora", Dept: "987", Kind: kindCommune},
			},
			terr:      map[string]string{"987": "PF"},
			chefLieux: map[string]string{"987": "98799"},
			want: map[string]placed{
				"98735": {posGeonamesName, papeete},
				"98714": {posNone, orb.Point{}},
			},
		},
	}
	for _, tt := range tests {
		rowsPF := append([]geoRow{}, pf...)
		rowsPF = append(rowsPF, geoRow{ID: 4, Lat: -17.55, Lon: -149.6, Country: "PF", Name: "Faaa"})
		l := locator{
			geo:         map[string][]geoRow{"97502": pm},
			byCountry:   map[string][]geoRow{"PF": rowsPF, "PM": pm},
			labels:      map[string]orb.Point{},
			territories: tt.terr, chefLieux: tt.chefLieux,
		}
		l.locateAll(tt.rows)
		checkPlaced(t, tt.name, tt.rows, tt.want)
	}
}

// TestUnpositioned: a commune may stay without a position only if
// uninhabited, and a postcode may lead only to such communes only if they
// are all uninhabited.
func TestUnpositioned(t *testing.T) {
	at := func(code string, pop int) *commune {
		return &commune{Insee: code, Name: "C" + code, Dept: code[:3], Population: pop, Pos: orb.Point{1, 2}, PosSource: posGeonames}
	}
	none := func(code string, pop int, noPop bool) *commune {
		return &commune{Insee: code, Name: "C" + code, Dept: code[:3], Population: pop, NoPopulation: noPop, PosSource: posNone}
	}
	tests := []struct {
		name      string
		rows      []*commune
		pairs     []pcPair
		wantNone  int
		wantPC    []string // postcodes listed as uninhabited, no position source
		wantErrIn []string // substrings of the error; nil: no error
	}{
		{
			name:  "everything placed",
			rows:  []*commune{at("97502", 5194)},
			pairs: []pcPair{{"97500", "97502", pcBoth}},
		},
		{
			name:     "Clipperton: uninhabited, its postcode listed",
			rows:     []*commune{at("97502", 5194), none("98901", 0, true), none("98412", 0, true)},
			pairs:    []pcPair{{"97500", "97502", pcBoth}, {"98799", "98901", pcBoth}},
			wantNone: 2, wantPC: []string{"98799"},
		},
		{
			name:     "explicit population 0 counts as uninhabited",
			rows:     []*commune{none("98902", 0, false), none("98903", 0, true)},
			pairs:    []pcPair{{"98798", "98902", pcBoth}, {"98798", "98903", pcDecoupage}},
			wantNone: 2, wantPC: []string{"98798"},
		},
		{
			name:     "postcode shared with a placed commune: not listed",
			rows:     []*commune{at("98735", 26654), none("98901", 0, true)},
			pairs:    []pcPair{{"98714", "98735", pcBoth}, {"98714", "98901", pcBoth}},
			wantNone: 1,
		},
		{
			name:      "inhabited commune without position: error, even with a placed neighbour",
			rows:      []*commune{at("98735", 26654), none("98714", 10758, false)},
			pairs:     []pcPair{{"98730", "98735", pcBoth}, {"98730", "98714", pcBoth}},
			wantNone:  1,
			wantErrIn: []string{"1 inhabited communes", "98714", "population 10758"},
		},
		{
			name:      "postcode to an inhabited and an uninhabited commune, neither placed: error",
			rows:      []*commune{none("98714", 10758, false), none("98901", 0, true)},
			pairs:     []pcPair{{"98730", "98714", pcBoth}, {"98730", "98901", pcBoth}},
			wantNone:  2,
			wantPC:    []string{"98730"},
			wantErrIn: []string{"98714", "1 postcodes lead only to communes without a position, not all uninhabited: 98730"},
		},
	}
	for _, tt := range tests {
		unloc, pcs, err := unpositioned(tt.rows, tt.pairs)
		if len(unloc) != tt.wantNone {
			t.Errorf("%s: %d communes without position, want %d", tt.name, len(unloc), tt.wantNone)
		}
		var got []string
		for _, p := range pcs {
			got = append(got, p.Postcode)
		}
		if strings.Join(got, ",") != strings.Join(tt.wantPC, ",") {
			t.Errorf("%s: postcodes %v, want %v", tt.name, got, tt.wantPC)
		}
		if (err != nil) != (tt.wantErrIn != nil) {
			t.Errorf("%s: err = %v", tt.name, err)
			continue
		}
		for _, s := range tt.wantErrIn {
			if !strings.Contains(err.Error(), s) {
				t.Errorf("%s: error %q does not mention %q", tt.name, err, s)
			}
		}
	}
	c := none("98901", 0, true)
	if got := (pcNoPlace{"98799", []*commune{c}}).communeList(); got != "98901 C98901 (population not given)" {
		t.Errorf("communeList = %q", got)
	}
}

func TestOutlinePoint(t *testing.T) {
	// A square: its centroid.
	if got := outlinePoint(square(2.3, 48.8, 0.02)); got != (orb.Point{2.31, 48.81}) {
		t.Errorf("square: %v, want its centre", got)
	}
	// A U shape, whose centroid falls in the notch: a point inside.
	u := orb.MultiPolygon{{{{0, 0}, {3, 0}, {3, 3}, {2, 3}, {2, 1}, {1, 1}, {1, 3}, {0, 3}, {0, 0}}}}
	if got := outlinePoint(u); !planar.MultiPolygonContains(u, got) {
		t.Errorf("U shape: %v outside", got)
	}
	// An arrondissement with an outline is placed by it, before GeoNames.
	c := &commune{Insee: "75115", Kind: kindArrondissement, Parent: "75056", Name: "Paris 15e Arrondissement"}
	l := locator{outlines: map[string]orb.MultiPolygon{"75115": square(2.26, 48.82, 0.04)}, geo: map[string][]geoRow{}}
	l.locateFromGeoNames(c)
	if c.PosSource != posOutlineCentroid || c.Pos != (orb.Point{2.28, 48.84}) || c.approx() {
		t.Errorf("75115: %v %s", c.Pos, c.PosSource)
	}
}
