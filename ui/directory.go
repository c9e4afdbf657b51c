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
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"atlasri/app"
	"atlasri/app/install"
	"atlasri/app/userdata"
	"atlasri/ui/widgets"
)

// importDirectory installs a directory file or a signed package chosen by
// the GP: it shows what would change, asks, then installs off the UI
// goroutine and reloads the window on the new directory, keeping the
// search on screen.
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
					showError(m.Window, err)
					return
				}
				m.confirmImport(plan, data)
			})
		})
	}, m.Window)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".zip", ".json", ".csv"}))
	d.Resize(fitSize(m.Window, fyne.NewSize(900, 640)))
	d.Show()
	track(m.Window.Canvas(), d.Hide)
}

// changeCounts says in one line what installing a plan changes.
func changeCounts(p *install.Plan) string {
	c := p.Changes
	return fmt.Sprintf(lang.L("%d centres ajoutés, %d modifiés, %d retirés."), len(c.Added), len(c.Changed), len(c.Removed))
}

// removesMost reports whether a plan removes more than half of the centres
// installed: a distinct, louder confirmation then.
func removesMost(p *install.Plan) (removed, installed int, most bool) { return p.Removal() }

// refusalForWindow says a plan's refusal (French, from package install)
// in the window's terms: what the command line asks for with --force, the
// window asks with its « Installer quand même » button.
func refusalForWindow(refusal string) string {
	return strings.ReplaceAll(refusal, "demande --force", fmt.Sprintf("demande votre confirmation (bouton « %s »)", lang.L("Installer quand même")))
}

// planSummary says in French what installing a plan would change, without
// the lists of centres.
func planSummary(p *install.Plan) string {
	var b strings.Builder
	fmt.Fprintf(&b, lang.L("Annuaire %s du %s : %d centres."), p.Directory.Version, frenchDate(p.Directory.Date), len(p.Directory.Centres))
	b.WriteString("\n")
	fmt.Fprintf(&b, lang.L("Installé aujourd'hui : %s du %s."), p.Installed.Version, frenchDate(p.Installed.Date))
	b.WriteString("\n\n" + changeCounts(p))
	if n := len(p.Orphans.Notes) + len(p.Orphans.Favourites); n > 0 {
		b.WriteString("\n\n")
		fmt.Fprintf(&b, lang.L("%d notes ou favoris portent sur des centres retirés : ils seront gardés et signalés comme orphelins."), n)
	}
	return b.String()
}

// nameList is a short scrolling list of names, for the details of a plan.
func nameList(names []string) fyne.CanvasObject {
	l := wrapped(strings.Join(names, "\n"))
	return container.New(&maxHeight{h: 160}, container.NewVScroll(l))
}

func (m *MainWindow) confirmImport(p *install.Plan, data []byte) {
	if p.UpToDate {
		showMessage(m.Window, lang.L("Importer un annuaire"), lang.L("Cet annuaire est déjà installé."))
		return
	}
	f := newFormDialog(m.Window, lang.L("Importer un annuaire"), nil)
	var top []fyne.CanvasObject
	confirm := widgets.NewButtonWithIcon(lang.L("Installer"), theme.DownloadIcon(), nil)
	confirm.Importance = widget.HighImportance
	if p.Refusal != "" {
		r := wrapped(refusalForWindow(p.Refusal))
		r.Importance = widget.DangerImportance
		top = append(top, r)
		confirm.SetText(lang.L("Installer quand même"))
		confirm.Importance = widget.DangerImportance
	}
	if removed, installed, most := removesMost(p); most {
		w := wrapped(fmt.Sprintf(lang.L("Attention : cet annuaire retire %d des %d centres installés. Installez-le seulement si vous savez pourquoi ; vos notes et favoris sont gardés."), removed, installed))
		w.Importance = widget.DangerImportance
		w.TextStyle.Bold = true
		top = append(top, w)
		confirm.SetText(fmt.Sprintf(lang.L("Remplacer l'annuaire (retire %d centres)"), removed))
		confirm.Importance = widget.DangerImportance
	}
	top = append(top, wrapped(planSummary(p)))
	var added, changed, removed []string
	for _, c := range p.Changes.Added {
		added = append(added, c.Name)
	}
	for _, c := range p.Changes.Changed {
		changed = append(changed, c.Name)
	}
	for _, c := range p.Changes.Removed {
		removed = append(removed, c.Name)
	}
	var details []fyne.CanvasObject
	for _, part := range []struct {
		title   string
		changes []string
	}{
		{lang.L("Centres ajoutés"), added},
		{lang.L("Centres modifiés"), changed},
		{lang.L("Centres retirés"), removed},
	} {
		if len(part.changes) > 0 {
			details = append(details, heading(fmt.Sprintf("%s (%d)", part.title, len(part.changes))), nameList(part.changes))
		}
	}
	if len(p.Warnings) > 0 {
		details = append(details, heading(fmt.Sprintf(lang.L("Avertissements (%d)"), len(p.Warnings))), nameList(strings.Split(p.Warnings.Error(), "\n")))
	}
	confirm.OnTapped = func() {
		f.close()
		m.install(p, data)
	}
	cancel := widgets.NewButton(lang.L("Annuler"), f.dismiss)
	f.setBody(widgets.NewFollowScroll(container.NewVBox(append(top, details...)...)), cancel, confirm)
	f.show(fyne.NewSize(620, 520))
	m.Window.Canvas().Focus(cancel)
}

// install installs a confirmed plan off the UI goroutine, then reloads the
// window on the new directory and says what changed.
func (m *MainWindow) install(p *install.Plan, data []byte) {
	atlas := m.atlas
	async(func() {
		var err error
		if p.Blocked() != nil {
			p, err = atlas.PrepareImport(install.Request{Name: p.Name, Data: data, Force: true, Now: time.Now()})
		}
		if err == nil {
			err = atlas.InstallDirectory(p)
		}
		fyne.Do(func() {
			if err != nil && !errors.Is(err, install.ErrPending) {
				showError(m.Window, err)
				return
			}
			m.reload("", func() {
				msg := lang.L("Annuaire installé.") + " " + changeCounts(p)
				if err != nil {
					msg = err.Error()
				}
				if m.view != nil {
					m.view.setStatus(msg)
				}
				showMessage(m.Window, lang.L("Importer un annuaire"), msg)
			})
		})
	})
}

// exportDirectory writes the directory as JSON, CSV or vCard.
func (m *MainWindow) exportDirectory() {
	formats := widgets.NewSelect([]string{"JSON", "CSV", "vCard"}, nil)
	formats.SetSelected("CSV")
	f := newFormDialog(m.Window, lang.L("Exporter l'annuaire"), nil)
	export := widgets.NewButtonWithIcon(lang.L("Exporter"), theme.DocumentSaveIcon(), func() {
		f.close()
		format := strings.ToLower(formats.Selected)
		ext := map[string]string{app.ExportJSON: ".json", app.ExportCSV: ".csv", app.ExportVCard: ".vcf"}[format]
		atlas := m.atlas
		m.view.env.saveFile("annuaire-atlas-ri"+ext, func() ([]byte, error) {
			x, err := atlas.Export(format, nil)
			return x.Data, err
		}, nil)
	})
	export.Importance = widget.HighImportance
	f.setBody(container.NewVBox(wrapped(lang.L("Format du fichier :")), formats), widgets.NewButton(lang.L("Annuler"), f.dismiss), export)
	f.show(fyne.NewSize(420, 240))
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
		atlas := m.atlas
		async(func() {
			err := atlas.Backup(path)
			fyne.Do(func() {
				if err != nil {
					showError(m.Window, err)
					return
				}
				showMessage(m.Window, lang.L("Sauvegarde"), fmt.Sprintf(lang.L("Données du cabinet sauvegardées dans « %s »."), path))
			})
		})
	}, m.Window)
	d.SetFileName(userdata.DefaultBackupName(time.Now()))
	d.Resize(fitSize(m.Window, fyne.NewSize(900, 640)))
	d.Show()
	track(m.Window.Canvas(), d.Hide)
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
		showConfirm(m.Window, lang.L("Restaurer une sauvegarde"),
			lang.L("Les données actuelles du cabinet seront remplacées par la sauvegarde ; elles sont gardées à côté. Continuer ?"),
			lang.L("Restaurer"), lang.L("Annuler"),
			func(ok bool) {
				if !ok {
					return
				}
				if m.view != nil {
					m.view.detail.flushNote()
				}
				atlas := m.atlas
				m.atlas = nil
				async(func() {
					pending.Wait()
					atlas.Close()
					aside, err := app.Restore(m.dataDir, path, time.Now())
					fyne.Do(func() {
						if err != nil {
							showError(m.Window, err)
						}
						m.noticesShown = false
						m.start(m.dataDir)
						if err == nil {
							showMessage(m.Window, lang.L("Restaurer une sauvegarde"), fmt.Sprintf(lang.L("Sauvegarde restaurée ; les données remplacées sont gardées dans « %s »."), aside))
						}
					})
				})
			})
	}, m.Window)
	d.Resize(fitSize(m.Window, fyne.NewSize(900, 640)))
	d.Show()
	track(m.Window.Canvas(), d.Hide)
}

// showOrphans lists the notes and favourites whose centre left the
// directory: kept, never dropped silently.
func (m *MainWindow) showOrphans() {
	atlas := m.atlas
	async(func() {
		o, err := atlas.Orphans()
		fyne.Do(func() {
			if err != nil {
				showError(m.Window, err)
				return
			}
			if o.Empty() {
				showMessage(m.Window, lang.L("Notes orphelines"), lang.L("Toutes vos notes et tous vos favoris portent sur des centres de l'annuaire."))
				return
			}
			var b strings.Builder
			for _, n := range o.Notes {
				fmt.Fprintf(&b, "%s : %s\n", n.Centre, n.Text)
			}
			for _, f := range o.Favourites {
				fmt.Fprintf(&b, "%s (%s)\n", f, lang.L("favori"))
			}
			showMessage(m.Window, lang.L("Notes orphelines"),
				lang.L("Ces centres ne sont plus dans l'annuaire installé. Vos notes et favoris sont gardés.")+"\n\n"+b.String())
		})
	})
}

// maxHeight caps the height of its single object.
type maxHeight struct{ h float32 }

func (m *maxHeight) Layout(objs []fyne.CanvasObject, s fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.Position{})
		o.Resize(s)
	}
}

func (m *maxHeight) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := objs[0].MinSize()
	return fyne.NewSize(s.Width, min(max(s.Height, 60), m.h))
}
