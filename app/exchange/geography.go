package exchange

import (
	"regexp"
	"sort"
	"strings"
	"sync"

	"atlasri/model"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
)

// Geography is what Resolve checks centres against: the communes with
// their postcodes, the départements the map covers, and the catalogue.
type Geography struct {
	communes   map[string]model.Commune
	byPostcode map[string][]string
	// By name and by département, built on first use: files that give
	// INSEE codes never need them.
	names      sync.Once
	byName     map[string][]string // normalised commune name → INSEE codes
	byDept     map[string][]string
	norm       map[string]string    // INSEE code → normalised name
	bounds     map[string]orb.Bound // départements with an outline
	procedures map[string]model.Procedure
	procIDs    []string
}

// boundMargin widens each département's box: the outlines are simplified,
// and a seaside hospital may sit just outside them.
const boundMargin = 0.1 // degrees

// NewGeography indexes the reference data. postcodes may add pairs that
// the communes' own Postcodes lack (La Poste's special codes).
func NewGeography(communes []model.Commune, postcodes []model.Postcode, deps []model.Departement, procs []model.Procedure) *Geography {
	g := &Geography{
		communes:   make(map[string]model.Commune, len(communes)),
		byPostcode: map[string][]string{},
		bounds:     map[string]orb.Bound{},
		procedures: map[string]model.Procedure{},
	}
	addPostcode := func(pc, insee string) {
		for _, x := range g.byPostcode[pc] {
			if x == insee {
				return
			}
		}
		g.byPostcode[pc] = append(g.byPostcode[pc], insee)
	}
	for _, c := range communes {
		g.communes[c.INSEE] = c
		for _, pc := range c.Postcodes {
			addPostcode(pc, c.INSEE)
		}
	}
	for _, p := range postcodes {
		if _, ok := g.communes[p.INSEE]; ok {
			addPostcode(p.Code, p.INSEE)
		}
	}
	for _, d := range deps {
		b := d.Shape.Bound()
		g.bounds[d.Code] = orb.Bound{Min: orb.Point{b.Min[0] - boundMargin, b.Min[1] - boundMargin}, Max: orb.Point{b.Max[0] + boundMargin, b.Max[1] + boundMargin}}
	}
	for _, p := range procs {
		g.procedures[p.ID] = p
		g.procIDs = append(g.procIDs, p.ID)
	}
	sort.Strings(g.procIDs)
	return g
}

// indexNames builds the indexes by name and by département.
func (g *Geography) indexNames() {
	g.names.Do(func() {
		g.byName = make(map[string][]string, len(g.communes))
		g.byDept = map[string][]string{}
		g.norm = make(map[string]string, len(g.communes))
		ids := make([]string, 0, len(g.communes))
		for id := range g.communes {
			ids = append(ids, id)
		}
		sort.Strings(ids) // candidates in INSEE order, whatever the map order
		for _, id := range ids {
			c := g.communes[id]
			n := normName(c.Name)
			g.norm[id] = n
			g.byName[n] = append(g.byName[n], id)
			g.byDept[c.Dept] = append(g.byDept[c.Dept], id)
		}
	})
}

// GeographyFromReference loads the geography and catalogue of a reference
// database.
func GeographyFromReference(r model.ReferenceReader) (*Geography, error) {
	communes, err := r.Communes()
	if err != nil {
		return nil, err
	}
	deps, err := r.Departements()
	if err != nil {
		return nil, err
	}
	procs, err := r.Procedures()
	if err != nil {
		return nil, err
	}
	return NewGeography(communes, nil, deps, procs), nil
}

// Procedure returns a procedure of the catalogue.
func (g *Geography) Procedure(id string) (model.Procedure, bool) {
	p, ok := g.procedures[id]
	return p, ok
}

// InFrance reports whether a point lies in (the box of) a département the
// map covers.
func (g *Geography) InFrance(p orb.Point) bool {
	for _, b := range g.bounds {
		if b.Contains(p) {
			return true
		}
	}
	return false
}

// covered reports whether a département is drawn on the map; centres of
// the overseas collectivities (975, 977, 978, 98x) cannot be shown.
func (g *Geography) covered(dept string) bool {
	_, ok := g.bounds[dept]
	return ok
}

// postcodeDepts gives the départements a postcode may belong to.
func postcodeDepts(pc string) []string {
	switch {
	case strings.HasPrefix(pc, "20"):
		return []string{"2A", "2B"}
	case strings.HasPrefix(pc, "97"), strings.HasPrefix(pc, "98"):
		return []string{pc[:3]}
	}
	return []string{pc[:2]}
}

var (
	cedexSuffix  = regexp.MustCompile(`( ced| cede| cedex)?( \d+)?$`) // labels cut "CED", "CEDE"
	nameReplacer = strings.NewReplacer("-", " ", "'", " ", "’", " ", ".", " ", ",", " ", "s/", "sur ")
)

// normName reduces a commune's name, or a postal label such as "ANGERS
// CEDEX 02" or "STE GEMMES S/LOIRE", to a form where both compare equal.
func normName(s string) string {
	s = nameReplacer.Replace(model.Fold(s))
	words := strings.Fields(s)
	for i, w := range words {
		switch w {
		case "st":
			words[i] = "saint"
		case "ste":
			words[i] = "sainte"
		}
	}
	s = strings.Join(words, " ")
	return strings.TrimSpace(cedexSuffix.ReplaceAllString(s, ""))
}

// nearest returns the candidate commune closest to p.
func (g *Geography) nearest(cands []string, p orb.Point) string {
	best, bestD := "", -1.0
	for _, id := range cands {
		c := g.communes[id]
		if !c.Located() {
			continue
		}
		if d := geo.Distance(c.Pos, p); bestD < 0 || d < bestD {
			best, bestD = id, d
		}
	}
	return best
}
