package register

import (
	"strconv"

	"atlasri/app/finessplus"
	"atlasri/model"
)

// SectorOf says whether a site is public, private non-profit or private,
// from its legal entity's status (nomenclature TRE_R72 of the ANS, version
// 20240329120000: codes 01 to 30 are the State, local authorities and
// public establishments; 40 to 66 social security bodies, mutual
// societies, associations, foundations, congregations and other
// non-profit bodies; 70 and above natural persons and companies) and the
// site's ESPIC flag (TRE_R73: 1 public health establishment, 2 to 6 the
// private establishments of collective interest or their forerunners).
// It returns "" when neither tells.
func SectorOf(status string, espic []finessplus.Str) (model.Sector, bool) {
	for _, e := range espic {
		switch e {
		case "1":
			return model.SectorPublic, true
		case "2", "3", "4", "5", "6":
			return model.SectorPrivateNonProfit, true
		}
	}
	n, err := strconv.Atoi(status)
	switch {
	case err != nil || n <= 0:
		return "", false
	case n <= 30:
		return model.SectorPublic, true
	case n >= 40 && n <= 66:
		return model.SectorPrivateNonProfit, true
	case n >= 70 && n < 100:
		return model.SectorPrivate, true
	}
	return "", false
}

// categories are the register's categories of health establishments
// (nomenclature TRE_R66, as the value set « FR Core ValueSet Categorie
// SAE Etablissement » of Interop'Santé lists them from version
// 20250425120000), with the short name the directory shows for the
// usual ones. A CHU is, in the register, a CHR: the category says so.
var categories = map[string][2]string{
	"101": {"CHR", "Centre hospitalier régional (CHR)"},
	"106": {"CH", "Centre hospitalier, ex Hôpital local"},
	"109": {"", "Etablissement de santé privé autorisé en SSR"},
	"114": {"Hôpital des armées", "Hôpital des Armées"},
	"115": {"", "Etablissement de soins du service de santé des Armées"},
	"122": {"", "Établissement de soins obstétriques et chirurgico-gynécologiques"},
	"127": {"", "Hospitalisation à domicile"},
	"128": {"", "Établissement de soins chirurgicaux"},
	"129": {"", "Établissement de soins médicaux"},
	"131": {"CLCC", "Centre de lutte contre le cancer (CLCC)"},
	"141": {"", "Centre de dialyse"},
	"146": {"", "Structure d'alternative à la dialyse en centre"},
	"156": {"", "Centre médico-psychologique (CMP)"},
	"161": {"", "Maison de santé pour maladies mentales"},
	"292": {"CHS", "Centre hospitalier spécialisé dans la lutte contre les maladies mentales (CHS)"},
	"355": {"CH", "Centre hospitalier non dénommé ailleurs (CH)"},
	"362": {"", "Etablissement de soins longue durée (SLD)"},
	"365": {"", "Etablissement de soins pluridisciplinaire"},
	"366": {"", "Atelier thérapeutique"},
	"412": {"", "Appartement thérapeutique"},
	"415": {"", "Service médico-psychologique régional (SMPR)"},
	"422": {"", "Traitements spécialisés à domicile"},
	"425": {"", "Centre d'accueil thérapeutique à temps partiel (CATTP)"},
	"426": {"", "Syndicat Inter Hospitalier (SIH)"},
	"430": {"", "Centre de postcure pour malades mentaux"},
	"433": {"", "Etablissement sanitaire des prisons"},
	"444": {"", "Centre Crise ou d'accueil Permanent"},
	"695": {"", "Groupement de coopération sanitaire de moyens - Exploitant GCS-Exploitant"},
	"696": {"", "Groupement de coopération sanitaire de moyens GCS-Moyens"},
	"697": {"", "Groupement de coopération sanitaire - Etablissement de santé GCS-ES"},
	"698": {"", "Autre établissement soumis aux dispositions de la loi hospitalière"},
	"699": {"", "Entité Ayant Autorisation"},
}

// CategoryOf is the category the directory shows for a register code:
// the short name when there is one (CHR, CH, CLCC), else the label, else
// « catégorie FINESS » and the code.
func CategoryOf(code string) string {
	if c, ok := categories[code]; ok {
		if c[0] != "" {
			return c[0]
		}
		return c[1]
	}
	if code == "" {
		return ""
	}
	return "catégorie FINESS " + code
}
