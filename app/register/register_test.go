package register

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"atlasri/app/finessplus"
	"atlasri/model"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
)

func open(t testing.TB, path string) *os.File {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// sample opens a published sample, skipping when ../shared/data is absent.
func sample(t testing.TB, name string) *os.File {
	t.Helper()
	p := filepath.Join("..", "..", "..", "shared", "data", "finess-plus", name)
	if _, err := os.Stat(p); errors.Is(err, os.ErrNotExist) {
		t.Skipf("%s absent : ../shared/data n'est pas là", name)
	}
	return open(t, p)
}

func readFixtures(t *testing.T) *Result {
	t.Helper()
	res, err := Read(open(t, fixtureActivities), "activites-ri-synthetique.json", open(t, fixtureStructures), "structures-ri-synthetique.json", Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// The synthetic RI feeds: each site found, with its mention, practice,
// sector, category, address and position, and each record left out with
// its reason.
func TestReadSyntheticRIFeeds(t *testing.T) {
	res := readFixtures(t)
	type want struct {
		ege, finess string
		mention     model.Mention
		practice    model.Practice
		sector      model.Sector
		category    string
		joined      string
		lat, lon    float64
		posNote     bool
	}
	wants := []want{
		{"S101", synthFINESS("49", 2), model.MentionA, "", model.SectorPublic, "CH", "egeId", 47.4712, -0.5518, false},
		{"S102", synthFINESS("49", 3), model.MentionB, model.PracticeNoThoracicAo, model.SectorPublic, "CH", "egeId", 47.0600, -0.8790, false},
		{"S103", synthFINESS("44", 4), model.MentionB, model.PracticeThoracicAorta, model.SectorPublic, "CHR", "egeId", 47.2184, -1.5536, false},
		{"S105", synthFINESS("35", 5), model.MentionD, "", model.SectorPublic, "CHR", "egeId", 48.1173, -1.6778, false},
		{"S104", synthFINESS("37", 7), model.MentionC, "", model.SectorPrivateNonProfit, "CLCC", "egeId", 47.3941, 0.6848, false},
		{"S112", synthFINESS("2A", 12), model.MentionB, model.PracticeNoThoracicAo, model.SectorPrivateNonProfit, "CH", "egeId", 41.9192, 8.7386, false},
		{"S113", synthFINESS("97", 13), model.MentionC, "", model.SectorPrivateNonProfit, "CHR", "egeId", -20.8821, 55.4504, false},
		// Found by its FINESS number (the activities feed names another
		// egeId), placed from its Lambert-93 coordinates alone.
		{"S110", synthFINESS("86", 10), model.MentionC, "", model.SectorPrivate, "CH", "FINESS", 46.5802, 0.3404, true},
	}
	if len(res.Authorised) != len(wants) {
		t.Fatalf("%d sites, want %d: %+v", len(res.Authorised), len(wants), res.Authorised)
	}
	byEge := map[string]Site{}
	for _, s := range res.Authorised {
		byEge[s.EgeID] = s
	}
	for _, w := range wants {
		s, ok := byEge[w.ege]
		if !ok {
			t.Errorf("site %s absent", w.ege)
			continue
		}
		if len(s.Records) != 1 || s.FINESS != w.finess || s.Records[0].Mention != w.mention || s.Records[0].Practice != w.practice ||
			s.Sector != w.sector || CategoryOf(s.Category) != w.category || s.JoinedBy != w.joined || !strings.Contains(s.Name, "SYNTHETIQUE") {
			t.Errorf("site %s: %+v", w.ege, s)
			continue
		}
		if s.Lat == nil || geo.Distance(orb.Point{*s.Lon, *s.Lat}, orb.Point{w.lon, w.lat}) > 1 {
			t.Errorf("site %s at %v, %v; want %v, %v", w.ege, s.Lat, s.Lon, w.lat, w.lon)
		}
		if (s.PosNote != "") != w.posNote {
			t.Errorf("site %s: position note %q", w.ege, s.PosNote)
		}
		if s.Address != "1 RUE DE L'ETABLISSEMENT SYNTHETIQUE" || s.Records[0].Start != "2024-06-01" || !strings.HasPrefix(s.Records[0].Number, "SYN-") {
			t.Errorf("site %s: address %q, record %+v", w.ege, s.Address, s.Records[0])
		}
	}
	// Every record left out says which and why.
	wantSkips := map[string]struct{ kind, why string }{
		"810106": {SkipInactive, "état « I »"},
		"810107": {SkipCombination, "combinaison « AMM/QA030/MO000/ME046/PTS00/DE000 » absente de la nomenclature TRE_R392"},
		"810108": {SkipEnded, "autorisation terminée le 31/12/2025"},
		"810109": {SkipNoStructure, "établissement absent du flux Structures"},
		"810111": {SkipClosed, "établissement fermé le 30/06/2025"},
		"810120": {SkipNoSite, "sans site d'exercice"},
	}
	if len(res.Skipped) != len(wantSkips) {
		t.Errorf("%d skipped, want %d:\n%s", len(res.Skipped), len(wantSkips), skipsText(res.Skipped))
	}
	for id, w := range wantSkips {
		found := false
		for _, s := range res.Skipped {
			if strings.Contains(s.What, "activité "+id+" ") && strings.Contains(s.Reason, w.why) && s.Kind == w.kind {
				found = true
			}
		}
		if !found {
			t.Errorf("record %s not skipped as %q for %q:\n%s", id, w.kind, w.why, skipsText(res.Skipped))
		}
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0].What, "S112") || !strings.Contains(res.Warnings[0].Reason, "à 500 m") {
		t.Errorf("warnings:\n%s", skipsText(res.Warnings))
	}
	// Counts: 14 RI records (the neuroradiology one is not RI), 8 kept.
	if res.Matching != 14 || res.Kept != 8 || res.ByFINESS != 1 || res.Entities != 3 || res.Activities.Date() != "2026-04-01" || res.Structures.Date() != "2026-03-09" {
		t.Errorf("matching %d, kept %d, by FINESS %d, entities %d, dates %s %s", res.Matching, res.Kept, res.ByFINESS, res.Entities, res.Activities.Date(), res.Structures.Date())
	}
}

func skipsText(s []Skip) string {
	var lines []string
	for _, x := range s {
		lines = append(lines, x.String())
	}
	return strings.Join(lines, "\n")
}

// The five valid combinations of TRE_R392, and a few that are not.
func TestCombination(t *testing.T) {
	tests := []struct {
		amm      [5]string
		mention  model.Mention
		practice model.Practice
		ok       bool
	}{
		{ri("ME045", "PTS00"), model.MentionA, "", true},
		{ri("ME046", "PTS09"), model.MentionB, model.PracticeNoThoracicAo, true},
		{ri("ME046", "PTS10"), model.MentionB, model.PracticeThoracicAorta, true},
		{ri("ME047", "PTS00"), model.MentionC, "", true},
		{ri("ME048", "PTS00"), model.MentionD, "", true},
		{ri("ME046", "PTS00"), "", "", false},
		{ri("ME047", "PTS09"), "", "", false},
		{ri("ME049", "PTS00"), "", "", false},
		{[5]string{"QA013", "MO000", "ME047", "PTS00", "DE000"}, "", "", false},
		{[5]string{"QA030", "MO001", "ME047", "PTS00", "DE000"}, "", "", false},
		{[5]string{"QA030", "MO000", "ME047", "PTS00", "DE015"}, "", "", false},
	}
	for _, tt := range tests {
		a := finessplus.AMM{Activity: finessplus.Str(tt.amm[0]), Modality: finessplus.Str(tt.amm[1]), Mention: finessplus.Str(tt.amm[2]),
			Practice: finessplus.Str(tt.amm[3]), Declaration: finessplus.Str(tt.amm[4])}
		m, p, ok := Combination(a)
		if m != tt.mention || p != tt.practice || ok != tt.ok {
			t.Errorf("%s: %q %q %v", a.Code(), m, p, ok)
		}
	}
}

// The published samples: no RI record, so nothing kept and nothing left
// out; read with the sample's one AMM activity (QA001, at egeId 314)
// instead, the join finds its site with its address, switchboard and
// position.
func TestReadPublishedSamples(t *testing.T) {
	acts, strs := sample(t, "activites-exemple-20260401.json"), sample(t, "structures-exemple-20260309.json")
	res, err := Read(acts, "activites.json", strs, "structures.json", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Entities != 64 || res.Held != 162 || res.Exercised != 173 || res.StructureEntities != 23 || res.Sites != 27 ||
		res.Matching != 0 || len(res.Authorised) != 0 || len(res.Skipped) != 0 {
		t.Fatalf("QA030: %+v", res)
	}
	acts.Seek(0, 0)
	strs.Seek(0, 0)
	res, err = Read(acts, "activites.json", strs, "structures.json", Options{Activity: "QA001"})
	if err != nil {
		t.Fatal(err)
	}
	// One authorisation: held by the entity (818023) and exercised at
	// the site (818024, which points at it), read once.
	if res.Matching != 1 || len(res.Authorised) != 1 || len(res.Skipped) != 0 || len(res.Warnings) != 0 {
		t.Fatalf("QA001: matching %d, sites %+v, skipped %v, warnings %v", res.Matching, res.Authorised, res.Skipped, res.Warnings)
	}
	s := res.Authorised[0]
	if s.EgeID != "314" || s.FINESS != "010006401" || s.JoinedBy != "egeId" || s.Name != "SSIAD EHPAD FONTELUNE AMBERIEU-EN-BUGEY" ||
		s.Address != "10 RUE DE LA COMMUNE 1871" || s.Postcode != "01500" || s.INSEE != "01004" || s.CityLabel != "AMBERIEU EN BUGEY" ||
		s.Phone != "0474464196" || s.Sector != model.SectorPublic || s.Category != "354" || *s.Lat != 45.968606 || *s.Lon != 5.350865 {
		t.Errorf("site: %+v", s)
	}
	// The site's record is the exercised activity; the held one it points
	// at (818023) is not counted twice.
	if len(s.Records) != 1 || s.Records[0].RegisterID != "818024" || s.Records[0].Number != "27-66-77777" || s.Records[0].Start != "2024-10-01" || !s.Records[0].Site {
		t.Errorf("records: %+v", s.Records)
	}
}

// The register's Lambert-93 fields are swapped: coordonneeX holds the
// northing. Read so, they give the WGS84 position of the same sample
// site to within a few metres; read the other way round, they are
// refused.
func TestLambert93AgainstWGS84OnSample(t *testing.T) {
	n := 0
	_, err := finessplus.ReadStructures(sample(t, "structures-exemple-20260309.json"), "s", func(e finessplus.Entity, _ int) error {
		for _, s := range e.Sites {
			for _, a := range s.Addresses {
				g := a.Geolocation
				if g == nil || g.Lat == "" || g.Northing == "" {
					continue
				}
				n++
				p, ok := Lambert93(string(g.Northing), string(g.Easting))
				lat, lon := mustFloat(t, g.Lat), mustFloat(t, g.Lon)
				if d := geo.Distance(p, orb.Point{lon, lat}); !ok || d > 5 {
					t.Errorf("site %s: Lambert-93 (%s, %s) gives %v, %.1f m from WGS84 (%v, %v)", s.Info.EgeID, g.Northing, g.Easting, p, d, lat, lon)
				}
				if _, ok := Lambert93(string(g.Easting), string(g.Northing)); ok {
					t.Errorf("site %s: unswapped coordinates accepted", s.Info.EgeID)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 15 {
		t.Errorf("only %d sites with both positions", n)
	}
}

func mustFloat(t *testing.T, s finessplus.Str) float64 {
	var f float64
	if _, err := fmtSscan(string(s), &f); err != nil || math.IsNaN(f) {
		t.Fatalf("%q: %v", s, err)
	}
	return f
}

// The legal status and ESPIC flag give the sector.
func TestSectorOf(t *testing.T) {
	tests := []struct {
		status string
		espic  []finessplus.Str
		want   model.Sector
		ok     bool
	}{
		{"13", nil, model.SectorPublic, true},
		{"21", []finessplus.Str{"0"}, model.SectorPublic, true},
		{"63", nil, model.SectorPrivateNonProfit, true},
		{"60", []finessplus.Str{"0"}, model.SectorPrivateNonProfit, true},
		{"95", []finessplus.Str{"0"}, model.SectorPrivate, true},
		{"72", []finessplus.Str{"6"}, model.SectorPrivateNonProfit, true},
		{"10", []finessplus.Str{"1"}, model.SectorPublic, true},
		{"", nil, "", false},
		{"000", nil, "", false},
		{"35", nil, "", false},
	}
	for _, tt := range tests {
		got, ok := SectorOf(tt.status, tt.espic)
		if got != tt.want || ok != tt.ok {
			t.Errorf("SectorOf(%q, %v) = %q, %v", tt.status, tt.espic, got, ok)
		}
	}
	if CategoryOf("101") != "CHR" || CategoryOf("365") != "Etablissement de soins pluridisciplinaire" || CategoryOf("999") != "catégorie FINESS 999" {
		t.Error("categories")
	}
}

// The made-up FINESS numbers of the fixtures are not in the register's
// extract of ../shared/data, nor in the published samples.
func TestSyntheticFINESSAreNotReal(t *testing.T) {
	var made []string
	for _, e := range fixtureEntities() {
		made = append(made, e.finess)
		for _, s := range e.sites {
			made = append(made, s.finess)
		}
	}
	for _, name := range []string{
		filepath.Join("..", "..", "..", "shared", "data", "etablissements-sante-fr-2020.csv"),
		filepath.Join("..", "..", "..", "shared", "data", "finess-plus", "activites-exemple-20260401.json"),
		filepath.Join("..", "..", "..", "shared", "data", "finess-plus", "structures-exemple-20260309.json"),
	} {
		b, err := os.ReadFile(name)
		if errors.Is(err, os.ErrNotExist) {
			t.Skipf("%s absent", name)
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range made {
			// The extract drops the leading zero of départements 01 to 09.
			if slices.Contains([]string{f, strings.TrimPrefix(f, "0")}, "") || strings.Contains(string(b), f) {
				t.Errorf("FINESS %s appears in %s", f, name)
			}
		}
	}
}

func fmtSscan(s string, f *float64) (int, error) { return fmt.Sscan(s, f) }

// The samples' join keys: which sites of the activities sample the
// structures sample knows, by egeId or, failing that, by FINESS number.
// The two samples were generated on different days (01/04 and 09/03/2026)
// and are extracts: 24 of the 84 sites meet, by egeId; the 60 others are
// absent from the structures sample, which is
// what the importer reports, record by record, as « établissement absent
// du flux Structures ». Every key of both samples is read.
func TestSampleJoinKeys(t *testing.T) {
	byEge, byFINESS := map[string]bool{}, map[string]bool{}
	_, err := finessplus.ReadStructures(sample(t, "structures-exemple-20260309.json"), "s", func(e finessplus.Entity, _ int) error {
		for _, s := range e.Sites {
			if s.Info.EgeID == "" || s.Info.NumFiness == "" {
				t.Errorf("structures: site without a key: %+v", s.Info)
			}
			byEge[string(s.Info.EgeID)], byFINESS[string(s.Info.NumFiness)] = true, true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var sites, ege, finess, absent int
	_, err = finessplus.ReadActivities(sample(t, "activites-exemple-20260401.json"), "a", func(e finessplus.EntityActivities, _ int) error {
		for _, s := range e.Sites {
			sites++
			switch {
			case byEge[string(s.EgeID)]:
				ege++
			case byFINESS[string(s.NumFiness)]:
				finess++
			default:
				absent++
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d sites in the activities sample: %d joined by egeId, %d by FINESS, %d absent from the structures sample", sites, ege, finess, absent)
	if sites != 84 || ege != 24 || finess != 0 || absent != 60 || len(byEge) != 27 {
		t.Errorf("%d sites: %d by egeId, %d by FINESS, %d absent; %d structures sites", sites, ege, finess, absent, len(byEge))
	}
}
