package mapdraw

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// Class is one step of the shading's legend: the values from Lo to Hi
// (both included) share a colour.
type Class struct {
	Lo, Hi float64
	Label  string
	Colour color.RGBA
	whole  bool
}

// maxClasses is the most colours a reader can tell apart on a map.
const maxClasses = 6

// classify groups the values into legend classes. A zero among whole
// numbers (a count of none) is always a class of its own, coloured with
// the theme's Zero colour when it has one. Small whole numbers then get
// one class per value; other values equal steps of a round size.
func classify(values map[string]float64, th Theme) []Class {
	var vs []float64
	for _, v := range values {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			vs = append(vs, v)
		}
	}
	if len(vs) == 0 {
		return nil
	}
	slices.Sort(vs)
	integers := !slices.ContainsFunc(vs, func(v float64) bool { return v != math.Trunc(v) })
	var cs []Class
	rest := vs
	if integers && vs[0] == 0 {
		cs = append(cs, Class{Lo: 0, Hi: 0, Label: "0", whole: true})
		if k := slices.IndexFunc(vs, func(v float64) bool { return v != 0 }); k >= 0 {
			rest = vs[k:]
		} else {
			rest = nil
		}
	}
	if len(rest) > 0 {
		lo := rest[0]
		if len(cs) > 0 {
			lo = 1 // after "0", counts go on from 1 whatever the data
		}
		cs = append(cs, steps(lo, rest[len(rest)-1], maxClasses-len(cs), integers)...)
	}
	first := 0
	if len(cs) > 0 && cs[0].Lo == 0 && cs[0].Hi == 0 && cs[0].whole && th.Zero.A != 0 {
		cs[0].Colour = th.Zero
		first = 1
	}
	for i := first; i < len(cs); i++ {
		cs[i].Colour = th.ramp(i-first, len(cs)-first)
	}
	return cs
}

// fixedClasses makes the classes "< b0", "b0 – b1", …, "≥ bn" in unit.
func fixedClasses(breaks []float64, unit string, th Theme) []Class {
	suffix := ""
	if unit != "" {
		suffix = "\u00a0" + unit
	}
	cs := make([]Class, 0, len(breaks)+1)
	cs = append(cs, Class{Lo: math.Inf(-1), Hi: breaks[0], Label: "< " + formatNumber(breaks[0]) + suffix})
	for i := 1; i < len(breaks); i++ {
		cs = append(cs, Class{Lo: breaks[i-1], Hi: breaks[i], Label: formatNumber(breaks[i-1]) + " – " + formatNumber(breaks[i]) + suffix})
	}
	last := breaks[len(breaks)-1]
	cs = append(cs, Class{Lo: last, Hi: math.Inf(1), Label: "≥ " + formatNumber(last) + suffix})
	for i := range cs {
		cs[i].Colour = th.ramp(i, len(cs))
	}
	return cs
}

// steps cuts [lo, hi] into at most n classes.
func steps(lo, hi float64, n int, integers bool) []Class {
	var cs []Class
	if integers && hi-lo+1 <= float64(n) {
		for v := lo; v <= hi; v++ {
			cs = append(cs, Class{Lo: v, Hi: v, Label: formatNumber(v), whole: true})
		}
		return cs
	}
	if hi == lo {
		return []Class{{Lo: lo, Hi: hi, Label: formatNumber(lo), whole: integers}}
	}
	step := niceStep((hi - lo) / float64(n))
	for {
		if integers {
			step = math.Max(1, math.Ceil(step))
		}
		if base := math.Floor(lo/step) * step; math.Floor((hi-base)/step)+1 <= float64(n) {
			break
		}
		step = niceStep(step * 1.01)
	}
	for a := math.Floor(lo/step) * step; a <= hi; a += step {
		c := Class{Lo: math.Max(a, lo), Hi: a + step, whole: integers}
		if integers {
			c.Hi = math.Min(a+step-1, hi)
			c.Label = formatNumber(c.Lo) + " – " + formatNumber(c.Hi)
			if c.Lo == c.Hi {
				c.Label = formatNumber(c.Lo)
			}
		} else {
			c.Label = formatNumber(a) + " – " + formatNumber(a+step)
		}
		cs = append(cs, c)
	}
	return cs
}

// classIndex returns the class of v, or -1. Classes of whole numbers
// include both bounds; the others include their upper bound only when
// they are the last.
func classIndex(cs []Class, v float64) int {
	for i, c := range cs {
		if v < c.Lo {
			continue
		}
		if v < c.Hi || v == c.Hi && (c.whole || i == len(cs)-1) {
			return i
		}
	}
	return -1
}

// niceStep rounds a step up to 1, 2, 2.5 or 5 × 10^k.
func niceStep(x float64) float64 {
	if x <= 0 || math.IsNaN(x) {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(x)))
	for _, k := range []float64{1, 2, 2.5, 5, 10} {
		if k*p >= x*(1-1e-9) {
			return k * p
		}
	}
	return 10 * p
}

// formatNumber writes a number the French way: decimal comma, at most one
// decimal, narrow no-break spaces between thousands.
func formatNumber(v float64) string {
	neg := v < 0
	v = math.Abs(v)
	s := strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	if len(intPart) > 4 {
		var b strings.Builder
		for i, d := range intPart {
			if i > 0 && (len(intPart)-i)%3 == 0 {
				b.WriteRune('\u202f')
			}
			b.WriteRune(d)
		}
		intPart = b.String()
	}
	if frac != "" {
		intPart += "," + frac
	}
	if neg {
		return "-" + intPart
	}
	return intPart
}

// unitFor is the unit after v (French rule: plural from 2).
func (s *Shading) unitFor(v float64) string {
	if math.Abs(v) >= 2 && s.UnitPlural != "" {
		return s.UnitPlural
	}
	return s.Unit
}

// formatValue writes a shading value with its unit.
func (s *Shading) formatValue(v float64) string {
	unit := s.unitFor(v)
	if unit == "" {
		return formatNumber(v)
	}
	return formatNumber(v) + "\u00a0" + unit
}

// LegendText is the legend's wording, in the interface's language.
type LegendText struct {
	NoData, Public, Private, Groups, Place string
	// Radius is a format taking the radius in km: "rayon de %s km".
	Radius string
	// Sources names the projection and the outlines' source.
	Sources string
}

// FrenchLegend is the legend's default wording.
var FrenchLegend = LegendText{
	NoData: "sans donnée", Public: "établissement public", Private: "établissement privé",
	Groups: "plusieurs centres au même endroit", Place: "lieu recherché", Radius: "rayon de %s km",
	Sources: "Lambert-93 ; limites IGN (ADMIN EXPRESS)",
}

// SetLegendText sets the legend's wording.
func (m *Map) SetLegendText(t LegendText) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.text = t
	clear(m.legends)
	m.overlayVersion++
}

// SetLegendOnMap says whether the screen's render draws the legend over
// the map; a window that shows the legend beside the map turns it off
// (exports always have it).
func (m *Map) SetLegendOnMap(on bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.legendOff = !on
	m.overlayVersion++
}

// LegendRow is one line of the legend, for a legend drawn by the caller.
type LegendRow struct {
	// Symbol is the marker drawn in front of the label (nil for a colour
	// swatch of Colour).
	Symbol *image.RGBA
	Colour color.RGBA
	Label  string
}

// Legend returns the legend's title and rows as the map shows them now,
// the symbols drawn at px pixels per unit.
func (m *Map) Legend(px float64) (title string, rows []LegendRow) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.shading != nil && len(m.classes) > 0 {
		title = m.shading.Title
		for _, c := range m.classes {
			rows = append(rows, LegendRow{Colour: c.Colour, Label: c.Label})
		}
		if len(m.shading.Values) < len(m.names) {
			rows = append(rows, LegendRow{Colour: m.theme.Land, Label: m.noDataLabel()})
		}
	}
	pub, priv := false, false
	for _, mk := range m.markers {
		pub, priv = pub || mk.Public, priv || !mk.Public
	}
	symbol := func(k spriteKind) *image.RGBA {
		return m.renderSprite(spriteKey{kind: k, text: legendSpriteText(k)}, px)
	}
	if pub {
		rows = append(rows, LegendRow{Symbol: symbol(kindPublic), Label: m.text.Public})
	}
	if priv {
		rows = append(rows, LegendRow{Symbol: symbol(kindPrivate), Label: m.text.Private})
	}
	if len(m.markers) > 1 {
		rows = append(rows, LegendRow{Symbol: symbol(kindGroup), Label: m.text.Groups})
	}
	if m.search != nil {
		rows = append(rows, LegendRow{Symbol: symbol(kindSearch), Label: m.searchLabel()})
	}
	return title, rows
}

func (m *Map) noDataLabel() string {
	if m.shading != nil && m.shading.NoData != "" {
		return m.shading.NoData
	}
	return m.text.NoData
}

func (m *Map) searchLabel() string {
	if m.search.RadiusKm > 0 {
		return fmt.Sprintf(m.text.Radius, formatNumber(m.search.RadiusKm))
	}
	return m.text.Place
}

type legendKey struct {
	baseVersion int
	markers     [3]bool // public, private, groups
	search      string
	pixel       float64
}

// legend returns the legend panel, cached: the shading's classes (and "no
// data" when a département lacks a value), the marker symbols in use, the
// search radius, and the sources.
func (m *Map) legend(px float64, groups bool) *sprite {
	var k legendKey
	k.baseVersion, k.pixel = m.baseVersion, px
	for _, mk := range m.markers {
		if mk.Public {
			k.markers[0] = true
		} else {
			k.markers[1] = true
		}
	}
	k.markers[2] = groups
	if m.search != nil {
		k.search = fmt.Sprintf("%s|%g", m.search.Label, m.search.RadiusKm)
	}
	if img, ok := m.legends[k]; ok {
		return img
	}
	if len(m.legends) > 8 {
		clear(m.legends)
	}
	sp := newSprite(m.drawLegend(k, px))
	m.legends[k] = sp
	return sp
}

// legendRow is one line of the legend.
type legendRow struct {
	kind   legendRowKind
	colour color.RGBA // of a swatch
	label  string
}

type legendRowKind int

const (
	rowSwatch legendRowKind = iota
	rowPublic
	rowPrivate
	rowGroup
	rowSearch
	rowNote // small text, no symbol
)

// legendRows lists what the legend explains: the shading's classes, the
// kinds of markers shown, the search, then the projection's note.
func (m *Map) legendRows(k legendKey) []legendRow {
	var rows []legendRow
	if m.shading != nil && len(m.classes) > 0 {
		for _, c := range m.classes {
			rows = append(rows, legendRow{kind: rowSwatch, colour: c.Colour, label: c.Label})
		}
		if len(m.shading.Values) < len(m.names) {
			rows = append(rows, legendRow{kind: rowSwatch, colour: m.theme.Land, label: m.noDataLabel()})
		}
	}
	for i, r := range [...]legendRow{{kind: rowPublic, label: m.text.Public},
		{kind: rowPrivate, label: m.text.Private}, {kind: rowGroup, label: m.text.Groups}} {
		if k.markers[i] {
			rows = append(rows, r)
		}
	}
	if m.search != nil {
		rows = append(rows, legendRow{kind: rowSearch, label: m.searchLabel()})
	}
	return append(rows, legendRow{kind: rowNote, label: m.text.Sources})
}

func (m *Map) drawLegend(k legendKey, px float64) *image.RGBA {
	th := m.theme
	bold := m.fonts.face(12*px, true, 0)
	text := m.fonts.face(11*px, false, 0)
	small := m.fonts.face(9.5*px, false, 0)
	rows := m.legendRows(k)
	pad, lineH, sw := int(9*px), int(19*px), int(20*px)
	title := ""
	if m.shading != nil && len(m.classes) > 0 {
		title = m.shading.Title
	}
	w := small.width(rows[len(rows)-1].label)
	if title != "" {
		w = max(w, bold.width(title))
	}
	for _, r := range rows[:len(rows)-1] {
		w = max(w, sw+int(7*px)+text.width(r.label))
	}
	h := pad*2 + len(rows)*lineH - lineH/3
	if title != "" {
		h += lineH + int(2*px)
	}
	img := image.NewRGBA(image.Rect(0, 0, w+2*pad, h))
	fillRect(img, img.Rect, th.LegendFill)
	p := newPainter(img)
	p.stroke(rectRing(img.Rect), true, px, img.Rect, nil)
	p.flush(th.Frame)
	y := pad
	if title != "" {
		bold.draw(img, img.Rect, pad, y+bold.ascent, title, th.Text, color.RGBA{})
		y += lineH + int(2*px)
	}
	for _, r := range rows {
		mid := y + lineH/2 - int(2*px)
		y += lineH
		if r.kind == rowNote {
			small.draw(img, img.Rect, pad, mid+small.ascent/2, r.label, th.TextSoft, color.RGBA{})
			continue
		}
		m.drawLegendSymbol(img, p, r, pad, mid, sw, px)
		text.draw(img, img.Rect, pad+sw+int(7*px), mid+text.ascent/2-int(1*px), r.label, th.Text, color.RGBA{})
	}
	return img
}

// drawLegendSymbol draws a row's swatch or marker, centred on line mid.
func (m *Map) drawLegendSymbol(img *image.RGBA, p *painter, r legendRow, pad, mid, sw int, px float64) {
	if r.kind == rowSwatch {
		sq := image.Rect(pad, mid-int(6*px), pad+sw, mid+int(6*px))
		fillRect(img, sq, r.colour)
		p.stroke(rectRing(sq), true, 0.8*px, img.Rect, nil)
		p.flush(m.theme.Frame)
		return
	}
	kind := map[legendRowKind]spriteKind{rowPublic: kindPublic, rowPrivate: kindPrivate, rowGroup: kindGroup, rowSearch: kindSearch}[r.kind]
	sp := m.sprite(spriteKey{kind: kind, text: legendSpriteText(kind)}, px)
	blit(img, sp, pad+sw/2, mid)
}

func legendSpriteText(k spriteKind) string {
	if k == kindGroup {
		return groupText(3)
	}
	return ""
}

// rectRing is the outline of a pixel rectangle, through pixel centres.
func rectRing(r image.Rectangle) []orb.Point {
	x0, y0 := float64(r.Min.X)+0.5, float64(r.Min.Y)+0.5
	x1, y1 := float64(r.Max.X)-0.5, float64(r.Max.Y)-0.5
	return []orb.Point{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}
}
