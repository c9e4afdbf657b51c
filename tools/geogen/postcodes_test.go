package main

import (
	"reflect"
	"testing"
)

func testResolver() communeResolver {
	return communeResolver{
		rows: map[string]bool{
			"34172": true, "29019": true, "75056": true, "75101": true, "49092": true,
			"97501": true, "97502": true, "98714": true, // collectivities are rows too
		},
		parent: map[string]string{
			"49001": "49092", // commune déléguée
			"01340": "49092", // former code
			"98700": "98799", // former code of a commune that is not a row
		},
	}
}

func TestMergePostcodes(t *testing.T) {
	decoupage := map[string][]string{
		"34172": {"34000", "34070"},
		"75056": {"75001"},
		"75101": {"75001"},
		"49092": {"49120"},
		"97501": {"97500"},
		"97502": {"97500"},
		"98714": {"98730"},
	}
	cp := []codesPostauxRow{
		{Postcode: "34000", Commune: "34172"}, // both
		{Postcode: "34295", Commune: "34172"}, // special code, La Poste only
		{Postcode: "29240", Commune: "29019"}, // commune with no INSEE postcode here
		{Postcode: "75001", Commune: "75101"}, // arrondissement keeps its own row
		{Postcode: "49120", Commune: "49001"}, // déléguée -> current commune
		{Postcode: "49290", Commune: "01340"}, // former code -> current commune
		{Postcode: "34000", Commune: "34172"}, // duplicate row is harmless
		{Postcode: "97500", Commune: "97501"}, // collectivity: kept like any commune
		{Postcode: "97500", Commune: "97502"},
		{Postcode: "98799", Commune: "98700"}, // former code of a non-row
		{Postcode: "99999", Commune: "99999"}, // unknown
	}
	pairs, dropped, how := mergePostcodes(decoupage, cp, testResolver())
	want := []pcPair{
		{"29240", "29019", pcCodesPostaux},
		{"34000", "34172", pcBoth},
		{"34070", "34172", pcDecoupage},
		{"34295", "34172", pcCodesPostaux},
		{"49120", "49092", pcBoth},
		{"49290", "49092", pcCodesPostaux},
		{"75001", "75056", pcDecoupage},
		{"75001", "75101", pcBoth},
		{"97500", "97501", pcBoth},
		{"97500", "97502", pcBoth},
		{"98730", "98714", pcDecoupage},
	}
	if !reflect.DeepEqual(pairs, want) {
		t.Errorf("pairs:\n got %v\nwant %v", pairs, want)
	}
	if len(dropped) != 2 || dropped[0].Row.Commune != "98700" || dropped[1].Row.Commune != "99999" {
		t.Fatalf("dropped = %+v", dropped)
	}
	if dropped[0].Reason != "former code of a commune that is not a row" || dropped[1].Reason != "unknown commune code" {
		t.Errorf("reasons = %q, %q", dropped[0].Reason, dropped[1].Reason)
	}
	if how["direct"] != 7 || how["former"] != 2 {
		t.Errorf("resolution counts = %v", how)
	}
	byC := postcodesByCommune(pairs)
	if got := byC["34172"]; !reflect.DeepEqual(got, []string{"34000", "34070", "34295"}) {
		t.Errorf("postcodes of 34172 = %v", got)
	}
}

// The values of the source column are those the loader accepts
// (model.PostcodeDecoupage, PostcodeCodesPostaux, PostcodeBoth).
func TestPostcodeSourceValues(t *testing.T) {
	if got := []string{pcDecoupage, pcCodesPostaux, pcBoth}; !reflect.DeepEqual(got, []string{"decoupage", "codes-postaux", "both"}) {
		t.Errorf("source values = %v", got)
	}
}

func TestValidPostcode(t *testing.T) {
	for pc, ok := range map[string]bool{"01000": true, "2A000": false, "7500": false, "750011": false, "": false} {
		if err := validPostcode(pc); (err == nil) != ok {
			t.Errorf("validPostcode(%q) = %v", pc, err)
		}
	}
}
