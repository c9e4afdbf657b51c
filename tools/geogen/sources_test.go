package main

import (
	"os"
	"strings"
	"testing"
)

// TestPinsMatchFetchScript keeps the pins of fetch.sh and sources.go equal:
// SOURCES.md prints the Go ones, fetch.sh enforces its own.
func TestPinsMatchFetchScript(t *testing.T) {
	b, err := os.ReadFile("fetch.sh")
	if err != nil {
		t.Fatal(err)
	}
	script := string(b)
	start := strings.Index(script, "PINS='")
	end := strings.Index(script[start+6:], "'")
	if start < 0 || end < 0 {
		t.Fatal("PINS block not found in fetch.sh")
	}
	got := map[string]string{}
	for _, line := range strings.Split(script[start+6:start+6+end], "\n") {
		f := strings.Fields(line)
		if len(f) == 2 {
			got[f[0]] = f[1]
		}
	}
	if len(got) != len(allSources) {
		t.Errorf("fetch.sh pins %d packages, sources.go %d", len(got), len(allSources))
	}
	for _, s := range allSources {
		if sha := got[s.Name+"@"+s.Version]; sha != s.SHA256 {
			t.Errorf("%s@%s: fetch.sh has %q, sources.go %q", s.Name, s.Version, sha, s.SHA256)
		}
	}
}

func TestTarballBase(t *testing.T) {
	tests := map[string]source{
		"etalab-decoupage-administratif-6.0.0": {Name: "@etalab/decoupage-administratif", Version: "6.0.0"},
		"codes-postaux-4.1.2":                  {Name: "codes-postaux", Version: "4.1.2"},
	}
	for want, s := range tests {
		if got := s.tarballBase(); got != want {
			t.Errorf("tarballBase(%s) = %q, want %q", s.Name, got, want)
		}
	}
}

// TestPinnedFilesMatch reads every pinned input: its hash must be the pin.
func TestPinnedFilesMatch(t *testing.T) {
	for _, p := range allPinned {
		if _, err := p.read("../.."); err != nil {
			t.Error(err)
		}
	}
	bad := inParis
	bad.SHA256 = strings.Repeat("0", 64)
	if _, err := bad.read("../.."); err == nil || !strings.Contains(err.Error(), "pinned") {
		t.Errorf("a wrong pin was accepted: %v", err)
	}
}
