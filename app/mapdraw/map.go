// Package mapdraw draws the map of départements to an image, without Fyne:
// a cached base layer (fills, borders, labels, insets, scale bars) and an
// overlay composited on top of it (search circle, selection, centres
// grouped when they overlap, legend). It also answers which département or
// centre lies under a pixel. The Fyne widget (ui/mapview) and the
// command-line export share it.
package mapdraw

import (
	"image"
	"image/color"
	"image/draw"
	"maps"
	"math"
	"slices"
	"sync"

	"atlasri/app/mapproj"
	"atlasri/model"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
)

// Marker is a centre on the map.
type Marker struct {
	ID     string
	Number int       // shown inside the marker when positive (the results list's numbering)
	Pos    orb.Point // lon/lat
	Public bool
	Name   string // tooltip title
	Detail string // tooltip line under the name (category, commune)
}

// Shading colours the départements by a value the caller computed.
type Shading struct {
	Title string // legend title and tooltip caption
	// Unit follows values: Unit for 0 and 1, UnitPlural from 2 (French
	// rule); UnitPlural may be empty when it does not change ("%").
	Unit, UnitPlural string
	Values           map[string]float64 // by département code; a missing code has no data
	// Breaks, when set, are fixed class bounds (ascending): classes
	// "< b0", "b0 – b1", …, "≥ bn", always all shown, so that the same
	// colour means the same distance from one procedure to the next.
	Breaks []float64
	// NoData labels the départements without a value in the legend.
	NoData string
}

// SearchPoint is the place the user searched from, with the radius of the
// search (zero for none).
type SearchPoint struct {
	Pos      orb.Point // lon/lat
	RadiusKm float64
	Label    string // the place's name, for the legend
}

// Map holds what is drawn and the caches. Its methods are safe for
// concurrent use.
type Map struct {
	mu         sync.Mutex
	fonts      *fontSet
	wide, tall *mapproj.Layout
	shapes     map[string][]*shape // by box ID
	borders    map[string]borders  // by box ID
	names      map[string]string   // département names by code

	theme   Theme
	shading *Shading
	classes []Class
	fills   map[string]color.RGBA

	markers     []Marker
	ranked      []int // marker indexes by number
	placed      map[*mapproj.Layout]*placed
	selCentre   string
	selDept     string
	hoverDept   string
	hoverCentre string
	search      *SearchPoint
	circle      []orb.Point // lon/lat ring of the search radius

	baseVersion, overlayVersion int
	markersVersion              int // groups depend on the markers and the view only
	base                        *image.RGBA
	baseKey                     renderKey
	out                         *image.RGBA
	outBase                     renderKey         // base under the overlay in out
	dirty                       []image.Rectangle // what the overlay in out drew on
	basePaint, outPaint         *painter
	clusterKey                  renderKey
	clusterList                 []cluster
	scratch                     clusterScratch
	legends                     map[legendKey]*sprite
	text                        LegendText
	legendOff                   bool
	sprites                     map[spriteKey]*sprite
	baseDraws                   int // how often the base was drawn, for tests
}

type renderKey struct {
	view    View
	version int
}

// New prepares the map of the given départements (the 101 of the embedded
// geography, or those of reference.db). fonts may be empty.
func New(depts []model.Departement, fonts Fonts) (*Map, error) {
	fs, err := parseFonts(fonts)
	if err != nil {
		return nil, err
	}
	wide, tall, err := mapproj.Layouts(depts)
	if err != nil {
		return nil, err
	}
	byCode := map[string]model.Departement{}
	names := map[string]string{}
	for _, d := range depts {
		byCode[d.Code] = d
		names[d.Code] = d.Name
	}
	m := &Map{
		fonts: fs, wide: wide, tall: tall, names: names,
		shapes:  map[string][]*shape{},
		theme:   LightTheme(),
		placed:  map[*mapproj.Layout]*placed{},
		sprites: map[spriteKey]*sprite{},
		legends: map[legendKey]*sprite{},
		text:    FrenchLegend,
	}
	// Both layouts show the same boxes, only placed differently.
	inner := innerSegments(depts)
	m.borders = map[string]borders{}
	for _, b := range wide.Boxes {
		m.shapes[b.ID] = projectShapes(b, byCode)
		m.borders[b.ID] = boxBorders(b, byCode, inner)
	}
	m.recolour()
	return m, nil
}

// LayoutFor returns the composition that shows the sheet largest in a
// W×H image: overseas column for wide images, overseas row for tall ones.
func (m *Map) LayoutFor(w, h int) *mapproj.Layout {
	if NewView(m.tall.Sheet, w, h, 1).Scale() > NewView(m.wide.Sheet, w, h, 1).Scale() {
		return m.tall
	}
	return m.wide
}

// NewView returns the initial view for an image of W×H pixels, pixel
// being the device pixels per logical unit (1 for exports).
func (m *Map) NewView(w, h int, pixel float64) View {
	return NewView(m.LayoutFor(w, h).Sheet, w, h, pixel)
}

func (m *Map) layoutOf(v View) *mapproj.Layout {
	if v.Sheet == m.tall.Sheet {
		return m.tall
	}
	return m.wide
}

// SetTheme changes the colours.
func (m *Map) SetTheme(t Theme) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.theme = t
	m.sprites = map[spriteKey]*sprite{}
	m.recolour()
}

// SetShading colours the départements by value; nil removes the shading.
func (m *Map) SetShading(s *Shading) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if sameShading(m.shading, s) {
		return // the base stays as it is
	}
	if s != nil {
		c := *s
		c.Values = maps.Clone(s.Values)
		c.Breaks = slices.Clone(s.Breaks)
		s = &c
	}
	m.shading = s
	m.recolour()
}

func sameShading(a, b *Shading) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Title == b.Title && a.Unit == b.Unit && a.UnitPlural == b.UnitPlural && maps.Equal(a.Values, b.Values) &&
		slices.Equal(a.Breaks, b.Breaks) && a.NoData == b.NoData
}

// recolour recomputes classes and fills; the base must be redrawn.
func (m *Map) recolour() {
	m.classes = nil
	m.fills = map[string]color.RGBA{}
	if m.shading != nil {
		if len(m.shading.Breaks) > 0 {
			m.classes = fixedClasses(m.shading.Breaks, m.shading.unitFor(2), m.theme)
		} else {
			m.classes = classify(m.shading.Values, m.theme)
		}
		for code, v := range m.shading.Values {
			if i := classIndex(m.classes, v); i >= 0 {
				m.fills[code] = m.classes[i].Colour
			}
		}
	}
	m.baseVersion++
	m.overlayVersion++
}

func (m *Map) fillOf(code string) color.RGBA {
	if c, ok := m.fills[code]; ok {
		return c
	}
	return m.theme.Land
}

// SetMarkers replaces the centres shown.
func (m *Map) SetMarkers(ms []Marker) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if slices.Equal(m.markers, ms) {
		return
	}
	m.markers = slices.Clone(ms)
	m.placed = map[*mapproj.Layout]*placed{}
	m.sortMarkers()
	m.markersVersion++
	m.overlayVersion++
}

// sortMarkers orders markers by importance: numbered ones by number,
// then the others as given. Groups of overlapping markers gather around
// the most important one; selecting a centre does not regroup them, so
// that groups never jump under the user's eyes.
func (m *Map) sortMarkers() {
	m.ranked = m.ranked[:0]
	for i := range m.markers {
		m.ranked = append(m.ranked, i)
	}
	rank := func(i int) int {
		if n := m.markers[i].Number; n > 0 {
			return n
		}
		return 1 << 30
	}
	slices.SortStableFunc(m.ranked, func(a, b int) int { return rank(a) - rank(b) })
}

// SetSelection highlights a centre (by marker ID) and a département (by
// code); empty strings select nothing.
func (m *Map) SetSelection(centreID, deptCode string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.selCentre == centreID && m.selDept == deptCode {
		return
	}
	m.selCentre, m.selDept = centreID, deptCode
	m.overlayVersion++
}

// Selection returns the selected centre and département.
func (m *Map) Selection() (centreID, deptCode string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.selCentre, m.selDept
}

// SetHoverCentre rings a centre's marker, for instance while the pointer
// is over its row in a list ("" for none).
func (m *Map) SetHoverCentre(id string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.hoverCentre == id {
		return
	}
	m.hoverCentre = id
	m.overlayVersion++
}

// SetHover outlines the département under the pointer ("" for none).
func (m *Map) SetHover(code string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.hoverDept == code {
		return
	}
	m.hoverDept = code
	m.overlayVersion++
}

// SetSearch shows the search point and its radius; nil hides them.
func (m *Map) SetSearch(s *SearchPoint) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if s != nil && !validLonLat(s.Pos) {
		s = nil
	}
	if s == nil && m.search == nil || s != nil && m.search != nil && *s == *m.search {
		return
	}
	m.search, m.circle = nil, nil
	if s != nil {
		c := *s
		m.search = &c
		if c.RadiusKm > 0 {
			for b := 0; b <= 360; b += 4 {
				m.circle = append(m.circle, geo.PointAtBearingAndDistance(c.Pos, float64(b), c.RadiusKm*1000))
			}
		}
	}
	m.overlayVersion++
}

// Render returns the map for a view: the cached base with the overlay on
// top. The image is reused by the next call.
func (m *Map) Render(v View) *image.RGBA {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.render(v.sane())
}

func (m *Map) render(v View) *image.RGBA {
	base := m.renderBase(v)
	switch {
	case m.out == nil || m.out.Rect != base.Rect:
		m.out = image.NewRGBA(base.Rect)
		m.outPaint = newPainter(m.out)
		m.outPaint.dirty = &m.dirty
		copy(m.out.Pix, base.Pix)
	case m.outBase != m.baseKey:
		copy(m.out.Pix, base.Pix)
	default:
		// Same base as the previous frame: wipe the previous overlay by
		// restoring only what it drew on.
		for _, r := range m.dirty {
			r = r.Intersect(base.Rect)
			for y := r.Min.Y; y < r.Max.Y; y++ {
				o := base.PixOffset(r.Min.X, y)
				copy(m.out.Pix[o:o+4*r.Dx()], base.Pix[o:o+4*r.Dx()])
			}
		}
	}
	m.dirty = m.dirty[:0]
	m.drawOverlay(m.out, m.outPaint, v)
	m.outBase = m.baseKey
	return m.out
}

// renderBase redraws the base layer only when the view, theme or shading
// changed.
func (m *Map) renderBase(v View) *image.RGBA {
	k := renderKey{v, m.baseVersion}
	if m.base != nil && m.baseKey == k {
		return m.base
	}
	r := image.Rect(0, 0, max(v.W, 1), max(v.H, 1))
	if m.base == nil || m.base.Rect != r {
		m.base = image.NewRGBA(r)
		m.basePaint = newPainter(m.base)
	}
	m.drawBase(m.base, m.basePaint, v)
	m.baseKey = k
	m.baseDraws++
	return m.base
}

// Classes returns the legend's classes of the current shading.
func (m *Map) Classes() []Class {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Clone(m.classes)
}

func validLonLat(p orb.Point) bool {
	return p[0] >= -180 && p[0] <= 180 && p[1] >= -90 && p[1] <= 90
}

// Export draws the whole map in a new W×H image for a file or a printout,
// in theme th: the initial view, with lines and text scaled to the image,
// without the screen's selection and hover, under a title band when
// title is not empty.
func (m *Map) Export(w, h int, th Theme, title, subtitle string) *image.RGBA {
	w, h = max(w, 1), max(h, 1)
	px := math.Max(1, math.Min(float64(w)/1400, float64(h)/900))
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	m.mu.Lock()
	defer m.mu.Unlock()
	fillRect(img, img.Rect, th.Background)
	band := 0
	if title != "" {
		tf := m.fonts.face(20*px, true, 0)
		sf := m.fonts.face(12.5*px, false, 0)
		pad := int(14 * px)
		tf.draw(img, img.Rect, pad, pad+tf.ascent, title, th.Text, color.RGBA{})
		band = pad + tf.ascent + tf.descent
		if subtitle != "" {
			sf.draw(img, img.Rect, pad, band+int(4*px)+sf.ascent, subtitle, th.TextSoft, color.RGBA{})
			band += int(4*px) + sf.ascent + sf.descent
		}
		band += pad / 2
	}
	if h-band < 10 {
		return img
	}
	// Draw with the export's theme and without the screen's state, then
	// put both back.
	theme, sc, sd, hd, hc := m.theme, m.selCentre, m.selDept, m.hoverDept, m.hoverCentre
	m.theme, m.selCentre, m.selDept, m.hoverDept, m.hoverCentre = th, "", "", "", ""
	m.sprites = map[spriteKey]*sprite{}
	m.recolour()
	v := NewView(m.LayoutFor(w, h-band).Sheet, w, h-band, px)
	draw.Draw(img, image.Rect(0, band, w, h), m.render(v), image.Point{}, draw.Src)
	m.theme, m.selCentre, m.selDept, m.hoverDept, m.hoverCentre = theme, sc, sd, hd, hc
	m.sprites = map[spriteKey]*sprite{}
	m.recolour()
	return img
}
