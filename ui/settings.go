package ui

import (
	"errors"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"atlasri/app/practice"
	"atlasri/model"
)

// showSettings opens the settings: the GP's identity for letters, the
// practice's commune, the theme and the language.
func (v *mainView) showSettings() {
	u := v.env.atlas
	gp, err := u.GP()
	if err != nil {
		dialog.ShowError(err, v.env.win)
		return
	}
	entries := map[string]*widget.Entry{}
	entry := func(key, value string) *widget.Entry {
		e := widget.NewEntry()
		e.SetText(value)
		entries[key] = e
		return e
	}
	address := widget.NewMultiLineEntry()
	address.SetText(gp.Address)
	address.SetMinRowsVisible(2)
	commune := newPlaceField(v.env.engine, lang.L("Commune du cabinet"), true)
	label, _ := u.Setting(model.SettingCommuneLabel)
	commune.SetTextFromPick(label)
	themeSel := widget.NewSelect([]string{lang.L("Comme le système"), lang.L("Clair"), lang.L("Sombre")}, nil)
	themes := []string{ThemeSystem, ThemeLight, ThemeDark}
	cur, _ := u.Setting(model.SettingTheme)
	themeSel.SetSelectedIndex(max(0, slices.Index(themes, cur)))
	langSel := widget.NewSelect([]string{"Français", "English"}, nil)
	langs := []string{LangFrench, LangEnglish}
	curLang, _ := u.Setting(model.SettingLanguage)
	langSel.SetSelectedIndex(max(0, slices.Index(langs, curLang)))

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
		widget.NewFormItem(lang.L("Commune du cabinet"), commune),
		widget.NewFormItem(lang.L("Thème"), themeSel),
		widget.NewFormItem(lang.L("Langue"), langSel),
	)
	read := func() practice.GP {
		return practice.GP{
			Title: entries[model.SettingGPTitle].Text, FirstName: entries[model.SettingGPFirstName].Text,
			LastName: entries[model.SettingGPLastName].Text, Specialty: entries[model.SettingGPSpecialty].Text,
			Practice: entries[model.SettingGPPractice].Text, Address: address.Text,
			Postcode: entries[model.SettingGPPostcode].Text, City: entries[model.SettingGPCity].Text,
			Phone: entries[model.SettingGPPhone].Text, Email: entries[model.SettingGPEmail].Text,
			MSSante: entries[model.SettingGPMSSante].Text, RPPS: entries[model.SettingGPRPPS].Text,
		}
	}
	d := dialog.NewCustomConfirm(lang.L("Paramètres"), lang.L("Enregistrer"), lang.L("Annuler"),
		container.NewVScroll(form), func(ok bool) {
			if !ok {
				return
			}
			if err := v.saveSettings(read(), commune, themes[themeSel.SelectedIndex()], langs[langSel.SelectedIndex()]); err != nil {
				dialog.ShowError(err, v.env.win)
			}
		}, v.env.win)
	d.Resize(fyne.NewSize(560, 640))
	d.Show()
}

// saveSettings stores the settings; the identity is checked first and
// nothing is stored when it is wrong.
func (v *mainView) saveSettings(gp practice.GP, commune *placeField, themeChoice, language string) error {
	u := v.env.atlas
	if gp.Normalized() != (practice.GP{}) {
		if err := u.SaveGP(gp); err != nil {
			return err
		}
	}
	values := map[string]string{model.SettingTheme: themeChoice, model.SettingLanguage: language}
	switch {
	case commune.picked != nil:
		values[model.SettingCommune], values[model.SettingCommuneLabel] = commune.picked.INSEE, commune.picked.Label
	case commune.Text == "":
		values[model.SettingCommune], values[model.SettingCommuneLabel] = "", ""
	}
	old, _ := u.Setting(model.SettingLanguage)
	if err := u.SetSettings(values); err != nil {
		return err
	}
	ApplyTheme(v.env.app, themeChoice)
	if old != language && !(old == "" && language == LangFrench) {
		dialog.ShowInformation(lang.L("Langue"), lang.L("La nouvelle langue s'appliquera au prochain démarrage d'Atlas RI."), v.env.win)
	}
	return nil
}

// askPracticeCommune asks once, at the first run, where the practice is;
// the GP may skip it.
func (v *mainView) askPracticeCommune() {
	u := v.env.atlas
	if asked, _ := u.Setting(model.SettingCommuneAsked); asked != "" {
		return
	}
	if code, _ := u.Setting(model.SettingCommune); code != "" {
		return
	}
	field := newPlaceField(v.env.engine, lang.L("Commune ou code postal du cabinet"), true)
	msg := wrapped(lang.L("Dans quelle commune est votre cabinet ? Atlas RI cherchera autour d'elle par défaut. Vous pourrez la changer dans les paramètres."))
	d := dialog.NewCustomConfirm(lang.L("Bienvenue dans Atlas RI"), lang.L("Enregistrer"), lang.L("Plus tard"),
		container.NewVBox(msg, field), func(ok bool) {
			values := map[string]string{model.SettingCommuneAsked: "1"}
			if ok && field.picked != nil {
				values[model.SettingCommune], values[model.SettingCommuneLabel] = field.picked.INSEE, field.picked.Label
			}
			if err := u.SetSettings(values); err != nil {
				dialog.ShowError(err, v.env.win)
				return
			}
			if ok && field.picked != nil {
				v.setPlace(*field.picked)
				v.runSearch()
			} else if ok {
				dialog.ShowError(errors.New(lang.L("Choisissez la commune dans la liste proposée.")), v.env.win)
			}
		}, v.env.win)
	d.Resize(fyne.NewSize(520, 260))
	d.Show()
	v.env.win.Canvas().Focus(field)
}
