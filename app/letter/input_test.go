package letter

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sample is a complete, fictitious patient file.
func sample() Input {
	return Input{
		Version: FormatVersion,
		Patient: Patient{Civility: "Mme", Sex: "f", UsedName: "Dupont", BirthName: "Durand", FirstName: "Hélène",
			BirthDate: "03/04/1975", Birthplace: "49099", INS: &INS{Matricule: "2 75 04 49 007 123 65", Qualified: true}, Phone: "06 00 00 00 00"},
		TreatingDoctor: new(true),
		Consent:        true,
		Copies:         []string{"DMP", "patient", "dmp"},
		Reason:         "Ménorragies abondantes avec anémie ferriprive ; myome interstitiel de 6 cm.",
		Question:       "Une embolisation est-elle indiquée ?",
		Urgency:        "Rapide",
		History:        "Deux grossesses. Appendicectomie à 12 ans.",
		Treatments:     "Fer oral, acide tranexamique pendant les règles.",
		Anticoagulant:  "aucun",
		Antiplatelet:   "Kardégic 75 mg/j",
		Allergies:      Allergies{IodinatedContrast: "Non", Latex: "oui", Other: "pénicilline"},
		RenalFunction:  &RenalFunction{CreatinineUmolL: 64, EGFR: 98.5, Date: "2026-01-15"},
		Request:        []string{"avis", "Geste", "avis"},
		Workup:         WorkupChoice{NotAttached: []int{5}, Extra: []string{"Échographie du 10/01/2026", "  "}},
		Comment:        "Disponible le matin.",
	}
}

func TestNormalized(t *testing.T) {
	in := sample().Normalized()
	if in.Patient.Civility != Madame || in.Patient.Sex != Female || in.Patient.INS.Matricule != "275044900712365" || in.Patient.INS.Kind != KindNIR {
		t.Errorf("patient = %+v", in.Patient)
	}
	if in.Allergies.IodinatedContrast != No || in.Allergies.Latex != Yes {
		t.Errorf("allergies = %+v", in.Allergies)
	}
	if strings.Join(in.Copies, ",") != "dmp,patient" || in.Urgency != UrgencySoon {
		t.Errorf("copies %v, urgency %q", in.Copies, in.Urgency)
	}
	if strings.Join(in.Request, ",") != "avis,geste" {
		t.Errorf("request = %v", in.Request)
	}
	if len(in.Workup.Extra) != 1 {
		t.Errorf("blank extra document kept: %q", in.Workup.Extra)
	}
	if err := in.Validate(date("2026-03-12")); err != nil {
		t.Errorf("sample refused: %v", err)
	}
}

func TestValidateNamesEveryMissingField(t *testing.T) {
	err := Input{}.Normalized().Validate(date("2026-03-12"))
	if err == nil {
		t.Fatal("empty input accepted")
	}
	var keys []string
	for _, f := range err.Missing {
		keys = append(keys, f.Key)
	}
	want := "patient.civility,patient.sex,patient.birth_name,patient.first_name,patient.birth_date,patient.birthplace," +
		"reason,anticoagulant,antiplatelet,allergies.iodinated_contrast,allergies.latex,request,consent"
	if strings.Join(keys, ",") != want {
		t.Errorf("missing = %v\nwant      %s", keys, want)
	}
	msg := err.Error()
	for _, s := range []string{"champs obligatoires manquants", "civilité (patient.civility)", "motif de l'adressage (reason)", "allergie au latex"} {
		if !strings.Contains(msg, s) {
			t.Errorf("message lacks %q: %s", s, msg)
		}
	}
}

func TestValidateProblems(t *testing.T) {
	on := date("2026-03-12")
	tests := []struct {
		name   string
		edit   func(*Input)
		key    string
		substr string
	}{
		{"civility", func(in *Input) { in.Patient.Civility = "Docteur" }, "patient.civility", "Madame ou Monsieur"},
		{"digits in a name", func(in *Input) { in.Patient.BirthName = "Durand3" }, "patient.birth_name", "chiffres"},
		{"sex", func(in *Input) { in.Patient.Sex = "X" }, "patient.sex", "F ou M"},
		{"birthplace", func(in *Input) { in.Patient.Birthplace = "Cholet" }, "patient.birthplace", "code INSEE"},
		{"INS kind", func(in *Input) { in.Patient.INS.Kind = "NIS" }, "patient.ins.kind", "NIR ou NIA"},
		{"NIA length", func(in *Input) { in.Patient.INS = &INS{Matricule: "7123", Kind: "NIA"} }, "patient.ins.matricule", "15 chiffres"},
		{"urgency", func(in *Input) { in.Urgency = "demain" }, "urgency", "habituel, rapide ou urgent"},
		{"copies", func(in *Input) { in.Copies = []string{"mutuelle"} }, "copies", "patient ou dmp"},
		{"birth date format", func(in *Input) { in.Patient.BirthDate = "1975-13-03" }, "patient.birth_date", "date invalide"},
		{"birth date in the future", func(in *Input) { in.Patient.BirthDate = "2027-01-01" }, "patient.birth_date", "postérieure"},
		{"NIR key", func(in *Input) { in.Patient.INS.Matricule = "2 75 04 49 007 123 66" }, "patient.ins.matricule", "clé"},
		{"NIR against birth date", func(in *Input) { in.Patient.BirthDate = "1976-04-03" }, "patient.ins.matricule", "date de naissance"},
		{"allergy answer", func(in *Input) { in.Allergies.Latex = "peut-être" }, "allergies.latex", "oui, non ou inconnu"},
		{"request kind", func(in *Input) { in.Request = []string{"chirurgie"} }, "request", "avis, geste ou consultation"},
		{"creatinine", func(in *Input) { in.RenalFunction.CreatinineUmolL = 9000 }, "renal_function.creatinine_umol_l", "plausible"},
		{"empty renal block", func(in *Input) { in.RenalFunction = &RenalFunction{} }, "renal_function", "ni créatininémie"},
		{"renal date", func(in *Input) { in.RenalFunction.Date = "2026-04-01" }, "renal_function.date", "après la date de la lettre"},
		{"huge reason", func(in *Input) { in.Reason = strings.Repeat("a", maxText+1) }, "reason", "caractères"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := sample()
			tt.edit(&in)
			err := in.Normalized().Validate(on)
			if err == nil {
				t.Fatal("accepted")
			}
			for _, p := range err.Problems {
				if p.Field.Key == tt.key && strings.Contains(p.Message, tt.substr) {
					return
				}
			}
			t.Errorf("no problem on %s containing %q: %v", tt.key, tt.substr, err)
		})
	}
}

func TestValidateNeverEchoesPatientIdentity(t *testing.T) {
	in := sample()
	in.Patient.BirthName = "Durand3"
	in.Patient.BirthDate = "1975-13-03"
	in.Patient.Birthplace = "Cholet49"
	in.Patient.INS.Matricule = "2 75 04 49 007 123 66"
	msg := in.Normalized().Validate(date("2026-03-12")).Error()
	for _, secret := range []string{"Durand3", "1975-13-03", "2750449007123", "Cholet49"} {
		if strings.Contains(msg, secret) {
			t.Errorf("message repeats %q: %s", secret, msg)
		}
	}
}

func TestExamplePatientFileIsValid(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "patient.json"))
	if err != nil {
		t.Fatal(err)
	}
	in, m, err := ParsePatientFile(data)
	if err != nil || m != nil {
		t.Fatal(err, m)
	}
	if err := in.Normalized().Validate(date("2026-03-12")); err != nil {
		t.Fatalf("the documented example is refused: %v", err)
	}
	// The documented example round-trips through the Go type.
	raw, _ := json.Marshal(in)
	if back, _, err := ParsePatientFile(raw); err != nil || back.Patient.INS.Matricule != in.Patient.INS.Matricule {
		t.Errorf("round trip: %v", err)
	}
}
