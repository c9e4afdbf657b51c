package main

import (
	"reflect"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

func square(lon, lat, size float64) orb.MultiPolygon {
	return orb.MultiPolygon{{{{lon, lat}, {lon + size, lat}, {lon + size, lat + size}, {lon, lat + size}, {lon, lat}}}}
}

func TestBuildDeptsCollectivities(t *testing.T) {
	regions := []inseeRegion{{Code: "52", Name: "Pays de la Loire"}}
	polys := map[string]orb.MultiPolygon{"49": square(-1, 47, 0.5)}
	insee := []inseeDept{
		{Code: "988", Name: "Nouvelle-Calédonie", Region: "988", Zone: zoneCOM},
		{Code: "49", Name: "Maine-et-Loire", Region: "52", Zone: "metro"},
		{Code: "975", Name: "Saint-Pierre-et-Miquelon", Region: "975", Zone: zoneCOM},
	}
	var st geomStats
	land := map[string][]int{"49": {0}, "975": {1}}
	depts, coms, err := buildDepts(insee, regions, polys, land, &st)
	if err != nil {
		t.Fatal(err)
	}
	if len(depts) != 1 || depts[0].Code != "49" || depts[0].RegionName != "Pays de la Loire" || !reflect.DeepEqual(depts[0].Land, []int{0}) {
		t.Errorf("depts = %+v", depts)
	}
	want := []collectivite{{"975", "Saint-Pierre-et-Miquelon"}, {"988", "Nouvelle-Calédonie"}}
	if !reflect.DeepEqual(coms, want) {
		t.Errorf("collectivities = %v, want %v", coms, want)
	}

	// A département without a polygon must not become a collectivity.
	bad := append([]inseeDept{{Code: "53", Name: "Mayenne", Region: "52", Zone: "metro"}}, insee...)
	if _, _, err := buildDepts(bad, regions, polys, land, &st); err == nil || !strings.Contains(err.Error(), "53") {
		t.Errorf("département without polygon: err = %v", err)
	}
	// Nor may a collectivity have a polygon.
	polys["975"] = square(-56.4, 46.7, 0.3)
	if _, _, err := buildDepts(insee, regions, polys, land, &st); err == nil || !strings.Contains(err.Error(), "975") {
		t.Errorf("collectivity with polygon: err = %v", err)
	}
	delete(polys, "975")
	// A collectivity geogen cannot map to GeoNames is an error too.
	unknown := append([]inseeDept{{Code: "990", Name: "Nowhere", Region: "990", Zone: zoneCOM}}, insee...)
	if _, _, err := buildDepts(unknown, regions, polys, land, &st); err == nil || !strings.Contains(err.Error(), "990") {
		t.Errorf("collectivity without GeoNames country: err = %v", err)
	}
}

func TestBuildCommunesKeepsCollectivities(t *testing.T) {
	entries := []inseeEntry{
		{Code: "49007", Name: "Angers", Type: typeCurrent, Dept: "49", Postcodes: []string{"49000"}},
		{Code: "97502", Name: "Saint-Pierre", Type: typeCurrent, Dept: "975", Postcodes: []string{"97500"}},
		{Code: "98412", Name: "Archipel des Kerguelen", Type: typeCurrent, Dept: "984"},
		{Code: "49001", Name: "Old", Type: typeDeleguee, Dept: "49", ChefLieu: "49007"},
	}
	known := map[string]bool{"49": true, "975": true, "984": true}
	cs, err := buildCommunes(entries, known)
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, c := range cs.rows {
		codes = append(codes, c.Insee+"/"+c.Dept)
	}
	if want := []string{"49007/49", "97502/975", "98412/984"}; !reflect.DeepEqual(codes, want) {
		t.Errorf("rows = %v, want %v", codes, want)
	}
	if err := allCurrentCommunesKept(entries, cs.rows); err != nil {
		t.Error(err)
	}
	if err := allCurrentCommunesKept(entries, cs.rows[:2]); err == nil {
		t.Error("a missing current commune went unnoticed")
	}
	delete(known, "984")
	if _, err := buildCommunes(entries, known); err == nil || !strings.Contains(err.Error(), "98412") {
		t.Errorf("commune of an unknown département: err = %v", err)
	}
}

// TestChecksCollectivities: communes of the collectivities are exempt from
// the outline check and may lack a position if uninhabited (their postcodes
// are then listed), communes of the départements may not.
func TestChecksCollectivities(t *testing.T) {
	poly := square(-1, 47, 0.5)
	res := &result{
		depts:       []*dept{{Code: "49", Geom: poly, Label: orb.Point{-0.75, 47.25}}},
		territories: map[string]string{"975": "PM", "984": "TF"},
		rows: []*commune{
			{Insee: "49007", Dept: "49", Pos: orb.Point{-0.55, 47.47}, PosSource: posGeonames},
			{Insee: "49008", Dept: "49", Pos: orb.Point{-0.45, 47.47}, PosSource: posPostcodeMean}, // ~4 km out
			{Insee: "97502", Dept: "975", Pos: orb.Point{-56.18, 46.78}, PosSource: posGeonames},
			{Insee: "97503", Dept: "975", PosSource: posNone},
			{Insee: "98412", Dept: "984", PosSource: posNone},
		},
		pairs: []pcPair{
			{"49000", "49007", pcBoth},
			{"97500", "97502", pcBoth},
			{"97500", "97503", pcBoth},
			{"97599", "97503", pcDecoupage},
		},
	}
	in := &inputs{polys: map[string]orb.MultiPolygon{"49": poly}, paris: map[string]orb.MultiPolygon{}}
	ck, err := runChecks(res, in)
	if err != nil {
		t.Fatal(err)
	}
	if ck.inside != 1 || ck.near != 1 || ck.far != 0 || ck.comRows != 3 || ck.comLocated != 1 {
		t.Errorf("checks = %+v", ck)
	}
	if len(ck.pcWithoutPos) != 1 || ck.pcWithoutPos[0].Postcode != "97599" {
		t.Errorf("pcWithoutPos = %v, want 97599", ck.pcWithoutPos)
	}
	if md := ck.markdown(); !strings.Contains(md, "except 1 whose communes are all uninhabited") || !strings.Contains(md, "97599: 97503") {
		t.Errorf("markdown does not list 97599:\n%s", md)
	}
	var out strings.Builder
	ck.print(&out)
	if !strings.Contains(out.String(), "postcode 97599: uninhabited, no position source: 97503") {
		t.Errorf("console report does not list 97599:\n%s", out.String())
	}

	res.rows[3].Population = 12 // 97503 inhabited: no longer acceptable
	if _, err := runChecks(res, in); err == nil || !strings.Contains(err.Error(), "97503") || !strings.Contains(err.Error(), "97599") {
		t.Errorf("an inhabited collectivity commune without position: err = %v", err)
	}
	res.rows[3].Population = 0

	res.rows[1].Pos = orb.Point{0, 47.25} // ~38 km east of the square
	if _, err := runChecks(res, in); err == nil {
		t.Error("a commune far outside its département passed")
	}
	res.rows[1].Pos, res.rows[1].PosSource = orb.Point{}, posNone
	if _, err := runChecks(res, in); err == nil || !strings.Contains(err.Error(), "49008") {
		t.Errorf("a département commune without position: err = %v", err)
	}
}
