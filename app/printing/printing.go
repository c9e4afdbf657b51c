// Package printing sends PDF documents to the operating system's printing:
// CUPS (lp, or lpr) on Linux and macOS, the shell's "print" verb on
// Windows. Errors are French and say what the user can do. Job titles
// never name a patient: print queues are visible to every user of the
// machine.
package printing

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// ErrNoPrinter means no printer is configured (or none is the default).
var ErrNoPrinter = errors.New("aucune imprimante configurée : ajoutez une imprimante dans les réglages du système, ou enregistrez la lettre en PDF")

// ErrNoPrintSystem means the machine has no printing command.
var ErrNoPrintSystem = errors.New("aucun système d'impression trouvé (commande lp ou lpr absente) : enregistrez la lettre en PDF")

// Job is one document to print.
type Job struct {
	// Title is the job's name in the print queue; it must not name the patient.
	Title string
	// Printer is the destination; empty means the system's default printer.
	Printer string
	// Copies is the number of copies; 0 means one.
	Copies int
}

// Printer is a print destination.
type Printer struct {
	Name    string
	Default bool
}

// Error is a printing failure: a French message, and what the system said.
type Error struct {
	Message string
	Detail  string
}

func (e *Error) Error() string {
	if e.Detail == "" {
		return e.Message
	}
	return e.Message + " (" + e.Detail + ")"
}

func (j Job) check(pdf []byte) error {
	if len(pdf) < 5 || string(pdf[:5]) != "%PDF-" {
		return &Error{Message: "le document à imprimer n'est pas un PDF"}
	}
	if j.Copies < 0 || j.Copies > 99 {
		return &Error{Message: fmt.Sprintf("nombre de copies %d hors limites (1 à 99)", j.Copies)}
	}
	if strings.ContainsAny(j.Printer, "\x00\n\r") || strings.HasPrefix(j.Printer, "-") {
		return &Error{Message: fmt.Sprintf("nom d'imprimante invalide « %s »", j.Printer)}
	}
	return nil
}

// Print sends a PDF to the printer and returns the system's job id when it
// gives one.
func Print(ctx context.Context, pdf []byte, j Job) (string, error) {
	if err := j.check(pdf); err != nil {
		return "", err
	}
	if j.Title == "" {
		j.Title = "Atlas RI"
	}
	return printPDF(ctx, pdf, j)
}

// Printers lists the print destinations the system knows.
func Printers(ctx context.Context) ([]Printer, error) {
	return listPrinters(ctx)
}
