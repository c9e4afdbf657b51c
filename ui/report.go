package ui

import (
	"fmt"
	"net/url"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"atlasri/app"
	"atlasri/model"
	"atlasri/ui/widgets"
)

// reportText prepares the message a GP sends to report a mistake in a
// centre's record: it names the record and the directory's version, and
// leaves the GP to say what is wrong. No patient data belongs here.
func reportText(c model.Centre, dirVersion, dirDate string) string {
	return strings.Join([]string{
		"Signalement d'une erreur dans l'annuaire Atlas RI",
		"",
		fmt.Sprintf("Centre : %s (%s, %s)", c.Name, c.Commune, c.Dept),
		"Identifiant : " + c.ID,
		fmt.Sprintf("Annuaire : %s du %s ; Atlas RI %s", dirVersion, dirDate, app.Version),
		"",
		"Ce qui est inexact :",
		"",
		"Ce qui serait exact, et d'où vient l'information :",
		"",
	}, "\n")
}

// reportError opens the message in an editable dialog the GP can copy,
// save as a text file or open in the mail program: it works offline.
func (v *mainView) reportError(c model.Centre) {
	atlas := v.env.atlas
	async(func() {
		info, _ := atlas.DirectoryInfo()
		fyne.Do(func() { v.reportDialog(c, info.Version, info.Date) })
	})
}

func (v *mainView) reportDialog(c model.Centre, ver, date string) {
	text := widgets.NewMultiLineField()
	text.SetText(reportText(c, ver, date))
	text.SetMinRowsVisible(12)
	intro := wrapped(lang.L("Décrivez l'erreur, puis copiez le message ou ouvrez-le dans votre messagerie pour l'envoyer au gestionnaire de l'annuaire. N'y mettez aucune donnée de patient."))
	f := newFormDialog(v.env.win, lang.L("Signaler une erreur"), nil)
	copyBtn := widgets.NewButtonWithIcon(lang.L("Copier le message"), theme.ContentCopyIcon(), func() {
		fyne.CurrentApp().Clipboard().SetContent(text.Text)
		v.setStatus(lang.L("Message copié : collez-le dans votre messagerie."))
		f.close()
	})
	mail := widgets.NewButtonWithIcon(lang.L("Ouvrir dans la messagerie"), theme.MailSendIcon(), func() {
		u := &url.URL{Scheme: "mailto", RawQuery: "subject=" + url.QueryEscape("Atlas RI : erreur sur "+c.Name) +
			"&body=" + url.QueryEscape(text.Text)}
		u.RawQuery = strings.ReplaceAll(u.RawQuery, "+", "%20")
		if err := v.env.app.OpenURL(u); err != nil {
			showError(v.env.win, err)
		}
	})
	f.setBody(container.NewBorder(intro, nil, nil, nil, text), widgets.NewButton(lang.L("Fermer"), f.dismiss), mail, copyBtn)
	f.show(fyne.NewSize(640, 480))
	v.env.win.Canvas().Focus(text)
}
