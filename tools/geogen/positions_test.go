package main

import (
	"math"
	"reflect"
	"testing"

	"github.com/paulmach/orb"
)

func TestBestGeoRow(t *testing.T) {
	tests := []struct {
		name   string
		rows   []geoRow
		wantID int
	}{
		{"most populous", []geoRow{{ID: 5, Population: 10}, {ID: 7, Population: 900}, {ID: 3, Population: 20}}, 7},
		{"tie: lowest id", []geoRow{{ID: 9, Population: 50}, {ID: 4, Population: 50}, {ID: 6, Population: 50}}, 4},
	}
	for _, tt := range tests {
		got, ok := bestGeoRow(tt.rows)
		if !ok || got.ID != tt.wantID {
			t.Errorf("%s: got %d, want %d", tt.name, got.ID, tt.wantID)
		}
	}
	if _, ok := bestGeoRow(nil); ok {
		t.Error("bestGeoRow(nil) reported a row")
	}
}

func TestArrondissementGeoName(t *testing.T) {
	tests := map[string]string{
		"Lyon 1er Arrondissement":       "Lyon 01",
		"Marseille 16e Arrondissement":  "Marseille 16",
		"Paris 7e Arrondissement":       "Paris 07",
		"Saint-Pierre-des-Corps":        "",
		"Arrondissement de Saint-Denis": "",
	}
	for in, want := range tests {
		got, ok := arrondissementGeoName(in)
		if got != want || ok != (want != "") {
			t.Errorf("arrondissementGeoName(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

func TestGeoRowCommune(t *testing.T) {
	tests := []struct{ country, admin1, admin2, admin4, want string }{
		{"FR", "52", "49", "49007", "49007"},
		{"GP", "GP", "", "97105", "97105"},
		{"YT", "97611", "", "", "97611"}, // Mayotte: the code sits in admin1
		{"YT", "00", "", "", ""},
		{"PM", "97502", "", "", "97502"},  // Saint-Pierre-et-Miquelon: admin1
		{"WF", "98613", "5", "", "98613"}, // Wallis-et-Futuna: admin1
		{"WF", "00", "", "", ""},
		{"NC", "03", "98814", "", "98814"},         // Nouvelle-Calédonie: admin2
		{"NC", "00", "", "", ""},                   // Yaté-Barrage
		{"PF", "01", "10297426", "", ""},           // a GeoNames id, not an INSEE code
		{"BL", "00", "", "", ""},                   // Gustavia
		{"NC", "03", "97502", "", ""},              // another territory's code
		{"PM", "9750A", "", "", ""},                // not digits
		{"TF", "03", "", "98412", ""},              // TAAF: never
		{"MF", "00", "", "97801", ""},              // Saint-Martin: never
		{"RE", "RE", "974", "97411", "97411"},      // admin4 as in metropolitan France
		{"FR", "11", "75", "75056", "75056"},       // Paris
		{"FR", "93", "13", "13055", "13055"},       // Marseille
		{"CP", "00", "", "", ""},                   // Clipperton
		{"GF", "GF", "973", "97302", "97302"},      // Guyane
		{"MQ", "MQ", "972", "97209", "97209"},      // Martinique
		{"NC", "02", "988181", "", ""},             // too long
		{"WF", "986", "", "", ""},                  // too short
		{"PM", "97501", "97502", "97503", "97501"}, // admin1 only
	}
	for _, tt := range tests {
		if got := geoRowCommune(tt.country, tt.admin1, tt.admin2, tt.admin4); got != tt.want {
			t.Errorf("geoRowCommune(%q, %q, %q, %q) = %q, want %q", tt.country, tt.admin1, tt.admin2, tt.admin4, got, tt.want)
		}
	}
}

func TestFoldName(t *testing.T) {
	same := [][2]string{
		{"L'Île-des-Pins", "lile des pins"},
		{"Hitiaa O Te Ra", "Hitiaa-o-te-Ra"},
		{"Faʻaʻā", "Faaa"}, // Tahitian ʻeta and macron
		{"Païta", "PAITA"}, // diaeresis
		{"Saint-Barthélemy", "Saint Barthelemy"},
		{"Cœuvres", "Coeuvres"},
		{"Ouvéa", "Ouvea"},
		{"Île d’Yeu", "Ile d'Yeu"}, // typographic apostrophe
	}
	for _, p := range same {
		if a, b := foldName(p[0]), foldName(p[1]); a != b {
			t.Errorf("foldName(%q) = %q, foldName(%q) = %q: want equal", p[0], a, p[1], b)
		}
	}
	differ := [][2]string{
		{"Yaté", "Yaté-Barrage"},
		{"Saint-Barthélemy", "Gustavia"},
		{"Hitiaa O Te Ra", "Hitiaa"},
		{"Lyon 01", "Lyon 10"},
	}
	for _, p := range differ {
		if foldName(p[0]) == foldName(p[1]) {
			t.Errorf("foldName(%q) == foldName(%q)", p[0], p[1])
		}
	}
}

func TestUniqueNameMatch(t *testing.T) {
	rows := []geoRow{
		{ID: 1, Name: "Papeete"},
		{ID: 2, Name: "Faaa"},
		{ID: 3, Name: "Taha'a"},
		{ID: 4, Name: "Tahaa"}, // same key as 3: ambiguous
	}
	if r, ok := uniqueNameMatch(rows, "Papeete"); !ok || r.ID != 1 {
		t.Errorf("Papeete: got %d, %v", r.ID, ok)
	}
	if r, ok := uniqueNameMatch(rows, "Faʻaʻā"); !ok || r.ID != 2 {
		t.Errorf("Faʻaʻā: got %d, %v", r.ID, ok)
	}
	if _, ok := uniqueNameMatch(rows, "Tahaa"); ok {
		t.Error("Tahaa: two rows match, want no match")
	}
	if _, ok := uniqueNameMatch(rows, "Bora-Bora"); ok {
		t.Error("Bora-Bora: no row, want no match")
	}
	if _, ok := uniqueNameMatch([]geoRow{{ID: 5, Name: "-"}}, "'"); ok {
		t.Error("names that fold to nothing must not match")
	}
}

// TestLocateAll runs the whole fallback chain on a toy département 49
// (and a neighbour, 53) and checks which rule places each commune.
func TestLocateAll(t *testing.T) {
	rows := []*commune{
		// Exact: two GeoNames rows carry the code, the larger one wins.
		{Insee: "49007", Dept: "49", Kind: kindCommune, Arr: "491", Postcodes: []string{"49000"}},
		// Exact too, sharing 49100 with the next commune.
		{Insee: "49099", Dept: "49", Kind: kindCommune, Arr: "491", Postcodes: []string{"49100"}},
		// Fallback to a former commune's GeoNames row.
		{Insee: "49092", Dept: "49", Kind: kindCommune, Arr: "492", Postcodes: []string{"49120"}, OldCodes: []string{"49001", "49002"}},
		// Postcode mean: 49000 (49007, arrondissement 49381) and 49100
		// (49099) are exact; the other département's commune sharing 49100
		// must be ignored.
		{Insee: "49200", Dept: "49", Kind: kindCommune, Arr: "491", Postcodes: []string{"49000", "49100"}},
		{Insee: "53001", Dept: "53", Kind: kindCommune, Arr: "531", Postcodes: []string{"49100"}},
		// Arrondissement mean: postcode shared with nobody exact.
		{Insee: "49300", Dept: "49", Kind: kindCommune, Arr: "491", Postcodes: []string{"49999"}},
		// Département label: nothing else to go on.
		{Insee: "49400", Dept: "49", Kind: kindCommune, Arr: "499", Postcodes: []string{"49888"}},
		// Municipal arrondissements: by GeoNames name under the parent's
		// code, else like a commune.
		{Insee: "49381", Name: "Angers 1er Arrondissement", Dept: "49", Kind: kindArrondissement, Parent: "49007", Arr: "491", Postcodes: []string{"49000"}},
		{Insee: "49382", Name: "Angers 2e Arrondissement", Dept: "49", Kind: kindArrondissement, Parent: "49007", Arr: "491", Postcodes: []string{"49000"}},
	}
	geo := map[string][]geoRow{
		"49007": {
			{ID: 1, Lat: 47.4, Lon: -0.5, Population: 150000, Name: "Angers"},
			{ID: 2, Lat: 47.5, Lon: -0.6, Population: 900, Name: "Hamlet"},
			{ID: 3, Lat: 47.47, Lon: -0.55, Population: 30000, Name: "Angers 01"},
		},
		"49099": {{ID: 4, Lat: 47.6, Lon: -0.7, Population: 2000}},
		"49001": {{ID: 5, Lat: 47.1, Lon: -1.1, Population: 500}},
		"49002": {{ID: 6, Lat: 47.2, Lon: -1.2, Population: 800}},
		"53001": {{ID: 7, Lat: 48.0, Lon: -0.8, Population: 100}},
	}
	l := locator{geo: geo, labels: map[string]orb.Point{"49": {-0.56, 47.39}, "53": {-0.65, 48.15}}}
	l.locateAll(rows)

	want := map[string]struct {
		src string
		pos orb.Point
	}{
		"49007": {posGeonames, orb.Point{-0.5, 47.4}},
		"49099": {posGeonames, orb.Point{-0.7, 47.6}},
		"49092": {posOldCode, orb.Point{-1.2, 47.2}},
		"49200": {posPostcodeMean, orb.Point{-0.58333, 47.49}},
		"53001": {posGeonames, orb.Point{-0.8, 48.0}},
		"49300": {posArrMean, orb.Point{-0.58333, 47.49}}, // 49007, 49099, 49381 (exact, arr 491)
		"49400": {posDeptLabel, orb.Point{-0.56, 47.39}},
		"49381": {posGeonamesName, orb.Point{-0.55, 47.47}},
		"49382": {posPostcodeMean, orb.Point{-0.525, 47.435}}, // 49007 and 49381 share 49000
	}
	for _, c := range rows {
		w := want[c.Insee]
		if c.PosSource != w.src || c.Pos != w.pos {
			t.Errorf("%s: got %s %v, want %s %v", c.Insee, c.PosSource, c.Pos, w.src, w.pos)
		}
		if c.approx() == exactSource(w.src) {
			t.Errorf("%s: approx = %v for %s", c.Insee, c.approx(), w.src)
		}
	}
}

// TestLocateTerritories runs the rules of the overseas collectivities:
// GeoNames code, GeoNames name within the territory, territory mean for a
// compact collectivity only, else none.
func TestLocateTerritories(t *testing.T) {
	rows := []*commune{
		// 975, compact (two located communes about 15 km apart).
		{Insee: "97501", Name: "Miquelon-Langlade", Dept: "975", Kind: kindCommune, Postcodes: []string{"97500"}},
		{Insee: "97502", Name: "Saint-Pierre", Dept: "975", Kind: kindCommune, Postcodes: []string{"97500"}},
		{Insee: "97503", Name: "Île-aux-Marins", Dept: "975", Kind: kindCommune, Postcodes: []string{"97500"}},
		// 987, scattered: Papeete (code) and Uturoa (name) are 200 km
		// apart, so Bora-Bora gets no mean, even though it shares a
		// postcode with Uturoa; no chef-lieu is given here (see
		// TestLocateChefLieu), so it gets nothing.
		{Insee: "98735", Name: "Papeete", Dept: "987", Kind: kindCommune, Postcodes: []string{"98714"}},
		{Insee: "98758", Name: "Uturoa", Dept: "987", Kind: kindCommune, Postcodes: []string{"98735"}},
		{Insee: "98714", Name: "Bora-Bora", Dept: "987", Kind: kindCommune, Postcodes: []string{"98735"}},
		// Two GeoNames rows fold to "tahaa": ambiguous, so none.
		{Insee: "98745", Name: "Tahaa", Dept: "987", Kind: kindCommune},
		// 977: the only GeoNames row (Gustavia) has another name, but the
		// collectivity is a single commune: geonames-sole-commune.
		{Insee: "97701", Name: "Saint-Barthélemy", Dept: "977", Kind: kindCommune, Postcodes: []string{"97133"}},
		// 986: a single located commune says nothing about the spread.
		{Insee: "98611", Name: "Alo", Dept: "986", Kind: kindCommune},
		{Insee: "98612", Name: "Sigave", Dept: "986", Kind: kindCommune},
		// A PM row named like a commune of 987 must not place it.
		{Insee: "98799", Name: "Miquelon", Dept: "987", Kind: kindCommune},
	}
	geo := map[string][]geoRow{
		"97502": {{ID: 1, Lat: 46.78, Lon: -56.18, Population: 6200, Country: "PM", Commune: "97502", Name: "Saint-Pierre"}},
		"98735": {{ID: 3, Lat: -17.53, Lon: -149.57, Population: 26000, Country: "PF", Name: "Papeete"}},
		"98611": {{ID: 8, Lat: -14.31, Lon: -178.11, Country: "WF", Commune: "98611", Name: "Alo"}},
	}
	byCountry := map[string][]geoRow{
		"PM": {
			{ID: 1, Lat: 46.78, Lon: -56.18, Country: "PM", Commune: "97502", Name: "Saint-Pierre"},
			{ID: 2, Lat: 46.90, Lon: -56.28, Country: "PM", Name: "Miquelon Langlade"},
			{ID: 9, Lat: 47.10, Lon: -56.38, Country: "PM", Name: "Miquelon"},
		},
		"PF": {
			{ID: 4, Lat: -16.73, Lon: -151.44, Country: "PF", Name: "Uturoa"},
			{ID: 5, Lat: -16.62, Lon: -151.50, Country: "PF", Name: "Taha'a"},
			{ID: 6, Lat: -16.63, Lon: -151.51, Country: "PF", Name: "Tahaa"},
		},
		"BL": {{ID: 7, Lat: 17.90, Lon: -62.85, Country: "BL", Name: "Gustavia"}},
		"WF": {{ID: 8, Lat: -14.31, Lon: -178.11, Country: "WF", Commune: "98611", Name: "Alo"}},
	}
	l := locator{
		geo: geo, byCountry: byCountry, labels: map[string]orb.Point{},
		territories: map[string]string{"975": "PM", "977": "BL", "986": "WF", "987": "PF"},
	}
	l.locateAll(rows)
	want := map[string]struct {
		src string
		pos orb.Point
	}{
		"97501": {posGeonamesName, orb.Point{-56.28, 46.9}},
		"97502": {posGeonames, orb.Point{-56.18, 46.78}},
		"97503": {posTerritoryMean, orb.Point{-56.23, 46.84}},
		"98735": {posGeonames, orb.Point{-149.57, -17.53}},
		"98758": {posGeonamesName, orb.Point{-151.44, -16.73}},
		"98714": {posNone, orb.Point{}},
		"98745": {posNone, orb.Point{}},
		"97701": {posSoleCommune, orb.Point{-62.85, 17.9}},
		"98611": {posGeonames, orb.Point{-178.11, -14.31}},
		"98612": {posNone, orb.Point{}},
		"98799": {posNone, orb.Point{}},
	}
	for _, c := range rows {
		w := want[c.Insee]
		if c.PosSource != w.src || c.Pos != w.pos {
			t.Errorf("%s: got %s %v, want %s %v", c.Insee, c.PosSource, c.Pos, w.src, w.pos)
		}
		if c.approx() == exactSource(w.src) {
			t.Errorf("%s: approx = %v for %s", c.Insee, c.approx(), w.src)
		}
		if c.located() == (w.src == posNone) {
			t.Errorf("%s: located = %v for %s", c.Insee, c.located(), w.src)
		}
	}
}

func TestTerritoryStats(t *testing.T) {
	at := func(code, dept string, lon, lat float64) *commune {
		return &commune{Insee: code, Dept: dept, Pos: orb.Point{lon, lat}, PosSource: posGeonames}
	}
	exact := []*commune{
		at("97501", "975", -56.38, 47.10), // Miquelon and Saint-Pierre: ~38 km
		at("97502", "975", -56.18, 46.78),
		at("98735", "987", -149.57, -17.53), // Papeete and Uturoa: ~225 km
		at("98758", "987", -151.44, -16.73),
		at("98611", "986", -178.11, -14.31), // one commune only
		at("98901", "989", 179.9, 10),       // across the antimeridian
		at("98902", "989", -179.9, 10),
		at("49007", "49", -0.55, 47.47), // a département: ignored
	}
	terr := map[string]string{"975": "PM", "986": "WF", "987": "PF", "989": "CP"}
	st := territoryStats(exact, terr)
	if _, ok := st["49"]; ok {
		t.Error("département 49 measured as a territory")
	}
	tests := []struct {
		code       string
		located    int
		minKm      float64
		maxKm      float64
		wantMean   bool
		wantCenter orb.Point
	}{
		{"975", 2, 30, 45, true, orb.Point{-56.28, 46.94}},
		{"987", 2, 150, 300, false, orb.Point{}},
		{"986", 1, 0, 0, false, orb.Point{}},
		{"989", 2, math.Inf(1), math.Inf(1), false, orb.Point{}},
	}
	for _, tt := range tests {
		got := st[tt.code]
		if got.located != tt.located || got.spreadKm < tt.minKm || got.spreadKm > tt.maxKm {
			t.Errorf("%s: located %d spread %.1f km, want %d in [%v, %v]", tt.code, got.located, got.spreadKm, tt.located, tt.minKm, tt.maxKm)
		}
		if got.compact() != tt.wantMean {
			t.Errorf("%s: compact = %v, want %v", tt.code, got.compact(), tt.wantMean)
		}
		if tt.wantMean && got.mean != tt.wantCenter {
			t.Errorf("%s: mean %v, want %v", tt.code, got.mean, tt.wantCenter)
		}
	}
}

func TestCommuneRecordNone(t *testing.T) {
	c := &commune{Insee: "98412", Name: "Archipel des Kerguelen", Dept: "984", Kind: kindCommune, PosSource: posNone}
	got := communeRecord(c)
	want := []string{"98412", "Archipel des Kerguelen", "984", "commune", "", "", "0", "", "", "1", "none"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("communeRecord = %q, want %q", got, want)
	}
	c = &commune{Insee: "97502", Name: "Saint-Pierre", Dept: "975", Kind: kindCommune, Postcodes: []string{"97500"},
		Population: 5194, Pos: orb.Point{-56.1773, 46.77914}, PosSource: posGeonames}
	got = communeRecord(c)
	want = []string{"97502", "Saint-Pierre", "975", "commune", "", "97500", "5194", "46.77914", "-56.17730", "0", "geonames"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("communeRecord = %q, want %q", got, want)
	}
}
