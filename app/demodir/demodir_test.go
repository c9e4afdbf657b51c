package demodir

import (
	"strings"
	"testing"

	"atlasri/model"
	"atlasri/resources"
)

func catalogue(t *testing.T) model.Catalogue {
	t.Helper()
	c, err := resources.Catalogue()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestOffersFollowTheRule(t *testing.T) {
	cat := catalogue(t)
	family := map[string]string{}
	for _, p := range cat.Procedures {
		family[p.ID] = p.Family
	}
	tests := []struct {
		category     string
		mustHave     []string
		mustNotHave  []string
		reasonPhrase string
	}{
		{"CHU", []string{"embolisation-fibromes-uterins", "vertebroplastie", "biopsie-mammaire-percutanee", "recanalisation-stenting-veineux-iliocave"},
			[]string{"thrombectomie-avc", "embolisation-anevrisme-intracranien"}, "offre habituelle d'un CHU"},
		{"CHR", []string{"embolisation-hemorroidaire"}, []string{"thrombectomie-avc"}, "CHR"},
		{"CLCC", []string{"chimioembolisation-hepatique", "radioembolisation-sirt", "thermoablation-foie", "biopsie-percutanee-poumon",
			"vertebroplastie", "cimentoplastie-extra-vertebrale", "pose-picc-line", "pose-chambre-implantable", "nephrostomie-percutanee"},
			[]string{"embolisation-fibromes-uterins", "cryoablation-endometriose-parietale", "thrombectomie-avc", "cyphoplastie"}, "centre de lutte contre le cancer"},
		{"CH", []string{"biopsie-osseuse", "drainage-biliaire-percutane", "pose-picc-line"},
			[]string{"vertebroplastie", "chimioembolisation-hepatique", "embolisation-fibromes-uterins"}, "à confirmer"},
	}
	for _, tt := range tests {
		t.Run(tt.category, func(t *testing.T) {
			offers, err := Offers(tt.category, cat)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]bool{}
			for _, o := range offers {
				got[o.ProcedureID] = true
				if o.Verified || !strings.Contains(o.Reason, tt.reasonPhrase) || o.CheckedOn != RuleDate {
					t.Errorf("offer %+v: must be indicative, dated, with reason %q", o, tt.reasonPhrase)
				}
				if family[o.ProcedureID] == "neuroradiologie" {
					t.Errorf("%s offers neuroradiology %s without a source", tt.category, o.ProcedureID)
				}
			}
			for _, p := range tt.mustHave {
				if !got[p] {
					t.Errorf("%s lacks %s", tt.category, p)
				}
			}
			for _, p := range tt.mustNotHave {
				if got[p] {
					t.Errorf("%s must not offer %s", tt.category, p)
				}
			}
		})
	}
	if _, err := Offers("Clinique", cat); err == nil {
		t.Error("an unknown category got offers")
	}
}

func TestBuildDemoDirectory(t *testing.T) {
	cat := catalogue(t)
	seed, err := resources.DemoEstablishments()
	if err != nil {
		t.Fatal(err)
	}
	communes, err := resources.Communes()
	if err != nil {
		t.Fatal(err)
	}
	byINSEE := map[string]model.Commune{}
	for _, c := range communes {
		byINSEE[c.INSEE] = c
	}
	d, err := Build(seed, cat, byINSEE)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Centres) != 76 || !d.Indicative || d.Label == "" {
		t.Fatalf("%d centres, indicative %v, label %q", len(d.Centres), d.Indicative, d.Label)
	}
	depts := map[string]bool{}
	for _, c := range d.Centres {
		depts[c.Dept] = true
		if c.Phone != "" || c.Address != "" || c.Email != "" || c.FINESS != "" {
			t.Errorf("%s carries contact data without a public source", c.ID)
		}
		if c.Pos != byINSEE[c.INSEE].Pos || c.Pos.Lat() == 0 {
			t.Errorf("%s not positioned at its commune", c.ID)
		}
		if len(c.Offers) == 0 {
			t.Errorf("%s has no offer", c.ID)
		}
	}
	for _, overseas := range []string{"971", "972", "973", "974", "976", "2A", "2B"} {
		if !depts[overseas] {
			t.Errorf("no centre in %s", overseas)
		}
	}

	// A seed row whose commune does not match its département is refused
	// with the line number.
	bad := append([]resources.DemoEstablishment(nil), seed...)
	bad[3].Dept = "01"
	if _, err := Build(bad, cat, byINSEE); err == nil || !strings.Contains(err.Error(), "ligne 5") {
		t.Errorf("err = %v, want a message naming line 5", err)
	}
}
