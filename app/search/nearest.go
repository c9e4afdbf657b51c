package search

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"atlasri/model"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
)

// Result sizes.
const (
	DefaultLimit = 10
	MaxLimit     = 1000
)

// SectorFilter keeps public or private centres; non-profit private
// establishments (ESPIC, cancer centres) count as private.
type SectorFilter string

// Sector filters.
const (
	AnySector   SectorFilter = ""
	PublicOnly  SectorFilter = "public"
	PrivateOnly SectorFilter = "private"
)

// OriginFilter keeps centres by where their offers come from.
type OriginFilter string

// Origin filters.
const (
	AnyOrigin OriginFilter = ""
	// Authorised: the site's ARS authorisation covers the offer, whatever
	// its origin (a declared offer within the mention counts).
	Authorised OriginFilter = "authorised"
	// Declared: the centre or the federation's survey declared it.
	Declared OriginFilter = "declared"
)

// Query is a search for centres.
type Query struct {
	// Procedure or Family restricts to centres offering it (one at most);
	// both empty: every centre.
	Procedure string
	Family    string
	// Point is where the patient is; nil lists centres by département and
	// name, without distances.
	Point *orb.Point
	// From is the département or collectivity code of Point, which sets
	// its territory; when empty the territory is found from the point.
	From string
	// RadiusKm keeps centres within that great-circle distance; 0: no
	// radius. With none inside, the nearest beyond are given instead.
	RadiusKm float64
	// Dept keeps only the centres of one département (any territory).
	Dept   string
	Sector SectorFilter
	// Favourites, when not nil, keeps only the centres whose id it holds.
	Favourites map[string]bool
	// Origin keeps the offers the site's ARS authorisation covers, or
	// those the centre declared (with Procedure or Family: the matching
	// ones; without: any of the centre's).
	Origin OriginFilter
	// Limit is the most centres returned (DefaultLimit when 0).
	Limit int
}

// OfferMatch is one offer of a centre that matches the query.
type OfferMatch struct {
	Procedure string            `json:"procedure"`
	NameFR    string            `json:"name_fr"`
	Origin    model.OfferOrigin `json:"origin"`
	Reason    string            `json:"reason,omitempty"`
	Review    string            `json:"review,omitempty"`
	// Authorised says that the site's ARS authorisation covers it;
	// Restriction what part it leaves out (« hors aorte thoracique »).
	Authorised  bool   `json:"authorised"`
	Restriction string `json:"restriction,omitempty"`
	// RoundTheClock marks emergency haemostasis at a mention D site.
	RoundTheClock bool `json:"round_the_clock,omitempty"`
	// Unconfirmed marks a mention rule the catalogue holds uncertain.
	Unconfirmed bool `json:"mention_unconfirmed,omitempty"`
}

// Hit is a centre found, nearest first.
type Hit struct {
	Centre model.Centre
	// DistanceKm is the great-circle distance from the query's point
	// (haversine, orb/geo); 0 when the query has no point.
	DistanceKm float64
	// Offers are the centre's offers matching the procedure or family
	// (none when the query names neither).
	Offers []OfferMatch
	// Origin is the weakest origin of the matching offers (of every
	// offer, without a procedure or family): declared only when all are.
	Origin model.OfferOrigin
	// OtherTerritory marks a centre outside the point's territory.
	OtherTerritory bool
	// AcrossSea marks a centre on another landmass than the query's point
	// (Corsica and the mainland, an island and its neighbours): its
	// straight-line distance leaves out the crossing. False when either
	// landmass is unknown.
	AcrossSea bool
}

// Result is the answer to a Query.
type Result struct {
	Hits []Hit
	// FromPoint says the hits are sorted by distance from a point.
	FromPoint bool
	// WithinRadius is false when a radius was given and no centre lies
	// inside it: the hits are then the nearest beyond it.
	WithinRadius bool
	// Matching counts the centres passing the filters (in the territory
	// considered), InRadius those of them inside the radius.
	Matching, InRadius int
	// OutsideTerritory says that no centre of the point's territory
	// matched, so the hits are the nearest elsewhere.
	OutsideTerritory bool
	// Messages explain the cases above, in French, and say when hits are
	// across the sea.
	Messages []Message
}

// centreGeo holds what distance ranking reads for every centre, packed.
type centreGeo struct {
	xyz    [][3]float64 // unit vectors: chord length orders like distance
	terr   []uint8
	land   []int   // landmass, noLand when unknown
	dept   []int32 // index in engine.depts, -1 when unknown
	public []bool
	// flags holds, for each offer of each centre (in the centre's order),
	// whether the site's authorisation covers it and whether it was
	// declared; authorised marks the centres holding an RI authorisation.
	flags      [][]offerFlag
	authorised []bool
	byProc     [][]int32 // procedure index -> centres offering it
	byFam      [][]int32 // family index -> centres offering one of its procedures
}

func (e *Engine) buildGeo() error {
	g := centreGeo{
		xyz: make([][3]float64, len(e.centres)), terr: make([]uint8, len(e.centres)), land: make([]int, len(e.centres)),
		dept: make([]int32, len(e.centres)), public: make([]bool, len(e.centres)),
		flags: make([][]offerFlag, len(e.centres)), authorised: make([]bool, len(e.centres)),
		byProc: make([][]int32, len(e.procs)), byFam: make([][]int32, len(e.families)),
	}
	for i, c := range e.centres {
		if err := validPoint(c.Pos); err != nil {
			return fmt.Errorf("centre %q : %w", c.ID, err)
		}
		g.xyz[i] = unit(c.Pos)
		g.terr[i] = e.terr.of(c.Dept)
		g.land[i] = e.lands.of(c.Pos)
		g.public[i] = c.Sector.Public()
		g.dept[i] = -1
		if d, ok := e.deptIdx[c.Dept]; ok {
			g.dept[i] = int32(d)
		}
		fams := map[int]bool{}
		_, g.authorised[i] = c.RIAuthorisation()
		g.flags[i] = make([]offerFlag, len(c.Offers))
		for j, o := range c.Offers {
			p, ok := e.procIdx[o.ProcedureID]
			if !ok {
				return fmt.Errorf("centre %q : geste inconnu %q", c.ID, o.ProcedureID)
			}
			if g.authorised[i] && c.Coverage(e.procs[p]).Covered {
				g.flags[i][j] |= flagAuthorised
			}
			if o.Origin == model.OfferDeclared {
				g.flags[i][j] |= flagDeclared
			}
			g.byProc[p] = append(g.byProc[p], int32(i))
			for _, f := range e.procs[p].Families() {
				if fi, ok := e.famIdx[f]; ok && !fams[fi] {
					fams[fi] = true
					g.byFam[fi] = append(g.byFam[fi], int32(i))
				}
			}
		}
	}
	e.geo = g
	e.nameKey = make([]string, len(e.centres))
	for i, c := range e.centres {
		e.nameKey[i] = model.Fold(c.Name)
	}
	return nil
}

func validPoint(p orb.Point) error {
	lon, lat := p.Lon(), p.Lat()
	if math.IsNaN(lon) || math.IsNaN(lat) || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
		return fmt.Errorf("position invalide (%g, %g)", lon, lat)
	}
	return nil
}

// unit is the point on the unit sphere.
func unit(p orb.Point) [3]float64 {
	lon, lat := p.Lon()*math.Pi/180, p.Lat()*math.Pi/180
	return [3]float64{math.Cos(lat) * math.Cos(lon), math.Cos(lat) * math.Sin(lon), math.Sin(lat)}
}

func chord2(a, b [3]float64) float64 {
	x, y, z := a[0]-b[0], a[1]-b[1], a[2]-b[2]
	return x*x + y*y + z*z
}

// chordFor is the squared chord of a great-circle distance in km, on the
// sphere of orb's radius.
func chordFor(km float64) float64 {
	c := 2 * math.Sin(math.Min(km*1000/orb.EarthRadius, math.Pi)/2)
	return c * c
}

// Nearest finds centres for a query, nearest first (see Query and the
// territory rule in territory.go).
func (e *Engine) Nearest(q Query) (Result, error) {
	r, err := e.nearest(q)
	if err == nil && q.Origin == Authorised && !e.HasAuthorisations() {
		r.Messages = append(r.Messages, Message{Format: MsgNoRegister})
	}
	return r, err
}

func (e *Engine) nearest(q Query) (Result, error) {
	cands, err := e.candidates(q)
	if err != nil {
		return Result{}, err
	}
	limit := q.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	limit = min(limit, MaxLimit)
	keep := e.keeper(q)
	if q.Point == nil {
		return e.listByName(q, cands, keep, limit), nil
	}
	terr := e.terr.of(q.From)
	if q.From == "" {
		terr = e.terr.at(*q.Point)
	}
	if q.Dept != "" {
		terr = noTerritory // an explicit département overrides the rule
	}
	s := nearScan{e: e, cands: cands, keep: keep, limit: limit, origin: unit(*q.Point), radius2: math.Inf(1)}
	if q.RadiusKm > 0 {
		s.radius2 = chordFor(q.RadiusKm)
	}
	// The territory's centres first; all of them only if it has none.
	r := Result{FromPoint: true, WithinRadius: true}
	h, n, in := s.scan(terr)
	if terr != noTerritory && n == 0 {
		h, n, in = s.scan(noTerritory)
		if n > 0 {
			r.OutsideTerritory = true
			r.Messages = append(r.Messages, Message{MsgOutsideTerritory, []any{e.terr.name(terr)}})
		}
	}
	r.Matching, r.InRadius = n, in
	items := h.sorted()
	if q.RadiusKm > 0 {
		within := items[:0:0]
		for _, it := range items {
			if it.d2 <= s.radius2 {
				within = append(within, it)
			}
		}
		if len(within) > 0 {
			items = within
		} else if len(items) > 0 {
			r.WithinRadius = false
			r.Messages = append(r.Messages, Message{MsgNoneInRadius, []any{formatKm(q.RadiusKm)}})
		}
	}
	r.Hits = e.nearHits(q, items, terr)
	if m, ok := acrossSeaMessage(r.Hits); ok {
		r.Messages = append(r.Messages, m)
	}
	return r, nil
}

// nearScan keeps the nearest matching centres of a query in a heap.
type nearScan struct {
	e       *Engine
	cands   []int32 // nil: every centre
	keep    filter
	limit   int
	origin  [3]float64
	radius2 float64
}

// scan visits the candidates of one territory (noTerritory: all) and
// returns the heap of the nearest, how many matched and how many of those
// are within the radius.
func (s nearScan) scan(terr uint8) (h *nearHeap, n, in int) {
	e := s.e
	h = newNearHeap(s.limit)
	count := len(e.centres)
	if s.cands != nil {
		count = len(s.cands)
	}
	for k := 0; k < count; k++ {
		i := int32(k)
		if s.cands != nil {
			i = s.cands[k]
		}
		if (terr != noTerritory && e.geo.terr[i] != terr) || !s.keep.ok(i) {
			continue
		}
		d2 := chord2(s.origin, e.geo.xyz[i])
		n++
		if d2 <= s.radius2 {
			in++
		}
		h.push(d2, i)
	}
	return h, n, in
}

// nearHits turns the heap's items into hits with their exact distance.
func (e *Engine) nearHits(q Query, items []nearItem, terr uint8) []Hit {
	hits := make([]Hit, 0, len(items))
	land := e.lands.of(*q.Point)
	for _, it := range items {
		c := e.centres[it.i]
		hit := e.hit(q, int(it.i))
		hit.DistanceKm = geo.DistanceHaversine(*q.Point, c.Pos) / 1000
		hit.OtherTerritory = terr != noTerritory && e.geo.terr[it.i] != terr
		hit.AcrossSea = land != noLand && e.geo.land[it.i] != noLand && e.geo.land[it.i] != land
		hits = append(hits, hit)
	}
	sort.SliceStable(hits, func(a, b int) bool { return hits[a].DistanceKm < hits[b].DistanceKm })
	return hits
}

// candidates returns the centres offering the query's procedure or
// family (nil: every centre), after checking the query.
func (e *Engine) candidates(q Query) ([]int32, error) {
	if q.Point != nil {
		if err := validPoint(*q.Point); err != nil {
			return nil, fmt.Errorf("point de recherche : %w", err)
		}
	}
	if math.IsNaN(q.RadiusKm) || q.RadiusKm < 0 {
		return nil, fmt.Errorf("rayon invalide : %g km (attendu un nombre positif)", q.RadiusKm)
	}
	if q.Dept != "" {
		if _, ok := e.deptIdx[q.Dept]; !ok {
			return nil, fmt.Errorf("département inconnu « %s »", q.Dept)
		}
	}
	switch q.Sector {
	case AnySector, PublicOnly, PrivateOnly:
	default:
		return nil, fmt.Errorf("secteur inconnu « %s » (public ou privé)", q.Sector)
	}
	switch q.Origin {
	case AnyOrigin, Authorised, Declared:
	default:
		return nil, fmt.Errorf("origine inconnue « %s » (autorisés ou déclarés)", q.Origin)
	}
	switch {
	case q.Procedure != "" && q.Family != "":
		return nil, errors.New("indiquez un geste ou une famille de gestes, pas les deux")
	case q.Procedure != "":
		p, ok := e.procIdx[q.Procedure]
		if !ok {
			return nil, fmt.Errorf("geste inconnu « %s »", q.Procedure)
		}
		return nonNil(e.geo.byProc[p]), nil
	case q.Family != "":
		f, ok := e.famIdx[q.Family]
		if !ok {
			return nil, fmt.Errorf("famille de gestes inconnue « %s »", q.Family)
		}
		return nonNil(e.geo.byFam[f]), nil
	}
	return nil, nil
}

func nonNil(s []int32) []int32 {
	if s == nil {
		return []int32{}
	}
	return s
}

// offerFlag says what backs one offer of a centre.
type offerFlag uint8

const (
	flagAuthorised offerFlag = 1 << iota // the site's authorisation covers it
	flagDeclared                         // the centre declared it
)

// filter keeps centres by département, sector, favourites and origin,
// reading the packed arrays rather than each centre.
type filter struct {
	e      *Engine
	dept   int32 // -1: any
	sector SectorFilter
	fav    map[string]bool
	// origin is the flag an offer needs (0: any), proc and fam the query's
	// procedure and family (-1: none).
	origin    offerFlag
	proc, fam int
}

func (e *Engine) keeper(q Query) filter {
	f := filter{e: e, dept: -1, sector: q.Sector, fav: q.Favourites, proc: -1, fam: -1}
	if q.Dept != "" {
		f.dept = int32(e.deptIdx[q.Dept])
	}
	switch q.Origin {
	case Authorised:
		f.origin = flagAuthorised
	case Declared:
		f.origin = flagDeclared
	}
	if i, ok := e.procIdx[q.Procedure]; ok && q.Procedure != "" {
		f.proc = i
	}
	if i, ok := e.famIdx[q.Family]; ok && q.Family != "" {
		f.fam = i
	}
	return f
}

// offerOK reports whether offer j of centre i passes the origin filter
// and matches the query's procedure or family.
func (f filter) offerOK(i int32, j int) bool {
	if f.origin != 0 && f.e.geo.flags[i][j]&f.origin == 0 {
		return false
	}
	if f.proc < 0 && f.fam < 0 {
		return true
	}
	p := f.e.procIdx[f.e.centres[i].Offers[j].ProcedureID]
	if f.proc >= 0 {
		return p == f.proc
	}
	return f.e.procs[p].InFamily(f.e.families[f.fam].ID)
}

// originOK reports whether centre i has an offer passing the origin
// filter (any centre when there is none).
func (f filter) originOK(i int32) bool {
	if f.origin == 0 {
		return true
	}
	for j := range f.e.geo.flags[i] {
		if f.offerOK(i, j) {
			return true
		}
	}
	return false
}

func (f filter) ok(i int32) bool {
	if f.dept >= 0 && f.e.geo.dept[i] != f.dept {
		return false
	}
	switch f.sector {
	case PublicOnly:
		if !f.e.geo.public[i] {
			return false
		}
	case PrivateOnly:
		if f.e.geo.public[i] {
			return false
		}
	}
	return (f.fav == nil || f.fav[f.e.centres[i].ID]) && f.originOK(i)
}

// listByName answers a query without a point: by département, then name.
func (e *Engine) listByName(q Query, cands []int32, keep filter, limit int) Result {
	var idx []int
	add := func(i int32) {
		if keep.ok(i) {
			idx = append(idx, int(i))
		}
	}
	if cands == nil {
		for i := range e.centres {
			add(int32(i))
		}
	} else {
		for _, i := range cands {
			add(i)
		}
	}
	e.sortByName(idx)
	r := Result{WithinRadius: true, Matching: len(idx), InRadius: len(idx)}
	for _, i := range idx[:min(limit, len(idx))] {
		r.Hits = append(r.Hits, e.hit(q, i))
	}
	return r
}

func (e *Engine) sortByName(idx []int) {
	sort.SliceStable(idx, func(a, b int) bool {
		ca, cb := &e.centres[idx[a]], &e.centres[idx[b]]
		if ca.Dept != cb.Dept {
			return ca.Dept < cb.Dept
		}
		return e.nameKey[idx[a]] < e.nameKey[idx[b]]
	})
}

// hit describes centre i for the query: its matching offers (those
// passing the origin filter) and their weakest origin.
func (e *Engine) hit(q Query, i int) Hit {
	c := e.centres[i]
	keep := e.keeper(q)
	h := Hit{Centre: c}
	weakest := func(o model.OfferOrigin) {
		if h.Origin == "" || originRank(o) < originRank(h.Origin) {
			h.Origin = o
		}
	}
	for j, o := range c.Offers {
		if !keep.offerOK(int32(i), j) {
			continue
		}
		weakest(o.Origin)
		if q.Procedure == "" && q.Family == "" {
			continue
		}
		p := e.procs[e.procIdx[o.ProcedureID]]
		cov := c.Coverage(p)
		h.Offers = append(h.Offers, OfferMatch{Procedure: p.ID, NameFR: p.NameFR, Origin: o.Origin, Reason: o.Reason, Review: o.Review,
			Authorised: cov.Covered, Restriction: cov.Restriction, RoundTheClock: cov.RoundTheClock,
			Unconfirmed: cov.Covered && p.RIMention != nil && p.RIMention.Uncertain})
	}
	if h.Origin == "" {
		h.Origin = model.OfferIndicative // a centre without offers vouches for nothing
	}
	return h
}

// originRank orders origins from the weakest for a GP.
func originRank(o model.OfferOrigin) int {
	switch o {
	case model.OfferDeclared:
		return 2
	case model.OfferAuthorised:
		return 1
	}
	return 0
}

// HasAuthorisations reports whether any centre of the directory holds an
// ARS authorisation: false for a directory built without the register.
func (e *Engine) HasAuthorisations() bool { return slices.Contains(e.geo.authorised, true) }

// formatKm writes a distance the French way: "12,5".
func formatKm(km float64) string {
	s := fmt.Sprintf("%.1f", km)
	s = strings.TrimSuffix(s, ".0")
	return strings.Replace(s, ".", ",", 1)
}
