package ui

import (
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"atlasri/app/userdata"
	"atlasri/model"
)

// showFavourites lists the practice's favourite centres, sorted by
// distance when a place is set.
func (v *mainView) showFavourites() {
	favs, err := v.env.atlas.Favourites()
	if err != nil {
		dialog.ShowError(err, v.env.win)
		return
	}
	if len(favs) == 0 {
		dialog.ShowInformation(lang.L("Mes favoris"), lang.L("Aucun favori : ajoutez-en depuis la fiche d'un centre."), v.env.win)
		return
	}
	v.favourites = map[string]bool{}
	for _, id := range favs {
		v.favourites[id] = true
	}
	v.runSearch()
}

// editPracticeCentre opens the form for a centre of the practice's own
// (nil for a new one). It is checked like a directory's centre; problems
// are shown field by field and nothing is stored until they are fixed.
func (m *MainWindow) editPracticeCentre(c *model.Centre) {
	v := m.view
	name, address, postcode, phone, email, mssante, website := widget.NewEntry(), widget.NewEntry(), widget.NewEntry(),
		widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	category := widget.NewEntry()
	category.SetPlaceHolder(lang.L("Clinique, cabinet de radiologie…"))
	sector := widget.NewSelect([]string{lang.L("Public"), lang.L("Privé"), lang.L("Privé à but non lucratif")}, nil)
	sectors := []model.Sector{model.SectorPublic, model.SectorPrivate, model.SectorPrivateNonProfit}
	sector.SetSelectedIndex(1)
	commune := newPlaceField(v.env.engine, lang.L("Commune"), true)
	procs := v.env.engine.Procedures()
	names := make([]string, len(procs))
	for i, p := range procs {
		names[i] = p.NameFR
	}
	offers := widget.NewCheckGroup(names, nil)
	id := ""
	if c != nil {
		id = c.ID
		name.SetText(c.Name)
		category.SetText(c.Category)
		sector.SetSelectedIndex(max(0, slices.Index(sectors, c.Sector)))
		address.SetText(c.Address)
		postcode.SetText(c.Postcode)
		commune.SetTextFromPick(c.Commune)
		commune.picked = nil
		phone.SetText(c.Phone)
		email.SetText(c.Email)
		mssante.SetText(c.MSSante)
		website.SetText(c.Website)
		for _, o := range c.Offers {
			if p, ok := v.env.engine.Procedure(o.ProcedureID); ok {
				offers.Selected = append(offers.Selected, p.NameFR)
			}
		}
	}
	problems := wrapped("")
	problems.Importance = widget.DangerImportance
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Nom"), name), widget.NewFormItem(lang.L("Catégorie"), category),
		widget.NewFormItem(lang.L("Statut"), sector), widget.NewFormItem(lang.L("Adresse"), address),
		widget.NewFormItem(lang.L("Code postal"), postcode), widget.NewFormItem(lang.L("Commune"), commune),
		widget.NewFormItem(lang.L("Téléphone"), phone), widget.NewFormItem(lang.L("Courriel"), email),
		widget.NewFormItem(lang.L("MSSanté"), mssante), widget.NewFormItem(lang.L("Site"), website),
	)
	note := muted(lang.L("Ce centre est celui du cabinet : il reste sur ce poste, à travers toutes les mises à jour de l'annuaire."))
	content := container.NewBorder(container.NewVBox(note, problems), nil, nil, nil,
		container.NewVScroll(container.NewVBox(form, heading(lang.L("Gestes pratiqués")), offers)))
	var d dialog.Dialog
	save := func() {
		in := userdata.CentreInput{ID: id, Name: name.Text, Category: category.Text, Sector: string(sectors[sector.SelectedIndex()]),
			Address: address.Text, Postcode: postcode.Text, Phone: phone.Text, Email: email.Text, MSSante: mssante.Text, Website: website.Text}
		if commune.picked != nil {
			in.INSEE = commune.picked.INSEE
		} else if c != nil {
			in.INSEE = c.INSEE
		} else {
			in.Commune = commune.Text
		}
		for i, p := range procs {
			if slices.Contains(offers.Selected, names[i]) {
				in.Procedures = append(in.Procedures, p.ID)
			}
		}
		async(func() {
			_, err := m.atlas.SavePracticeCentre(in, time.Now())
			fyne.Do(func() {
				if err != nil {
					problems.SetText(err.Error())
					d.Show() // keep the form and what was typed
					return
				}
				m.reload()
			})
		})
	}
	d = dialog.NewCustomConfirm(lang.L("Centre du cabinet"), lang.L("Enregistrer"), lang.L("Annuler"), content, func(ok bool) {
		if ok {
			save()
		}
	}, m.Window)
	d.Resize(fyne.NewSize(620, 680))
	d.Show()
}

// isPractice reports whether a centre is one the practice added itself.
func isPractice(c model.Centre) bool { return model.IsPracticeCentre(c.ID) }
