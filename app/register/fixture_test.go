package register

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"atlasri/app/exchange"
)

var update = flag.Bool("update", false, "rewrite the synthetic fixtures of testdata/")

// Fixture files: synthetic RI feeds built from the five valid
// combinations of TRE_R392 and the cases a national feed holds (inactive,
// ended, unknown combination, site absent, closed, found by its FINESS
// number only, positions that disagree, overseas).
const (
	fixtureActivities = "testdata/activites-ri-synthetique.json"
	fixtureStructures = "testdata/structures-ri-synthetique.json"
)

// synthFINESS makes up a FINESS number: département, then 0999, then n,
// and its Luhn key (TestSyntheticFINESSAreNotReal checks that none is in
// the register's extract).
func synthFINESS(dept string, n int) string {
	base := fmt.Sprintf("%s0999%02d", dept, n)
	for k := 0; k <= 9; k++ {
		if s := fmt.Sprintf("%s%d", base, k); exchange.ValidFINESS(s) {
			return s
		}
	}
	panic("no key")
}

// fixtureEntities are the legal entities of the fixtures.
func fixtureEntities() []sEntity {
	act := func(id string, amm [5]string) sActivity {
		return sActivity{id: id, number: "SYN-" + id, start: "2024-06-01", nature: "AMM", amm: amm}
	}
	site := func(ege, finess, name, cat, insee, pc, city string, lat, lon float64, acts ...sActivity) sSite {
		return sSite{ege: ege, finess: finess, name: name, category: cat, insee: insee, postcode: pc, city: city,
			line: "1 RUE DE L'ETABLISSEMENT SYNTHETIQUE", lat: lat, lon: lon, inStructures: true, acts: acts}
	}
	inactive := act("810106", ri("ME045", "PTS00"))
	inactive.state = "I"
	ended := act("810108", ri("ME047", "PTS00"))
	ended.end = "2025-12-31"
	other := sActivity{id: "810199", start: "2020-01-01", nature: "ASMR"}
	neuro := act("810198", [5]string{"QA013", "MO000", "ME000", "PTS00", "DE000"})
	s110 := site("S110", synthFINESS("86", 10), "CENTRE SYNTHETIQUE S110", "355", "86194", "86000", "POITIERS", 46.5802, 0.3404, act("810110", ri("ME047", "PTS00")))
	s110.activitiesEge, s110.noWGS = "S110X", true
	s111 := site("S111", synthFINESS("72", 11), "CENTRE SYNTHETIQUE S111", "365", "72181", "72000", "LE MANS", 48.0061, 0.1996, act("810111", ri("ME045", "PTS00")))
	s111.closed = "2025-06-30"
	s109 := site("S109", synthFINESS("72", 9), "CENTRE SYNTHETIQUE S109", "365", "72181", "72000", "LE MANS", 48.0061, 0.1996, act("810109", ri("ME045", "PTS00")))
	s109.inStructures = false
	s112 := site("S112", synthFINESS("2A", 12), "CENTRE SYNTHETIQUE S112", "355", "2A004", "20000", "AJACCIO", 41.9192, 8.7386, act("810112", ri("ME046", "PTS09")))
	s112.lambertShift = 500
	s113 := site("S113", synthFINESS("97", 13), "CENTRE SYNTHETIQUE S113", "101", "97411", "97400", "ST DENIS", -20.8821, 55.4504, act("810113", ri("ME047", "PTS00")))
	s113.noLambert = true
	heldAlone := act("810120", ri("ME047", "PTS00"))
	return []sEntity{
		{pm: "S1", finess: synthFINESS("49", 1), status: "13", sites: []sSite{
			site("S101", synthFINESS("49", 2), "CENTRE SYNTHETIQUE S101", "355", "49007", "49000", "ANGERS", 47.4712, -0.5518, act("810101", ri("ME045", "PTS00")), other),
			site("S102", synthFINESS("49", 3), "CENTRE SYNTHETIQUE S102", "355", "49099", "49300", "CHOLET", 47.0600, -0.8790, act("810102", ri("ME046", "PTS09"))),
			site("S103", synthFINESS("44", 4), "CENTRE SYNTHETIQUE S103", "101", "44109", "44000", "NANTES", 47.2184, -1.5536, act("810103", ri("ME046", "PTS10")), neuro),
			site("S105", synthFINESS("35", 5), "CENTRE SYNTHETIQUE S105", "101", "35238", "35000", "RENNES", 48.1173, -1.6778, act("810105", ri("ME048", "PTS00"))),
		}},
		{pm: "S2", finess: synthFINESS("37", 6), status: "63", sites: []sSite{
			site("S104", synthFINESS("37", 7), "CENTRE SYNTHETIQUE S104", "131", "37261", "37000", "TOURS", 47.3941, 0.6848, act("810104", ri("ME047", "PTS00"))),
			s112, s113,
		}},
		{pm: "S3", finess: synthFINESS("72", 8), status: "95", held: []sActivity{heldAlone}, sites: []sSite{
			site("S106", synthFINESS("72", 14), "CENTRE SYNTHETIQUE S106", "365", "72181", "72000", "LE MANS", 48.0061, 0.1996, inactive),
			site("S107", synthFINESS("72", 15), "CENTRE SYNTHETIQUE S107", "365", "72181", "72000", "LE MANS", 48.0061, 0.1996, act("810107", ri("ME046", "PTS00"))),
			site("S108", synthFINESS("72", 16), "CENTRE SYNTHETIQUE S108", "365", "72181", "72000", "LE MANS", 48.0061, 0.1996, ended),
			s109, s110, s111,
		}},
	}
}

func each(es []sEntity) func(func(sEntity) bool) {
	return func(yield func(sEntity) bool) {
		for _, e := range es {
			if !yield(e) {
				return
			}
		}
	}
}

// The committed fixtures are what fixtureEntities writes (go test
// -run TestFixturesUpToDate -update rewrites them).
func TestFixturesUpToDate(t *testing.T) {
	for _, f := range []struct {
		path  string
		write func(*bytes.Buffer) error
	}{
		{fixtureActivities, func(b *bytes.Buffer) error {
			return writeActivities(b, "2026-04-01T06:00:00Z", true, each(fixtureEntities()))
		}},
		{fixtureStructures, func(b *bytes.Buffer) error {
			return writeStructures(b, "2026-03-09T06:00:00Z", true, each(fixtureEntities()))
		}},
	} {
		var b bytes.Buffer
		if err := f.write(&b); err != nil {
			t.Fatal(err)
		}
		if *update {
			if err := os.MkdirAll(filepath.Dir(f.path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(f.path, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(f.path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, b.Bytes()) {
			t.Errorf("%s differs from what fixtureEntities writes: go test -run TestFixturesUpToDate -update", f.path)
		}
		if !bytes.Contains(got, []byte("Données synthétiques")) {
			t.Errorf("%s does not say it is synthetic", f.path)
		}
	}
}
