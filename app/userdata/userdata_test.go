package userdata

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"atlasri/app/exchange"
	"atlasri/model"
	"atlasri/model/sqlite"

	_ "github.com/mattn/go-sqlite3"
	"github.com/paulmach/orb"
)

var now = time.Date(2027, 1, 10, 9, 0, 0, 0, time.UTC)

func openUser(t *testing.T, path string) *sqlite.User {
	t.Helper()
	u, err := sqlite.OpenUser(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { u.Close() })
	return u
}

func geography() *exchange.Geography {
	square := orb.MultiPolygon{{{{-1.2, 46.8}, {0.2, 46.8}, {0.2, 47.8}, {-1.2, 47.8}, {-1.2, 46.8}}}}
	return exchange.NewGeography(
		[]model.Commune{{INSEE: "49099", Name: "Cholet", Dept: "49", Postcodes: []string{"49300"}, Pos: orb.Point{-0.8789, 47.06}, PosSource: "geonames"}},
		nil, []model.Departement{{Code: "49", Shape: square}},
		[]model.Procedure{{ID: "vertebroplastie", NameFR: "Vertébroplastie"}})
}

func TestSaveCentre(t *testing.T) {
	u := openUser(t, filepath.Join(t.TempDir(), "user.db"))
	in := CentreInput{Name: "Clinique du Parc", Sector: "privé", Postcode: "49300", Commune: "CHOLET", Phone: "0241000000",
		Procedures: []string{"vertebroplastie"}}
	c, ps, err := SaveCentre(u, geography(), in, now)
	if err != nil || len(ps) != 0 {
		t.Fatalf("%v %v", err, ps)
	}
	if c.ID != "cabinet-clinique-du-parc" || c.INSEE != "49099" || c.Phone != "02 41 00 00 00" || c.Source != model.PracticeSource ||
		len(c.Offers) != 1 || c.Offers[0].Origin != model.OfferIndicative || c.Offers[0].Reason == "" {
		t.Errorf("saved %+v", c)
	}
	// A second clinic of the same name gets its own id; renaming keeps the id.
	c2, _, err := SaveCentre(u, geography(), in, now)
	if err != nil || c2.ID != "cabinet-clinique-du-parc-2" {
		t.Errorf("second: %q %v", c2.ID, err)
	}
	in.ID, in.Name = c.ID, "Clinique du Parc (Dr Roux)"
	if c3, _, err := SaveCentre(u, geography(), in, now); err != nil || c3.ID != c.ID || c3.Name != in.Name {
		t.Errorf("rename: %+v %v", c3, err)
	}
	all, _ := u.PracticeCentres()
	if len(all) != 2 {
		t.Errorf("%d centres", len(all))
	}

	// Checked like a directory's centre, every problem named by field.
	bad := CentreInput{Name: "", Sector: "privé", INSEE: "49099", Phone: "12", Procedures: []string{"nope"}}
	_, _, err = SaveCentre(u, geography(), bad, now)
	var inv *InvalidError
	if !errors.As(err, &inv) || inv.Problems.Errors() != 3 || !strings.Contains(err.Error(), "nom manquant") {
		t.Errorf("err = %v", err)
	}
	// Control characters are refused here too (issue 13, case 4).
	esc := CentreInput{Name: "Clinique \x1b[2Jdu Lac", Sector: "privé", INSEE: "49099", Address: "1 rue \u202Ede la Paix", Procedures: []string{"vertebroplastie"}}
	_, _, err = SaveCentre(u, geography(), esc, now)
	if !errors.As(err, &inv) || inv.Problems.Errors() != 2 || !strings.Contains(err.Error(), "échappement de terminal") || !strings.Contains(err.Error(), "sens d'écriture") {
		t.Errorf("control characters: %v", err)
	}
	// A directory centre is not edited here.
	in.ID = "chu-d-angers"
	if _, _, err := SaveCentre(u, geography(), in, now); err == nil || !strings.Contains(err.Error(), "vient de l'annuaire") {
		t.Errorf("err = %v", err)
	}
}
