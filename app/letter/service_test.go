package letter

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"atlasri/app/practice"
	"atlasri/model"
	"atlasri/model/sqlite"

	"github.com/paulmach/orb"
)

func newService(t *testing.T) (*Service, *sqlite.User) {
	t.Helper()
	u, err := sqlite.OpenUser(filepath.Join(t.TempDir(), "user.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { u.Close() })
	if err := practice.Save(u, gp()); err != nil {
		t.Fatal(err)
	}
	return &Service{Ref: ref(t), User: u, Now: func() time.Time { return letterDate }}, u
}

func TestNothingStoredWithoutOptIn(t *testing.T) {
	s, u := newService(t)
	d, err := s.Draft(angers, fibroids)
	if err != nil {
		t.Fatal(err)
	}
	l, err := s.Compose(d, sample())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Delivered(l, model.DeliveryPDF, Options{PatientSheet: true, Printer: "Cabinet"}, false); err != nil {
		t.Fatal(err)
	}
	if hist, err := u.Letters(0); err != nil || len(hist) != 0 {
		t.Errorf("history without opt-in: %v, %v", hist, err)
	}
	// The remembered options say nothing about the patient.
	raw, _ := u.Setting(model.SettingLetterOptions)
	for _, secret := range []string{"Dupont", "DUPONT", "Hélène", "1975", "Ménorragies", "275044900712365"} {
		if strings.Contains(raw, secret) {
			t.Errorf("options %s contain %q", raw, secret)
		}
	}
	o, err := s.LastOptions()
	if err != nil {
		t.Fatal(err)
	}
	if !o.PatientSheet || o.Printer != "Cabinet" || strings.Join(o.Request, ",") != "avis,geste" {
		t.Errorf("options not remembered: %+v", o)
	}
}

func TestHistoryWithOptIn(t *testing.T) {
	s, u := newService(t)
	d, _ := s.Draft(angers, fibroids)
	l, err := s.Compose(d, sample())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Delivered(l, model.DeliveryPrint, Options{}, true); err != nil {
		t.Fatal(err)
	}
	hist, err := u.Letters(0)
	if err != nil || len(hist) != 1 {
		t.Fatalf("history: %v, %v", hist, err)
	}
	h := hist[0]
	if h.Centre != angers || h.CentreName != "CHU d'Angers" || h.Procedure != fibroids || h.Delivery != model.DeliveryPrint ||
		!h.SentAt.Equal(letterDate) || !strings.Contains(h.Patient, "Hélène DUPONT") {
		t.Errorf("record = %+v", h)
	}
	var content struct {
		GP    string
		Input Input
	}
	if err := json.Unmarshal(h.Content, &content); err != nil || content.Input.Reason != l.Input.Reason || content.GP != "Docteur Claire LEFÈVRE" {
		t.Errorf("content: %v %s", err, h.Content)
	}
}

func TestDefaultOptions(t *testing.T) {
	s, u := newService(t)
	o, err := s.LastOptions()
	if err != nil || strings.Join(o.Request, ",") != "avis,geste" || o.PatientSheet {
		t.Errorf("defaults = %+v, %v", o, err)
	}
	u.SetSetting(model.SettingLetterOptions, "{pas du json")
	if o, err := s.LastOptions(); err != nil || len(o.Request) != 2 {
		t.Errorf("damaged options: %+v, %v", o, err)
	}
}

func TestIncompleteLetterIsNeverDelivered(t *testing.T) {
	s, u := newService(t)
	d, _ := s.Draft(angers, fibroids)
	l, ve := Preview(d, gp(), Input{}, letterDate)
	if ve == nil {
		t.Fatal("empty input is complete?")
	}
	if err := s.Delivered(l, model.DeliveryPDF, Options{}, true); err != ErrIncomplete {
		t.Errorf("Delivered(incomplete) = %v", err)
	}
	if hist, _ := u.Letters(0); len(hist) != 0 {
		t.Error("incomplete letter recorded")
	}
}

// A letter to a centre the practice added itself: the centre lives in
// user.db, not in reference.db, and the letter says its offer is the
// practice's own word.
func TestLetterToPracticeCentre(t *testing.T) {
	s, u := newService(t)
	own := model.Centre{ID: "cabinet-clinique-du-parc", Name: "Clinique du Parc", Category: "Clinique", Sector: model.SectorPrivate,
		INSEE: "49099", Commune: "Cholet", Dept: "49", Pos: orb.Point{-0.88, 47.06}, Phone: "02 41 00 00 00",
		Offers: []model.Offer{{ProcedureID: fibroids}}}
	if err := u.SavePracticeCentre(own, letterDate); err != nil {
		t.Fatal(err)
	}
	d, err := s.Draft(own.ID, fibroids)
	if err != nil {
		t.Fatalf("draft to the practice's centre: %v", err)
	}
	if d.Centre.Name != own.Name || d.Centre.Source != model.PracticeSource {
		t.Errorf("draft centre = %+v", d.Centre)
	}
	all := strings.Join(d.Notices, "\n")
	if !strings.Contains(all, "Centre ajouté par le cabinet") || strings.Contains(all, "Annuaire de démonstration") {
		t.Errorf("notices:\n%s", all)
	}
	l, err := s.Compose(d, sample())
	if err != nil {
		t.Fatal(err)
	}
	if text := pdfText(t, mustPDF(t, l)); !strings.Contains(text, "Clinique du Parc Cholet (49)") {
		t.Errorf("the letter is not addressed to the practice's centre:\n%s", text)
	}
	if err := s.Delivered(l, model.DeliveryPDF, Options{}, true); err != nil {
		t.Fatal(err)
	}
	if hist, _ := u.Letters(0); len(hist) != 1 || hist[0].Centre != own.ID {
		t.Errorf("history = %+v", hist)
	}
	// With the address the practice gave, the recipient block is postal,
	// in the letter and in the CDA export (fictional address).
	own.Address, own.Postcode, own.CityLabel = "1 rue de l'Exemple", "49300", "Cholet"
	if err := u.SavePracticeCentre(own, letterDate); err != nil {
		t.Fatal(err)
	}
	if d, err = s.Draft(own.ID, fibroids); err != nil {
		t.Fatal(err)
	}
	if l, err = s.Compose(d, sample()); err != nil {
		t.Fatal(err)
	}
	pdf := mustPDF(t, l)
	if text := pdfText(t, pdf); !strings.Contains(text, "Clinique du Parc 1 rue de l'Exemple 49300 CHOLET") {
		t.Errorf("recipient block without the centre's address:\n%s", text)
	}
	l.GP.StructureID = "499999999"
	doc, err := l.CDA(pdf)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(doc), "<streetName>1 rue de l&#39;Exemple</streetName>") || !strings.Contains(string(doc), "<postalCode>49300</postalCode>") {
		t.Error("CDA recipient without the centre's address")
	}
	// An unknown centre of the practice is still refused by name.
	if _, err := s.Draft("cabinet-inconnu", fibroids); !errors.Is(err, model.ErrNotFound) || !strings.Contains(err.Error(), "cabinet-inconnu") {
		t.Errorf("unknown practice centre: %v", err)
	}
}
