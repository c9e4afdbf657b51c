package main

import (
	"fmt"
	"sort"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// dept is one département of departements.bin.
type dept struct {
	Code, Name, RegionCode, RegionName string
	Geom                               orb.MultiPolygon
	Land                               []int // landmass of each polygon of Geom
	Label                              orb.Point
}

// Simplification settings; see README.md for how they were chosen.
const (
	simplifyTolerance = 0.005 // degrees, about 400-550 m in France
	minKeepKm2        = 1.0   // rings smaller than this may vanish
)

// collectivite is one row of collectivites.tsv: an overseas collectivity
// (975 Saint-Pierre-et-Miquelon, 987 Polynésie française, ...). It has
// communes but no outline, so it is not in departements.bin.
type collectivite struct {
	Code, Name string
}

// buildDepts joins INSEE's départements with the IGN polygons and their
// landmasses. Codes with a polygon become départements; codes without one
// are the overseas collectivities (IGN has none for 975, 977, ...). Zones are
// cross-checked so that a département losing its polygon cannot quietly
// turn into a collectivity.
func buildDepts(insee []inseeDept, regions []inseeRegion, polys map[string]orb.MultiPolygon, land map[string][]int, st *geomStats) ([]*dept, []collectivite, error) {
	regionName := map[string]string{}
	for _, r := range regions {
		regionName[r.Code] = r.Name
	}
	known := map[string]bool{}
	var out []*dept
	var coms []collectivite
	shared := sharedSimplify(polys, simplifyTolerance)
	for _, d := range insee {
		if known[d.Code] {
			return nil, nil, fmt.Errorf("département %s listed twice", d.Code)
		}
		known[d.Code] = true
		mp, ok := polys[d.Code]
		if !ok {
			if d.Zone != zoneCOM {
				return nil, nil, fmt.Errorf("département %s (zone %q): no outline", d.Code, d.Zone)
			}
			if _, ok := comCountry[d.Code]; !ok {
				return nil, nil, fmt.Errorf("collectivity %s: no GeoNames country code known", d.Code)
			}
			coms = append(coms, collectivite{d.Code, d.Name})
			continue
		}
		if d.Zone == zoneCOM {
			return nil, nil, fmt.Errorf("collectivity %s has an outline", d.Code)
		}
		rn, ok := regionName[d.Region]
		if !ok {
			return nil, nil, fmt.Errorf("département %s: unknown region %q", d.Code, d.Region)
		}
		if len(land[d.Code]) != len(mp) {
			return nil, nil, fmt.Errorf("département %s: %d landmass ids for %d polygons", d.Code, len(land[d.Code]), len(mp))
		}
		g, lands := simplifyMultiPolygon(mp, land[d.Code], shared[d.Code], simplifyTolerance, minKeepKm2, st)
		if len(g) == 0 {
			return nil, nil, fmt.Errorf("département %s: geometry vanished", d.Code)
		}
		lbl := labelPoint(g)
		if !planar.MultiPolygonContains(g, lbl) {
			return nil, nil, fmt.Errorf("département %s: label %v outside its polygon", d.Code, lbl)
		}
		out = append(out, &dept{d.Code, d.Name, d.Region, rn, g, lands, lbl})
	}
	for code := range polys {
		if !known[code] {
			return nil, nil, fmt.Errorf("outline %s has no INSEE département", code)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	sort.Slice(coms, func(i, j int) bool { return coms[i].Code < coms[j].Code })
	return out, coms, nil
}

// communeSet is the result of reading communes.json.
type communeSet struct {
	rows      []*commune // communes.tsv rows, sorted by INSEE code
	resolver  communeResolver
	decoupage map[string][]string // decoupage-administratif postcodes per row
	conflicts []string            // former codes claimed by two communes
}

// buildCommunes turns communes.json into communes.tsv rows: every current
// commune (of a département or an overseas collectivity, all of which must
// be in known) plus every municipal arrondissement. It also maps the codes
// of delegated, associated and former communes to the current commune,
// for postcode data and position fallbacks.
func buildCommunes(entries []inseeEntry, known map[string]bool) (*communeSet, error) {
	cs := &communeSet{
		resolver:  communeResolver{rows: map[string]bool{}, parent: map[string]string{}},
		decoupage: map[string][]string{},
	}
	byCode := map[string]*commune{}
	for _, e := range entries {
		c, err := rowFromEntry(e, known)
		if err != nil {
			return nil, err
		}
		if c == nil {
			continue
		}
		if byCode[c.Insee] != nil {
			return nil, fmt.Errorf("commune %s listed twice", c.Insee)
		}
		byCode[c.Insee] = c
		cs.rows = append(cs.rows, c)
		cs.resolver.rows[c.Insee] = true
		for _, pc := range e.Postcodes {
			if err := validPostcode(pc); err != nil {
				return nil, fmt.Errorf("commune %s: %w", c.Insee, err)
			}
		}
		cs.decoupage[c.Insee] = e.Postcodes
	}
	cs.linkFormerCodes(entries, byCode)
	sort.Slice(cs.rows, func(i, j int) bool { return cs.rows[i].Insee < cs.rows[j].Insee })
	return cs, nil
}

// rowFromEntry returns the communes.tsv row for e, or nil when e is not a
// row (delegated or associated commune). Every current commune is a row:
// one whose département is unknown is an error, not something to skip.
func rowFromEntry(e inseeEntry, known map[string]bool) (*commune, error) {
	if e.Type != typeCurrent && e.Type != typeArrondissement {
		return nil, nil
	}
	if !known[e.Dept] {
		return nil, fmt.Errorf("%s %s in unknown département %q", e.Type, e.Code, e.Dept)
	}
	c := &commune{
		Insee: e.Code, Name: e.Name, Dept: e.Dept, Kind: kindCommune,
		Arr: e.Arrondissement,
	}
	if e.Population != nil {
		c.Population = *e.Population
	} else {
		c.NoPopulation = true
	}
	if e.Type == typeArrondissement {
		c.Kind, c.Parent = kindArrondissement, e.Commune
	}
	return c, nil
}

// linkFormerCodes records, for every code that is not itself a row, the
// current commune it now belongs to. Communes déléguées and associées name
// it in chefLieu; current communes list merged codes in anciensCodes.
// chefLieu describes the present and wins: a few codes appear in the
// anciensCodes of a commune they later left (55273 Lamarche-en-Woëvre,
// now associated with Nonsard-Lamarche). Such conflicts are kept for the
// report.
func (cs *communeSet) linkFormerCodes(entries []inseeEntry, byCode map[string]*commune) {
	link := func(old, cur string) {
		if byCode[old] != nil || old == cur {
			return // still a row of its own (e.g. the chef-lieu déléguée)
		}
		if prev, ok := cs.resolver.parent[old]; ok {
			if prev != cur {
				cs.conflicts = append(cs.conflicts, fmt.Sprintf("%s: chefLieu %s, also in anciensCodes of %s", old, prev, cur))
			}
			return
		}
		cs.resolver.parent[old] = cur
		if c := byCode[cur]; c != nil {
			c.OldCodes = append(c.OldCodes, old)
		}
	}
	for _, e := range entries {
		if e.Type == typeDeleguee || e.Type == typeAssociee {
			link(e.Code, e.ChefLieu)
		}
	}
	for _, e := range entries {
		if e.Type == typeCurrent {
			for _, old := range e.OldCodes {
				link(old, e.Code)
			}
		}
	}
	for _, c := range byCode {
		sort.Strings(c.OldCodes)
	}
	sort.Strings(cs.conflicts)
}

// indexGeoNames groups GeoNames rows by the INSEE code they carry.
func indexGeoNames(rows []geoRow) map[string][]geoRow {
	out := map[string][]geoRow{}
	for _, r := range rows {
		if r.Commune != "" {
			out[r.Commune] = append(out[r.Commune], r)
		}
	}
	return out
}
