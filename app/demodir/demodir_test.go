package demodir

import (
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

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
				if o.Origin != model.OfferIndicative || !strings.Contains(o.Reason, tt.reasonPhrase) || o.CheckedOn != RuleDate {
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
	outlines := map[string]model.Departement{}
	ds, err := resources.Departements()
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range ds {
		outlines[x.Code] = x
	}
	seedByFINESS := map[string]resources.DemoEstablishment{}
	for _, e := range seed {
		seedByFINESS[e.FINESS] = e
	}
	noAddress, noPhone, approx := 0, 0, 0
	for _, c := range d.Centres {
		depts[c.Dept] = true
		e, ok := seedByFINESS[c.FINESS]
		if !ok {
			t.Errorf("%s: FINESS %q is not a seed row's", c.ID, c.FINESS)
			continue
		}
		if c.Postcode != e.Postcode || c.CityLabel != strings.Join(strings.Fields(e.CityLabel), " ") || c.Phone != e.Phone ||
			c.Address != strings.Join(strings.Fields(e.Address), " ") || strings.Contains(c.CityLabel, "  ") {
			t.Errorf("%s: postal data %q %q %q %q, want the register's", c.ID, c.Address, c.Postcode, c.CityLabel, c.Phone)
		}
		if c.ContactSource != ContactSource || !strings.Contains(c.Source, "FINESS") || !strings.Contains(c.Source, "2020") {
			t.Errorf("%s: contact source %q / %q does not name the register and its date", c.ID, c.ContactSource, c.Source)
		}
		if c.Pos != (orb.Point{e.Lon, e.Lat}) {
			t.Errorf("%s at %v, want the register's position", c.ID, c.Pos)
		}
		if c.PosApprox() != (e.GeoQual >= resources.GeoStreet) {
			t.Errorf("%s: geo_qual %d but position note %q", c.ID, e.GeoQual, c.PosNote)
		}
		// The position lies inside its département's outline.
		if o, ok := outlines[c.Dept]; !ok || !planar.MultiPolygonContains(o.Shape, c.Pos) {
			t.Errorf("%s (%s) at %v: outside its département's outline", c.ID, c.Dept, c.Pos)
		}
		if c.Address == "" {
			noAddress++
		}
		if c.Phone == "" {
			noPhone++
		}
		if c.PosApprox() {
			approx++
		}
		if len(c.Offers) == 0 {
			t.Errorf("%s has no offer", c.ID)
		}
	}
	// The register has no street for Guadeloupe's CHU and Bastia, no
	// phone for Martinique's CHU; 12 positions are street-level or coarser.
	if noAddress != 2 || noPhone != 1 || approx != 12 {
		t.Errorf("%d centres without address, %d without phone, %d approximate: want 2, 1, 12", noAddress, noPhone, approx)
	}
	// Sites that used to share their commune's point now separate; only
	// those at one address in the register share a position (Gabriel-
	// Montpied and Jean Perrin, 58 rue Montalembert).
	at := map[orb.Point]model.Centre{}
	for _, c := range d.Centres {
		if prev, ok := at[c.Pos]; ok && prev.Address != c.Address {
			t.Errorf("%s shares its position %v with %s at another address", c.ID, c.Pos, prev.ID)
		}
		at[c.Pos] = c
	}
	for _, overseas := range []string{"971", "972", "973", "974", "976", "2A", "2B"} {
		if !depts[overseas] {
			t.Errorf("no centre in %s", overseas)
		}
	}

	// A seed row whose commune does not match its département is refused
	// with the line number.
	for _, tt := range []struct {
		name  string
		spoil func([]resources.DemoEstablishment)
		want  string
	}{
		{"département", func(s []resources.DemoEstablishment) { s[3].Dept = "01" }, "ligne 5 : la commune 33063 est dans le 33, pas le 01"},
		{"FINESS key", func(s []resources.DemoEstablishment) {
			s[3].FINESS = s[3].FINESS[:8] + string('0'+(s[3].FINESS[8]-'0'+1)%10)
		}, "ligne 5 : numéro FINESS"},
		{"FINESS twice", func(s []resources.DemoEstablishment) { s[4].FINESS = s[3].FINESS }, "ligne 6 : numéro FINESS 330781360 déjà donné ligne 5"},
		{"phone", func(s []resources.DemoEstablishment) { s[3].Phone = "0556795679" }, "ligne 5 : téléphone"},
		{"far position", func(s []resources.DemoEstablishment) { s[3].Lat++ }, "ligne 5 : position du registre à 110 km"},
	} {
		bad := append([]resources.DemoEstablishment(nil), seed...)
		tt.spoil(bad)
		if _, err := Build(bad, cat, byINSEE); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want a message with %q", tt.name, err, tt.want)
		}
	}
}
