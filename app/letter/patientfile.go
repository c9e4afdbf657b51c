package letter

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// MaxPatientFile is the largest patient file accepted.
const MaxPatientFile = 1 << 20

// ParsePatientFile reads a patient file (the JSON form of Input) strictly:
// unknown fields, wrong types, trailing data and invalid UTF-8 are refused
// with a French message naming the field or the line. It only checks the
// form; Input.Validate checks the content.
func ParsePatientFile(data []byte) (Input, error) {
	var in Input
	if len(data) > MaxPatientFile {
		return in, fmt.Errorf("fichier patient trop gros (%d octets, %d au plus)", len(data), MaxPatientFile)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a BOM from Windows editors
	if !utf8.Valid(data) {
		return in, fmt.Errorf("fichier patient : le texte n'est pas en UTF-8 (ligne %d)", lineOf(data, invalidUTF8At(data)))
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return in, errors.New("fichier patient vide")
	}
	if err := checkDuplicateKeys(data); err != nil {
		return in, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		return Input{}, explainJSON(data, dec, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return Input{}, fmt.Errorf("fichier patient : données après la fin de l'objet JSON (ligne %d)", lineOf(data, int(dec.InputOffset())))
	}
	return in, nil
}

// explainJSON turns encoding/json's errors into French ones that name the
// field or the line.
func explainJSON(data []byte, dec *json.Decoder, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Errorf("fichier patient : JSON invalide ligne %d (%s)", lineOf(data, int(syn.Offset)), syn.Error())
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			return fmt.Errorf("fichier patient : un objet JSON est attendu, pas %s", jsonKind(typ.Value))
		}
		return fmt.Errorf("fichier patient : le champ « %s » doit être %s, pas %s (ligne %d)",
			field, goKind(typ.Type.Kind().String()), jsonKind(typ.Value), lineOf(data, int(typ.Offset)))
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return errors.New("fichier patient : JSON tronqué (accolade ou guillemet manquant)")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		// The decoder has read past the field; point at its name.
		at := int(dec.InputOffset())
		if i := bytes.LastIndex(data[:min(at, len(data))], []byte(`"`+name+`"`)); i >= 0 {
			at = i
		}
		return fmt.Errorf("fichier patient : champ inconnu « %s » (ligne %d) ; les champs sont décrits dans docs/LETTERS.md", name, lineOf(data, at))
	}
	return fmt.Errorf("fichier patient illisible : %v", err)
}

func goKind(k string) string {
	switch k {
	case "string":
		return "un texte"
	case "float64", "int":
		return "un nombre"
	case "slice":
		return "une liste"
	case "struct", "ptr":
		return "un objet"
	}
	return k
}

func jsonKind(v string) string {
	switch {
	case v == "string":
		return "un texte"
	case v == "number" || strings.HasPrefix(v, "number"):
		return "un nombre"
	case v == "bool":
		return "un booléen"
	case v == "array":
		return "une liste"
	case v == "object":
		return "un objet"
	}
	return v
}

// lineOf returns the line number (from 1) of a byte offset.
func lineOf(data []byte, offset int) int {
	offset = min(max(offset, 0), len(data))
	return bytes.Count(data[:offset], []byte("\n")) + 1
}

func invalidUTF8At(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(data)
}

// checkDuplicateKeys refuses an object that gives the same field twice:
// encoding/json would silently keep the last one. Syntax errors are left
// to the decoder, which explains them better.
func checkDuplicateKeys(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	type frame struct {
		object bool
		keys   map[string]bool
		key    bool // the next string token is a key
	}
	var stack []*frame
	for {
		tok, err := dec.Token()
		if err != nil {
			return nil
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if top != nil && top.object && top.key {
			if k, ok := tok.(string); ok {
				if top.keys[k] {
					return fmt.Errorf("fichier patient : le champ « %s » est donné deux fois (ligne %d)", k, lineOf(data, int(dec.InputOffset())))
				}
				top.keys[k] = true
				top.key = false
				continue
			}
		}
		switch tok {
		case json.Delim('{'):
			if top != nil && top.object {
				top.key = true
			}
			stack = append(stack, &frame{object: true, keys: map[string]bool{}, key: true})
		case json.Delim('['):
			if top != nil && top.object {
				top.key = true
			}
			stack = append(stack, &frame{})
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
		default:
			if top != nil && top.object {
				top.key = true
			}
		}
	}
}
