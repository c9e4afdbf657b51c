package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"

	"atlasri/app/printing"
	"atlasri/internal/safefile"
)

// printJob is one document to print.
type printJob struct {
	title string
	pdf   []byte
}

// printPDF sends a PDF to the default printer in the background and tells
// the user how it went; a printing failure offers to save the PDF instead.
// done, if not nil, runs once the document is printed or saved.
func (e *env) printPDF(title string, pdf []byte, fileName string, done func()) {
	e.printAll([]printJob{{title, pdf}}, done, func() { e.savePDF(pdf, fileName, done) })
}

// printAll prints documents in order, in the background. When one fails,
// the rest are not sent and a single question offers saveInstead; done
// runs once everything is printed.
func (e *env) printAll(jobs []printJob, done, saveInstead func()) {
	async(func() {
		var err error
		for _, j := range jobs {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			_, err = printing.Print(ctx, j.pdf, printing.Job{Title: j.title})
			cancel()
			if err != nil {
				break
			}
		}
		fyne.Do(func() {
			if err != nil {
				showConfirm(e.win, lang.L("Impression impossible"),
					fmt.Sprintf(lang.L("%s\n\nEnregistrer en PDF à la place ?"), capitalizeFirst(err.Error())),
					lang.L("Enregistrer en PDF"), lang.L("Annuler"),
					func(ok bool) {
						if ok && saveInstead != nil {
							saveInstead()
						}
					})
				return
			}
			showMessage(e.win, lang.L("Impression"), lang.L("Le document a été envoyé à l'imprimante."))
			if done != nil {
				done()
			}
		})
	})
}

// savePDF asks where to save a PDF; done, if not nil, runs once it is
// written.
func (e *env) savePDF(pdf []byte, fileName string, done func()) {
	e.saveFile(fileName, func() ([]byte, error) { return pdf, nil }, done)
}

// saveFile asks where to save a file named like fileName, then builds it
// off the UI goroutine and writes it readable by its owner only; done, if
// not nil, runs once it is written.
func (e *env) saveFile(fileName string, build func() ([]byte, error), done func()) {
	ext := filepath.Ext(fileName)
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close() // written again below, atomically and owner-only
		if ext != "" && !strings.HasSuffix(strings.ToLower(path), ext) {
			path += ext
		}
		async(func() {
			data, err := build()
			if err == nil {
				err = safefile.WriteBytes(path, data)
			}
			fyne.Do(func() {
				if err != nil {
					showError(e.win, err)
					return
				}
				showMessage(e.win, lang.L("Enregistré"), fmt.Sprintf(lang.L("Document enregistré dans « %s »."), path))
				if done != nil {
					done()
				}
			})
		})
	}, e.win)
	d.SetFileName(fileName)
	if ext != "" {
		d.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	}
	d.Resize(fitSize(e.win, fyne.NewSize(900, 640)))
	d.Show()
	track(e.win.Canvas(), d.Hide)
}

// output offers to print a document or to save it, building it off
// the UI goroutine.
func (e *env) output(title, fileName string, build func() ([]byte, error), print bool) {
	async(func() {
		pdf, err := build()
		fyne.Do(func() {
			if err != nil {
				showError(e.win, err)
				return
			}
			if print {
				e.printPDF(title, pdf, fileName, nil)
			} else {
				e.savePDF(pdf, fileName, nil)
			}
		})
	})
}

func capitalizeFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}
