package search

import (
	"math"

	"github.com/paulmach/orb"
)

// Territories decide which centres can be "nearest".
//
// The rule: a patient is first offered the centres of their own territory.
// Mainland France and Corsica form one territory (from Ajaccio the nearest
// options are across the sea, in Nice or Marseille, and they are shown);
// each overseas département (971 Guadeloupe, 972 Martinique, 973 Guyane,
// 974 La Réunion, 976 Mayotte) and each overseas collectivity is a
// territory of its own, so that a GP in Saint-Pierre (La Réunion) never
// gets mainland centres ranked as nearest. Only when the territory has no
// centre matching the search are the nearest centres elsewhere given, and
// the result says that they are outside the territory (Mayotte or
// Saint-Martin for a procedure that no local centre offers).
//
// When a search starts from a point without a known département (a click
// on the map), the territory is the one whose communes' bounding box, with
// a margin, contains the point.

const mainland uint8 = 0

// noTerritory marks a point outside every territory: no restriction.
const noTerritory uint8 = 255

type territories struct {
	names  []string
	byCode map[string]uint8
	boxes  []orb.Bound
	filled []bool
}

func newTerritories(e *Engine) territories {
	t := territories{names: []string{"France métropolitaine et Corse"}, byCode: map[string]uint8{}}
	add := func(code, name string) {
		if len(code) == 2 {
			t.byCode[code] = mainland
			return
		}
		t.byCode[code] = uint8(len(t.names))
		t.names = append(t.names, name)
	}
	for _, d := range e.depts {
		add(d.Code, d.Name)
	}
	for _, c := range e.colls {
		add(c.Code, c.Name)
	}
	t.boxes = make([]orb.Bound, len(t.names))
	t.filled = make([]bool, len(t.names))
	for _, c := range e.communes {
		id, ok := t.byCode[c.Dept]
		if !ok || !c.Located() {
			continue
		}
		if !t.filled[id] {
			t.boxes[id] = c.Pos.Bound()
			t.filled[id] = true
			continue
		}
		t.boxes[id] = t.boxes[id].Extend(c.Pos)
	}
	for i := range t.boxes {
		t.boxes[i] = t.boxes[i].Pad(0.5)
	}
	return t
}

// of returns the territory of a département or collectivity code.
func (t territories) of(code string) uint8 {
	if id, ok := t.byCode[code]; ok {
		return id
	}
	return noTerritory
}

// at returns the territory whose box contains p (the smallest such box).
func (t territories) at(p orb.Point) uint8 {
	best, area := noTerritory, math.Inf(1)
	for i, b := range t.boxes {
		if !t.filled[i] || !b.Contains(p) {
			continue
		}
		if a := (b.Max[0] - b.Min[0]) * (b.Max[1] - b.Min[1]); a < area {
			best, area = uint8(i), a
		}
	}
	return best
}

// name is the territory's French name.
func (t territories) name(id uint8) string {
	if int(id) < len(t.names) {
		return t.names[id]
	}
	return ""
}
