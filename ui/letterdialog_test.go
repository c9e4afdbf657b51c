package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"atlasri/app/letter"
	"atlasri/app/practice"
)

// Scenario 1, end: a letter to the Angers centre with the pelvic MRI
// ticked; the preview follows the form and the window says what is missing.
func TestLetterWindow(t *testing.T) {
	m, v := openWindow(t)
	gp := practice.GP{FirstName: "Claire", LastName: "Lefèvre", Address: "12 rue Nationale", Postcode: "49300", City: "Cholet", Phone: "02 41 00 00 00"}
	if err := m.atlas.SaveGP(gp); err != nil {
		t.Fatal(err)
	}
	pick(t, v.what, "fibrome", "fibromes")
	pick(t, v.where.entry, "49300", "Cholet")
	eventually(t, "results", func() bool { return settled(v) && v.place != nil })
	fyne.DoAndWait(func() { v.list.Select(0) })
	fyne.DoAndWait(v.writeLetter)
	eventually(t, "the letter window", func() bool { return v.lastLetter != nil && v.lastLetter.draft != nil })
	f := v.lastLetter
	if f == nil {
		t.Fatal("no letter window")
	}
	t.Cleanup(f.win.Close)
	if f.complete || !strings.Contains(f.problems.Text, "À compléter") {
		t.Errorf("an empty form must say what is missing: %q", f.problems.Text)
	}
	mri := -1
	for i, c := range f.workupChecks {
		if strings.Contains(c.Text, "IRM pelvienne") {
			mri = i
			if !c.Checked {
				t.Error("the pelvic MRI is not pre-ticked")
			}
		}
	}
	if mri < 0 {
		t.Fatal("the work-up lacks the pelvic MRI")
	}
	fyne.DoAndWait(func() {
		f.civility.SetSelected(letter.Madame)
		f.last.SetText("Dupont")
		f.first.SetText("Hélène")
		f.birth.SetText("03/04/1975")
		f.birthplace.SetText("49099")
		f.consent.SetChecked(true)
		f.reason.SetText("Ménorragies sur fibromes, souhaite garder l'utérus.")
		f.anticoag.SetText("non")
		f.antiplatelet.SetText("non")
		f.iodine.SetSelected(letter.No)
		f.latex.SetSelected(letter.No)
		f.refreshPreview()
	})
	if !f.complete || f.problems.Text != "" {
		t.Errorf("complete form still reports: %q", f.problems.Text)
	}
	if f.preview.Image == nil || f.preview.Image.Bounds().Dx() < 500 {
		t.Error("no preview page")
	}
	in := f.input()
	// The sex starts from the civility.
	if len(in.Workup.NotAttached) != 0 || in.Patient.BirthName != "Dupont" || in.Patient.Sex != letter.Female || !in.Consent {
		t.Errorf("input read from the form: %+v", in)
	}
}

// Scenario 6: no letter for a stroke.
func TestNoLetterForAnEmergency(t *testing.T) {
	_, v := openWindow(t)
	pick(t, v.what, "AVC", "Thrombectomie")
	eventually(t, "the search", func() bool { return v.shown == v.seq && v.target != nil })
	v.lastLetter = nil
	fyne.DoAndWait(v.writeLetter) // Ctrl+L
	if v.lastLetter != nil {
		t.Error("a letter window opened for an emergency procedure")
	}
	if !v.emergency.Visible() {
		t.Error("the emergency conduct is not shown")
	}
}
