package ui

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"atlasri/app"
	"atlasri/app/install"
	"atlasri/app/userdata"
)

// importDirectory installs a directory file or a signed package chosen by
// the GP: it shows what would change, asks, then installs off the UI
// goroutine and reloads the window on the new directory.
func (m *MainWindow) importDirectory() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		name := r.URI().Name()
		async(func() {
			data, err := io.ReadAll(io.LimitReader(r, 200<<20))
			r.Close()
			var plan *install.Plan
			if err == nil {
				plan, err = m.atlas.PrepareImport(install.Request{Name: name, Data: data, Now: time.Now()})
			}
			fyne.Do(func() {
				if err != nil {
					dialog.ShowError(err, m.Window)
					return
				}
				m.confirmImport(plan, data)
			})
		})
	}, m.Window)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".zip", ".json", ".csv"}))
	d.Show()
}

// planText says in French what installing a plan would change.
func planText(p *install.Plan) string {
	var b strings.Builder
	fmt.Fprintf(&b, lang.L("Annuaire %s du %s : %d centres."), p.Directory.Version, p.Directory.Date, len(p.Directory.Centres))
	b.WriteString("\n")
	fmt.Fprintf(&b, lang.L("Installé aujourd'hui : %s du %s."), p.Installed.Version, p.Installed.Date)
	b.WriteString("\n\n")
	c := p.Changes
	fmt.Fprintf(&b, lang.L("%d centres ajoutés, %d modifiés, %d retirés."), len(c.Added), len(c.Changed), len(c.Removed))
	for _, x := range c.Removed {
		b.WriteString("\n  − " + x.Name)
	}
	if n := len(p.Orphans.Notes) + len(p.Orphans.Favourites); n > 0 {
		b.WriteString("\n\n")
		fmt.Fprintf(&b, lang.L("%d notes ou favoris portent sur des centres retirés : ils seront gardés et signalés comme orphelins."), n)
	}
	if len(p.Warnings) > 0 {
		b.WriteString("\n\n" + p.Warnings.Error())
	}
	return b.String()
}

func (m *MainWindow) confirmImport(p *install.Plan, data []byte) {
	if p.UpToDate {
		dialog.ShowInformation(lang.L("Importer un annuaire"), lang.L("Cet annuaire est déjà installé."), m.Window)
		return
	}
	text := widget.NewLabel(planText(p))
	text.Wrapping = fyne.TextWrapWord
	confirm := lang.L("Installer")
	if p.Refusal != "" {
		text.SetText(p.Refusal + "\n\n" + text.Text)
		confirm = lang.L("Installer quand même")
	}
	d := dialog.NewCustomConfirm(lang.L("Importer un annuaire"), confirm, lang.L("Annuler"), container.NewVScroll(text), func(ok bool) {
		if !ok {
			return
		}
		if p.Refusal != "" {
			var err error
			if p, err = m.atlas.PrepareImport(install.Request{Name: p.Name, Data: data, Force: true, Now: time.Now()}); err != nil {
				dialog.ShowError(err, m.Window)
				return
			}
		}
		async(func() {
			err := m.atlas.InstallDirectory(p)
			fyne.Do(func() {
				if err != nil && !errors.Is(err, install.ErrPending) {
					dialog.ShowError(err, m.Window)
					return
				}
				m.reload()
				msg := lang.L("Annuaire installé.") + "\n\n" + planText(p)
				if err != nil {
					msg = err.Error()
				}
				dialog.ShowInformation(lang.L("Importer un annuaire"), msg, m.Window)
			})
		})
	}, m.Window)
	d.Resize(fyne.NewSize(560, 420))
	d.Show()
}

// exportDirectory writes the directory as JSON, CSV or vCard.
func (m *MainWindow) exportDirectory() {
	formats := widget.NewRadioGroup([]string{"JSON", "CSV", "vCard"}, nil)
	formats.SetSelected("CSV")
	dialog.ShowCustomConfirm(lang.L("Exporter l'annuaire"), lang.L("Exporter"), lang.L("Annuler"),
		container.NewVBox(wrapped(lang.L("Format du fichier :")), formats), func(ok bool) {
			if !ok {
				return
			}
			format := strings.ToLower(formats.Selected)
			ext := map[string]string{app.ExportJSON: ".json", app.ExportCSV: ".csv", app.ExportVCard: ".vcf"}[format]
			m.view.env.saveFile("annuaire-atlas-ri"+ext, func() ([]byte, error) {
				x, err := m.atlas.Export(format, nil)
				return x.Data, err
			}, nil)
		}, m.Window)
}

// backupUserData saves the practice's own data (settings, notes,
// favourites, own centres, letter history if kept).
func (m *MainWindow) backupUserData() {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		if err := m.atlas.Backup(path); err != nil {
			dialog.ShowError(err, m.Window)
			return
		}
		dialog.ShowInformation(lang.L("Sauvegarde"), fmt.Sprintf(lang.L("Données du cabinet sauvegardées dans « %s »."), path), m.Window)
	}, m.Window)
	d.SetFileName(userdata.DefaultBackupName(time.Now()))
	d.Show()
}

// restoreUserData replaces the practice's data by a backup, keeping the
// current file aside, and reopens the window.
func (m *MainWindow) restoreUserData() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		dialog.ShowConfirm(lang.L("Restaurer une sauvegarde"),
			lang.L("Les données actuelles du cabinet seront remplacées par la sauvegarde ; elles sont gardées à côté. Continuer ?"),
			func(ok bool) {
				if !ok {
					return
				}
				m.atlas.Close()
				m.atlas = nil
				aside, err := app.Restore(m.dataDir, path, time.Now())
				if err != nil {
					dialog.ShowError(err, m.Window)
				}
				m.start(m.dataDir)
				if err == nil {
					dialog.ShowInformation(lang.L("Restaurer une sauvegarde"), fmt.Sprintf(lang.L("Sauvegarde restaurée ; les données remplacées sont gardées dans « %s »."), aside), m.Window)
				}
			}, m.Window)
	}, m.Window)
	d.Show()
}

// showOrphans lists the notes and favourites whose centre left the
// directory: kept, never dropped silently.
func (m *MainWindow) showOrphans() {
	o, err := m.atlas.Orphans()
	if err != nil {
		dialog.ShowError(err, m.Window)
		return
	}
	if o.Empty() {
		dialog.ShowInformation(lang.L("Notes orphelines"), lang.L("Toutes vos notes et tous vos favoris portent sur des centres de l'annuaire."), m.Window)
		return
	}
	var b strings.Builder
	for _, n := range o.Notes {
		fmt.Fprintf(&b, "%s : %s\n", n.Centre, n.Text)
	}
	for _, f := range o.Favourites {
		fmt.Fprintf(&b, "%s (%s)\n", f, lang.L("favori"))
	}
	text := widget.NewMultiLineEntry()
	text.SetText(b.String())
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(lang.L("Notes orphelines"), lang.L("Fermer"), container.NewBorder(
		wrapped(lang.L("Ces centres ne sont plus dans l'annuaire installé. Vos notes et favoris sont gardés.")), nil, nil, nil, text), m.Window)
	d.Resize(fyne.NewSize(560, 400))
	d.Show()
}

// directoryLine says which directory is installed, for the status bar.
func directoryLine(atlas *app.Atlas) string {
	info, err := atlas.DirectoryInfo()
	if err != nil {
		return ""
	}
	return fmt.Sprintf(lang.L("Annuaire %s du %s"), info.Version, frenchDate(info.Date))
}
