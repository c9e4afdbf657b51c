package ui

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"atlasri/app/letter"
	"atlasri/app/practice"
	"atlasri/internal/cdakit"
	"atlasri/internal/lettertest"
	"atlasri/ui/widgets"
)

// openLetter searches fibroids near Cholet and opens the letter to the
// first centre, the CHU d'Angers.
func openLetter(t *testing.T, v *mainView) *letterForm {
	t.Helper()
	pick(t, v.what, "fibrome", "fibromes")
	pick(t, v.where.entry, "49300", "Cholet")
	eventually(t, "results", func() bool { return settled(v) && v.place != nil })
	fyne.DoAndWait(func() { v.list.Select(0) })
	fyne.DoAndWait(v.writeLetter)
	eventually(t, "the letter window", func() bool { return v.lastLetter != nil && v.lastLetter.draft != nil })
	f := v.lastLetter
	t.Cleanup(func() { fyne.DoAndWait(f.win.Close) })
	return f
}

// Scenario 1, end: a letter to the Angers centre with the pelvic MRI
// ticked; the preview follows the form and the window says what is missing.
func TestLetterWindow(t *testing.T) {
	m, v := openWindow(t)
	gp := practice.GP{FirstName: "Claire", LastName: "Lefèvre", Address: "12 rue Nationale", Postcode: "49300", City: "Cholet", Phone: "02 41 00 00 00"}
	if err := m.atlas.SaveGP(gp); err != nil {
		t.Fatal(err)
	}
	f := openLetter(t, v)
	if f.complete || !strings.Contains(f.problems.Text, "À compléter") {
		t.Errorf("an empty form must say what is missing: %q", f.problems.Text)
	}
	// Without a default in the settings, « médecin traitant » is asked.
	if f.treating.Selected != "" || !strings.Contains(f.problems.Text, "médecin traitant du patient") {
		t.Errorf("médecin traitant %q, problems %q", f.treating.Selected, f.problems.Text)
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
		f.treating.SetSelected(letter.No)
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

// fillLetter types a patient file's input into the letter form, the way
// the GP would: every field the form has.
func fillLetter(f *letterForm, in letter.Input) {
	p := in.Patient
	f.civility.SetSelected(p.Civility)
	f.sex.SetSelectedIndex(slices.Index([]string{letter.Female, letter.Male}, p.Sex))
	for field, text := range map[*widgets.Field]string{
		f.last: p.BirthName, f.usedName: p.UsedName, f.first: p.FirstName, f.firsts: p.BirthFirstNames,
		f.birth: p.BirthDate, f.birthplace: p.Birthplace, f.phone: p.Phone,
		f.reason: in.Reason, f.question: in.Question, f.history: in.History, f.treatments: in.Treatments,
		f.anticoag: in.Anticoagulant, f.antiplatelet: in.Antiplatelet, f.otherAllergy: in.Allergies.Other,
		f.extra: strings.Join(in.Workup.Extra, "\n"), f.comment: in.Comment,
	} {
		field.SetText(text)
	}
	if p.INS != nil {
		f.ins.SetText(p.INS.Matricule)
		f.insQualified.SetChecked(p.INS.Qualified)
	}
	switch {
	case in.TreatingDoctor == nil:
		f.treating.SetSelected("")
	case *in.TreatingDoctor:
		f.treating.SetSelected(letter.Yes)
	default:
		f.treating.SetSelected(letter.No)
	}
	f.consent.SetChecked(in.Consent)
	f.copyPatient.SetChecked(slices.Contains(in.Copies, letter.CopyPatient))
	f.copyDMP.SetChecked(slices.Contains(in.Copies, letter.CopyDMP))
	f.urgency.SetSelectedIndex(slices.Index(letter.Urgencies, in.Urgency))
	f.iodine.SetSelected(in.Allergies.IodinatedContrast)
	f.latex.SetSelected(in.Allergies.Latex)
	if rf := in.RenalFunction; rf != nil {
		f.creat.SetText(strconv.FormatFloat(rf.CreatinineUmolL, 'f', -1, 64))
		f.egfr.SetText(strconv.FormatFloat(rf.EGFR, 'f', -1, 64))
		f.renalDate.SetText(rf.Date)
	}
	var reqs []string
	for _, k := range in.Request {
		reqs = append(reqs, lang.L(requestLabels[k]))
	}
	f.request.SetSelected(reqs)
	for i, c := range f.workupChecks {
		c.SetChecked(!slices.Contains(in.Workup.NotAttached, i+1))
	}
}

// TestLetterWindowCarriesEveryElement writes the sample letter from the
// window (the GP of gp.json in the settings, patient.json typed in the
// form) and reads back what « Enregistrer le PDF » and « Enregistrer pour
// MSSanté / DMP » write: every element of the lettre de liaison, the INS
// only while « identité qualifiée » is ticked.
func TestLetterWindowCarriesEveryElement(t *testing.T) {
	m, v := openWindow(t)
	gp, err := practice.ParseJSON(lettertest.Read(t, lettertest.GPFile))
	if err != nil {
		t.Fatal(err)
	}
	gp.TreatingDefault = practice.Yes
	if err := m.atlas.SaveGP(gp); err != nil {
		t.Fatal(err)
	}
	want, _, err := letter.ParsePatientFile(lettertest.Read(t, lettertest.PatientFile))
	if err != nil {
		t.Fatal(err)
	}
	f := openLetter(t, v)
	if f.centre.ID != lettertest.Centre || f.draft.Procedure.ID != lettertest.Procedure {
		t.Fatalf("letter to %s for %s", f.centre.ID, f.draft.Procedure.ID)
	}
	// The settings' default answers « médecin traitant ».
	if f.treating.Selected != letter.Yes {
		t.Errorf("médecin traitant %q with the settings' default « oui »", f.treating.Selected)
	}
	fyne.DoAndWait(func() { fillLetter(f, want) })
	// The form holds every field of the patient file.
	var d *letter.Draft
	var in letter.Input
	fyne.DoAndWait(func() { d, in, _, _ = f.deliveryRequest() })
	if got, exp := in.Normalized(), want.Normalized(); !reflect.DeepEqual(got, exp) {
		t.Errorf("the form reads\n%+v\nthe file says\n%+v", got, exp)
	}
	for _, qualified := range []bool{true, false} {
		fyne.DoAndWait(func() {
			f.insQualified.SetChecked(qualified)
			d, in, _, _ = f.deliveryRequest()
		})
		out, err := f.documents(d, in, true, true)
		if err != nil {
			t.Fatal(err)
		}
		lettertest.CheckLetter(t, out.pdf, qualified)
		lettertest.CheckCDA(t, out.cda, out.pdf, qualified)
		xmlFile := filepath.Join(t.TempDir(), "lettre.xml")
		if err := os.WriteFile(xmlFile, out.cda, 0o600); err != nil {
			t.Fatal(err)
		}
		cdakit.Find(t, lettertest.Root(t)).ValidateXSD(t, xmlFile)
		if len(out.sheet) == 0 {
			t.Error("no patient sheet")
		}
	}
}
