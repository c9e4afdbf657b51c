package ui

import (
	"errors"
	"io"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"atlasri/app/practice"
	"atlasri/app/search"
	"atlasri/model"
	"atlasri/ui/widgets"
)

// settingsValues is what the settings dialog starts from, read off the UI
// goroutine.
type settingsValues struct {
	gp                                  practice.GP
	communeLabel, themeChoice, language string
}

// showSettings opens the settings over win (the main window or a letter
// window): the GP's identity for letters, the practice's commune, the
// theme and the language. saved, if not nil, runs once they are stored.
func (v *mainView) showSettings(win fyne.Window, saved func()) {
	atlas := v.env.atlas
	async(func() {
		var s settingsValues
		var err error
		s.gp, err = atlas.GP()
		s.communeLabel, _ = atlas.Setting(model.SettingCommuneLabel)
		s.themeChoice, _ = atlas.Setting(model.SettingTheme)
		s.language, _ = atlas.Setting(model.SettingLanguage)
		fyne.Do(func() {
			if err != nil {
				showError(win, err)
				return
			}
			v.settingsForm(win, s, saved)
		})
	})
}

func (v *mainView) settingsForm(win fyne.Window, s settingsValues, saved func()) {
	f := newFormDialog(win, lang.L("Paramètres"), nil)
	entries := map[string]*widgets.Field{}
	entry := func(key, value string) *widgets.Field {
		e := named(widgets.NewField(), "settings:"+key)
		e.SetText(value)
		entries[key] = e
		return e
	}
	gp := s.gp
	address := widgets.NewMultiLineField()
	address.SetText(gp.Address)
	address.SetMinRowsVisible(2)
	commune := newPlaceField(v.env.engine, f.layer, lang.L("Commune ou code postal du cabinet"), true)
	named(commune.entry, "settings:commune")
	commune.entry.SetTextFromPick(s.communeLabel)
	stamp := widgets.NewMultiLineField()
	stamp.SetText(gp.Stamp)
	stamp.SetPlaceHolder(lang.L("Texte du tampon, imprimé sous la signature"))
	stamp.SetMinRowsVisible(2)
	treatingChoices := []string{"", practice.Yes, practice.No}
	treatingSel := widgets.NewSelect([]string{lang.L("Demander à chaque lettre"), lang.L("Oui, en général"), lang.L("Non, en général")}, nil)
	treatingSel.SetSelectedIndex(max(0, slices.Index(treatingChoices, gp.TreatingDefault)))
	// The signature image: a PNG chosen on disk, kept in user.db (owner
	// only), never elsewhere.
	signature := gp.Signature
	sigLabel := widget.NewLabel("")
	showSig := func() {
		if signature == "" {
			sigLabel.SetText(lang.L("aucune"))
		} else {
			sigLabel.SetText(lang.L("image PNG enregistrée"))
		}
	}
	showSig()
	chooseSig := widgets.NewButton(lang.L("Choisir une image PNG…"), func() {
		d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
			if err != nil || r == nil {
				return
			}
			// Read and decoded off the UI goroutine.
			async(func() {
				data, err := io.ReadAll(io.LimitReader(r, practice.MaxSignature+1))
				r.Close()
				var sig string
				if err == nil {
					sig, err = practice.EncodeSignature(data)
				}
				fyne.Do(func() {
					if err != nil {
						showError(win, err)
						return
					}
					signature = sig
					showSig()
				})
			})
		}, win)
		d.SetFilter(storage.NewExtensionFileFilter([]string{".png"}))
		d.Show()
		track(win.Canvas(), d.Hide)
	})
	removeSig := widgets.NewButton(lang.L("Retirer"), func() { signature = ""; showSig() })
	themeSel := named(widgets.NewSelect(themeLabels(), nil), "settings:theme")
	themeSel.SetSelectedIndex(max(0, slices.Index(themeChoices, s.themeChoice)))
	langSel := named(widgets.NewSelect([]string{"Français", "English"}, nil), "settings:language")
	langs := []string{LangFrench, LangEnglish}
	langSel.SetSelectedIndex(max(0, slices.Index(langs, s.language)))

	form := widget.NewForm(
		widget.NewFormItem(lang.L("Titre"), entry(model.SettingGPTitle, gp.Title)),
		widget.NewFormItem(lang.L("Prénom"), entry(model.SettingGPFirstName, gp.FirstName)),
		widget.NewFormItem(lang.L("Nom"), entry(model.SettingGPLastName, gp.LastName)),
		widget.NewFormItem(lang.L("Spécialité"), entry(model.SettingGPSpecialty, gp.Specialty)),
		widget.NewFormItem(lang.L("Cabinet"), entry(model.SettingGPPractice, gp.Practice)),
		widget.NewFormItem(lang.L("Adresse"), address),
		widget.NewFormItem(lang.L("Code postal"), entry(model.SettingGPPostcode, gp.Postcode)),
		widget.NewFormItem(lang.L("Ville"), entry(model.SettingGPCity, gp.City)),
		widget.NewFormItem(lang.L("Téléphone"), entry(model.SettingGPPhone, gp.Phone)),
		widget.NewFormItem(lang.L("Courriel"), entry(model.SettingGPEmail, gp.Email)),
		widget.NewFormItem(lang.L("MSSanté"), entry(model.SettingGPMSSante, gp.MSSante)),
		widget.NewFormItem(lang.L("RPPS"), entry(model.SettingGPRPPS, gp.RPPS)),
		widget.NewFormItem(lang.L("Identifiant de structure"), entry(model.SettingGPStructure, gp.StructureID)),
		widget.NewFormItem(lang.L("Médecin traitant"), treatingSel),
		widget.NewFormItem(lang.L("Tampon"), stamp),
		widget.NewFormItem(lang.L("Signature"), container.NewHBox(sigLabel, chooseSig, removeSig)),
		widget.NewFormItem(lang.L("Commune du cabinet"), commune.entry),
		widget.NewFormItem(lang.L("Thème"), themeSel),
		widget.NewFormItem(lang.L("Langue"), langSel),
	)
	problems := wrapped("")
	problems.Importance = widget.DangerImportance
	problems.Hide()
	read := func() practice.GP {
		return practice.GP{
			Title: entries[model.SettingGPTitle].Text, FirstName: entries[model.SettingGPFirstName].Text,
			LastName: entries[model.SettingGPLastName].Text, Specialty: entries[model.SettingGPSpecialty].Text,
			Practice: entries[model.SettingGPPractice].Text, Address: address.Text,
			Postcode: entries[model.SettingGPPostcode].Text, City: entries[model.SettingGPCity].Text,
			Phone: entries[model.SettingGPPhone].Text, Email: entries[model.SettingGPEmail].Text,
			MSSante: entries[model.SettingGPMSSante].Text, RPPS: entries[model.SettingGPRPPS].Text,
			StructureID: entries[model.SettingGPStructure].Text, TreatingDefault: treatingChoices[max(0, treatingSel.SelectedIndex())],
			Stamp: stamp.Text, Signature: signature,
		}
	}
	fail := func(err error) {
		problems.SetText(capitalizeFirst(err.Error()))
		problems.Show()
	}
	save := widgets.NewButtonWithIcon(lang.L("Enregistrer"), theme.ConfirmIcon(), nil)
	save.Importance = widget.HighImportance
	save.OnTapped = func() {
		gp := read()
		// Checked first: nothing is stored, nothing is lost, while the
		// identity is wrong.
		if err := gp.Validate(); err != nil {
			fail(err)
			return
		}
		themeChoice, language := themeChoices[themeSel.SelectedIndex()], langs[langSel.SelectedIndex()]
		text, picked := commune.entry.Text, commune.picked
		save.Disable()
		async(func() {
			r := commune.resolve(text, picked)
			err := r.err
			if err == nil && len(r.others) > 0 {
				err = errors.New(lang.L("plusieurs communes correspondent à la commune du cabinet : choisissez-la dans la liste"))
			}
			if err == nil {
				err = v.saveSettings(gp, r.place, strings.TrimSpace(text) == "", themeChoice, language)
			}
			fyne.Do(func() {
				save.Enable()
				if err != nil {
					if len(r.others) > 0 {
						win.Canvas().Focus(commune.entry)
						commune.showAlternatives(r)
					}
					fail(err)
					return
				}
				f.close()
				ApplyTheme(v.env.app, themeChoice)
				if language != currentLanguage && !(language == LangFrench && currentLanguage == "") {
					showMessage(v.env.win, lang.L("Langue"), lang.L("La nouvelle langue s'appliquera au prochain démarrage d'Atlas RI."))
				}
				if saved != nil {
					saved()
				}
			})
		})
	}
	cancel := widgets.NewButton(lang.L("Annuler"), f.dismiss)
	f.setBody(container.NewBorder(problems, nil, nil, nil, named(widgets.NewFollowScroll(form), "settings:form")), cancel, save)
	f.show(fyne.NewSize(600, 700))
	win.Canvas().Focus(entries[model.SettingGPTitle])
}

// saveSettings stores the identity and the settings together (off the UI
// goroutine); place nil with cleared set empties the practice's commune,
// place nil otherwise leaves it as it is.
func (v *mainView) saveSettings(gp practice.GP, place *search.Location, cleared bool, themeChoice, language string) error {
	atlas := v.env.atlas
	if gp.Normalized() != (practice.GP{}) {
		if err := atlas.SaveGP(gp); err != nil {
			return err
		}
	}
	values := map[string]string{model.SettingTheme: themeChoice, model.SettingLanguage: language}
	switch {
	case place != nil:
		values[model.SettingCommune], values[model.SettingCommuneLabel] = place.INSEE, place.Label
	case cleared:
		values[model.SettingCommune], values[model.SettingCommuneLabel] = "", ""
	}
	return atlas.SetSettings(values)
}

// askPracticeCommune asks once, at the first run, where the practice is;
// the GP may answer later. Only an answer or « Plus tard » stops the
// question from coming back.
func (v *mainView) askPracticeCommune() {
	atlas := v.env.atlas
	win := v.env.win
	var f *formDialog
	later := func() {
		async(func() {
			if err := atlas.SetSettings(map[string]string{model.SettingCommuneAsked: "1"}); err != nil {
				fyne.Do(func() { showError(win, err) })
			}
		})
	}
	f = newFormDialog(win, lang.L("Bienvenue dans Atlas RI"), later)
	field := newPlaceField(v.env.engine, f.layer, lang.L("Commune ou code postal du cabinet"), true)
	named(field.entry, "welcome")
	msg := wrapped(lang.L("Dans quelle commune est votre cabinet ? Atlas RI cherchera autour d'elle par défaut. Vous pourrez la changer dans les paramètres."))
	problem := wrapped("")
	problem.Importance = widget.DangerImportance
	problem.Hide()
	save := func() {
		text, picked := field.entry.Text, field.picked
		if strings.TrimSpace(text) == "" {
			problem.SetText(lang.L("Indiquez la commune ou le code postal du cabinet, ou choisissez « Plus tard »."))
			problem.Show()
			return
		}
		async(func() {
			r := field.resolve(text, picked)
			var err error = r.err
			if err == nil && len(r.others) == 0 {
				err = atlas.SetSettings(map[string]string{model.SettingCommuneAsked: "1",
					model.SettingCommune: r.place.INSEE, model.SettingCommuneLabel: r.place.Label})
			}
			fyne.Do(func() {
				switch {
				case err != nil:
					problem.SetText(capitalizeFirst(err.Error()))
					problem.Show()
				case len(r.others) > 0:
					problem.SetText(lang.L("Plusieurs communes correspondent : choisissez la vôtre dans la liste."))
					problem.Show()
					field.showAlternatives(r)
				default:
					f.close()
					v.setPlace(*r.place)
					v.runSearch()
				}
			})
		})
	}
	field.entry.OnSubmit = func(string) { save() }
	field.OnPlace = func(search.Location) { problem.Hide() }
	saveBtn := widgets.NewButtonWithIcon(lang.L("Enregistrer"), theme.ConfirmIcon(), save)
	saveBtn.Importance = widget.HighImportance
	laterBtn := widgets.NewButton(lang.L("Plus tard"), f.dismiss)
	f.setBody(container.NewVBox(msg, field.entry, problem), laterBtn, saveBtn)
	f.show(fyne.NewSize(560, 440))
	win.Canvas().Focus(field.entry)
}
