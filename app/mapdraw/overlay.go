package mapdraw

import (
	"image"
	"image/color"
	"math"
	"slices"
	"strconv"
	"strings"

	"atlasri/app/mapproj"

	"github.com/paulmach/orb"
)

// placedMarker is one appearance of a marker on the sheet (a centre in
// Paris appears in the main frame and in the Paris inset).
type placedMarker struct {
	marker int // index in m.markers
	box    *mapproj.Box
	sheet  orb.Point
}

// cluster is what is drawn for one or more markers that would overlap.
type cluster struct {
	box      *mapproj.Box
	px       orb.Point // position in the image (the leader's)
	members  []int     // marker indexes, leader first
	selected bool
	hovered  bool
}

// placed holds where each marker appears in a layout: the placements of
// marker i are at[start[i]:start[i+1]].
type placed struct {
	at    []placedMarker
	start []int32
}

func (p *placed) of(i int) []placedMarker { return p.at[p.start[i]:p.start[i+1]] }

// placements returns where the markers appear in a layout, computed once
// per layout and set of markers.
func (m *Map) placements(lay *mapproj.Layout) *placed {
	if ps, ok := m.placed[lay]; ok {
		return ps
	}
	ps := &placed{start: make([]int32, len(m.markers)+1), at: make([]placedMarker, 0, len(m.markers)+len(m.markers)/16)}
	var buf []mapproj.Placement
	for i, mk := range m.markers {
		ps.start[i] = int32(len(ps.at))
		if !validLonLat(mk.Pos) {
			continue
		}
		buf = lay.AppendPlace(buf[:0], mk.Pos)
		for _, pl := range buf {
			ps.at = append(ps.at, placedMarker{marker: i, box: pl.Box, sheet: pl.Sheet})
		}
	}
	ps.start[len(m.markers)] = int32(len(ps.at))
	m.placed[lay] = ps
	return ps
}

// clusters groups the markers of a view: walking them in importance order,
// each joins the first group whose leader lies within overlap distance in
// the same box, or leads a new one. A grid of cells keeps it linear in the
// number of markers.
func (m *Map) clusters(v View) []cluster {
	k := renderKey{v, m.markersVersion}
	if m.clusterList != nil && m.clusterKey == k {
		m.markSelected(m.clusterList)
		return m.clusterList
	}
	sc := &m.scratch
	ps := sc.ps[:0] // in importance order
	byMarker := m.placements(m.layoutOf(v))
	for _, i := range m.ranked {
		ps = append(ps, byMarker.of(i)...)
	}
	g := newClusterGrid(v, sc.head, sc.next)
	joinedTo := grow(sc.joinedTo, len(ps)) // cluster of each placement, -1 when off view
	sizes := sc.sizes[:0]
	var out []cluster
	for pi, pm := range ps {
		joinedTo[pi] = -1
		p, ok := g.onView(pm)
		if !ok {
			continue
		}
		joined := g.find(out, p, pm.box)
		if joined < 0 {
			joined = int32(len(out))
			out = append(out, cluster{box: pm.box, px: p})
			sizes = append(sizes, 0)
			g.add(p, joined)
		}
		joinedTo[pi] = joined
		sizes[joined]++
	}
	sc.head, sc.next, sc.ps, sc.joinedTo, sc.sizes = g.head, g.next, ps, joinedTo, sizes
	// Members, leader first, in one backing array.
	backing := make([]int, 0, len(ps))
	for i := range out {
		out[i].members = backing[len(backing) : len(backing) : len(backing)+sizes[i]]
		backing = backing[:len(backing)+sizes[i]]
	}
	for pi, c := range joinedTo {
		if c >= 0 {
			out[c].members = append(out[c].members, ps[pi].marker)
		}
	}
	m.clusterList, m.clusterKey = out, k
	m.markSelected(out)
	return out
}

// clusterGrid finds the group a marker joins: a grid of cells of the
// merging distance, each the head of a linked list of groups, so that a
// marker only looks at the groups of its 3×3 cells.
type clusterGrid struct {
	v           View
	reach       float64 // leaders closer than this merge
	cols, rows  int
	head, next  []int32
	scale       float64
	ox, oy      float64
	img         image.Rectangle
	insetFrames map[*mapproj.Box]image.Rectangle
}

// newClusterGrid reuses the buffers of the previous view.
func newClusterGrid(v View, head, next []int32) *clusterGrid {
	g := &clusterGrid{v: v, reach: 22 * v.Pixel, scale: v.Scale(), insetFrames: map[*mapproj.Box]image.Rectangle{}}
	g.cols, g.rows = int(float64(v.W)/g.reach)+3, int(float64(v.H)/g.reach)+3
	g.head = grow(head, g.cols*g.rows)
	for i := range g.head {
		g.head[i] = -1
	}
	g.next = next[:0]
	g.ox, g.oy = float64(v.W)/2-v.Center[0]*g.scale, float64(v.H)/2+v.Center[1]*g.scale
	g.img = image.Rect(0, 0, v.W, v.H).Inset(-int(g.reach))
	return g
}

// onView returns a placement's pixel position, unless it falls off the
// image or outside its inset's frame.
func (g *clusterGrid) onView(pm placedMarker) (orb.Point, bool) {
	p := orb.Point{g.ox + pm.sheet[0]*g.scale, g.oy - pm.sheet[1]*g.scale}
	pt := image.Pt(int(math.Floor(p[0])), int(math.Floor(p[1])))
	if !pt.In(g.img) {
		return p, false
	}
	if pm.box.Inset() {
		fr, ok := g.insetFrames[pm.box]
		if !ok {
			fr = pixelRect(g.v, pm.box.Dst)
			g.insetFrames[pm.box] = fr
		}
		if !pt.In(fr) {
			return p, false
		}
	}
	return p, true
}

func (g *clusterGrid) cell(p orb.Point) (cx, cy int) {
	return int((p[0] + g.reach) / g.reach), int((p[1] + g.reach) / g.reach)
}

// find returns the first group of the same box whose leader is within
// reach of p, or -1.
func (g *clusterGrid) find(out []cluster, p orb.Point, box *mapproj.Box) int32 {
	reach2 := g.reach * g.reach
	cx, cy := g.cell(p)
	for y := max(0, cy-1); y <= min(g.rows-1, cy+1); y++ {
		for x := max(0, cx-1); x <= min(g.cols-1, cx+1); x++ {
			for ci := g.head[y*g.cols+x]; ci >= 0; ci = g.next[ci] {
				c := &out[ci]
				if dx, dy := c.px[0]-p[0], c.px[1]-p[1]; c.box == box && dx*dx+dy*dy < reach2 {
					return ci
				}
			}
		}
	}
	return -1
}

// add files group ci, led from p, in its cell.
func (g *clusterGrid) add(p orb.Point, ci int32) {
	cx, cy := g.cell(p)
	cell := min(g.rows-1, cy)*g.cols + min(g.cols-1, cx)
	g.next = append(g.next, g.head[cell])
	g.head[cell] = ci
}

// markSelected flags the groups holding the selected and the hovered
// centre.
func (m *Map) markSelected(cs []cluster) {
	for ci := range cs {
		c := &cs[ci]
		c.selected, c.hovered = false, false
		if m.selCentre == "" && m.hoverCentre == "" {
			continue
		}
		for _, i := range c.members {
			id := m.markers[i].ID
			c.selected = c.selected || id != "" && id == m.selCentre
			c.hovered = c.hovered || id != "" && id == m.hoverCentre
		}
	}
}

// clusterScratch holds the buffers of clusters between calls.
type clusterScratch struct {
	head, next, joinedTo []int32
	ps                   []placedMarker
	sizes                []int
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// drawOverlay draws, over the base: the search circle, the hovered and
// selected départements, the markers, and the legend.
func (m *Map) drawOverlay(dst *image.RGBA, p *painter, v View) {
	lay := m.layoutOf(v)
	th := m.theme
	px := v.Pixel
	if m.search != nil {
		for _, b := range lay.Boxes {
			if !b.Shows(m.search.Pos) {
				continue
			}
			clip := boxClip(v, b, dst.Rect)
			a := boxAffine(v, b)
			if len(m.circle) > 0 {
				ring := make([]orb.Point, len(m.circle))
				for i, ll := range m.circle {
					ring[i] = a.apply(b.Proj.Forward(ll))
				}
				p.fill([][]orb.Point{ring}, clip, th.SearchFill)
				p.stroke(ring, true, 1.6*px, clip, []float64{6 * px, 4 * px})
				p.flush(th.Search)
			}
		}
	}
	m.outlineDept(p, v, lay, m.hoverDept, 1.6*px, th.Hover, dst.Rect)
	m.outlineDept(p, v, lay, m.selDept, 3*px, th.Selection, dst.Rect)
	if m.search != nil {
		sp := m.sprite(spriteKey{kind: kindSearch}, px)
		for _, pl := range lay.Place(m.search.Pos) {
			q := v.ToPixel(pl.Sheet)
			m.dirty = append(m.dirty, blit(dst, sp, int(math.Round(q[0])), int(math.Round(q[1]))))
		}
	}
	cs := m.clusters(v)
	groups := false
	// Most important last, so that it is drawn on top.
	for i := len(cs) - 1; i >= 0; i-- {
		c := cs[i]
		sp := m.sprite(m.clusterSprite(c), px)
		if len(c.members) > 1 {
			groups = true
		}
		m.dirty = append(m.dirty, blit(dst, sp, int(math.Round(c.px[0])), int(math.Round(c.px[1]))))
	}
	if m.legendOff {
		return
	}
	if lg, at := m.placeLegend(v, groups); lg != nil {
		m.dirty = append(m.dirty, blit(dst, lg, at.X, at.Y))
	}
}

// placeLegend returns the legend and its top-left corner in the image,
// or nil when there is nothing to explain. The legend shrinks in small
// images rather than hide the map.
func (m *Map) placeLegend(v View, groups bool) (*sprite, image.Point) {
	if m.shading == nil && len(m.markers) == 0 && m.search == nil {
		return nil, image.Point{}
	}
	px := v.Pixel
	lg := m.legend(px, groups)
	if k := math.Min(0.3*float64(v.W)/float64(lg.img.Rect.Dx()), 0.5*float64(v.H)/float64(lg.img.Rect.Dy())); k < 1 {
		lg = m.legend(px*math.Max(0.7, k), groups)
	}
	margin := int(10 * px)
	at := image.Pt(v.W-lg.img.Rect.Dx()-margin, v.H-lg.img.Rect.Dy()-margin)
	if m.layoutOf(v).LegendCorner == mapproj.TopRight {
		at.Y = margin
	}
	return lg, at
}

// LegendBounds returns where the legend is drawn in the image of a view
// (empty when there is none), so that controls can keep clear of it.
func (m *Map) LegendBounds(v View) image.Rectangle {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.legendOff {
		return image.Rectangle{}
	}
	v = v.sane()
	groups := false
	for _, c := range m.clusters(v) {
		if len(c.members) > 1 {
			groups = true
			break
		}
	}
	lg, at := m.placeLegend(v, groups)
	if lg == nil {
		return image.Rectangle{}
	}
	return lg.img.Rect.Add(at)
}

// outlineDept strokes a département's outline wherever it is drawn.
func (m *Map) outlineDept(p *painter, v View, lay *mapproj.Layout, code string, width float64, c color.RGBA, img image.Rectangle) {
	if code == "" {
		return
	}
	var buf [][]orb.Point
	for _, b := range lay.Boxes {
		clip := boxClip(v, b, img)
		if clip.Empty() {
			continue
		}
		a := boxAffine(v, b)
		for _, s := range m.shapes[b.ID] {
			if s.code != code || !visible(a, s.bound, clip) {
				continue
			}
			buf = s.toPixels(a, buf)
			for _, r := range buf {
				p.stroke(r, true, width, clip, nil)
			}
		}
	}
	p.flush(c)
}

// groupText is what a group of n centres shows: "×3", never a bare
// number, which the numbered list uses.
func groupText(n int) string { return "×" + strconv.Itoa(n) }

func (m *Map) clusterSprite(c cluster) spriteKey {
	if len(c.members) == 1 {
		mk := m.markers[c.members[0]]
		k := spriteKey{kind: kindPrivate, selected: c.selected, hovered: c.hovered}
		if mk.Public {
			k.kind = kindPublic
		}
		if mk.Number > 0 {
			k.text = strconv.Itoa(mk.Number)
		}
		return k
	}
	// A few numbered centres together show their numbers ("3,4"), in
	// their own colour when they share it; other groups show their count
	// in a neutral colour, so that it is never taken for a number.
	if len(c.members) <= 3 {
		nums := make([]int, 0, 3)
		public := 0
		for _, i := range c.members {
			if m.markers[i].Number <= 0 {
				nums = nil
				break
			}
			nums = append(nums, m.markers[i].Number)
			if m.markers[i].Public {
				public++
			}
		}
		if nums != nil {
			slices.Sort(nums)
			var b strings.Builder
			for i, n := range nums {
				if i > 0 {
					b.WriteByte(',')
				}
				b.WriteString(strconv.Itoa(n))
			}
			k := spriteKey{kind: kindGroup, selected: c.selected, hovered: c.hovered, text: b.String()}
			switch public {
			case len(nums):
				k.kind = kindPublic
			case 0:
				k.kind = kindPrivate
			}
			return k
		}
	}
	return spriteKey{kind: kindGroup, selected: c.selected, hovered: c.hovered, text: groupText(len(c.members))}
}

// sprite is a small image composited many times: its rows are cut into
// runs, transparent ones skipped, opaque ones copied, only the edges
// blended. That beats image/draw several times over for markers.
type sprite struct {
	img  *image.RGBA
	runs [][]run // per row
}

type run struct {
	x0, x1 int // in image coordinates
	opaque bool
}

func newSprite(img *image.RGBA) *sprite {
	sp := &sprite{img: img, runs: make([][]run, img.Rect.Dy())}
	for y := img.Rect.Min.Y; y < img.Rect.Max.Y; y++ {
		var rs []run
		for x := img.Rect.Min.X; x < img.Rect.Max.X; {
			a := img.Pix[img.PixOffset(x, y)+3]
			x0 := x
			for x < img.Rect.Max.X && (img.Pix[img.PixOffset(x, y)+3] == 0xff) == (a == 0xff) && (img.Pix[img.PixOffset(x, y)+3] == 0) == (a == 0) {
				x++
			}
			if a != 0 {
				rs = append(rs, run{x0, x, a == 0xff})
			}
		}
		sp.runs[y-img.Rect.Min.Y] = rs
	}
	return sp
}

// blit composites a sprite with its origin at (x, y), and returns the
// rectangle drawn on.
func blit(dst *image.RGBA, sp *sprite, x, y int) image.Rectangle {
	r := sp.img.Rect.Add(image.Pt(x, y)).Intersect(dst.Rect)
	if r.Empty() {
		return r
	}
	for py := r.Min.Y; py < r.Max.Y; py++ {
		sy := py - y
		for _, rn := range sp.runs[sy-sp.img.Rect.Min.Y] {
			x0, x1 := max(rn.x0+x, r.Min.X), min(rn.x1+x, r.Max.X)
			if x0 >= x1 {
				continue
			}
			s := sp.img.Pix[sp.img.PixOffset(x0-x, sy):][: 4*(x1-x0) : 4*(x1-x0)]
			d := dst.Pix[dst.PixOffset(x0, py):][: 4*(x1-x0) : 4*(x1-x0)]
			if rn.opaque {
				copy(d, s)
				continue
			}
			for i := 0; i < len(s); i += 4 {
				k := 0xff - uint32(s[i+3])
				d[i] = s[i] + uint8((uint32(d[i])*k+127)/0xff)
				d[i+1] = s[i+1] + uint8((uint32(d[i+1])*k+127)/0xff)
				d[i+2] = s[i+2] + uint8((uint32(d[i+2])*k+127)/0xff)
				d[i+3] = s[i+3] + uint8((uint32(d[i+3])*k+127)/0xff)
			}
		}
	}
	return r
}
