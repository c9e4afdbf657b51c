// Package demodir builds the demonstration directory: the 76 real
// establishments of the embedded seed, each positioned at its commune, with
// an indicative offer derived from its category. Nothing here claims that a
// named centre performs a procedure: every offer is marked indicative, with
// its reason and date, and the whole directory carries a visible label.
package demodir

import (
	"fmt"
	"sort"

	"atlasri/model"
	"atlasri/resources"
)

// RuleDate is the date of the indicative offer rule below.
const RuleDate = "2026-11-26"

// Label is shown wherever the demonstration directory's centres are listed.
const Label = "Annuaire de démonstration : offre indicative, déduite de la catégorie de l'établissement. " +
	"À vérifier auprès du centre avant tout adressage."

// Source names where the establishments (not their offers) come from.
const Source = "Établissements vérifiés dans le répertoire national FINESS (ministère de la Santé) ; " +
	"offre de soins indicative selon la règle Atlas RI du " + RuleDate

// rule says which procedures a category of establishment usually offers.
type rule struct {
	families   []string
	procedures []string
	except     []string
	sector     model.Sector
	reason     string
}

// Neuroradiology is left out everywhere: the product has no source saying
// which hospital holds that specific authorisation.
var rules = map[string]rule{
	"CHU": {
		families: []string{"douleur", "embolisation", "chimio-radio-embolisation", "destruction-tumorale",
			"biopsies", "arteriel", "veineux", "acces-drainages", "senologie"},
		sector: model.SectorPublic,
		reason: "offre habituelle d'un CHU, à confirmer auprès du centre",
	},
	"CLCC": {
		families:   []string{"biopsies", "destruction-tumorale", "chimio-radio-embolisation", "acces-drainages"},
		procedures: []string{"cimentoplastie-extra-vertebrale", "vertebroplastie"},
		// Parietal endometriosis is not a cancer: a cancer centre's usual
		// offer says nothing about it.
		except: []string{"cryoablation-endometriose-parietale"},
		sector: model.SectorPrivateNonProfit,
		reason: "offre habituelle d'un centre de lutte contre le cancer, à confirmer",
	},
	"CH": {
		families: []string{"biopsies"},
		procedures: []string{"drainage-biliaire-percutane", "nephrostomie-percutanee", "drainage-percutane-collection",
			"pose-picc-line", "pose-chambre-implantable"},
		sector: model.SectorPublic,
		reason: "offre habituelle d'un centre hospitalier (biopsies, drainages, accès veineux), à confirmer",
	},
}

func init() {
	// A regional hospital (CHR) follows the university hospitals' rule.
	r := rules["CHU"]
	r.reason = "offre habituelle d'un CHR, à confirmer auprès du centre"
	rules["CHR"] = r
}

// Offers lists the indicative offers of a category, in catalogue order.
func Offers(category string, cat model.Catalogue) ([]model.Offer, error) {
	r, ok := rules[category]
	if !ok {
		return nil, fmt.Errorf("catégorie d'établissement inconnue %q", category)
	}
	in := func(list []string, v string) bool {
		for _, x := range list {
			if x == v {
				return true
			}
		}
		return false
	}
	var out []model.Offer
	for _, p := range cat.Procedures {
		if in(r.except, p.ID) || !(in(r.families, p.Family) || in(r.procedures, p.ID)) {
			continue
		}
		out = append(out, model.Offer{ProcedureID: p.ID, Reason: r.reason, CheckedOn: RuleDate, Source: "règle d'offre indicative Atlas RI"})
	}
	return out, nil
}

// Build assembles the demonstration directory from the embedded seed,
// positioning each centre at its commune.
func Build(seed []resources.DemoEstablishment, cat model.Catalogue, communes map[string]model.Commune) (model.Directory, error) {
	d := model.Directory{Version: "demo-" + RuleDate, Date: RuleDate, Indicative: true, Label: Label, Source: Source}
	ids := map[string]int{}
	for i, e := range seed {
		c, ok := communes[e.INSEE]
		if !ok {
			return d, fmt.Errorf("demo-establishments.tsv, ligne %d : commune %s (%s) inconnue", i+2, e.INSEE, e.Commune)
		}
		if c.Dept != e.Dept {
			return d, fmt.Errorf("demo-establishments.tsv, ligne %d : la commune %s est dans le %s, pas le %s", i+2, e.INSEE, c.Dept, e.Dept)
		}
		offers, err := Offers(e.Category, cat)
		if err != nil {
			return d, fmt.Errorf("demo-establishments.tsv, ligne %d : %w", i+2, err)
		}
		id := model.Slug(e.Name)
		if ids[id]++; ids[id] > 1 {
			id = fmt.Sprintf("%s-%d", id, ids[id])
		}
		d.Centres = append(d.Centres, model.Centre{
			ID: id, Name: e.Name, Category: e.Category, Sector: rules[e.Category].sector,
			INSEE: e.INSEE, Commune: c.Name, Dept: c.Dept, Pos: c.Pos,
			Source: Source, CheckedOn: RuleDate, Offers: offers,
		})
	}
	sort.SliceStable(d.Centres, func(i, j int) bool { return d.Centres[i].ID < d.Centres[j].ID })
	return d, nil
}
