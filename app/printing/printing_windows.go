//go:build windows

package printing

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"
)

var (
	winspool              = windows.NewLazySystemDLL("winspool.drv")
	procGetDefaultPrinter = winspool.NewProc("GetDefaultPrinterW")
	procEnumPrinters      = winspool.NewProc("EnumPrintersW")
)

// spoolDir holds the files handed to the PDF reader: the print verb reads
// them after ShellExecute returns, so they live a while, owner-only, and
// are swept on the next print.
func spoolDir() (string, error) {
	dir := filepath.Join(os.TempDir(), "atlas-ri-print")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > time.Hour {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
	return dir, nil
}

// printPDF hands the PDF to the application registered for the "print"
// (or "printto") verb of PDF files.
func printPDF(ctx context.Context, pdf []byte, j Job) (string, error) {
	if j.Printer == "" {
		if _, err := defaultPrinter(); err != nil {
			return "", err
		}
	}
	dir, err := spoolDir()
	if err != nil {
		return "", &Error{Message: "dossier temporaire d'impression inaccessible", Detail: err.Error()}
	}
	f, err := os.CreateTemp(dir, "document-*.pdf")
	if err != nil {
		return "", &Error{Message: "dossier temporaire d'impression inaccessible", Detail: err.Error()}
	}
	_, werr := f.Write(pdf)
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(f.Name())
		return "", &Error{Message: "écriture du fichier à imprimer impossible", Detail: err.Error()}
	}
	verb, args := "print", ""
	if j.Printer != "" {
		verb, args = "printto", `"`+strings.ReplaceAll(j.Printer, `"`, "")+`"`
	}
	copies := max(j.Copies, 1)
	for i := 0; i < copies; i++ {
		if err := ctx.Err(); err != nil {
			return "", &Error{Message: "impression annulée"}
		}
		err := windows.ShellExecute(0, windows.StringToUTF16Ptr(verb), windows.StringToUTF16Ptr(f.Name()),
			utf16OrNil(args), windows.StringToUTF16Ptr(dir), windows.SW_HIDE)
		if err != nil {
			if errors.Is(err, windows.ERROR_NO_ASSOCIATION) || errors.Is(err, windows.Errno(31)) {
				return "", &Error{Message: "aucune application n'est associée à l'impression des PDF : installez un lecteur PDF, ou enregistrez la lettre en PDF et imprimez-la depuis votre lecteur", Detail: err.Error()}
			}
			return "", &Error{Message: "l'impression a échoué", Detail: err.Error()}
		}
	}
	return "", nil
}

func utf16OrNil(s string) *uint16 {
	if s == "" {
		return nil
	}
	return windows.StringToUTF16Ptr(s)
}

// defaultPrinter returns the name of the default printer, or ErrNoPrinter.
func defaultPrinter() (string, error) {
	var n uint32
	procGetDefaultPrinter.Call(0, uintptr(unsafe.Pointer(&n)))
	if n == 0 {
		return "", ErrNoPrinter
	}
	buf := make([]uint16, n)
	r, _, err := procGetDefaultPrinter.Call(uintptr(unsafe.Pointer(&buf[0])), uintptr(unsafe.Pointer(&n)))
	if r == 0 {
		if errors.Is(err, windows.ERROR_FILE_NOT_FOUND) {
			return "", ErrNoPrinter
		}
		return "", &Error{Message: "imprimante par défaut illisible", Detail: fmt.Sprint(err)}
	}
	return windows.UTF16ToString(buf), nil
}

// printerInfo4 is PRINTER_INFO_4.
type printerInfo4 struct {
	printerName *uint16
	serverName  *uint16
	attributes  uint32
}

// listPrinters enumerates local and connected printers.
func listPrinters(ctx context.Context) ([]Printer, error) {
	const flags = 0x2 | 0x4 // PRINTER_ENUM_LOCAL | PRINTER_ENUM_CONNECTIONS
	var needed, returned uint32
	procEnumPrinters.Call(flags, 0, 4, 0, 0, uintptr(unsafe.Pointer(&needed)), uintptr(unsafe.Pointer(&returned)))
	if needed == 0 {
		return nil, nil
	}
	buf := make([]byte, needed)
	r, _, err := procEnumPrinters.Call(flags, 0, 4, uintptr(unsafe.Pointer(&buf[0])), uintptr(needed),
		uintptr(unsafe.Pointer(&needed)), uintptr(unsafe.Pointer(&returned)))
	if r == 0 {
		return nil, &Error{Message: "liste des imprimantes illisible", Detail: fmt.Sprint(err)}
	}
	def, _ := defaultPrinter()
	infos := unsafe.Slice((*printerInfo4)(unsafe.Pointer(&buf[0])), returned)
	var ps []Printer
	for _, in := range infos {
		name := windows.UTF16PtrToString(in.printerName)
		ps = append(ps, Printer{Name: name, Default: name == def})
	}
	return ps, nil
}
