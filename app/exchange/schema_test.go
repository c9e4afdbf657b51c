package exchange

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// The JSON Schema of docs/ describes the fields the reader knows.
func TestSchemaMatchesReader(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "docs", "annuaire.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Properties map[string]any `json:"properties"`
		Required   []string       `json:"required"`
		Defs       map[string]struct {
			Properties map[string]any `json:"properties"`
			Required   []string       `json:"required"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	keys := func(m map[string]any) string {
		var out []string
		for k := range m {
			out = append(out, k)
		}
		sort.Strings(out)
		return strings.Join(out, " ")
	}
	sorted := func(l []string) string {
		l = append([]string(nil), l...)
		sort.Strings(l)
		return strings.Join(l, " ")
	}
	if got, want := keys(s.Properties), "centres date format indicative label provenance source version"; got != want {
		t.Errorf("directory fields: schema %q, reader %q", got, want)
	}
	if got, want := keys(s.Defs["centre"].Properties), sorted(centreKeys); got != want {
		t.Errorf("centre fields: schema %q, reader %q", got, want)
	}
	if got, want := keys(s.Defs["offer"].Properties), sorted([]string{fProcedure, fVerified, fReason, fSource, fCheckedOn}); got != want {
		t.Errorf("offer fields: schema %q, reader %q", got, want)
	}
	if got, want := sorted(s.Defs["centre"].Required), sorted(requiredColumns); got != want {
		t.Errorf("required centre fields: schema %q, CSV %q", got, want)
	}
}
