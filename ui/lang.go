package ui

import (
	"embed"
	"fmt"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"atlasri/app/procsheet"
	"atlasri/model"
)

// The interface is written in French, and translated through Fyne's lang
// package. Fyne picks a translation by the operating system's locale, but
// the GP's setting must win (a French GP on an English Windows), so the
// chosen language's file is registered under the system's locale. A change
// applies at the next start.
//
//go:embed translations
var translations embed.FS

// Languages the interface speaks.
const (
	LangFrench  = "fr"
	LangEnglish = "en"
)

// languageOnce loads the language once per run: the window may be rebuilt
// (after an update), and a change of language waits for the next start.
var languageOnce sync.Once

// LoadLanguage makes the interface speak language (French by default). The
// first call of the run decides.
func LoadLanguage(language string) (err error) {
	languageOnce.Do(func() { err = loadLanguage(language) })
	return err
}

func loadLanguage(language string) error {
	if language != LangEnglish {
		language = LangFrench
	}
	currentLanguage = language
	b, err := translations.ReadFile("translations/" + language + ".json")
	if err != nil {
		return err
	}
	// Under the base language ("fr", not "fr-FR"), where Fyne keeps its own
	// strings too.
	base, _, _ := strings.Cut(lang.SystemLocale().String(), "-")
	if err := lang.AddTranslationsForLocale(b, fyne.Locale(base)); err != nil {
		return fmt.Errorf("traduction %s illisible : %w", language, err)
	}
	return nil
}

// contactLabels name the lines of a centre's contact details.
var contactLabels = []string{"Adresse", "Téléphone", "Courriel", "MSSanté", "Site", "Praticiens", "Position approchée",
	"Adresse (FINESS 2020)", "Téléphone (standard, FINESS 2020)"}

// dynamicKeys lists the translation keys that reach lang.L through a
// variable rather than a literal, so the completeness test sees them.
func dynamicKeys() []string {
	keys := append([]string{}, contactLabels...)
	for _, r := range radii {
		keys = append(keys, r.label)
	}
	keys = append(keys, originFilters...)
	keys = append(keys, shadeModes...)
	for _, l := range requestLabels {
		keys = append(keys, l)
	}
	for _, s := range []model.Sector{model.SectorPublic, model.SectorPrivateNonProfit, model.SectorPrivate} {
		keys = append(keys, s.LabelFR())
	}
	keys = append(keys, "hors aorte thoracique", model.Unconfirmed)
	return append(keys, procsheet.UncertainNote)
}

// currentLanguage is the language the interface speaks this run.
var currentLanguage = LangFrench

// english reports whether the interface speaks English this run.
func english() bool { return currentLanguage == LangEnglish }

// procedureName is a procedure's name in the interface's language; fr is
// the French name to fall back on.
func procedureName(eng interface {
	Procedure(string) (model.Procedure, bool)
}, id, fr string) string {
	if english() {
		if p, ok := eng.Procedure(id); ok && p.NameEN != "" {
			return p.NameEN
		}
	}
	return fr
}

// familyName is a family's name in the interface's language.
func familyName(f model.Family) string {
	if english() && f.NameEN != "" {
		return f.NameEN
	}
	return f.NameFR
}

// labelled writes "label : value" the French way, "label: value" in
// English.
func labelled(label, value string) string {
	return fmt.Sprintf(lang.L("%s : %s"), lang.L(label), value)
}
