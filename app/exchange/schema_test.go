package exchange

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
)

// The JSON Schemas of docs/ describe the fields the reader knows: the
// current version's, and version 1's for the files written before it.
func TestSchemaMatchesReader(t *testing.T) {
	v1Centre := slices.DeleteFunc(slices.Clone(centreKeys), func(k string) bool { return k == fAuths })
	for _, tt := range []struct {
		file, format         string
		centre, offer, auths []string
	}{
		{"annuaire.schema.json", FormatID, centreKeys, []string{fProcedure, fOrigin, fReason, fSource, fCheckedOn, fReview}, authKeys},
		{"annuaire-1.schema.json", FormatV1, v1Centre, []string{fProcedure, fVerified, fReason, fSource, fCheckedOn}, nil},
	} {
		t.Run(tt.file, func(t *testing.T) {
			s := readSchema(t, tt.file)
			if got, want := keys(s.Properties), "centres date format indicative label provenance source version"; got != want {
				t.Errorf("directory fields: schema %q, reader %q", got, want)
			}
			if got := s.Properties["format"].(map[string]any)["const"]; got != tt.format {
				t.Errorf("format %v, want %s", got, tt.format)
			}
			if got, want := keys(s.Defs["centre"].Properties), sorted(tt.centre); got != want {
				t.Errorf("centre fields: schema %q, reader %q", got, want)
			}
			if got, want := keys(s.Defs["offer"].Properties), sorted(tt.offer); got != want {
				t.Errorf("offer fields: schema %q, reader %q", got, want)
			}
			if got, want := keys(s.Defs["authorisation"].Properties), sorted(tt.auths); got != want {
				t.Errorf("authorisation fields: schema %q, reader %q", got, want)
			}
			if got, want := sorted(s.Defs["centre"].Required), sorted(requiredColumns); got != want {
				t.Errorf("required centre fields: schema %q, CSV %q", got, want)
			}
		})
	}
}

type schemaDoc struct {
	Properties map[string]any `json:"properties"`
	Required   []string       `json:"required"`
	Defs       map[string]struct {
		Properties map[string]any `json:"properties"`
		Required   []string       `json:"required"`
	} `json:"$defs"`
}

func readSchema(t *testing.T, name string) schemaDoc {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "docs", name))
	if err != nil {
		t.Fatal(err)
	}
	var s schemaDoc
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	return s
}

func keys(m map[string]any) string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

func sorted(l []string) string {
	l = append([]string(nil), l...)
	sort.Strings(l)
	return strings.Join(l, " ")
}
