package ui

import (
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"atlasri/app/userdata"
	"atlasri/model"
	"atlasri/ui/widgets"
)

// showFavourites lists the practice's favourite centres, sorted by
// distance when a place is set.
func (v *mainView) showFavourites() {
	if len(v.favouriteIDs) == 0 {
		showMessage(v.env.win, lang.L("Mes favoris"), lang.L("Aucun favori : ajoutez-en depuis la fiche d'un centre."))
		return
	}
	v.favourites = map[string]bool{}
	for id := range v.favouriteIDs {
		v.favourites[id] = true
	}
	v.runSearch()
}

// sectors are the choices of a practice centre's status, in the order of
// the form's labels.
var sectors = []model.Sector{model.SectorPublic, model.SectorPrivate, model.SectorPrivateNonProfit}

// editPracticeCentre opens the form for a centre of the practice's own
// (nil for a new one). It is checked like a directory's centre; problems
// are shown in the form, which stays open with what was typed until they
// are fixed.
func (m *MainWindow) editPracticeCentre(c *model.Centre) {
	v := m.view
	f := newFormDialog(m.Window, lang.L("Centre du cabinet"), nil)
	name, address, postcode, phone, email, mssante, website := widgets.NewField(), widgets.NewField(), widgets.NewField(),
		widgets.NewField(), widgets.NewField(), widgets.NewField(), widgets.NewField()
	category := widgets.NewField()
	category.SetPlaceHolder(lang.L("Clinique, cabinet de radiologie…"))
	sector := widgets.NewSelect([]string{lang.L("Public"), lang.L("Privé"), lang.L("Privé à but non lucratif")}, nil)
	sector.SetSelectedIndex(1)
	commune := newPlaceField(v.env.engine, f.layer, lang.L("Commune ou code postal"), true)
	named(commune.entry, "centre:commune")
	named(name, "centre:name")
	procs := v.env.engine.Procedures()
	names := make([]string, len(procs))
	for i, p := range procs {
		names[i] = procedureName(v.env.engine, p.ID, p.NameFR)
	}
	checks := make([]*widgets.Check, len(names))
	offerBox := named(container.NewVBox(), "centre:offers")
	for i, n := range names {
		checks[i] = named(widgets.NewCheck(n, nil), "centre:offer:"+procs[i].ID)
		offerBox.Add(checks[i])
	}
	id, insee := "", ""
	if c != nil {
		id, insee = c.ID, c.INSEE
		name.SetText(c.Name)
		category.SetText(c.Category)
		sector.SetSelectedIndex(max(0, slices.Index(sectors, c.Sector)))
		address.SetText(c.Address)
		postcode.SetText(c.Postcode)
		commune.entry.SetTextFromPick(c.Commune)
		phone.SetText(c.Phone)
		email.SetText(c.Email)
		mssante.SetText(c.MSSante)
		website.SetText(c.Website)
		for _, o := range c.Offers {
			if i := slices.IndexFunc(procs, func(p model.Procedure) bool { return p.ID == o.ProcedureID }); i >= 0 {
				checks[i].SetChecked(true)
			}
		}
		commune.OnTyped = func() { insee = "" }
	}
	problems := wrapped("")
	problems.Importance = widget.DangerImportance
	problems.Hide()
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Nom"), name), widget.NewFormItem(lang.L("Catégorie"), category),
		widget.NewFormItem(lang.L("Statut"), sector), widget.NewFormItem(lang.L("Adresse"), address),
		widget.NewFormItem(lang.L("Code postal"), postcode), widget.NewFormItem(lang.L("Commune"), commune.entry),
		widget.NewFormItem(lang.L("Téléphone"), phone), widget.NewFormItem(lang.L("Courriel"), email),
		widget.NewFormItem(lang.L("MSSanté"), mssante), widget.NewFormItem(lang.L("Site"), website),
	)
	note := muted(lang.L("Ce centre est celui du cabinet : il reste sur ce poste, à travers toutes les mises à jour de l'annuaire."))
	var saveBtn *widgets.Button
	save := func() {
		in := userdata.CentreInput{ID: id, Name: name.Text, Category: category.Text, Sector: string(sectors[sector.SelectedIndex()]),
			Address: address.Text, Postcode: postcode.Text, Phone: phone.Text, Email: email.Text, MSSante: mssante.Text, Website: website.Text}
		switch {
		case commune.picked != nil:
			in.INSEE = commune.picked.INSEE
		case insee != "":
			in.INSEE = insee
		default:
			in.Commune = commune.entry.Text
		}
		for i, p := range procs {
			if checks[i].Checked {
				in.Procedures = append(in.Procedures, p.ID)
			}
		}
		saveBtn.Disable()
		atlas := m.atlas
		async(func() {
			saved, err := atlas.SavePracticeCentre(in, time.Now())
			fyne.Do(func() {
				saveBtn.Enable()
				if err != nil {
					problems.SetText(err.Error())
					problems.Show()
					return // the form stays, with what was typed
				}
				f.close()
				m.reload(saved.ID, nil)
			})
		})
	}
	saveBtn = widgets.NewButtonWithIcon(lang.L("Enregistrer"), theme.ConfirmIcon(), save)
	saveBtn.Importance = widget.HighImportance
	cancel := widgets.NewButton(lang.L("Annuler"), f.dismiss)
	f.setBody(container.NewBorder(container.NewVBox(note, problems), nil, nil, nil,
		named(widgets.NewFollowScroll(container.NewVBox(form, heading(lang.L("Gestes pratiqués")), offerBox)), "centre:form")), cancel, saveBtn)
	f.show(fyne.NewSize(640, 700))
	m.Window.Canvas().Focus(name)
}
