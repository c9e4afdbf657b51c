//go:build !windows

package printing

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
)

// lookPath is exec.LookPath; tests replace it to simulate a machine
// without CUPS.
var lookPath = exec.LookPath

// printPDF pipes the PDF to lp (or lpr) on standard input, so that no
// copy of a letter is left in a temporary file.
func printPDF(ctx context.Context, pdf []byte, j Job) (string, error) {
	copies := max(j.Copies, 1)
	var name string
	var args []string
	if p, err := lookPath("lp"); err == nil {
		name, args = p, []string{"-t", j.Title, "-n", strconv.Itoa(copies)}
		if j.Printer != "" {
			args = append(args, "-d", j.Printer)
		}
	} else if p, err := lookPath("lpr"); err == nil {
		name, args = p, []string{"-T", j.Title, "-#", strconv.Itoa(copies)}
		if j.Printer != "" {
			args = append(args, "-P", j.Printer)
		}
	} else {
		return "", ErrNoPrintSystem
	}
	out, err := run(ctx, name, args, pdf)
	if err != nil {
		return "", explain(err, j.Printer)
	}
	return jobID(out), nil
}

// listPrinters asks lpstat for the destinations and the default one.
func listPrinters(ctx context.Context) ([]Printer, error) {
	lpstat, err := lookPath("lpstat")
	if err != nil {
		return nil, ErrNoPrintSystem
	}
	out, err := run(ctx, lpstat, []string{"-e"}, nil)
	if err != nil {
		return nil, explain(err, "")
	}
	def := ""
	if d, err := run(ctx, lpstat, []string{"-d"}, nil); err == nil {
		def = defaultDestination(d)
	}
	var ps []Printer
	for _, name := range strings.Fields(out) {
		ps = append(ps, Printer{Name: name, Default: name == def})
	}
	return ps, nil
}

// runError carries what the command wrote on standard error.
type runError struct {
	err    error
	stderr string
}

func (e *runError) Error() string { return e.err.Error() + ": " + e.stderr }

// run runs a CUPS command in the C locale, whose messages explain parses.
func run(ctx context.Context, name string, args []string, stdin []byte) (string, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), "LC_ALL=C", "LANG=C", "LANGUAGE=")
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return stdout.String(), &runError{err: err, stderr: strings.TrimSpace(stderr.String())}
	}
	return stdout.String(), nil
}

// explain turns CUPS messages into French ones.
func explain(err error, printer string) error {
	var re *runError
	if !errors.As(err, &re) {
		return &Error{Message: "l'impression a échoué", Detail: err.Error()}
	}
	if errors.Is(re.err, context.DeadlineExceeded) || errors.Is(re.err, context.Canceled) {
		return &Error{Message: "le service d'impression ne répond pas (délai dépassé)", Detail: re.stderr}
	}
	msg := strings.ToLower(re.stderr)
	switch {
	case strings.Contains(msg, "no default destination") || strings.Contains(msg, "no system default destination"):
		return ErrNoPrinter
	case strings.Contains(msg, "does not exist") || strings.Contains(msg, "unknown destination") || strings.Contains(msg, "not found"):
		if printer == "" {
			return ErrNoPrinter
		}
		return &Error{Message: fmt.Sprintf("imprimante « %s » introuvable : choisissez-en une autre", printer), Detail: re.stderr}
	case strings.Contains(msg, "not accepting"):
		return &Error{Message: "l'imprimante refuse les travaux (arrêtée ou désactivée) : vérifiez-la dans les réglages du système", Detail: re.stderr}
	case strings.Contains(msg, "unable to connect") || strings.Contains(msg, "scheduler is not running") || strings.Contains(msg, "connection refused") || strings.Contains(msg, "bad file descriptor"):
		return &Error{Message: "le service d'impression (CUPS) ne répond pas : redémarrez-le ou enregistrez la lettre en PDF", Detail: re.stderr}
	}
	return &Error{Message: "l'impression a échoué", Detail: re.stderr}
}

var (
	jobIDPattern   = regexp.MustCompile(`request id is (\S+)`)
	defaultPattern = regexp.MustCompile(`system default destination: (\S+)`)
)

// jobID reads lp's "request id is PDF-3 (1 file(s))".
func jobID(out string) string {
	if m := jobIDPattern.FindStringSubmatch(out); m != nil {
		return m[1]
	}
	return ""
}

func defaultDestination(out string) string {
	if m := defaultPattern.FindStringSubmatch(out); m != nil {
		return m[1]
	}
	return ""
}
