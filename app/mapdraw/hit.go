package mapdraw

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// HitKind says what lies under a pixel.
type HitKind int

// Hit kinds.
const (
	HitNone        HitKind = iota
	HitDepartement         // a département's outline
	HitMarker              // a single centre
	HitGroup               // several centres drawn as one group
)

// Hit is what lies under a pixel of a view.
type Hit struct {
	Kind HitKind
	Code string // département code (HitDepartement)
	Name string // département name (HitDepartement)
	// MarkerIDs are the centres under the pixel (one for HitMarker).
	MarkerIDs []string
	// Bound is the sheet rectangle of a group's centres, to zoom on it.
	Bound orb.Bound
	// Box is the ID of the frame under the pixel ("metro", "paris",
	// "971"…), empty outside every frame.
	Box string
}

// HitTest returns what is drawn at pixel px (image coordinates) of view v:
// markers first, as they are drawn on top, then the département.
func (m *Map) HitTest(v View, px orb.Point) Hit {
	m.mu.Lock()
	defer m.mu.Unlock()
	v = v.sane()
	lay := m.layoutOf(v)
	sheet := v.FromPixel(px)
	var h Hit
	box := lay.BoxAt(sheet)
	if box != nil {
		h.Box = box.ID
	}
	cs := m.clusters(v)
	for i := range cs { // the first drawn on top is the most important
		c := cs[i]
		if math.Hypot(c.px[0]-px[0], c.px[1]-px[1]) > m.hitRadius(m.clusterSprite(c), v.Pixel) {
			continue
		}
		h.Kind = HitMarker
		if len(c.members) > 1 {
			h.Kind = HitGroup
		}
		h.Box = c.box.ID
		for _, i := range c.members {
			h.MarkerIDs = append(h.MarkerIDs, m.markers[i].ID)
			for _, pl := range m.placements(lay).of(i) {
				if pl.box == c.box {
					h.Bound = extend(h.Bound, pl.sheet, len(h.MarkerIDs) == 1)
				}
			}
		}
		return h
	}
	if box == nil {
		return h
	}
	p := box.SheetToProj(sheet)
	for _, s := range m.shapes[box.ID] {
		if s.contains(p) {
			h.Kind, h.Code, h.Name = HitDepartement, s.code, s.name
			return h
		}
	}
	return h
}

// PixelsOf returns where a lon/lat point is drawn in the image of a view:
// once, or twice for Paris (main frame and inset), or not at all.
func (m *Map) PixelsOf(v View, ll orb.Point) []orb.Point {
	m.mu.Lock()
	defer m.mu.Unlock()
	v = v.sane()
	var out []orb.Point
	for _, pl := range m.layoutOf(v).Place(ll) {
		out = append(out, v.ToPixel(pl.Sheet))
	}
	return out
}

func extend(b orb.Bound, p orb.Point, first bool) orb.Bound {
	if first {
		return p.Bound()
	}
	return b.Extend(p)
}

// Tooltip is the French text shown when the pointer rests on a hit.
func (m *Map) Tooltip(h Hit) string {
	m.mu.Lock()
	defer m.mu.Unlock()
	switch h.Kind {
	case HitDepartement:
		t := fmt.Sprintf("%s (%s)", h.Name, h.Code)
		if m.shading == nil {
			return t
		}
		v, ok := m.shading.Values[h.Code]
		if !ok || math.IsNaN(v) {
			return t + "\n" + m.shading.Title + " : pas de donnée"
		}
		return t + "\n" + m.shading.Title + " : " + m.shading.formatValue(v)
	case HitMarker:
		mk, ok := m.marker(h.MarkerIDs[0])
		if !ok {
			return ""
		}
		return markerText(mk)
	case HitGroup:
		var b strings.Builder
		fmt.Fprintf(&b, "%d centres proches :", len(h.MarkerIDs))
		const shown = 6
		for i, id := range h.MarkerIDs {
			if i == shown {
				fmt.Fprintf(&b, "\n… et %d autres", len(h.MarkerIDs)-shown)
				break
			}
			if mk, ok := m.marker(id); ok {
				b.WriteString("\n• " + markerTitle(mk))
			}
		}
		b.WriteString("\nCliquer pour agrandir.")
		return b.String()
	}
	return ""
}

func (m *Map) marker(id string) (Marker, bool) {
	for _, mk := range m.markers {
		if mk.ID == id {
			return mk, true
		}
	}
	return Marker{}, false
}

func markerTitle(mk Marker) string {
	if mk.Number > 0 {
		return strconv.Itoa(mk.Number) + ". " + mk.Name
	}
	return mk.Name
}

func markerText(mk Marker) string {
	sector := "établissement privé"
	if mk.Public {
		sector = "établissement public"
	}
	t := markerTitle(mk)
	if mk.Detail != "" {
		t += "\n" + mk.Detail
	}
	return t + "\n" + sector
}
