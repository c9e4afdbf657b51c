package cda

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"atlasri/internal/cdakit"
)

// TestPublishedRules checks the documents against the CDA R2 schema, the
// CI-SIS « structuration minimale » schematron and HL7's CDA.xsl viewer,
// when the validation kit is there (see internal/cdakit).
func TestPublishedRules(t *testing.T) {
	kit := cdakit.Find(t, filepath.Join("..", ".."))
	dir := t.TempDir()
	var files []string
	for _, c := range []struct {
		name                string
		qualified, treating bool
	}{{"ins-qualifiee.xml", true, true}, {"traits.xml", false, false}} {
		data, err := sample(t, c.qualified, c.treating).Write()
		if err != nil {
			t.Fatal(err)
		}
		f := filepath.Join(dir, c.name)
		if err := os.WriteFile(f, data, 0o600); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	kit.ValidateXSD(t, files...)
	html := kit.RenderHTML(t, files[0])
	for _, want := range []string{"DURAND", "LEFÈVRE", "Lettre de liaison", "data:application/pdf;base64,"} {
		if !strings.Contains(html, want) {
			t.Errorf("CDA.xsl's rendering lacks %q", want)
		}
	}
	for _, f := range kit.Schematron(t, files...) {
		if f.Role == "error" || f.Role == "" {
			t.Errorf("%s: %s (%s)", filepath.Base(f.File), f.Text, f.Location)
		} else {
			t.Logf("%s: %s: %s", filepath.Base(f.File), f.Role, f.Text)
		}
	}
}
