package main

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
	"github.com/paulmach/orb/planar"
	"golang.org/x/text/unicode/norm"
)

// Values of the pos_source column of communes.tsv, best first.
// Communes of the départements use geonames, geonames-name (Lyon and
// Marseille arrondissements), geonames-old-code, postcode-mean,
// arrondissement-mean, dept-label; communes of the overseas collectivities
// geonames, geonames-name, geonames-sole-commune, territory-mean,
// collectivite-chef-lieu, none.
const (
	posGeonames        = "geonames"               // GeoNames row carrying the INSEE code
	posGeonamesName    = "geonames-name"          // GeoNames row found by name (see locator)
	posOutlineCentroid = "outline-centroid"       // centroid of the arrondissement's own outline (Paris, IGN GEOFLA)
	posSoleCommune     = "geonames-sole-commune"  // GeoNames row of a collectivity that is a single commune
	posOldCode         = "geonames-old-code"      // GeoNames row of a former or delegated commune
	posPostcodeMean    = "postcode-mean"          // mean of exact communes sharing a postcode
	posArrMean         = "arrondissement-mean"    // mean of exact communes of the INSEE arrondissement
	posDeptLabel       = "dept-label"             // label point of the département
	posTerritoryMean   = "territory-mean"         // mean of exact communes of a compact collectivity
	posChefLieu        = "collectivite-chef-lieu" // position of the collectivity's chef-lieu commune
	posNone            = "none"                   // no position: lat and lon left empty
)

// posSources lists the pos_source values in report order.
var posSources = []string{
	posGeonames, posGeonamesName, posOutlineCentroid, posSoleCommune, posOldCode, posPostcodeMean, posArrMean,
	posDeptLabel, posTerritoryMean, posChefLieu, posNone,
}

// territoryMaxSpreadKm is how far apart (greatest distance between two of
// them) the exactly located communes of a collectivity may be for their
// mean to stand for the others. Saint-Pierre and Miquelon are about 40 km
// apart; Polynésie française and Nouvelle-Calédonie span hundreds to
// thousands of km, and a mean there would fall in the sea.
const territoryMaxSpreadKm = 50

// territoryMinLocated is the least number of exactly located communes a
// collectivity needs for territory-mean: a single one says nothing about
// how scattered the territory is.
const territoryMinLocated = 2

// exactSource reports whether a position comes from a GeoNames row that
// designates this very commune or arrondissement, or lies in it by
// definition (a collectivity that is a single commune): approx = 0.
func exactSource(src string) bool {
	return src == posGeonames || src == posGeonamesName || src == posOutlineCentroid || src == posSoleCommune
}

// Row kinds of communes.tsv.
const (
	kindCommune        = "commune"
	kindArrondissement = "arrondissement"
)

// commune is one row of communes.tsv.
type commune struct {
	Insee      string
	Name       string
	Dept       string
	Kind       string
	Parent     string // arrondissement: INSEE code of the commune
	Arr        string // INSEE arrondissement (administrative), for fallbacks
	Postcodes  []string
	Population int
	// NoPopulation: communes.json gives no population (TAAF, Clipperton);
	// Population is then 0.
	NoPopulation bool
	OldCodes     []string // former and delegated/associated commune codes
	Pos          orb.Point
	PosSource    string
}

func (c *commune) approx() bool { return !exactSource(c.PosSource) }

// located reports whether the commune has a position.
func (c *commune) located() bool { return c.PosSource != "" && c.PosSource != posNone }

// bestGeoRow picks the row that stands for a commune when several GeoNames
// rows share its code (hamlets, districts, or GeoNames errors such as a
// neighbouring town tagged with Lyon's code): the most populous, then the
// lowest geonameid so that the choice is stable.
func bestGeoRow(rows []geoRow) (geoRow, bool) {
	if len(rows) == 0 {
		return geoRow{}, false
	}
	best := rows[0]
	for _, r := range rows[1:] {
		if r.Population > best.Population || (r.Population == best.Population && r.ID < best.ID) {
			best = r
		}
	}
	return best, true
}

func (r geoRow) point() orb.Point { return roundPoint(orb.Point{r.Lon, r.Lat}) }

var arrNameRE = regexp.MustCompile(`^(.+) (\d+)(?:er|e) Arrondissement$`)

// arrondissementGeoName turns INSEE's "Lyon 3e Arrondissement" into the
// name GeoNames gives the same district, "Lyon 03".
func arrondissementGeoName(inseeName string) (string, bool) {
	m := arrNameRE.FindStringSubmatch(inseeName)
	if m == nil {
		return "", false
	}
	n, err := strconv.Atoi(m[2])
	if err != nil {
		return "", false
	}
	return fmt.Sprintf("%s %02d", m[1], n), true
}

// locator assigns positions. geo holds the GeoNames rows by the INSEE code
// they carry, byCountry all of them by GeoNames country code; labels the
// département label points; territories the GeoNames country code of each
// overseas collectivity (a commune whose dept is a key there is located by
// the collectivity rules); chefLieux the INSEE code of each collectivity's
// chef-lieu (departements.json chefLieu).
type locator struct {
	geo         map[string][]geoRow
	outlines    map[string]orb.MultiPolygon // arrondissements with their own outline (Paris)
	byCountry   map[string][]geoRow
	labels      map[string]orb.Point
	territories map[string]string
	chefLieux   map[string]string
}

// locateAll fills Pos and PosSource of every row: first from GeoNames,
// then, for rows still without a position, from the exact ones.
func (l locator) locateAll(rows []*commune) {
	for _, c := range rows {
		if country, ok := l.territories[c.Dept]; ok {
			l.locateInTerritory(c, country)
			continue
		}
		l.locateFromGeoNames(c)
	}
	l.locateSoleCommunes(rows)
	exact := exactRows(rows)
	byPC, byArr := exact.indexes()
	means := map[string]orb.Point{}
	for code, tr := range territoryStats(exact, l.territories) {
		if tr.compact() {
			means[code] = tr.mean
		}
	}
	chefs := l.locatedChefLieux(rows)
	for _, c := range rows {
		if c.PosSource != "" {
			continue
		}
		if _, ok := l.territories[c.Dept]; ok {
			if p, ok := means[c.Dept]; ok {
				c.Pos, c.PosSource = p, posTerritoryMean
			} else if chef, ok := chefs[c.Dept]; ok {
				c.Pos, c.PosSource = chef.Pos, posChefLieu
			} else {
				c.Pos, c.PosSource = orb.Point{}, posNone
			}
			continue
		}
		l.locateByMean(c, byPC, byArr)
	}
}

// soleCommunes returns, for each collectivity made of exactly one commune,
// that commune.
func (l locator) soleCommunes(rows []*commune) map[string]*commune {
	by := map[string][]*commune{}
	for _, c := range rows {
		if _, ok := l.territories[c.Dept]; ok && c.Kind == kindCommune {
			by[c.Dept] = append(by[c.Dept], c)
		}
	}
	out := map[string]*commune{}
	for code, cs := range by {
		if len(cs) == 1 {
			out[code] = cs[0]
		}
	}
	return out
}

// locateSoleCommunes places the commune of a collectivity that is a
// single commune (977 Saint-Barthélemy, 978 Saint-Martin) when the exact
// rules could not: every GeoNames row of the collectivity's country code
// lies in that commune, so any of them is a position inside it. See
// soleCommuneRow for which one.
func (l locator) locateSoleCommunes(rows []*commune) {
	for code, c := range l.soleCommunes(rows) {
		if c.PosSource != "" {
			continue
		}
		if r, ok := soleCommuneRow(l.byCountry[l.territories[code]], l.chefLieuName(code, c)); ok {
			c.Pos, c.PosSource = r.point(), posSoleCommune
		}
	}
}

// chefLieuName is the name of the chef-lieu of a single-commune
// collectivity as the data knows it: departements.json gives the chef-lieu
// as an INSEE code, which for such a collectivity is its commune, so the
// name is the commune's. "" when the chef-lieu code names another commune.
func (l locator) chefLieuName(code string, sole *commune) string {
	if l.chefLieux[code] == sole.Insee {
		return sole.Name
	}
	return ""
}

// soleCommuneRow picks the GeoNames row standing for a single-commune
// collectivity among all the rows of its country: the rows whose name
// folds like the chef-lieu's if there are any, else all of them; of
// those, the most populous, then the lowest geonameid (bestGeoRow). The
// chef-lieu name is only an INSEE commune name (Saint-Barthélemy,
// Saint-Martin), which GeoNames does not use for a town, so in the data
// the most populous row wins: Gustavia for BL, Marigot for MF.
func soleCommuneRow(rows []geoRow, chefLieuName string) (geoRow, bool) {
	if want := foldName(chefLieuName); want != "" {
		var named []geoRow
		for _, r := range rows {
			if foldName(r.Name) == want {
				named = append(named, r)
			}
		}
		if len(named) > 0 {
			return bestGeoRow(named)
		}
	}
	return bestGeoRow(rows)
}

// locatedChefLieux returns, by collectivity, its chef-lieu commune when
// that commune belongs to the collectivity and is exactly located. A
// chef-lieu code naming a commune of another collectivity (departements.json
// gives 97502 Saint-Pierre for 984, the TAAF) is not used.
func (l locator) locatedChefLieux(rows []*commune) map[string]*commune {
	byCode := map[string]*commune{}
	for _, c := range rows {
		byCode[c.Insee] = c
	}
	out := map[string]*commune{}
	for code := range l.territories {
		c := byCode[l.chefLieux[code]]
		if c != nil && c.Dept == code && exactSource(c.PosSource) {
			out[code] = c
		}
	}
	return out
}

// locateInTerritory tries the exact rules for a commune of an overseas
// collectivity: the GeoNames row carrying its code, else the only GeoNames
// row of the same country whose name folds to the same as the commune's.
// Nothing is guessed from former codes, postcodes or arrondissements: the
// collectivities have none worth the name.
func (l locator) locateInTerritory(c *commune, country string) {
	if r, ok := bestGeoRow(l.geo[c.Insee]); ok {
		c.Pos, c.PosSource = r.point(), posGeonames
		return
	}
	if r, ok := uniqueNameMatch(l.byCountry[country], c.Name); ok {
		c.Pos, c.PosSource = r.point(), posGeonamesName
	}
}

// uniqueNameMatch returns the row whose name folds to the same key as
// name, when exactly one row does.
func uniqueNameMatch(rows []geoRow, name string) (geoRow, bool) {
	want := foldName(name)
	var hit geoRow
	n := 0
	for _, r := range rows {
		if foldName(r.Name) == want {
			hit = r
			n++
		}
	}
	return hit, n == 1 && want != ""
}

// foldName is the key two place names must share to match: lower case,
// without accents, and without hyphens, apostrophes, spaces or other
// punctuation ("L'Île-des-Pins" and "lile des pins" fold alike).
func foldName(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Lm, r):
			// combining accent, or a modifier letter such as the
			// Polynesian ʻeta (U+02BB): dropped
		case r == 'œ' || r == 'Œ':
			b.WriteString("oe")
		case r == 'æ' || r == 'Æ':
			b.WriteString("ae")
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// territory sums up the exactly located communes of a collectivity.
type territory struct {
	located  int
	spreadKm float64 // greatest distance between two of them
	mean     orb.Point
}

// compact reports whether the mean of the located communes may stand for
// the others: enough of them, close enough together.
func (t territory) compact() bool {
	return t.located >= territoryMinLocated && t.spreadKm <= territoryMaxSpreadKm
}

// territoryStats groups the exactly located rows of the collectivities
// (keys of territories) by collectivity and measures each group.
func territoryStats(exact []*commune, territories map[string]string) map[string]territory {
	groups := map[string][]*commune{}
	for _, c := range exact {
		if _, ok := territories[c.Dept]; ok {
			groups[c.Dept] = append(groups[c.Dept], c)
		}
	}
	out := map[string]territory{}
	for code, g := range groups {
		t := territory{located: len(g)}
		minLon, maxLon := math.Inf(1), math.Inf(-1)
		for i, a := range g {
			minLon, maxLon = math.Min(minLon, a.Pos[0]), math.Max(maxLon, a.Pos[0])
			for _, b := range g[i+1:] {
				t.spreadKm = math.Max(t.spreadKm, geo.DistanceHaversine(a.Pos, b.Pos)/1000)
			}
		}
		if maxLon-minLon > 180 {
			// Across the antimeridian a plain mean of longitudes is wrong.
			t.spreadKm = math.Inf(1)
		}
		t.mean, _ = meanPosition(g)
		out[code] = t
	}
	return out
}

func (l locator) locateFromGeoNames(c *commune) {
	if r, ok := bestGeoRow(l.geo[c.Insee]); ok {
		c.Pos, c.PosSource = r.point(), posGeonames
		return
	}
	if c.Kind == kindArrondissement {
		if o, ok := l.outlines[c.Insee]; ok {
			c.Pos, c.PosSource = outlinePoint(o), posOutlineCentroid
			return
		}
		if r, ok := l.arrondissementRow(c); ok {
			c.Pos, c.PosSource = r.point(), posGeonamesName
		}
		return
	}
	// A commune nouvelle's chef-lieu keeps the new commune's code, so had
	// GeoNames known it the exact match above would have found it: what
	// is left are the other former communes, and the most populous wins.
	var old []geoRow
	for _, code := range c.OldCodes {
		old = append(old, l.geo[code]...)
	}
	if r, ok := bestGeoRow(old); ok {
		c.Pos, c.PosSource = r.point(), posOldCode
	}
}

// arrondissementRow finds the GeoNames row of a municipal arrondissement
// that GeoNames files under the parent commune's code with a name such as
// "Lyon 03". Only that exact name is accepted.
func (l locator) arrondissementRow(c *commune) (geoRow, bool) {
	want, ok := arrondissementGeoName(c.Name)
	if !ok {
		return geoRow{}, false
	}
	var hits []geoRow
	for _, r := range l.geo[c.Parent] {
		if r.Name == want {
			hits = append(hits, r)
		}
	}
	return bestGeoRow(hits)
}

func (l locator) locateByMean(c *commune, byPC, byArr map[string][]*commune) {
	var near []*commune
	for _, pc := range c.Postcodes {
		for _, e := range byPC[pc] {
			if e.Dept == c.Dept {
				near = append(near, e)
			}
		}
	}
	if p, ok := meanPosition(near); ok {
		c.Pos, c.PosSource = p, posPostcodeMean
		return
	}
	if p, ok := meanPosition(byArr[c.Dept+"/"+c.Arr]); ok && c.Arr != "" {
		c.Pos, c.PosSource = p, posArrMean
		return
	}
	if p, ok := l.labels[c.Dept]; ok {
		c.Pos, c.PosSource = p, posDeptLabel
	}
}

type rowSet []*commune

func exactRows(rows []*commune) rowSet {
	var out rowSet
	for _, c := range rows {
		if exactSource(c.PosSource) {
			out = append(out, c)
		}
	}
	return out
}

// indexes groups exactly located rows by postcode and by département +
// INSEE arrondissement.
func (s rowSet) indexes() (byPC, byArr map[string][]*commune) {
	byPC, byArr = map[string][]*commune{}, map[string][]*commune{}
	for _, c := range s {
		for _, pc := range c.Postcodes {
			byPC[pc] = append(byPC[pc], c)
		}
		if c.Arr != "" {
			byArr[c.Dept+"/"+c.Arr] = append(byArr[c.Dept+"/"+c.Arr], c)
		}
	}
	return byPC, byArr
}

// meanPosition averages the positions of distinct rows, summing in INSEE
// order so that the float result never depends on map iteration.
func meanPosition(rows []*commune) (orb.Point, bool) {
	uniq := map[string]*commune{}
	for _, c := range rows {
		uniq[c.Insee] = c
	}
	if len(uniq) == 0 {
		return orb.Point{}, false
	}
	codes := make([]string, 0, len(uniq))
	for k := range uniq {
		codes = append(codes, k)
	}
	sort.Strings(codes)
	var lon, lat float64
	for _, k := range codes {
		lon += uniq[k].Pos[0]
		lat += uniq[k].Pos[1]
	}
	n := float64(len(codes))
	return roundPoint(orb.Point{lon / n, lat / n}), true
}

// outlinePoint stands for an arrondissement with an outline of its own:
// the centroid of its largest polygon, or that polygon's pole of
// inaccessibility when the centroid falls outside (a crescent shape).
func outlinePoint(mp orb.MultiPolygon) orb.Point {
	poly := largestPolygon(mp)
	c, _ := planar.CentroidArea(poly)
	if planar.PolygonContains(poly, c) {
		return roundPoint(c)
	}
	return labelPoint(orb.MultiPolygon{poly})
}
