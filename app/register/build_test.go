package register

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"atlasri/app/embedded"
	"atlasri/app/exchange"
	"atlasri/model"
	"atlasri/resources"
)

var (
	geoOnce sync.Once
	geoData *exchange.Geography
	catData model.Catalogue
	geoErr  error
)

// geography is the program's geography and catalogue, built once.
func geography(t testing.TB) (*exchange.Geography, model.Catalogue) {
	t.Helper()
	geoOnce.Do(func() {
		geoData, geoErr = embedded.Geography()
		if geoErr == nil {
			catData, geoErr = resources.Catalogue()
		}
	})
	if geoErr != nil {
		t.Fatal(geoErr)
	}
	return geoData, catData
}

// The synthetic feeds make a directory whose sites, mentions, positions
// and offers are checked one by one: each offer is marked
// « autorisation », and is exactly what the site's mention covers.
func TestDirectoryFromSyntheticFeeds(t *testing.T) {
	g, cat := geography(t)
	res := readFixtures(t)
	f := res.File(cat.Procedures, "")
	d, skipped, warnings := res.Directory(f, g, time.Date(2026, 4, 2, 0, 0, 0, 0, time.UTC))
	if len(skipped) != 0 {
		t.Fatalf("skipped: %s", skipsText(skipped))
	}
	if d.Version != "registre-20260401" || d.Date != "2026-04-01" || d.Indicative || !strings.Contains(d.Source, "FINESS+") ||
		!strings.Contains(d.Source, "01/04/2026") || !strings.Contains(d.Source, "09/03/2026") {
		t.Errorf("header: %q %q %v %q", d.Version, d.Date, d.Indicative, d.Source)
	}
	if len(d.Centres) != 8 {
		t.Fatalf("%d centres", len(d.Centres))
	}
	// Independently of the rule: what a mention A site offers.
	mentionA := []string{"infiltration-rachidienne-radiculaire", "infiltration-articulaire-posterieure", "biopsie-percutanee-foie",
		"biopsie-percutanee-poumon", "biopsie-percutanee-rein", "nephrostomie-percutanee", "drainage-percutane-collection",
		"pose-picc-line", "pose-chambre-implantable"}
	procs := map[string]model.Procedure{}
	for _, p := range cat.Procedures {
		procs[p.ID] = p
	}
	for _, c := range d.Centres {
		a, ok := c.RIAuthorisation()
		if !ok || c.ID != CentreID(c.FINESS) || c.ContactSource != "FINESS+ 2026" || c.CheckedOn != "2026-04-01" {
			t.Errorf("centre %s: %+v", c.ID, c)
			continue
		}
		var got []string
		for _, o := range c.Offers {
			got = append(got, o.ProcedureID)
			if o.Origin != model.OfferAuthorised || o.CheckedOn != "2026-04-01" || !strings.Contains(o.Source, "mention "+string(a.Mention)) {
				t.Errorf("%s: offer %+v", c.ID, o)
			}
		}
		var want []string
		for _, p := range cat.Procedures {
			if r := p.RIMention; r.Mention != "" && a.Mention.Rank() >= r.Mention.Rank() {
				want = append(want, p.ID)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s (mention %s): offers %v, want %v", c.ID, a.Mention, got, want)
		}
		for _, id := range []string{"thrombectomie-avc", "embolisation-anevrisme-intracranien"} {
			if slices.Contains(got, id) {
				t.Errorf("%s offers %s, a neuroradiology procedure", c.ID, id)
			}
		}
		switch a.Mention {
		case model.MentionA:
			if !slices.Equal(got, filterCatalogueOrder(cat, mentionA)) {
				t.Errorf("mention A site offers %v", got)
			}
		case model.MentionB:
			cov := c.Coverage(procs["endoprothese-aortique"])
			if !cov.Covered || (a.Practice == model.PracticeNoThoracicAo) != (cov.Restriction == "hors aorte thoracique") {
				t.Errorf("%s (%s): aortic stent graft %+v", c.ID, a.MentionLabelFR(), cov)
			}
		case model.MentionD:
			if cov := c.Coverage(procs["embolisation-hemorragie-post-partum"]); !cov.Covered || !cov.RoundTheClock {
				t.Errorf("mention D site: post-partum haemorrhage %+v", cov)
			}
		}
		if a.Mention != model.MentionD && slices.Contains(got, "embolisation-hemoptysie") {
			t.Errorf("%s (mention %s) offers emergency haemostasis", c.ID, a.Mention)
		}
	}
	// The Lambert-only site is placed, and says how; the overseas one too.
	for _, c := range d.Centres {
		switch c.FINESS {
		case synthFINESS("86", 10):
			if c.INSEE != "86194" || !strings.Contains(c.PosNote, "Lambert-93") {
				t.Errorf("Poitiers site: %+v", c)
			}
		case synthFINESS("97", 13):
			if c.Dept != "974" || c.PosNote != "" {
				t.Errorf("Réunion site: %+v", c)
			}
		}
	}
	_ = warnings
}

func filterCatalogueOrder(cat model.Catalogue, ids []string) []string {
	var out []string
	for _, p := range cat.Procedures {
		if slices.Contains(ids, p.ID) {
			out = append(out, p.ID)
		}
	}
	return out
}

// A site the geography refuses (a commune of an overseas collectivity the
// map does not cover) is left out, and said so; the others stay.
func TestDirectorySkipsWhatResolveRefuses(t *testing.T) {
	g, cat := geography(t)
	res := readFixtures(t)
	res.Authorised[0].INSEE, res.Authorised[0].Postcode = "98611", "98620" // Wallis-et-Futuna
	f := res.File(cat.Procedures, "2026.4")
	d, skipped, _ := res.Directory(f, g, time.Time{})
	if len(d.Centres) != 7 || len(f.Centres) != 7 || len(skipped) == 0 || !strings.Contains(skipped[0].What, res.Authorised[0].FINESS) ||
		!strings.Contains(skipped[0].Reason, "collectivité d'outre-mer") || skipped[0].Kind != SkipRefused {
		t.Errorf("%d centres, skipped %s", len(d.Centres), skipsText(skipped))
	}
	if d.Version != "2026.4" {
		t.Errorf("version %q", d.Version)
	}
}
