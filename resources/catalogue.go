package resources

import (
	"bytes"
	"encoding/json"
	"fmt"

	"atlasri/model"
)

// Catalogue parses and validates the embedded procedure catalogue.
func Catalogue() (model.Catalogue, error) {
	b, err := data.ReadFile("catalogue/procedures.json")
	if err != nil {
		return model.Catalogue{}, err
	}
	return ParseCatalogue(b)
}

// ParseCatalogue reads a catalogue in Atlas RI's JSON format, refusing
// unknown fields so that a typo in the file cannot silently drop a fact.
func ParseCatalogue(b []byte) (model.Catalogue, error) {
	var c model.Catalogue
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return c, fmt.Errorf("procedures.json : %w", err)
	}
	if err := c.Validate(); err != nil {
		return c, fmt.Errorf("procedures.json : %w", err)
	}
	return c, nil
}
