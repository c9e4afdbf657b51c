package main

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/paulmach/orb/planar"
)

// nearKm is how far outside its département polygon a commune may lie
// before it counts as suspicious. With Natural Earth's 1:10m coasts 407
// communes lay outside, up to 8.1 km (Saint-Briac-sur-Mer); IGN's outlines
// leave only GeoNames points set on the shore or just offshore.
const nearKm = 10

// offender is a commune whose position lies outside its département.
type offender struct {
	Insee, Name, Dept, Source string
	Km, RawKm                 float64 // to the written polygon, to the source one
}

// checks are the self-verifications geogen runs on its own output.
type checks struct {
	inside, near, far int // positions inside / within nearKm / beyond
	insideRaw         int // inside the unsimplified IGN polygon
	worst             []offender
	comRows           int         // communes of the collectivities: no outline, not checked
	comLocated        int         // of which with a position
	unlocated         []*commune  // rows without a position: all uninhabited
	pcWithoutPos      []pcNoPlace // postcodes whose communes all lack a position
	invalidRings      int
	parisInside       int // Paris arrondissements inside their own outline
}

// pcNoPlace is a postcode none of whose communes has a position. geogen
// accepts one only if all those communes are uninhabited.
type pcNoPlace struct {
	Postcode string
	Communes []*commune
}

// uninhabited reports whether a commune has no inhabitants by the data:
// population 0, or none given (TAAF, Clipperton).
func (c *commune) uninhabited() bool { return c.Population == 0 }

// populationText is a commune's population for the reports.
func (c *commune) populationText() string {
	if c.NoPopulation {
		return "population not given"
	}
	return fmt.Sprintf("population %d", c.Population)
}

// unpositioned lists the rows without a position and the postcodes that
// lead only to such rows. Every postcode must lead to a commune with a
// position and every inhabited commune must have one, so an inhabited
// commune without a position, or a postcode whose communes all lack one
// without all being uninhabited, is an error.
func unpositioned(rows []*commune, pairs []pcPair) ([]*commune, []pcNoPlace, error) {
	byCode := map[string]*commune{}
	var none []*commune
	var inhabited []string
	for _, c := range rows {
		byCode[c.Insee] = c
		if c.located() {
			continue
		}
		none = append(none, c)
		if !c.uninhabited() {
			inhabited = append(inhabited, fmt.Sprintf("%s %s (%s, %s)", c.Insee, c.Name, c.Dept, c.populationText()))
		}
	}
	var pcs []string
	byPC := map[string][]*commune{}
	for _, p := range pairs {
		if _, seen := byPC[p.Postcode]; !seen {
			pcs = append(pcs, p.Postcode)
		}
		byPC[p.Postcode] = append(byPC[p.Postcode], byCode[p.Insee])
	}
	sort.Strings(pcs)
	var out []pcNoPlace
	var bad []string
	for _, pc := range pcs {
		cs := byPC[pc]
		placed, people := false, false
		for _, c := range cs {
			if c == nil {
				return nil, nil, fmt.Errorf("postcode %s: commune not in communes.tsv", pc)
			}
			placed = placed || c.located()
			people = people || !c.uninhabited()
		}
		if placed {
			continue
		}
		sort.Slice(cs, func(i, j int) bool { return cs[i].Insee < cs[j].Insee })
		out = append(out, pcNoPlace{pc, cs})
		if people {
			bad = append(bad, pc)
		}
	}
	var errs []string
	if len(inhabited) > 0 {
		errs = append(errs, fmt.Sprintf("%d inhabited communes without a position: %s", len(inhabited), strings.Join(inhabited, ", ")))
	}
	if len(bad) > 0 {
		errs = append(errs, fmt.Sprintf("%d postcodes lead only to communes without a position, not all uninhabited: %s", len(bad), strings.Join(bad, ", ")))
	}
	if len(errs) > 0 {
		return none, out, fmt.Errorf("%s", strings.Join(errs, "; "))
	}
	return none, out, nil
}

func runChecks(res *result, in *inputs) (checks, error) {
	var ck checks
	geom := map[string]*dept{}
	for _, d := range res.depts {
		geom[d.Code] = d
		for _, p := range d.Geom {
			for _, r := range p {
				if !ringValid(r) {
					ck.invalidRings++
				}
			}
		}
	}
	var all []offender
	for _, c := range res.rows {
		if _, ok := res.territories[c.Dept]; ok {
			ck.comRows++
			if c.located() {
				ck.comLocated++
			}
			continue
		}
		d := geom[c.Dept]
		if d == nil {
			return ck, fmt.Errorf("commune %s: no polygon for département %s", c.Insee, c.Dept)
		}
		if !c.located() {
			return ck, fmt.Errorf("commune %s of département %s has no position", c.Insee, c.Dept)
		}
		if o, ok := in.paris[c.Insee]; ok {
			if c.PosSource != posOutlineCentroid || !planar.MultiPolygonContains(o, c.Pos) {
				return ck, fmt.Errorf("arrondissement %s at %v (%s): not inside its GEOFLA outline", c.Insee, c.Pos, c.PosSource)
			}
			ck.parisInside++
		}
		km := distanceOutsideKm(d.Geom, c.Pos)
		raw := distanceOutsideKm(in.polys[c.Dept], c.Pos)
		if raw == 0 {
			ck.insideRaw++
		}
		switch {
		case km == 0:
			ck.inside++
			continue
		case km <= nearKm:
			ck.near++
		default:
			ck.far++
		}
		all = append(all, offender{c.Insee, c.Name, c.Dept, c.PosSource, km, raw})
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].Km != all[j].Km {
			return all[i].Km > all[j].Km
		}
		return all[i].Insee < all[j].Insee
	})
	ck.worst = all[:min(len(all), 10)]
	// Every commune of a département has a position (checked above), so a
	// commune or postcode can only lack one through the collectivities, and
	// only if uninhabited.
	var err error
	if ck.unlocated, ck.pcWithoutPos, err = unpositioned(res.rows, res.pairs); err != nil {
		return ck, err
	}
	if ck.invalidRings > 0 || ck.far > 0 {
		return ck, fmt.Errorf("checks failed: %d invalid rings, %d communes more than %d km outside their département", ck.invalidRings, ck.far, nearKm)
	}
	return ck, nil
}

func (ck checks) markdown() string {
	var b strings.Builder
	total := ck.inside + ck.near + ck.far
	fmt.Fprintf(&b, "- every ring of `departements.bin` is closed, has 4+ points and does not cross itself; every label point lies inside its polygon\n")
	fmt.Fprintf(&b, "- every commune of the départements has a position, within %d km of its département's polygon\n", nearKm)
	fmt.Fprintf(&b, "- every commune with a population has a position; without one: %d communes, all uninhabited (population 0 or not given in communes.json)\n", len(ck.unlocated))
	if len(ck.pcWithoutPos) == 0 {
		fmt.Fprintf(&b, "- every postcode of `postcodes.tsv` has at least one commune with a position\n")
	} else {
		fmt.Fprintf(&b, "- every postcode of `postcodes.tsv` has at least one commune with a position, except %d whose communes are all uninhabited (uninhabited, no position source):\n", len(ck.pcWithoutPos))
		for _, p := range ck.pcWithoutPos {
			fmt.Fprintf(&b, "  - %s: %s\n", p.Postcode, p.communeList())
		}
	}
	fmt.Fprintf(&b, "- positions of communes of the départements inside their polygon: %d of %d; outside by at most %d km: %d; farther: %d (inside the unsimplified IGN polygon: %d). With Natural Earth's admin-1 outlines (before issue 12): 407 outside, up to 8.1 km\n",
		ck.inside, total, nearKm, ck.near, ck.far, ck.insideRaw)
	fmt.Fprintf(&b, "- every arrondissement of Paris placed at the centroid of its GEOFLA outline lies inside that outline: %d of 20\n", ck.parisInside)
	fmt.Fprintf(&b, "- communes of the overseas collectivities (no outline, not checked against one): %d, of which %d with a position\n", ck.comRows, ck.comLocated)
	if len(ck.worst) > 0 {
		b.WriteString("- farthest outside (km to the written polygon / to the source polygon):\n")
		for _, o := range ck.worst[:min(5, len(ck.worst))] {
			fmt.Fprintf(&b, "  - %s %s (%s, %s): %.1f / %.1f\n", o.Insee, o.Name, o.Dept, o.Source, o.Km, o.RawKm)
		}
	}
	return b.String()
}

func (ck checks) print(w io.Writer) {
	total := ck.inside + ck.near + ck.far
	fmt.Fprintf(w, "positions (départements): inside %d/%d, within %dkm %d, farther %d; inside raw IGN %d; Paris arrondissements inside their outline %d\n", ck.inside, total, nearKm, ck.near, ck.far, ck.insideRaw, ck.parisInside)
	fmt.Fprintf(w, "collectivities: %d communes, %d with a position (no outline to check against)\n", ck.comRows, ck.comLocated)
	for _, o := range ck.worst {
		fmt.Fprintf(w, "  %s %-30s %s %-20s %.2f km (raw %.2f km)\n", o.Insee, o.Name, o.Dept, o.Source, o.Km, o.RawKm)
	}
	for _, p := range ck.pcWithoutPos {
		fmt.Fprintf(w, "postcode %s: uninhabited, no position source: %s\n", p.Postcode, p.communeList())
	}
}

// communeList names the communes of a postcode without a position.
func (p pcNoPlace) communeList() string {
	parts := make([]string, len(p.Communes))
	for i, c := range p.Communes {
		parts[i] = fmt.Sprintf("%s %s (%s)", c.Insee, c.Name, c.populationText())
	}
	return strings.Join(parts, ", ")
}
