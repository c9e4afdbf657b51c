package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The test binary doubles as the program being relayed when
// ATLAS_RI_CLI_FAKE is set: it prints its arguments and exits with the
// status given as the first one.
func TestMain(m *testing.M) {
	if os.Getenv("ATLAS_RI_CLI_FAKE") == "1" {
		args := os.Args[1:]
		fmt.Printf("sortie : %s\n", strings.Join(args, " "))
		fmt.Fprintln(os.Stderr, "erreurs : é à ç")
		code, _ := strconv.Atoi(args[0])
		os.Exit(code)
	}
	os.Exit(m.Run())
}

func TestRunRelaysOutputAndStatus(t *testing.T) {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("ATLAS_RI_CLI_FAKE", "1")
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"0", "check", "--json"}, 0},
		{[]string{"1", "check"}, 1},
		{[]string{"2", "--data-dir", `C:\dossier avec espaces`}, 2},
	} {
		var out, errs bytes.Buffer
		code := run(self, tc.args, nil, &out, &errs)
		if code != tc.code {
			t.Errorf("%v: status %d, want %d", tc.args, code, tc.code)
		}
		if want := "sortie : " + strings.Join(tc.args, " ") + "\n"; out.String() != want {
			t.Errorf("%v: stdout %q, want %q", tc.args, out.String(), want)
		}
		if errs.String() != "erreurs : é à ç\n" {
			t.Errorf("%v: stderr %q", tc.args, errs.String())
		}
	}
}

func TestRunSaysWhenTheProgramIsMissing(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "atlas-ri.exe")
	var out, errs bytes.Buffer
	if code := run(missing, []string{"check"}, nil, &out, &errs); code != 1 {
		t.Errorf("status %d, want 1", code)
	}
	if !strings.Contains(errs.String(), "Impossible de lancer") || !strings.Contains(errs.String(), missing) {
		t.Errorf("stderr %q", errs.String())
	}
}

func TestTargetIsBesideThisProgram(t *testing.T) {
	self, _ := os.Executable()
	got := target()
	if filepath.Dir(got) != filepath.Dir(self) || !strings.HasPrefix(filepath.Base(got), "atlas-ri") {
		t.Errorf("target() = %s, this program is %s", got, self)
	}
}
