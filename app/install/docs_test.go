package install_test

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"atlasri/app/embedded"
	"atlasri/app/update"
)

var docs = filepath.Join("..", "..", "docs")

// The example files of docs/ install as they are.
func TestExamplesInstall(t *testing.T) {
	a := open(t, newFolder(t))
	for _, name := range []string{"annuaire-exemple.json", "annuaire-exemple.csv"} {
		data, err := os.ReadFile(filepath.Join(docs, "examples", name))
		if err != nil {
			t.Fatal(err)
		}
		p, err := a.PrepareImport(installRequest(name, data, nil, false))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if len(p.Directory.Centres) != 2 || p.Directory.Centres[0].INSEE != "49007" || p.Directory.Centres[1].INSEE != "49099" {
			t.Errorf("%s: %+v", name, p.Directory.Centres)
		}
		for _, w := range p.Warnings {
			if !strings.Contains(w.Message, "code CEDEX ?") {
				t.Errorf("%s: %s", name, w)
			}
		}
	}
}

// FORMAT.md lists every procedure id of the catalogue, and no other.
func TestFormatListsTheCatalogue(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(docs, "FORMAT.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, table, _ := strings.Cut(string(b), "## Procedure ids")
	var listed []string
	for _, m := range regexp.MustCompile("(?m)^\\| `([a-z0-9-]+)` \\|").FindAllStringSubmatch(table, -1) {
		listed = append(listed, m[1])
	}
	d, err := embedded.Data()
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, p := range d.Catalogue.Procedures {
		ids = append(ids, p.ID)
	}
	sort.Strings(listed)
	sort.Strings(ids)
	if strings.Join(listed, " ") != strings.Join(ids, " ") {
		t.Errorf("FORMAT.md lists\n%v\nthe catalogue has\n%v", listed, ids)
	}
	keys, err := update.TrustedKeys()
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range keys.IDs() {
		if !strings.Contains(string(b), "(key id `"+id+"`)") {
			t.Errorf("FORMAT.md does not name the built-in key %s", id)
		}
	}
}
