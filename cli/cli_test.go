package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var dataDir string

func TestMain(m *testing.M) {
	d, err := os.MkdirTemp("", "atlas-ri-cli-test")
	if err != nil {
		panic(err)
	}
	dataDir = d
	code := m.Run()
	os.RemoveAll(d)
	os.Exit(code)
}

func run(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := Main(args, &out, &errb, func(string) error { return nil })
	return code, out.String(), errb.String()
}

func TestCommands(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout []string
		stderr []string
	}{
		{"check text", []string{"check", "--data-dir", dataDir}, ExitOK,
			[]string{"Départements", "101", "34969", "39", "76", "Intégrité : OK", "indicative"}, nil},
		{"version", []string{"version", "--data-dir", dataDir}, ExitOK, []string{"Atlas RI 0.1.0", "Annuaire : demo-"}, nil},
		{"help", []string{"help"}, ExitOK, []string{"Sous-commandes", "check", "version"}, nil},
		{"unknown command", []string{"chek"}, ExitUsage, nil, []string{"Sous-commande inconnue « chek »", "Vouliez-vous dire : check"}},
		{"unknown flag", []string{"check", "--frobnicate"}, ExitUsage, nil, []string{"frobnicate"}},
		{"unusable data dir", []string{"check", "--data-dir", "/proc/version/x"}, ExitFailure, nil, []string{"impossible de créer le dossier"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := run(tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr: %s", code, tt.code, errs)
			}
			for _, s := range tt.stdout {
				if !strings.Contains(out, s) {
					t.Errorf("stdout lacks %q:\n%s", s, out)
				}
			}
			for _, s := range tt.stderr {
				if !strings.Contains(errs, s) {
					t.Errorf("stderr lacks %q:\n%s", s, errs)
				}
			}
		})
	}
}

func TestCheckJSON(t *testing.T) {
	code, out, errs := run("check", "--json", "--data-dir", dataDir)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r struct {
		Counts struct {
			Departements, Communes, Postcodes, Procedures, Centres int
		}
		Problems []string
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	if r.Counts.Departements != 101 || r.Counts.Communes != 34969 || r.Counts.Postcodes < 6310 || r.Counts.Procedures != 39 || r.Counts.Centres != 76 || len(r.Problems) != 0 {
		t.Errorf("report = %+v", r)
	}
}

// check must say, in French, that a damaged user.db was set aside, and
// keep it byte for byte.
func TestCheckReportsDamagedUserDB(t *testing.T) {
	dir := t.TempDir()
	user := filepath.Join(dir, "user.db")
	os.WriteFile(user, []byte("abîmé"), 0o600)
	_, _, errs := run("check", "--data-dir", dir)
	if !strings.Contains(errs, "endommagées") || !strings.Contains(errs, "user.db.damaged-") {
		t.Errorf("stderr %q", errs)
	}
	aside, _ := filepath.Glob(user + ".damaged-*")
	if len(aside) != 1 {
		t.Fatalf("aside = %v", aside)
	}
	if b, _ := os.ReadFile(aside[0]); string(b) != "abîmé" {
		t.Error("the damaged user.db was not kept as it was")
	}
}

func TestWindowGetsDataDir(t *testing.T) {
	var got string
	var out, errb bytes.Buffer
	code := Main([]string{"--data-dir", "/some/dir"}, &out, &errb, func(d string) error { got = d; return nil })
	if code != ExitOK || got != "/some/dir" {
		t.Errorf("exit %d, window opened on %q", code, got)
	}
	t.Setenv("ATLAS_RI_DATA_DIR", "/env/dir")
	Main(nil, &out, &errb, func(d string) error { got = d; return nil })
	if got != "/env/dir" {
		t.Errorf("window opened on %q, want the ATLAS_RI_DATA_DIR folder", got)
	}
}
