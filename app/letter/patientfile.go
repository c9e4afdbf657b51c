package letter

import (
	"atlasri/internal/strictjson"
	"encoding/json"
	"errors"
	"fmt"
)

// MaxPatientFile is the largest patient file accepted.
const MaxPatientFile = 1 << 20

// FormatVersion is the patient file's current format. Format 1 (no
// "version" field) predates the INS rules: ParsePatientFile migrates it.
const FormatVersion = 2

// patientV1 is format 1's patient: a name in use, a birth name when
// different, and a NIR typed by the GP, never checked through INSi.
type patientV1 struct {
	Civility  string `json:"civility"`
	LastName  string `json:"last_name"`
	BirthName string `json:"birth_name,omitempty"`
	FirstName string `json:"first_name"`
	BirthDate string `json:"birth_date"`
	NIR       string `json:"nir,omitempty"`
	Phone     string `json:"phone,omitempty"`
	Address   string `json:"address,omitempty"`
}

// inputV1 is format 1.
type inputV1 struct {
	Patient       patientV1      `json:"patient"`
	Reason        string         `json:"reason"`
	History       string         `json:"history,omitempty"`
	Treatments    string         `json:"treatments,omitempty"`
	Anticoagulant string         `json:"anticoagulant"`
	Antiplatelet  string         `json:"antiplatelet"`
	Allergies     Allergies      `json:"allergies"`
	RenalFunction *RenalFunction `json:"renal_function,omitempty"`
	Request       []string       `json:"request"`
	Workup        WorkupChoice   `json:"workup,omitzero"`
	Comment       string         `json:"comment,omitempty"`
}

// Migration says what ParsePatientFile changed in an older file; its
// notes are for the GP and never repeat patient data.
type Migration struct {
	From  int
	Notes []string
}

// ParsePatientFile reads a patient file (the JSON form of Input) strictly:
// unknown fields, duplicate fields, wrong types, trailing data and invalid
// UTF-8 are refused with a French message naming the field, the line and
// the column. A format 1 file is migrated to the current format and the
// returned Migration says how; nil means the file was current. It only
// checks the form; Input.Validate checks the content.
func ParsePatientFile(data []byte) (Input, *Migration, error) {
	if len(data) > MaxPatientFile {
		return Input{}, nil, fmt.Errorf("fichier patient trop gros (%d octets, %d au plus)", len(data), MaxPatientFile)
	}
	// The version decides the schema; a lenient look finds it first.
	var head struct {
		Version *json.RawMessage `json:"version"`
	}
	_ = json.Unmarshal(trimBOM(data), &head)
	if head.Version == nil {
		var old inputV1
		if err := decode(data, &old); err != nil {
			return Input{}, nil, fmt.Errorf("%w (format 1, sans champ « version »)", err)
		}
		in, m := migrateV1(old)
		return in, m, nil
	}
	var in Input
	if err := decode(data, &in); err != nil {
		return Input{}, nil, err
	}
	switch {
	case in.Version > FormatVersion:
		return Input{}, nil, fmt.Errorf("fichier patient au format %d, plus récent que cette version d'Atlas RI (format %d) : mettez Atlas RI à jour", in.Version, FormatVersion)
	case in.Version != FormatVersion:
		return Input{}, nil, fmt.Errorf("fichier patient : « version » vaut %d ; formats connus : 2, ou 1 sans champ « version » (voir docs/LETTERS.md)", in.Version)
	}
	return in, nil, nil
}

func decode(data []byte, v any) error {
	if err := strictjson.Decode(data, v); err != nil {
		var se *strictjson.Error
		if errors.As(err, &se) && se.Unknown {
			return fmt.Errorf("fichier patient : %w ; les champs sont décrits dans docs/LETTERS.md", err)
		}
		return fmt.Errorf("fichier patient : %w", err)
	}
	return nil
}

func trimBOM(b []byte) []byte {
	if len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
		return b[3:]
	}
	return b
}

// migrateV1 maps format 1 onto format 2. What format 1 never held (sex,
// birthplace, consent) is left for the checks to ask for, except the sex,
// which the civility gives as a starting point the GP is told to check.
func migrateV1(old inputV1) (Input, *Migration) {
	m := &Migration{From: 1}
	p := old.Patient
	in := Input{
		Version: FormatVersion,
		Patient: Patient{Civility: p.Civility, FirstName: p.FirstName, BirthDate: p.BirthDate, Phone: p.Phone, Address: p.Address},
		Reason:  old.Reason, History: old.History, Treatments: old.Treatments,
		Anticoagulant: old.Anticoagulant, Antiplatelet: old.Antiplatelet, Allergies: old.Allergies,
		RenalFunction: old.RenalFunction, Request: old.Request, Workup: old.Workup, Comment: old.Comment,
	}
	if p.BirthName != "" {
		in.Patient.BirthName, in.Patient.UsedName = p.BirthName, p.LastName
	} else {
		in.Patient.BirthName = p.LastName
		m.Notes = append(m.Notes, "format 1 : « last_name » devient le nom de naissance (patient.birth_name) ; vérifiez-le.")
	}
	switch in.Normalized().Patient.Civility {
	case Madame:
		in.Patient.Sex = Female
		m.Notes = append(m.Notes, "format 1 : sexe (patient.sex) déduit de la civilité ; vérifiez-le sur la pièce d'identité.")
	case Monsieur:
		in.Patient.Sex = Male
		m.Notes = append(m.Notes, "format 1 : sexe (patient.sex) déduit de la civilité ; vérifiez-le sur la pièce d'identité.")
	}
	if p.NIR != "" {
		// A typed NIR was never qualified: kept, not printed.
		in.Patient.INS = &INS{Matricule: p.NIR, Kind: KindNIR}
		m.Notes = append(m.Notes, "format 1 : le NIR saisi devient un matricule INS non qualifié (patient.ins) ; il n'est plus imprimé tant que l'identité n'est pas qualifiée (INSi).")
	}
	m.Notes = append(m.Notes, "format 1 : ajoutez le lieu de naissance (patient.birthplace) et l'accord du patient (consent) s'ils manquent.")
	return in, m
}
