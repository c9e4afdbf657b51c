package search

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"sync"

	"atlasri/model"
)

// Data is what an Engine is built from: the reference database's content,
// or synthetic data in tests and benchmarks.
type Data struct {
	// Departements with their outlines and landmasses tell when centres
	// are across the sea; without them nothing is said about it.
	Departements  []model.Departement
	Collectivites []model.Collectivite
	Communes      []model.Commune
	Postcodes     []model.Postcode // with their source; Name unused
	Families      []model.Family
	Procedures    []model.Procedure
	Centres       []model.Centre
}

// Engine answers searches from memory. It is built once and never changed,
// so any number of goroutines may use it at the same time.
type Engine struct {
	depts    []model.Departement
	deptIdx  map[string]int
	colls    []model.Collectivite
	collIdx  map[string]int
	communes []model.Commune
	comIdx   map[string]int
	// children lists the municipal arrondissements of Paris, Lyon and
	// Marseille under their commune's index.
	children map[int][]int
	// postcodes maps a postcode to the communes it serves.
	postcodes map[string][]pcLink
	families  []model.Family
	famIdx    map[string]int
	procs     []model.Procedure
	procIdx   map[string]int
	centres   []model.Centre
	centreIdx map[string]int
	nameKey   []string // folded centre names, for sorting

	geo     centreGeo
	terr    territories
	lands   lands
	index   *index
	scratch sync.Pool
}

// pcLink is one commune served by a postcode.
type pcLink struct {
	commune int
	source  model.PostcodeSource
}

// linkPostcodes maps each postcode to the communes it serves, the links of
// all postcodes in one array of the exact size (about 36,000 links).
func (e *Engine) linkPostcodes(pcs []model.Postcode) error {
	order := make([]int, len(pcs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return pcs[order[a]].Code < pcs[order[b]].Code })
	links := make([]pcLink, 0, len(pcs))
	distinct := 0
	for i, k := range order {
		if i == 0 || pcs[k].Code != pcs[order[i-1]].Code {
			distinct++
		}
	}
	e.postcodes = make(map[string][]pcLink, distinct)
	start := 0
	for i, k := range order {
		p := pcs[k]
		c, ok := e.comIdx[p.INSEE]
		if !ok {
			return fmt.Errorf("code postal %s : commune %s inconnue", p.Code, p.INSEE)
		}
		links = append(links, pcLink{c, p.Source})
		if i == len(order)-1 || pcs[order[i+1]].Code != p.Code {
			e.postcodes[p.Code] = links[start:len(links):len(links)]
			start = len(links)
		}
	}
	return nil
}

// Load builds an Engine from a reference database, plus extra centres
// (the practice's own, kept in user.db).
func Load(ref model.ReferenceReader, extra ...model.Centre) (*Engine, error) {
	var d Data
	var errs [7]error
	d.Departements, errs[0] = ref.Departements()
	d.Collectivites, errs[1] = ref.Collectivites()
	d.Communes, errs[2] = ref.Communes()
	d.Postcodes, errs[3] = ref.Postcodes()
	d.Families, errs[4] = ref.Families()
	d.Procedures, errs[5] = ref.Procedures()
	d.Centres, errs[6] = ref.Centres()
	if err := errors.Join(errs[:]...); err != nil {
		return nil, fmt.Errorf("chargement de la recherche impossible : %w", err)
	}
	d.Centres = append(d.Centres, extra...)
	return New(d)
}

// New builds an Engine. The data is kept as given: callers must not
// change it afterwards.
func New(d Data) (*Engine, error) {
	e := &Engine{
		depts: withoutOutlines(d.Departements), lands: newLands(d.Departements), colls: d.Collectivites, communes: d.Communes,
		families: d.Families, procs: d.Procedures, centres: d.Centres,
		deptIdx: map[string]int{}, collIdx: map[string]int{}, comIdx: make(map[string]int, len(d.Communes)),
		children: map[int][]int{},
		famIdx:   map[string]int{}, procIdx: map[string]int{}, centreIdx: make(map[string]int, len(d.Centres)),
	}
	for i, x := range d.Departements {
		e.deptIdx[x.Code] = i
	}
	for i, x := range d.Collectivites {
		e.collIdx[x.Code] = i
	}
	for i, c := range d.Communes {
		e.comIdx[c.INSEE] = i
	}
	for i, c := range d.Communes {
		if c.Parent == "" {
			continue
		}
		p, ok := e.comIdx[c.Parent]
		if !ok {
			return nil, fmt.Errorf("arrondissement %s : commune parente %s inconnue", c.INSEE, c.Parent)
		}
		e.children[p] = append(e.children[p], i)
	}
	if err := e.linkPostcodes(d.Postcodes); err != nil {
		return nil, err
	}
	for i, f := range d.Families {
		e.famIdx[f.ID] = i
	}
	for i, p := range d.Procedures {
		e.procIdx[p.ID] = i
	}
	for i, c := range d.Centres {
		e.centreIdx[c.ID] = i
	}
	e.terr = newTerritories(e)
	if err := e.buildGeo(); err != nil {
		return nil, err
	}
	e.index = e.buildIndex()
	n := len(e.index.entries)
	e.scratch.New = func() any { return newScratch(n) }
	return e, nil
}

// withoutOutlines copies départements without their outlines, which only
// the landmass lookup keeps.
func withoutOutlines(ds []model.Departement) []model.Departement {
	out := make([]model.Departement, len(ds))
	for i, d := range ds {
		d.Shape, d.Land = nil, nil
		out[i] = d
	}
	return out
}

// buildIndex indexes the catalogue and the places for Suggest and Locate.
func (e *Engine) buildIndex() *index {
	b := newIndexBuilder()
	for i, p := range e.procs {
		ref := int32(i)
		b.add(entry{kind: ekProcedure, ref: ref, text: p.NameFR, weight: weightCatalogue}, p.NameFR, nil, nil)
		if p.NameEN != "" {
			b.add(entry{kind: ekProcedure, ref: ref, text: p.NameEN, weight: weightEnglish}, p.NameEN, nil, nil)
		}
		for _, w := range p.SearchWords {
			b.add(entry{kind: ekProcedure, ref: ref, text: w, weight: weightCatalogue}, w, nil, nil)
		}
	}
	for i, f := range e.families {
		b.add(entry{kind: ekFamily, ref: int32(i), text: f.NameFR, weight: weightFamily}, f.NameFR, nil, nil)
	}
	for i, d := range e.depts {
		ids := []string{d.Code}
		if len(d.Code) == 2 && d.Code[0] == '0' {
			ids = append(ids, d.Code[1:]) // "1" for the Ain
		}
		if d.Code == "2A" || d.Code == "2B" {
			ids = append(ids, "20") // Corsica's code before 1976, still its postcodes'
		}
		b.add(entry{kind: ekDepartement, ref: int32(i), text: d.Name, weight: weightDepartement}, d.Name, ids, nil)
	}
	for i, c := range e.colls {
		b.add(entry{kind: ekCollectivite, ref: int32(i), text: c.Name, weight: weightCollectivite}, c.Name, []string{c.Code}, nil)
	}
	for i, c := range e.communes {
		ids := append([]string{c.INSEE}, c.Postcodes...)
		w := float32(math.Log10(float64(max(c.Population, 0)) + 1))
		b.add(entry{kind: ekCommune, ref: int32(i), text: c.Name, weight: w}, c.Name, ids, []string{c.Dept})
	}
	return b.build()
}

// Importance of catalogue entries and large places, on the scale of
// log10(population) that communes use: a procedure weighs like a city of
// 300,000, so that "ang" proposes angioplasty beside Angers.
const (
	weightCatalogue    = 5.5
	weightEnglish      = 4.5
	weightFamily       = 5.3
	weightDepartement  = 6.0
	weightCollectivite = 5.0
)

// Procedure returns a procedure of the catalogue by id.
func (e *Engine) Procedure(id string) (model.Procedure, bool) {
	i, ok := e.procIdx[id]
	if !ok {
		return model.Procedure{}, false
	}
	return e.procs[i], true
}

// Procedures returns the catalogue's procedures, in catalogue order.
func (e *Engine) Procedures() []model.Procedure { return slices.Clone(e.procs) }

// Family returns a family of the catalogue by id.
func (e *Engine) Family(id string) (model.Family, bool) {
	i, ok := e.famIdx[id]
	if !ok {
		return model.Family{}, false
	}
	return e.families[i], true
}

// Commune returns a commune or municipal arrondissement by INSEE code.
func (e *Engine) Commune(insee string) (model.Commune, bool) {
	i, ok := e.comIdx[insee]
	if !ok {
		return model.Commune{}, false
	}
	return e.communes[i], true
}

// Departement returns a département by code (without its outline).
func (e *Engine) Departement(code string) (model.Departement, bool) {
	i, ok := e.deptIdx[code]
	if !ok {
		return model.Departement{}, false
	}
	return e.depts[i], true
}

// Centre returns a centre by id.
func (e *Engine) Centre(id string) (model.Centre, bool) {
	i, ok := e.centreIdx[id]
	if !ok {
		return model.Centre{}, false
	}
	return e.centres[i], true
}

// placeName is "Maine-et-Loire (49)" for a département or collectivity code.
func (e *Engine) placeName(code string) string {
	if i, ok := e.deptIdx[code]; ok {
		return fmt.Sprintf("%s (%s)", e.depts[i].Name, code)
	}
	if i, ok := e.collIdx[code]; ok {
		return fmt.Sprintf("%s (%s)", e.colls[i].Name, code)
	}
	return code
}
