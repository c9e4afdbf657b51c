package letter

import (
	"atlasri/internal/strictjson"
	"errors"
	"fmt"
)

// MaxPatientFile is the largest patient file accepted.
const MaxPatientFile = 1 << 20

// ParsePatientFile reads a patient file (the JSON form of Input) strictly:
// unknown fields, duplicate fields, wrong types, trailing data and invalid
// UTF-8 are refused with a French message naming the field, the line and
// the column. It only checks the form; Input.Validate checks the content.
func ParsePatientFile(data []byte) (Input, error) {
	var in Input
	if len(data) > MaxPatientFile {
		return in, fmt.Errorf("fichier patient trop gros (%d octets, %d au plus)", len(data), MaxPatientFile)
	}
	if err := strictjson.Decode(data, &in); err != nil {
		var se *strictjson.Error
		if errors.As(err, &se) && se.Unknown {
			return Input{}, fmt.Errorf("fichier patient : %w ; les champs sont décrits dans docs/LETTERS.md", err)
		}
		return Input{}, fmt.Errorf("fichier patient : %w", err)
	}
	return in, nil
}
