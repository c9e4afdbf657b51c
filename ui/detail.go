package ui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"atlasri/app/search"
	"atlasri/model"
	"atlasri/ui/widgets"
)

// detailPane shows one centre: who it is, how to reach it, what it offers
// (grouped by family, the searched procedure first), where the data comes
// from, and the practice's private note.
type detailPane struct {
	v       *mainView
	box     *fyne.Container
	content fyne.CanvasObject
	hit     *search.Hit
	note    *widget.Entry
	fav     *widgets.TipButton
	letter  *widget.Button
	// noteTimer saves the note shortly after the GP stops typing.
	noteTimer *time.Timer
}

func newDetailPane(v *mainView) *detailPane {
	d := &detailPane{v: v, box: container.NewVBox()}
	d.content = container.NewVScroll(container.NewPadded(d.box))
	d.showHint()
	return d
}

func (d *detailPane) showHint() {
	d.flushNote()
	d.hit = nil
	hint := widget.NewLabel(lang.L("Choisissez un centre dans la liste ou sur la carte pour voir sa fiche."))
	hint.Wrapping = fyne.TextWrapWord
	d.box.Objects = []fyne.CanvasObject{hint}
	d.box.Refresh()
}

func heading(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

func wrapped(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// muted sets apart what is unknown or uncertain: italic, readable in both
// themes.
func muted(s string) *widget.Label {
	l := wrapped(s)
	l.TextStyle.Italic = true
	return l
}

// show fills the pane with a centre found by a search.
func (d *detailPane) show(h search.Hit) {
	d.flushNote()
	d.hit = &h
	c := h.Centre
	title := widget.NewLabelWithStyle(c.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	title.SizeName = theme.SizeNameSubHeadingText
	sub := fmt.Sprintf("%s · %s · %s (%s)", c.Category, lang.L(c.Sector.LabelFR()), c.Commune, c.Dept)
	if d.v.result.FromPoint {
		sub += " · " + fmt.Sprintf(lang.L("%s à vol d'oiseau"), formatDistance(h.DistanceKm))
	}
	objs := []fyne.CanvasObject{title, wrapped(sub), d.actions(c)}
	if isPractice(c) {
		own := wrapped(lang.L("Centre ajouté par le cabinet : il n'est pas dans l'annuaire."))
		own.Importance = widget.SuccessImportance
		edit := widget.NewButton(lang.L("Modifier ce centre…"), func() { d.v.editCentre(&c) })
		objs = append(objs, container.NewBorder(nil, nil, nil, edit, own))
	}
	if !h.Verified {
		n := wrapped(lang.L("Offre indicative : elle est déduite de la catégorie de l'établissement et doit être confirmée auprès du centre avant d'adresser un patient."))
		n.Importance = widget.WarningImportance
		objs = append(objs, n)
	}
	objs = append(objs, widget.NewSeparator(), heading(lang.L("Coordonnées")))
	objs = append(objs, contactLines(c)...)
	objs = append(objs, heading(lang.L("Comment adresser")),
		muted(lang.L("Consultation et secrétariat non renseignés dans l'annuaire : contactez le service d'imagerie de l'établissement.")))
	objs = append(objs, widget.NewSeparator(), heading(lang.L("Gestes proposés")))
	objs = append(objs, d.offers(c)...)
	objs = append(objs, widget.NewSeparator(), heading(lang.L("Source des données")),
		wrapped(fmt.Sprintf(lang.L("%s. Dernière vérification : %s."), c.Source, frenchDate(c.CheckedOn))))
	objs = append(objs, widget.NewSeparator(), heading(lang.L("Note privée du cabinet")))
	d.note = widget.NewMultiLineEntry()
	d.note.SetPlaceHolder(lang.L("Visible de vous seul, gardée sur ce poste."))
	d.note.Wrapping = fyne.TextWrapWord
	d.note.SetMinRowsVisible(3)
	if text, err := d.v.env.atlas.Note(c.ID); err == nil {
		d.note.SetText(text)
	}
	d.note.OnChanged = func(string) { d.scheduleNoteSave() }
	objs = append(objs, d.note)
	d.box.Objects = objs
	d.box.Refresh()
}

// actions is the row of buttons for the centre.
func (d *detailPane) actions(c model.Centre) fyne.CanvasObject {
	d.letter = widget.NewButtonWithIcon(lang.L("Rédiger une lettre d'adressage"), theme.DocumentCreateIcon(), d.v.writeLetter)
	d.letter.Importance = widget.HighImportance
	if t := d.v.target; t != nil && t.emergency {
		d.letter.Disable()
	}
	copyBtn := widgets.NewTipButton(theme.ContentCopyIcon(), lang.L("Copier les coordonnées"), func() {
		d.v.env.app.Clipboard().SetContent(contactText(c))
		d.v.setStatus(lang.L("Coordonnées copiées."))
	})
	d.fav = widgets.NewTipButton(favouriteIcon(d.isFavourite(c.ID)), lang.L("Ajouter aux favoris ou en retirer"), func() { d.toggleFavourite(c.ID) })
	report := widgets.NewTipButton(theme.MailComposeIcon(), lang.L("Signaler une erreur sur cette fiche"), func() { d.v.reportError(c) })
	return container.NewHBox(d.letter, copyBtn, d.fav, report)
}

func favouriteIcon(on bool) fyne.Resource {
	if on {
		return theme.ConfirmIcon()
	}
	return theme.ContentAddIcon()
}

func (d *detailPane) isFavourite(id string) bool {
	favs, err := d.v.env.atlas.Favourites()
	return err == nil && slices.Contains(favs, id)
}

func (d *detailPane) toggleFavourite(id string) {
	on := !d.isFavourite(id)
	if err := d.v.env.atlas.SetFavourite(id, on, time.Now()); err != nil {
		d.v.setStatus(err.Error())
		return
	}
	d.fav.SetIcon(favouriteIcon(on))
	if on {
		d.v.setStatus(lang.L("Centre ajouté aux favoris."))
	} else {
		d.v.setStatus(lang.L("Centre retiré des favoris."))
	}
}

func (d *detailPane) scheduleNoteSave() {
	if d.noteTimer != nil {
		d.noteTimer.Stop()
	}
	d.noteTimer = time.AfterFunc(800*time.Millisecond, func() { fyne.Do(d.flushNote) })
}

// flushNote saves the note being edited, if any.
func (d *detailPane) flushNote() {
	if d.noteTimer != nil {
		d.noteTimer.Stop()
		d.noteTimer = nil
	}
	if d.hit == nil || d.note == nil {
		return
	}
	old, _ := d.v.env.atlas.Note(d.hit.Centre.ID)
	if old == d.note.Text {
		return
	}
	if err := d.v.env.atlas.SetNote(d.hit.Centre.ID, d.note.Text, time.Now()); err != nil {
		d.v.setStatus(err.Error())
	}
}

// contactLines lists what is known of the centre's contact details, and
// says plainly what is not.
func contactLines(c model.Centre) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	add := func(label, value string) {
		if value == "" {
			out = append(out, muted(fmt.Sprintf("%s : %s", lang.L(label), lang.L("non renseigné"))))
			return
		}
		out = append(out, wrapped(fmt.Sprintf("%s : %s", lang.L(label), value)))
	}
	addr := strings.TrimSpace(strings.Join([]string{c.Address, strings.TrimSpace(c.Postcode + " " + c.Commune)}, ", "))
	if c.Address == "" {
		addr = ""
	}
	add("Adresse", addr)
	add("Téléphone", c.Phone)
	add("Courriel", c.Email)
	add("MSSanté", c.MSSante)
	if c.Website != "" {
		out = append(out, wrapped(fmt.Sprintf("%s : %s", lang.L("Site"), c.Website)))
	} else {
		add("Site", "")
	}
	add("Praticiens", "")
	if c.FINESS != "" {
		out = append(out, wrapped("FINESS : "+c.FINESS))
	}
	return out
}

// contactText is what "copy contact details" puts on the clipboard.
func contactText(c model.Centre) string {
	lines := []string{c.Name}
	if c.Address != "" {
		lines = append(lines, c.Address)
	}
	lines = append(lines, strings.TrimSpace(c.Postcode+" "+c.Commune))
	for _, kv := range [][2]string{{"Tél.", c.Phone}, {"Courriel", c.Email}, {"MSSanté", c.MSSante}, {"Site", c.Website}} {
		if kv[1] != "" {
			lines = append(lines, kv[0]+" : "+kv[1])
		}
	}
	return strings.Join(lines, "\n")
}

// offers lists the centre's procedures by family, the searched procedure's
// family first; each name opens the procedure sheet.
func (d *detailPane) offers(c model.Centre) []fyne.CanvasObject {
	eng := d.v.env.engine
	byFamily := map[string][]model.Offer{}
	var order []string
	for _, o := range c.Offers {
		p, ok := eng.Procedure(o.ProcedureID)
		if !ok {
			continue
		}
		if _, seen := byFamily[p.Family]; !seen {
			order = append(order, p.Family)
		}
		byFamily[p.Family] = append(byFamily[p.Family], o)
	}
	first := ""
	if t := d.v.target; t != nil {
		if t.kind == search.KindFamily {
			first = t.id
		} else if p, ok := eng.Procedure(t.id); ok {
			first = p.Family
		}
	}
	for i, f := range order {
		if f == first {
			order = append(append([]string{f}, order[:i]...), order[i+1:]...)
			break
		}
	}
	var out []fyne.CanvasObject
	for _, f := range order {
		fam, _ := eng.Family(f)
		out = append(out, widget.NewLabelWithStyle(fam.NameFR, fyne.TextAlignLeading, fyne.TextStyle{Italic: true}))
		for _, o := range byFamily[f] {
			p, _ := eng.Procedure(o.ProcedureID)
			name := p.NameFR
			if t := d.v.target; t != nil && t.id == p.ID {
				name = "▶ " + name
			}
			// A link that wraps: long procedure names must not widen the pane.
			link := &widget.Hyperlink{Text: name, Wrapping: fyne.TextWrapWord, OnTapped: func() { d.v.openSheet(p.ID) }}
			link.ExtendBaseWidget(link)
			out = append(out, link)
		}
	}
	if len(out) == 0 {
		out = append(out, muted(lang.L("Aucun geste renseigné.")))
	}
	return out
}

// frenchDate writes 2026-11-26 as 26/11/2026.
func frenchDate(iso string) string {
	t, err := time.Parse("2006-01-02", iso)
	if err != nil {
		return iso
	}
	return t.Format("02/01/2006")
}
