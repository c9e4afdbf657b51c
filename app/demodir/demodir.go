// Package demodir builds the demonstration directory: the 76 real
// establishments of the embedded seed, each at its own site with the
// address, switchboard and FINESS number of the national register (2020),
// with an indicative offer derived from its category. Nothing here claims that a
// named centre performs a procedure: every offer is marked indicative, with
// its reason and date, and the whole directory carries a visible label.
package demodir

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"atlasri/app/exchange"
	"atlasri/model"
	"atlasri/resources"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
)

// RuleDate is the date of the indicative offer rule below.
const RuleDate = "2026-11-26"

// Label is shown wherever the demonstration directory's centres are listed.
const Label = "Annuaire de démonstration : offre indicative, déduite de la catégorie de l'établissement. " +
	"À vérifier auprès du centre avant tout adressage."

// Source names where the establishments (not their offers) come from.
const Source = "Établissements, adresses, standards et positions : " + RegisterAttribution + ", extrait du " + RegisterDateFR + " ; " +
	"offre de soins indicative selon la règle Atlas RI du " + RuleDate

// The register the seed was matched to, as the product must credit it.
const (
	RegisterAttribution = "Source : FINESS (ministère de la Santé), via Eurostat GISCO"
	RegisterDateFR      = "06/03/2020"
	// ContactSource is what the window and letters print beside an
	// address or switchboard taken from the register (« standard, FINESS
	// 2020 »): which register, and how old.
	ContactSource = "FINESS 2020"
)

// posNote says why a register position is not the building's.
func posNote(geoQual int) string {
	switch geoQual {
	case resources.GeoStreet:
		return "position approchée : géocodage du registre FINESS à la rue"
	case resources.GeoApproximate:
		return "position approchée : géocodage approximatif du registre FINESS"
	}
	return ""
}

var phonePattern = regexp.MustCompile(`^0[1-9]( [0-9]{2}){4}$`)

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
		out = append(out, model.Offer{ProcedureID: p.ID, Origin: model.OfferIndicative, Reason: r.reason, CheckedOn: RuleDate, Source: "règle d'offre indicative Atlas RI"})
	}
	return out, nil
}

// Build assembles the demonstration directory from the embedded seed:
// each centre at the register's position of its site, with its postal
// address, switchboard and FINESS number. A row whose values do not hold
// (commune, département, FINESS check digit, phone, position far from the
// commune) is refused with its line.
func Build(seed []resources.DemoEstablishment, cat model.Catalogue, communes map[string]model.Commune) (model.Directory, error) {
	d := model.Directory{Version: "demo-" + RuleDate, Date: RuleDate, Indicative: true, Label: Label, Source: Source}
	ids := map[string]int{}
	finess := map[string]int{}
	for i, e := range seed {
		line := i + 2
		c, ok := communes[e.INSEE]
		if !ok {
			return d, fmt.Errorf("demo-establishments.tsv, ligne %d : commune %s (%s) inconnue", line, e.INSEE, e.Commune)
		}
		if c.Dept != e.Dept {
			return d, fmt.Errorf("demo-establishments.tsv, ligne %d : la commune %s est dans le %s, pas le %s", line, e.INSEE, c.Dept, e.Dept)
		}
		if err := checkRegisterRow(e, c); err != nil {
			return d, fmt.Errorf("demo-establishments.tsv, ligne %d : %w", line, err)
		}
		if prev, dup := finess[e.FINESS]; dup {
			return d, fmt.Errorf("demo-establishments.tsv, ligne %d : numéro FINESS %s déjà donné ligne %d", line, e.FINESS, prev)
		}
		finess[e.FINESS] = line
		offers, err := Offers(e.Category, cat)
		if err != nil {
			return d, fmt.Errorf("demo-establishments.tsv, ligne %d : %w", line, err)
		}
		id := model.Slug(e.Name)
		if ids[id]++; ids[id] > 1 {
			id = fmt.Sprintf("%s-%d", id, ids[id])
		}
		d.Centres = append(d.Centres, model.Centre{
			ID: id, Name: e.Name, Category: e.Category, Sector: rules[e.Category].sector,
			INSEE: e.INSEE, Commune: c.Name, Dept: c.Dept, Pos: orb.Point{e.Lon, e.Lat},
			Address: oneSpace(e.Address), Postcode: e.Postcode, CityLabel: oneSpace(e.CityLabel), Phone: e.Phone, FINESS: e.FINESS,
			ContactSource: ContactSource, PosNote: posNote(e.GeoQual),
			Source: Source, CheckedOn: RuleDate, Offers: offers,
		})
	}
	sort.SliceStable(d.Centres, func(i, j int) bool { return d.Centres[i].ID < d.Centres[j].ID })
	return d, nil
}

// oneSpace folds the runs of spaces the register leaves in its labels
// ("LYON  04"), as the exchange format does on import.
func oneSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// maxFromCommuneKm is how far a site may lie from its commune's point:
// a hospital campus sits in or next to its commune (Salouël for Amiens).
const maxFromCommuneKm = 15

// checkRegisterRow checks the register's values of a seed row.
func checkRegisterRow(e resources.DemoEstablishment, c model.Commune) error {
	switch {
	case !exchange.ValidFINESS(e.FINESS):
		return fmt.Errorf("numéro FINESS %q invalide (9 caractères, clé de contrôle)", e.FINESS)
	case e.FINESS[:2] != e.Dept[:2] && !(e.Dept == "976" && e.FINESS[:2] == "98"):
		return fmt.Errorf("numéro FINESS %s : ne commence pas par le département %s", e.FINESS, e.Dept)
	case e.Phone != "" && !phonePattern.MatchString(e.Phone):
		return fmt.Errorf("téléphone %q : 10 chiffres groupés par deux attendus", e.Phone)
	}
	if c.Located() {
		if km := geo.DistanceHaversine(orb.Point{e.Lon, e.Lat}, c.Pos) / 1000; km > maxFromCommuneKm {
			return fmt.Errorf("position du registre à %.0f km de %s : à vérifier", km, c.Name)
		}
	}
	return nil
}
