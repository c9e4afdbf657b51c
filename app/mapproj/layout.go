package mapproj

import (
	"fmt"
	"math"
	"slices"

	"atlasri/model"

	"github.com/paulmach/orb"
)

// Box is one frame of the map sheet: the metropolitan map or an inset. It
// shows the window Src of its projection, scaled uniformly into Dst on the
// sheet. Sheet units are metres of Lambert-93 at the metropolitan scale,
// northing up.
type Box struct {
	ID    string // "metro", "paris" or the overseas département code
	Title string // French caption of an inset; empty for the main frame
	Proj  Projection
	Src   orb.Bound // projected window, metres
	Dst   orb.Bound // position on the sheet
	// Codes lists the départements drawn in the box; Labelled those that
	// get a label (the Paris inset draws its neighbours only as context).
	Codes    []string
	Labelled []string
	// geo is the lon/lat range the box accepts points from, so that a
	// point far outside a projection's domain is never projected into it.
	geo orb.Bound
}

// Inset reports whether the box is an inset (framed, with a title).
func (b *Box) Inset() bool { return b.Title != "" }

// Scale is the number of sheet units per projected metre.
func (b *Box) Scale() float64 { return b.scale() }

// ProjToSheet places a projected point of the box on the sheet.
func (b *Box) ProjToSheet(xy orb.Point) orb.Point {
	s := b.scale()
	return orb.Point{b.Dst.Min[0] + (xy[0]-b.Src.Min[0])*s, b.Dst.Min[1] + (xy[1]-b.Src.Min[1])*s}
}

// SheetToProj is the inverse of ProjToSheet.
func (b *Box) SheetToProj(p orb.Point) orb.Point {
	s := b.scale()
	return orb.Point{b.Src.Min[0] + (p[0]-b.Dst.Min[0])/s, b.Src.Min[1] + (p[1]-b.Dst.Min[1])/s}
}

// ToSheet places a lon/lat point on the sheet through the box's projection.
func (b *Box) ToSheet(ll orb.Point) orb.Point { return b.ProjToSheet(b.Proj.Forward(ll)) }

// FromSheet returns the lon/lat of a sheet point seen through the box.
func (b *Box) FromSheet(p orb.Point) orb.Point { return b.Proj.Inverse(b.SheetToProj(p)) }

// Shows reports whether the box's window contains the lon/lat point.
func (b *Box) Shows(ll orb.Point) bool {
	if !b.geo.Contains(ll) {
		return false
	}
	return b.Src.Contains(b.Proj.Forward(ll))
}

func (b *Box) scale() float64 { return (b.Dst.Max[0] - b.Dst.Min[0]) / (b.Src.Max[0] - b.Src.Min[0]) }

// Layout is a composition of the sheet: the boxes in drawing order (main
// frame first) and the corner where the legend stays.
type Layout struct {
	Name  string // "wide" or "tall"
	Boxes []*Box
	Sheet orb.Bound
	// LegendCorner is where the legend is drawn on screen: the sheet keeps
	// that corner free at the initial view.
	LegendCorner Corner
}

// Corner of the view.
type Corner int

// Corners.
const (
	BottomRight Corner = iota
	TopRight
)

// Inset windows and projections. The overseas départements use their
// official UTM zones (RGAF09, RGFG95, RGR92, RGM04), the Paris inset
// Lambert-93 itself.
var overseas = []struct {
	code, title string
	proj        Projection
}{
	{"971", "Guadeloupe", UTM(20, false)},
	{"972", "Martinique", UTM(20, false)},
	{"973", "Guyane", UTM(22, false)},
	{"974", "La Réunion", UTM(40, true)},
	{"976", "Mayotte", UTM(38, true)},
}

// ParisCodes are the départements the Paris inset enlarges; ParisContext
// the neighbours it draws, clipped, around them.
var (
	ParisCodes   = []string{"75", "92", "93", "94"}
	ParisContext = []string{"77", "78", "91", "95"}
)

// Sheet proportions, in metres at the metropolitan scale.
const (
	gap        = 25000
	padMetro   = 15000
	domColumn  = 250000 // width of the overseas column of the wide layout
	parisWide  = 300000 // side of the Paris inset in the wide layout
	parisTall  = 235000
	domRowTall = 190000 // height of the overseas row of the tall layout
	margin     = 20000
)

// Layouts builds the two compositions of the sheet: "wide" (overseas
// column on the left, Paris on the right) and "tall" (overseas row below,
// Paris in the Channel corner). Every overseas département and the Paris
// départements must be present.
func Layouts(depts []model.Departement) (wide, tall *Layout, err error) {
	bm, err := newBoxMaker(depts)
	if err != nil {
		return nil, nil, err
	}
	metro := bm.metro

	// Wide: overseas column left of the main frame, Paris top right, the
	// legend bottom right.
	wide = &Layout{Name: "wide", LegendCorner: BottomRight}
	wide.Boxes = append(wide.Boxes, bm.main())
	h := (metro.Max[1] - metro.Min[1] - 4*gap) / 5
	x0 := metro.Min[0] - gap - domColumn
	for i := range overseas {
		top := metro.Max[1] - float64(i)*(h+gap)
		wide.Boxes = append(wide.Boxes, bm.dom(i, bound(x0, top-h, x0+domColumn, top)))
	}
	px := metro.Max[0] + gap
	wide.Boxes = append(wide.Boxes, bm.paris(bound(px, metro.Max[1]-parisWide, px+parisWide, metro.Max[1])))
	wide.Sheet = sheetOf(wide.Boxes)

	// Tall: overseas row below the main frame, Paris in the empty corner
	// over the Channel, the legend top right (east of the Ardennes).
	tall = &Layout{Name: "tall", LegendCorner: TopRight}
	tall.Boxes = append(tall.Boxes, bm.main())
	w := (metro.Max[0] - metro.Min[0] - 4*gap) / 5
	y1 := metro.Min[1] - gap
	for i := range overseas {
		left := metro.Min[0] + float64(i)*(w+gap)
		tall.Boxes = append(tall.Boxes, bm.dom(i, bound(left, y1-domRowTall, left+w, y1)))
	}
	tall.Boxes = append(tall.Boxes, bm.paris(bound(metro.Min[0], metro.Max[1]-parisTall, metro.Min[0]+parisTall, metro.Max[1])))
	tall.Sheet = sheetOf(tall.Boxes)
	return wide, tall, nil
}

// boxMaker makes the boxes of both layouts from the départements: the
// metropolitan frame, the Paris inset and the overseas ones, each placed
// where the layout says.
type boxMaker struct {
	byCode             map[string]model.Departement
	metroCodes         []string
	metro, metroGeo    orb.Bound // projected (padded) and geographic
	parisSrc, parisGeo orb.Bound
}

func newBoxMaker(depts []model.Departement) (*boxMaker, error) {
	bm := &boxMaker{byCode: map[string]model.Departement{}}
	bm.metro = orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}
	bm.metroGeo = bm.metro
	for _, d := range depts {
		bm.byCode[d.Code] = d
		if d.Overseas() {
			continue
		}
		bm.metroCodes = append(bm.metroCodes, d.Code)
		bm.metro = bm.metro.Union(projectBound(Lambert93, d.Shape))
		bm.metroGeo = bm.metroGeo.Union(d.Shape.Bound())
	}
	for _, c := range append(slices.Clone(ParisCodes), "971", "972", "973", "974", "976") {
		if _, ok := bm.byCode[c]; !ok {
			return nil, fmt.Errorf("géographie incomplète : département %s absent, la carte ne peut pas être composée", c)
		}
	}
	bm.metro = bm.metro.Pad(padMetro)
	for i, c := range ParisCodes {
		b := projectBound(Lambert93, bm.byCode[c].Shape)
		g := bm.byCode[c].Shape.Bound()
		if i == 0 {
			bm.parisSrc, bm.parisGeo = b, g
			continue
		}
		bm.parisSrc, bm.parisGeo = bm.parisSrc.Union(b), bm.parisGeo.Union(g)
	}
	bm.parisSrc = bm.parisSrc.Pad(0.06 * (bm.parisSrc.Max[0] - bm.parisSrc.Min[0]))
	return bm, nil
}

// main is the metropolitan frame.
func (bm *boxMaker) main() *Box {
	return &Box{ID: "metro", Proj: Lambert93, Src: bm.metro, Dst: bm.metro, Codes: bm.metroCodes, Labelled: bm.metroCodes, geo: bm.metroGeo.Pad(0.5)}
}

// paris is the inset of Paris and its inner ring, drawn at dst.
func (bm *boxMaker) paris(dst orb.Bound) *Box {
	var codes []string
	for _, c := range append(slices.Clone(ParisCodes), ParisContext...) {
		if _, ok := bm.byCode[c]; ok {
			codes = append(codes, c)
		}
	}
	b := &Box{ID: "paris", Title: "Paris et petite couronne", Proj: Lambert93, Dst: dst, Codes: codes, Labelled: ParisCodes, geo: bm.parisGeo.Pad(0.3)}
	b.Src = fitWindow(bm.parisSrc, dst)
	return b
}

// dom is the inset of the i-th overseas département, drawn at dst.
func (bm *boxMaker) dom(i int, dst orb.Bound) *Box {
	o := overseas[i]
	d := bm.byCode[o.code]
	src := projectBound(o.proj, d.Shape)
	src = src.Pad(0.08 * math.Max(src.Max[0]-src.Min[0], src.Max[1]-src.Min[1]))
	return &Box{ID: o.code, Title: o.title, Proj: o.proj, Src: fitWindow(src, dst), Dst: dst,
		Codes: []string{o.code}, Labelled: []string{o.code}, geo: d.Shape.Bound().Pad(1)}
}

// BoxAt returns the box under a sheet point, insets first (they may lie
// over the main frame's window), or nil.
func (l *Layout) BoxAt(p orb.Point) *Box {
	for i := len(l.Boxes) - 1; i >= 0; i-- {
		if l.Boxes[i].Dst.Contains(p) {
			return l.Boxes[i]
		}
	}
	return nil
}

// Box returns the box with the given ID, or nil.
func (l *Layout) Box(id string) *Box {
	for _, b := range l.Boxes {
		if b.ID == id {
			return b
		}
	}
	return nil
}

// Placement is where a lon/lat point appears on the sheet: in the main
// frame or an inset, and possibly in both (Paris).
type Placement struct {
	Box   *Box
	Sheet orb.Point
}

// Place returns every place on the sheet where the lon/lat point is shown.
// A point in the main frame that an inset covers (Paris) is hidden from
// the main frame's window when the inset lies over it.
func (l *Layout) Place(ll orb.Point) []Placement { return l.AppendPlace(nil, ll) }

// AppendPlace appends the placements of a point to out: the map places
// thousands of centres, without allocating for each.
func (l *Layout) AppendPlace(out []Placement, ll orb.Point) []Placement {
	// Boxes sharing a projection (the main frame and the Paris inset)
	// project the point once.
	var lastProj Projection
	var xy orb.Point
	for _, b := range l.Boxes {
		if !b.geo.Contains(ll) {
			continue
		}
		if lastProj == nil || lastProj != b.Proj {
			xy, lastProj = b.Proj.Forward(ll), b.Proj
		}
		if !b.Src.Contains(xy) {
			continue
		}
		p := b.ProjToSheet(xy)
		if top := l.BoxAt(p); top != nil && top != b {
			continue // under an inset's frame
		}
		out = append(out, Placement{Box: b, Sheet: p})
	}
	return out
}

// fitWindow grows the window src about its centre to the aspect of dst.
func fitWindow(src, dst orb.Bound) orb.Bound {
	sw, sh := src.Max[0]-src.Min[0], src.Max[1]-src.Min[1]
	aspect := (dst.Max[0] - dst.Min[0]) / (dst.Max[1] - dst.Min[1])
	if sw/sh < aspect {
		sw = sh * aspect
	} else {
		sh = sw / aspect
	}
	c := src.Center()
	return bound(c[0]-sw/2, c[1]-sh/2, c[0]+sw/2, c[1]+sh/2)
}

func sheetOf(boxes []*Box) orb.Bound {
	s := boxes[0].Dst
	for _, b := range boxes[1:] {
		s = s.Union(b.Dst)
	}
	return s.Pad(margin)
}

func bound(x0, y0, x1, y1 float64) orb.Bound {
	return orb.Bound{Min: orb.Point{x0, y0}, Max: orb.Point{x1, y1}}
}

// projectBound is the bound of a lon/lat shape once projected.
func projectBound(p Projection, mp orb.MultiPolygon) orb.Bound {
	b := orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}
	for _, poly := range mp {
		for _, pt := range poly[0] {
			b = b.Extend(p.Forward(pt))
		}
	}
	return b
}
