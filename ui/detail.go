package ui

import (
	"fmt"
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

// detailPane shows one centre: who it is, how to reach it, the practice's
// private note, what it offers (grouped by family, the searched procedure
// first) and where the data comes from.
type detailPane struct {
	v       *mainView
	box     *fyne.Container
	scroll  *container.Scroll
	content fyne.CanvasObject
	hit     *search.Hit
	note    *widgets.Field
	// noteCentre and noteSaved are the centre whose note the field holds
	// and the text last stored, so that only changes are written.
	noteCentre, noteSaved string
	fav                   *widgets.Button
	letter                *widgets.Button
	// noteTimer saves the note shortly after the GP stops typing.
	noteTimer *time.Timer
}

func newDetailPane(v *mainView) *detailPane {
	d := &detailPane{v: v, box: container.NewVBox()}
	d.scroll = widgets.NewFollowScroll(container.NewPadded(d.box))
	d.content = d.scroll
	d.showHint()
	return d
}

func (d *detailPane) showHint() {
	d.flushNote()
	d.hit = nil
	d.note = nil
	d.letter = nil
	hint := widget.NewLabel(lang.L("Choisissez un centre dans la liste ou sur la carte pour voir sa fiche."))
	hint.Wrapping = fyne.TextWrapWord
	d.box.Objects = []fyne.CanvasObject{hint}
	d.box.Refresh()
	d.scroll.ScrollToTop()
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

// show fills the pane with a centre found by a search, from the top.
func (d *detailPane) show(h search.Hit) {
	d.flushNote()
	d.hit = &h
	c := h.Centre
	title := widget.NewLabelWithStyle(c.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	title.SizeName = theme.SizeNameSubHeadingText
	var parts []string
	for _, x := range []string{c.Category, lang.L(c.Sector.LabelFR()), fmt.Sprintf("%s (%s)", c.Commune, c.Dept)} {
		if strings.TrimSpace(x) != "" {
			parts = append(parts, x)
		}
	}
	sub := strings.Join(parts, " · ")
	if d.v.result.FromPoint {
		sub += " · " + fmt.Sprintf(lang.L("%s à vol d'oiseau"), formatDistance(h.DistanceKm))
	}
	objs := []fyne.CanvasObject{title, wrapped(sub), d.actions(c)}
	if a, ok := c.RIAuthorisation(); ok {
		line := widget.NewLabelWithStyle(authorisationLine(a), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		line.Wrapping = fyne.TextWrapWord
		objs = append(objs, named(line, "detail_authorisation"), muted(registerLine(a)))
	} else if d.v.env.engine.HasAuthorisations() && !model.IsPracticeCentre(c.ID) {
		objs = append(objs, muted(lang.L("Pas d'autorisation ARS de radiologie interventionnelle en cours au registre pour ce site.")))
	}
	if c.PosApprox() {
		objs = append(objs, muted(labelled("Position approchée", c.PosNote)))
	}
	own := model.IsPracticeCentre(c.ID)
	switch {
	case own:
		mine := wrapped(lang.L("Centre ajouté par le cabinet : il n'est pas dans l'annuaire. Ses gestes sont ceux que le cabinet a indiqués."))
		mine.Importance = widget.SuccessImportance
		edit := widgets.NewButton(lang.L("Modifier ce centre…"), func() { d.v.editCentre(&c) })
		objs = append(objs, container.NewBorder(nil, nil, nil, edit, mine))
	case h.Origin == model.OfferAuthorised:
		n := wrapped(lang.L("Offre permise par l'autorisation du site : le registre dit ce que le site peut faire, pas ce que le centre pratique. Confirmez auprès du centre avant d'adresser un patient."))
		n.Importance = widget.WarningImportance
		objs = append(objs, n)
	case h.Origin != model.OfferDeclared:
		n := wrapped(lang.L("Offre indicative : elle est déduite de la catégorie de l'établissement et doit être confirmée auprès du centre avant d'adresser un patient."))
		n.Importance = widget.WarningImportance
		objs = append(objs, n)
	}
	// The note comes early: on a long sheet the GP would not find it.
	d.note = named(widgets.NewMultiLineField(), "note")
	d.note.SetPlaceHolder(lang.L("Note privée : visible de vous seul, gardée sur ce poste."))
	d.note.SetMinRowsVisible(2)
	d.note.Disable() // until it is read
	d.noteCentre, d.noteSaved = c.ID, ""
	objs = append(objs, heading(lang.L("Note privée du cabinet")), d.note)
	objs = append(objs, widget.NewSeparator(), heading(lang.L("Coordonnées")))
	objs = append(objs, contactLines(c)...)
	objs = append(objs, heading(lang.L("Comment adresser")),
		muted(lang.L("Consultation et secrétariat non renseignés dans l'annuaire : contactez le service d'imagerie de l'établissement.")))
	objs = append(objs, widget.NewSeparator(), heading(lang.L("Gestes proposés")))
	objs = append(objs, d.offers(c)...)
	objs = append(objs, widget.NewSeparator(), heading(lang.L("Source des données")),
		wrapped(fmt.Sprintf(lang.L("%s. Dernière vérification : %s."), c.Source, frenchDate(c.CheckedOn))))
	d.box.Objects = objs
	d.box.Refresh()
	d.scroll.ScrollToTop()
	d.loadNote(c.ID)
}

// loadNote reads the centre's note off the UI goroutine, then lets the GP
// edit it.
func (d *detailPane) loadNote(id string) {
	note := d.note
	atlas := d.v.env.atlas
	async(func() {
		text, err := atlas.Note(id)
		fyne.Do(func() {
			if d.note != note {
				return // another centre is shown
			}
			if err != nil {
				d.v.setStatus(err.Error())
				return
			}
			note.SetText(text)
			d.noteSaved = text
			note.OnChanged = func(string) { d.scheduleNoteSave() }
			note.Enable()
		})
	})
}

// actions is the row of buttons for the centre.
func (d *detailPane) actions(c model.Centre) fyne.CanvasObject {
	d.letter = named(widgets.NewButtonWithIcon(lang.L("Rédiger une lettre d'adressage"), theme.DocumentCreateIcon(), d.v.writeLetter), "letter_button")
	d.letter.Importance = widget.HighImportance
	d.refreshLetterButton()
	copyBtn := widgets.NewTipButton(theme.ContentCopyIcon(), lang.L("Copier les coordonnées"), func() {
		d.v.env.app.Clipboard().SetContent(contactText(c))
		d.v.setStatus(lang.L("Coordonnées copiées."))
	})
	d.fav = named(widgets.NewTipButton(favouriteIcon(d.v.favouriteIDs[c.ID]), lang.L("Ajouter aux favoris ou en retirer"), func() { d.toggleFavourite(c.ID) }), "favourite")
	report := widgets.NewTipButton(theme.MailComposeIcon(), lang.L("Signaler une erreur sur cette fiche"), func() { d.v.reportError(c) })
	return container.NewHBox(d.letter, copyBtn, d.fav, report)
}

// refreshLetterButton disables the letter for an emergency procedure.
func (d *detailPane) refreshLetterButton() {
	if d == nil || d.letter == nil {
		return
	}
	if t := d.v.target; t != nil && t.emergency {
		d.letter.Disable()
	} else {
		d.letter.Enable()
	}
}

func favouriteIcon(on bool) fyne.Resource {
	if on {
		return theme.ConfirmIcon()
	}
	return theme.ContentAddIcon()
}

func (d *detailPane) toggleFavourite(id string) {
	on := !d.v.favouriteIDs[id]
	atlas := d.v.env.atlas
	async(func() {
		err := atlas.SetFavourite(id, on, time.Now())
		fyne.Do(func() {
			if err != nil {
				d.v.setStatus(err.Error())
				return
			}
			if on {
				d.v.favouriteIDs[id] = true
			} else {
				delete(d.v.favouriteIDs, id)
			}
			if d.hit != nil && d.hit.Centre.ID == id {
				d.fav.SetIcon(favouriteIcon(on))
			}
			if on {
				d.v.setStatus(lang.L("Centre ajouté aux favoris."))
			} else {
				d.v.setStatus(lang.L("Centre retiré des favoris."))
			}
		})
	})
}

func (d *detailPane) scheduleNoteSave() {
	if d.noteTimer != nil {
		d.noteTimer.Stop()
	}
	d.noteTimer = time.AfterFunc(800*time.Millisecond, func() { fyne.Do(d.flushNote) })
}

// flushNote saves the note being edited, if it changed, off the UI
// goroutine.
func (d *detailPane) flushNote() {
	if d.noteTimer != nil {
		d.noteTimer.Stop()
		d.noteTimer = nil
	}
	if d.note == nil || d.note.Disabled() || d.note.Text == d.noteSaved {
		return
	}
	id, text := d.noteCentre, d.note.Text
	d.noteSaved = text
	d.saveNote(id, text)
}

// saveNote stores a note in the background; the window's closing waits
// for it (see pending).
func (d *detailPane) saveNote(id, text string) {
	atlas := d.v.env.atlas
	pending.Add(1)
	async(func() {
		defer pending.Done()
		if err := atlas.SetNote(id, text, time.Now()); err != nil {
			fyne.Do(func() { d.v.setStatus(err.Error()) })
		}
	})
}

// contactLines lists what is known of the centre's contact details, and
// says plainly what is not.
func contactLines(c model.Centre) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	add := func(label, value string) {
		if value == "" {
			out = append(out, muted(labelled(label, lang.L("non renseigné"))))
			return
		}
		out = append(out, wrapped(labelled(label, value)))
	}
	addr := strings.Join(c.PostalLines(), ", ")
	if c.Address == "" {
		addr = ""
	}
	add(c.AddressLabelFR(), addr)
	add(c.PhoneLabelFR(), c.Phone)
	add("Courriel", c.Email)
	add("MSSanté", c.MSSante)
	if c.Website != "" {
		out = append(out, wrapped(labelled("Site", c.Website)))
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
	lines := append([]string{c.Name}, c.PostalLines()...)
	phone := "Tél."
	if c.ContactSource != "" {
		phone = "Tél. (standard, " + c.ContactSource + ")"
	}
	for _, kv := range [][2]string{{phone, c.Phone}, {"Courriel", c.Email}, {"MSSanté", c.MSSante}, {"Site", c.Website}} {
		if kv[1] != "" {
			lines = append(lines, kv[0]+" : "+kv[1])
		}
	}
	return strings.Join(lines, "\n")
}

// offers lists the centre's procedures by origin (declared, permitted
// by the site's authorisation, indicative), then by family, the searched
// procedure's family first; each name opens the procedure sheet.
func (d *detailPane) offers(c model.Centre) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	a, _ := c.RIAuthorisation()
	links := 0
	for _, origin := range []model.OfferOrigin{model.OfferDeclared, model.OfferAuthorised, model.OfferIndicative} {
		var of []model.Offer
		for _, o := range c.Offers {
			if o.Origin == origin {
				of = append(of, o)
			}
		}
		if len(of) == 0 {
			continue
		}
		out = append(out, heading(originHeading(origin, a)))
		out = append(out, d.offersByFamily(c, of, &links)...)
	}
	if len(out) == 0 {
		out = append(out, muted(lang.L("Aucun geste renseigné.")))
	}
	return out
}

// offersByFamily lists offers under their family's name; links counts
// the procedure links made so far (the first three are named for tests).
func (d *detailPane) offersByFamily(c model.Centre, offers []model.Offer, links *int) []fyne.CanvasObject {
	eng := d.v.env.engine
	byFamily := map[string][]model.Offer{}
	var order []string
	for _, o := range offers {
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
		out = append(out, widget.NewLabelWithStyle(familyName(fam), fyne.TextAlignLeading, fyne.TextStyle{Italic: true}))
		for _, o := range byFamily[f] {
			p, _ := eng.Procedure(o.ProcedureID)
			name := procedureName(eng, p.ID, p.NameFR)
			if t := d.v.target; t != nil && t.id == p.ID {
				name = "» " + name // in Noto Sans; the emoji font is left out (no_emoji)
			}
			cov := c.Coverage(p)
			if cov.RoundTheClock {
				name += " — " + lang.L("urgences 24 h/24")
			}
			if cov.Restriction != "" {
				name += " (" + lang.L(cov.Restriction) + ")"
			}
			if o.Origin == model.OfferAuthorised && p.RIMention != nil && p.RIMention.Uncertain {
				name += " " + lang.L(model.Unconfirmed)
			}
			// A link that wraps: long procedure names must not widen the pane.
			link := widgets.NewLink(name, func() { d.v.openSheet(p.ID) })
			if *links < 3 {
				link = named(link, fmt.Sprintf("detail_procedure_%d", *links))
			}
			out = append(out, link)
			*links++
			if o.Review != "" {
				review := muted(capitalizeFirst(o.Review) + ".")
				review.Importance = widget.WarningImportance
				out = append(out, review)
			}
		}
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
