package main

import (
	"fmt"
	"sort"
)

// Values of the source column of postcodes.tsv, named after the list a
// pair comes from.
const (
	// pcDecoupage: only in @etalab/decoupage-administratif's codesPostaux,
	// which Etalab builds from La Poste's base officielle des codes postaux.
	pcDecoupage = "decoupage"
	// pcCodesPostaux: only in the codes-postaux package, built from the
	// INSEE COG and the DGFiP FIMOCT file (per its README); it adds special
	// distribution codes such as 34295.
	pcCodesPostaux = "codes-postaux"
	pcBoth         = "both"
)

// pcSources lists the source values in report order.
var pcSources = []string{pcDecoupage, pcCodesPostaux, pcBoth}

// pcPair is one (postcode, commune) row of postcodes.tsv.
type pcPair struct {
	Postcode string
	Insee    string
	Source   string
}

// communeResolver maps any commune code found in postcode data to the row
// of communes.tsv it belongs to.
type communeResolver struct {
	rows   map[string]bool   // codes of communes.tsv rows
	parent map[string]string // déléguée/associée or former code -> current commune
}

// resolve returns the communes.tsv code for code and how it got there
// ("direct" or "former"), or false and why not.
// Arrondissements municipaux resolve to themselves: they have their own
// row, whose parent column links to the commune.
func (cr communeResolver) resolve(code string) (string, string, bool) {
	if cr.rows[code] {
		return code, "direct", true
	}
	if p, ok := cr.parent[code]; ok {
		if cr.rows[p] {
			return p, "former", true
		}
		return "", "former code of a commune that is not a row", false
	}
	return "", "unknown commune code", false
}

// droppedRow is a codes-postaux row that could not be placed.
type droppedRow struct {
	Row    codesPostauxRow
	Reason string
}

// mergePostcodes merges the decoupage-administratif pairs with the
// codes-postaux rows. decoupage pairs are already keyed by communes.tsv
// codes; codes-postaux rows are resolved first, and dropped when that
// fails. The result is sorted by postcode then INSEE code, without
// duplicates.
func mergePostcodes(decoupage map[string][]string, cp []codesPostauxRow, cr communeResolver) ([]pcPair, []droppedRow, map[string]int) {
	type key struct{ pc, insee string }
	seen := map[key]string{}
	for code, pcs := range decoupage {
		for _, pc := range pcs {
			seen[key{pc, code}] = pcDecoupage
		}
	}
	howCount := map[string]int{}
	var dropped []droppedRow
	for _, r := range cp {
		code, how, ok := cr.resolve(r.Commune)
		if !ok {
			dropped = append(dropped, droppedRow{r, how})
			continue
		}
		howCount[how]++
		k := key{r.Postcode, code}
		switch seen[k] {
		case pcDecoupage, pcBoth:
			seen[k] = pcBoth
		default:
			seen[k] = pcCodesPostaux
		}
	}
	out := make([]pcPair, 0, len(seen))
	for k, src := range seen {
		out = append(out, pcPair{k.pc, k.insee, src})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Postcode != out[j].Postcode {
			return out[i].Postcode < out[j].Postcode
		}
		return out[i].Insee < out[j].Insee
	})
	sort.Slice(dropped, func(i, j int) bool {
		a, b := dropped[i].Row, dropped[j].Row
		if a.Postcode != b.Postcode {
			return a.Postcode < b.Postcode
		}
		return a.Commune < b.Commune
	})
	return out, dropped, howCount
}

// postcodesByCommune groups merged pairs by commune, each list sorted.
func postcodesByCommune(pairs []pcPair) map[string][]string {
	out := map[string][]string{}
	for _, p := range pairs { // pairs are sorted by postcode already
		out[p.Insee] = append(out[p.Insee], p.Postcode)
	}
	return out
}

// validPostcode checks the 5-digit shape, so that a stray value in either
// source cannot slip into the TSV.
func validPostcode(pc string) error {
	if len(pc) != 5 {
		return fmt.Errorf("postcode %q: want 5 digits", pc)
	}
	for i := 0; i < len(pc); i++ {
		if pc[i] < '0' || pc[i] > '9' {
			return fmt.Errorf("postcode %q: want 5 digits", pc)
		}
	}
	return nil
}
