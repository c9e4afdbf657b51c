//go:build !windows

package printing

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var samplePDF = []byte("%PDF-1.7\n% fictitious\n%%EOF\n")

// fakeCommand installs a shell script named name in a temporary PATH entry
// and makes lookPath find only the commands of that directory.
func fakeCommands(t *testing.T, scripts map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range scripts {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("#!/bin/sh\n"+body), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	saved := lookPath
	lookPath = func(name string) (string, error) {
		p := filepath.Join(dir, name)
		if _, err := os.Stat(p); err != nil {
			return "", exec.ErrNotFound
		}
		return p, nil
	}
	t.Cleanup(func() { lookPath = saved })
	return dir
}

func TestPrintPipesThePDFToLp(t *testing.T) {
	dir := fakeCommands(t, map[string]string{
		"lp": `printf '%s\n' "$@" > "$(dirname "$0")/args"; cat > "$(dirname "$0")/stdin"; echo "request id is Cabinet-42 (1 file(s))"`,
	})
	id, err := Print(context.Background(), samplePDF, Job{Title: "Lettre d'adressage", Printer: "Cabinet", Copies: 2})
	if err != nil {
		t.Fatal(err)
	}
	if id != "Cabinet-42" {
		t.Errorf("job id %q", id)
	}
	got, _ := os.ReadFile(filepath.Join(dir, "stdin"))
	if string(got) != string(samplePDF) {
		t.Errorf("lp received %q", got)
	}
	args, _ := os.ReadFile(filepath.Join(dir, "args"))
	if want := "-t\nLettre d'adressage\n-n\n2\n-d\nCabinet\n"; string(args) != want {
		t.Errorf("lp arguments:\n%s\nwant:\n%s", args, want)
	}
}

func TestPrintFallsBackToLpr(t *testing.T) {
	dir := fakeCommands(t, map[string]string{
		"lpr": `printf '%s\n' "$@" > "$(dirname "$0")/args"; cat > /dev/null`,
	})
	if _, err := Print(context.Background(), samplePDF, Job{Title: "Lettre"}); err != nil {
		t.Fatal(err)
	}
	args, _ := os.ReadFile(filepath.Join(dir, "args"))
	if want := "-T\nLettre\n-#\n1\n"; string(args) != want {
		t.Errorf("lpr arguments:\n%s\nwant:\n%s", args, want)
	}
}

func TestPrintErrorsInFrench(t *testing.T) {
	tests := []struct {
		name    string
		stderr  string
		printer string
		want    error
		substr  string
	}{
		{"no default printer", "lp: Error - No default destination.", "", ErrNoPrinter, "aucune imprimante configurée"},
		{"unknown printer", "lp: The printer or class does not exist.", "Bureau", nil, "imprimante « Bureau » introuvable"},
		{"scheduler down", "lp: Unable to connect to server: Connection refused", "", nil, "le service d'impression (CUPS) ne répond pas"},
		{"stopped queue", "lp: Destination \"PDF\" is not accepting jobs.", "", nil, "refuse les travaux"},
		{"anything else", "lp: something odd", "", nil, "l'impression a échoué"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fakeCommands(t, map[string]string{"lp": "cat > /dev/null; echo '" + tt.stderr + "' >&2; exit 1"})
			_, err := Print(context.Background(), samplePDF, Job{Printer: tt.printer})
			if err == nil {
				t.Fatal("no error")
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("error %v, want %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.substr) {
				t.Errorf("error %q lacks %q", err, tt.substr)
			}
		})
	}
}

func TestNoPrintSystem(t *testing.T) {
	fakeCommands(t, nil)
	if _, err := Print(context.Background(), samplePDF, Job{}); !errors.Is(err, ErrNoPrintSystem) {
		t.Errorf("Print without lp: %v", err)
	}
	if _, err := Printers(context.Background()); !errors.Is(err, ErrNoPrintSystem) {
		t.Errorf("Printers without lpstat: %v", err)
	}
}

func TestRefusesBadJobs(t *testing.T) {
	fakeCommands(t, map[string]string{"lp": "exit 0"})
	for _, tt := range []struct {
		name string
		data []byte
		job  Job
	}{
		{"not a PDF", []byte("hello"), Job{}},
		{"option as printer", samplePDF, Job{Printer: "-o raw"}},
		{"newline in printer", samplePDF, Job{Printer: "a\nb"}},
		{"copies", samplePDF, Job{Copies: 500}},
	} {
		if _, err := Print(context.Background(), tt.data, tt.job); err == nil {
			t.Errorf("%s accepted", tt.name)
		}
	}
}

func TestPrinters(t *testing.T) {
	fakeCommands(t, map[string]string{"lpstat": `case "$1" in
-e) printf 'Cabinet\nPDF\n' ;;
-d) echo 'system default destination: PDF' ;;
esac`})
	ps, err := Printers(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 2 || ps[0] != (Printer{Name: "Cabinet"}) || ps[1] != (Printer{Name: "PDF", Default: true}) {
		t.Errorf("Printers() = %+v", ps)
	}
}
