package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"atlasri/app/procsheet"
	"atlasri/ui/widgets"
)

// sheetContent shows a procedure's sheet ("fiche geste"): alerts first,
// then each section; uncertain items and sections say so.
func sheetContent(s procsheet.Sheet) fyne.CanvasObject {
	title := widget.NewLabelWithStyle(s.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	title.Wrapping = fyne.TextWrapWord
	objs := []fyne.CanvasObject{title, muted(s.Subtitle)}
	for _, a := range s.Alerts {
		l := wrapped(a.Text)
		if a.Emergency {
			l.Importance = widget.DangerImportance
			l.TextStyle.Bold = true
		} else {
			l.Importance = widget.WarningImportance
		}
		objs = append(objs, l)
	}
	for _, sec := range s.Sections {
		t := sec.Title
		if sec.Uncertain {
			t += " (" + lang.L("rubrique à confirmer") + ")"
		}
		objs = append(objs, widget.NewSeparator(), heading(t))
		for _, it := range sec.Items {
			if it.Uncertain {
				objs = append(objs, muted("• "+it.Text+" ("+lang.L(procsheet.UncertainNote)+")"))
			} else {
				objs = append(objs, wrapped("• "+it.Text))
			}
		}
	}
	if len(s.Sources) > 0 {
		objs = append(objs, widget.NewSeparator(), heading(lang.L("Sources")))
		for _, src := range s.Sources {
			objs = append(objs, muted(src.URL+" : "+src.Note))
		}
	}
	if s.Footer != "" {
		objs = append(objs, widget.NewSeparator(), muted(s.Footer))
	}
	return container.NewVBox(objs...)
}

// openSheet shows the sheet of a procedure in a dialog that can print it.
func (v *mainView) openSheet(id string) {
	p, ok := v.env.engine.Procedure(id)
	if !ok {
		return
	}
	s := buildSheet(v, id)
	scroll := widgets.NewFollowScroll(container.NewPadded(sheetContent(s)))
	build := func() ([]byte, error) {
		doc, err := s.Document()
		if err != nil {
			return nil, err
		}
		return doc.PDF()
	}
	f := newFormDialog(v.env.win, lang.L("Fiche geste"), nil)
	printBtn := widgets.NewButtonWithIcon(lang.L("Imprimer"), theme.DocumentPrintIcon(), func() {
		v.env.output("Fiche geste", "fiche-"+p.ID+".pdf", build, true)
	})
	saveBtn := widgets.NewButtonWithIcon(lang.L("Enregistrer en PDF"), theme.DocumentSaveIcon(), func() {
		v.env.output("Fiche geste", "fiche-"+p.ID+".pdf", build, false)
	})
	closeBtn := widgets.NewButton(lang.L("Fermer"), f.dismiss)
	f.setBody(scroll, printBtn, saveBtn, closeBtn)
	f.show(fyne.NewSize(720, 640))
	v.env.win.Canvas().Focus(closeBtn)
}

// buildSheet assembles the sheet of a procedure from the catalogue.
func buildSheet(v *mainView, id string) procsheet.Sheet {
	eng := v.env.engine
	p, _ := eng.Procedure(id)
	family := func(f string) string { fam, _ := eng.Family(f); return fam.NameFR }
	return procsheet.Build(p, family, v.env.catalogueNote)
}
