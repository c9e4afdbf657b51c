package letter

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"atlasri/app/practice"
	"atlasri/model/sqlite"
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
	if err := s.Delivered(l, sqlite.DeliveryPDF, Options{PatientSheet: true, Printer: "Cabinet"}, false); err != nil {
		t.Fatal(err)
	}
	if hist, err := u.Letters(0); err != nil || len(hist) != 0 {
		t.Errorf("history without opt-in: %v, %v", hist, err)
	}
	// The remembered options say nothing about the patient.
	raw, _ := u.Setting(KeyOptions)
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
	if err := s.Delivered(l, sqlite.DeliveryPrint, Options{}, true); err != nil {
		t.Fatal(err)
	}
	hist, err := u.Letters(0)
	if err != nil || len(hist) != 1 {
		t.Fatalf("history: %v, %v", hist, err)
	}
	h := hist[0]
	if h.Centre != angers || h.CentreName != "CHU d'Angers" || h.Procedure != fibroids || h.Delivery != sqlite.DeliveryPrint ||
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
	u.SetSetting(KeyOptions, "{pas du json")
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
	if err := s.Delivered(l, sqlite.DeliveryPDF, Options{}, true); err != ErrIncomplete {
		t.Errorf("Delivered(incomplete) = %v", err)
	}
	if hist, _ := u.Letters(0); len(hist) != 0 {
		t.Error("incomplete letter recorded")
	}
}
