package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestSnapshotTime(t *testing.T) {
	for _, tt := range []struct {
		v    string
		want string
	}{
		{"v0.0.0-20261105234957-e22db6528018", "2026-11-05T23:49:57Z"},
		{"v1.2.4-0.20191109021931-daa7c04131f5", "2019-11-09T02:19:31Z"},
		{"v1.2.3", ""},
		{"v0.0.0-2026110523-e22db6528018", ""},
	} {
		got, err := snapshotTime(tt.v)
		if tt.want == "" {
			if err == nil {
				t.Errorf("%s accepted as %v", tt.v, got)
			}
			continue
		}
		if err != nil || got.Format(time.RFC3339) != tt.want {
			t.Errorf("%s: %v %v, want %s", tt.v, got, err, tt.want)
		}
	}
}

// The database has the layout govulncheck reads: entries by id, modules
// indexed with their entries, the snapshot's time.
func TestBuildLayout(t *testing.T) {
	src := t.TempDir()
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(src, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("GO-2026-0001.json", `{"id": "GO-2026-0001", "modified": "0001-01-01T00:00:00Z",
		"affected": [{"package": {"name": "example.com/a"}}, {"package": {"name": "example.com/a"}}, {"package": {"name": "stdlib"}}]}`)
	write("GO-2026-0002.json", `{"id": "GO-2026-0002", "affected": [{"package": {"name": "example.com/a"}}]}`)
	write("README.md", "not an entry")
	out := filepath.Join(t.TempDir(), "db")
	if err := build(src, out); err != nil {
		t.Fatal(err)
	}
	var modules []moduleVulns
	b, _ := os.ReadFile(filepath.Join(out, "index", "modules.json"))
	if err := json.Unmarshal(b, &modules); err != nil {
		t.Fatal(err)
	}
	got := ""
	for _, m := range modules {
		got += m.Path + ":"
		for _, v := range m.Vulns {
			got += " " + v.ID
		}
		got += "\n"
	}
	if got != "example.com/a: GO-2026-0001 GO-2026-0002\nstdlib: GO-2026-0001\n" {
		t.Errorf("modules index:\n%s", got)
	}
	if db, _ := os.ReadFile(filepath.Join(out, "index", "db.json")); string(db) != `{"modified":"2026-11-05T23:49:57Z"}` {
		t.Errorf("db.json = %s", db)
	}
	entry, _ := os.ReadFile(filepath.Join(out, "ID", "GO-2026-0002.json"))
	if !strings.Contains(string(entry), `"GO-2026-0002"`) {
		t.Errorf("entry = %s", entry)
	}
	write("GO-2026-0003.json", `{"id": "GO-2026-0004"}`)
	if err := build(src, out); err == nil || !strings.Contains(err.Error(), "<id>.json") {
		t.Errorf("misnamed entry: %v", err)
	}
}

func TestCheckFindings(t *testing.T) {
	accept := filepath.Join(t.TempDir(), "accepted.txt")
	os.WriteFile(accept, []byte("# comment\nGO-2026-0010 net/http: no HTTP here\nGO-2026-0099 gone since\n"), 0o644)
	finding := func(id, module, fixed, function string) string {
		return `{"finding": {"osv": "` + id + `", "fixed_version": "` + fixed + `", "trace": [{"module": "` + module +
			`", "version": "v1.0.0", "function": "` + function + `"}]}}` + "\n"
	}
	tests := []struct {
		name, stream string
		fail         []string // in the error; none: passes
		say          []string // in the summary
	}{
		{"accepted and not called", `{"config": {}}` + finding("GO-2026-0010", "stdlib", "v1.26.9", "Get") + finding("GO-2026-0011", "stdlib", "v1.26.9", ""),
			nil, []string{"accepté : GO-2026-0010", "non appelé : GO-2026-0011", "plus signalé : GO-2026-0099", "rien à corriger (2 signalements"}},
		{"standard library called, not accepted", finding("GO-2026-0012", "stdlib", "v1.26.10", "Parse"),
			[]string{"GO-2026-0012 dans la bibliothèque standard", "Go 1.26.10"}, nil},
		{"module, even not called", finding("GO-2026-0013", "github.com/yuin/goldmark", "v1.7.17", ""),
			[]string{"GO-2026-0013 dans github.com/yuin/goldmark : passez le module à v1.7.17"}, nil},
		{"garbage", "{not json", []string{"illisible"}, nil},
	}
	for _, tt := range tests {
		var out bytes.Buffer
		err := checkFindings(strings.NewReader(tt.stream), accept, &out)
		if (err != nil) != (len(tt.fail) > 0) {
			t.Errorf("%s: err = %v", tt.name, err)
			continue
		}
		for _, w := range tt.fail {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: %q lacks %q", tt.name, err, w)
			}
		}
		for _, w := range tt.say {
			if !strings.Contains(out.String(), w) {
				t.Errorf("%s: summary lacks %q:\n%s", tt.name, w, out.String())
			}
		}
	}
}
