package ui

import (
	"fmt"

	"fyne.io/fyne/v2/lang"

	"atlasri/model"
)

// What backs a centre's offer, as the window says it: the site's ARS
// authorisation (national register), the centre's own declaration, or
// the indicative rule.

// mentionLabel is « mention C », « mention B, hors aorte thoracique ».
func mentionLabel(a model.Authorisation) string {
	s := fmt.Sprintf(lang.L("mention %s"), a.Mention)
	switch a.Practice {
	case model.PracticeNoThoracicAo:
		s += lang.L(", hors aorte thoracique")
	case model.PracticeThoracicAorta:
		s += lang.L(", aorte thoracique comprise")
	}
	return s
}

// authorisationLine is the card's line « Autorisation ARS : radiologie
// interventionnelle, mention C (depuis le 01/10/2024) ».
func authorisationLine(a model.Authorisation) string {
	if a.Start == "" {
		return fmt.Sprintf(lang.L("Autorisation ARS : radiologie interventionnelle, %s"), mentionLabel(a))
	}
	return fmt.Sprintf(lang.L("Autorisation ARS : radiologie interventionnelle, %s (depuis le %s)"), mentionLabel(a), model.DateFR(a.Start))
}

// registerLine says where and when the authorisation was read, and its
// number: « D'après le registre FINESS+ du 01/04/2026 ; autorisation
// n° 27-66-77777. »
func registerLine(a model.Authorisation) string {
	s := fmt.Sprintf(lang.L("Source : %s."), a.SourceFR())
	if a.Number != "" {
		s += " " + fmt.Sprintf(lang.L("Autorisation n° %s."), a.Number)
	}
	if a.End != "" {
		s += " " + fmt.Sprintf(lang.L("Valable jusqu'au %s."), model.DateFR(a.End))
	}
	return s
}

// originHeading titles the card's procedures of one origin.
func originHeading(o model.OfferOrigin, a model.Authorisation) string {
	switch o {
	case model.OfferDeclared:
		return lang.L("Déclarés par le centre")
	case model.OfferAuthorised:
		return fmt.Sprintf(lang.L("Permis par l'autorisation du site (%s), sans dire que le centre les pratique"), mentionLabel(a))
	}
	return lang.L("Indicatifs, déduits de la catégorie de l'établissement")
}

// originFilters are the choices of the « autorisés / déclarés » filter.
var originFilters = []string{"Toutes les offres", "Autorisés (ARS)", "Déclarés"}
