package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"atlasri/app/listdoc"
	"atlasri/ui/widgets"
)

// printableList gathers what the printed list shows: the map as it is now
// and the numbered results.
func (v *mainView) printableList() listdoc.List {
	l := listdoc.List{Title: lang.L("Centres de radiologie interventionnelle"), Date: time.Now().Format("02/01/2006"),
		Notice: v.env.label, Summary: v.status.Text}
	if v.target != nil {
		l.Title = v.target.label
	}
	var sub []string
	if v.place != nil {
		sub = append(sub, fmt.Sprintf(lang.L("autour de %s"), v.place.Label))
		if km := radii[v.radius.SelectedIndex()].km; km > 0 {
			sub = append(sub, fmt.Sprintf(lang.L("à moins de %.0f km"), km))
		}
	}
	if i := v.dept.SelectedIndex(); i > 0 {
		sub = append(sub, v.dept.Selected)
	}
	if i := v.sector.SelectedIndex(); i > 0 {
		sub = append(sub, v.sector.Selected)
	}
	if i := v.origin.SelectedIndex(); i > 0 {
		sub = append(sub, v.origin.Selected)
	}
	l.Subtitle = strings.Join(sub, ", ")
	for i, h := range v.result.Hits {
		r := listdoc.Row{Number: i + 1, Name: h.Centre.Name, Place: fmt.Sprintf("%s (%s)", h.Centre.Commune, h.Centre.Dept),
			Caveat: hitCaveat(h), Contact: h.Centre.Phone}
		if v.result.FromPoint {
			r.Distance = formatDistance(h.DistanceKm)
		}
		for _, o := range h.Offers {
			r.Procedures = append(r.Procedures, o.NameFR)
		}
		l.Rows = append(l.Rows, r)
	}
	return l
}

// printList prints, or saves as PDF, the map and the numbered list (Ctrl+P).
func (v *mainView) printList() {
	if len(v.result.Hits) == 0 {
		showMessage(v.env.win, lang.L("Imprimer la liste"), lang.L("La liste est vide : lancez d'abord une recherche."))
		return
	}
	l := v.printableList()
	l.Map = v.mapv.Export(1600, 1200)
	build := func() ([]byte, error) {
		doc, err := l.Document()
		if err != nil {
			return nil, err
		}
		return doc.PDF()
	}
	f := newFormDialog(v.env.win, lang.L("Imprimer la liste"), nil)
	msg := wrapped(fmt.Sprintf(lang.L("La carte et les %d centres de la liste, numérotés comme à l'écran."), len(l.Rows)))
	printBtn := widgets.NewButtonWithIcon(lang.L("Imprimer"), theme.DocumentPrintIcon(), func() {
		f.close()
		v.env.output(lang.L("Liste de centres"), "liste-centres.pdf", build, true)
	})
	printBtn.Importance = widget.HighImportance
	saveBtn := widgets.NewButtonWithIcon(lang.L("Enregistrer en PDF"), theme.DocumentSaveIcon(), func() {
		f.close()
		v.env.output(lang.L("Liste de centres"), "liste-centres.pdf", build, false)
	})
	f.setBody(msg, widgets.NewButton(lang.L("Annuler"), f.dismiss), saveBtn, printBtn)
	f.show(fyne.NewSize(520, 200))
	v.env.win.Canvas().Focus(printBtn)
}
