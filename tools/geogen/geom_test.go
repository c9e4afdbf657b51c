package main

import (
	"reflect"

	"atlasri/internal/geocodec"
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

func TestRound5(t *testing.T) {
	tests := []struct {
		in, want float64
	}{
		{1.234564, 1.23456},
		{1.234566, 1.23457},
		{-4.123456, -4.12346},
		{-0.000001, 0}, // and not -0
		{45, 45},
		{2.000004, 2},
	}
	for _, tt := range tests {
		got := round5(tt.in)
		if got != tt.want || math.Signbit(got) != math.Signbit(tt.want) {
			t.Errorf("round5(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
	if s := formatCoord(-0.000001); s != "0" {
		t.Errorf("formatCoord(-0.000001) = %q, want 0", s)
	}
	if s := formatCoord(2.1000000001); s != "2.1" {
		t.Errorf("formatCoord(2.1000000001) = %q, want 2.1", s)
	}
}

func TestRoundRing(t *testing.T) {
	tests := []struct {
		name string
		in   orb.Ring
		want orb.Ring
	}{
		{
			name: "duplicates after rounding are removed",
			in:   orb.Ring{{0, 0}, {1, 0}, {1.000001, 0.000001}, {1, 1}, {0, 0}},
			want: orb.Ring{{0, 0}, {1, 0}, {1, 1}, {0, 0}},
		},
		{
			name: "ring stays closed",
			in:   orb.Ring{{0, 0}, {1, 0}, {1, 1}, {0.000001, 0}},
			want: orb.Ring{{0, 0}, {1, 0}, {1, 1}, {0, 0}},
		},
		{
			name: "open input is closed",
			in:   orb.Ring{{0, 0}, {1, 0}, {1, 1}},
			want: orb.Ring{{0, 0}, {1, 0}, {1, 1}, {0, 0}},
		},
	}
	for _, tt := range tests {
		if got := roundRing(tt.in); !got.Equal(tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestRingValid(t *testing.T) {
	tests := []struct {
		name string
		r    orb.Ring
		want bool
	}{
		{"square", orb.Ring{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}, true},
		{"too few points", orb.Ring{{0, 0}, {1, 0}, {0, 0}}, false},
		{"not closed", orb.Ring{{0, 0}, {1, 0}, {1, 1}, {0, 1}}, false},
		{"bow tie", orb.Ring{{0, 0}, {1, 1}, {1, 0}, {0, 1}, {0, 0}}, false},
		{"flat", orb.Ring{{0, 0}, {1, 0}, {2, 0}, {0, 0}}, false},
	}
	for _, tt := range tests {
		if got := ringValid(tt.r); got != tt.want {
			t.Errorf("%s: ringValid = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// circle returns a closed ring of n points around (lon, lat).
func circle(lon, lat, radius float64, n int) orb.Ring {
	r := make(orb.Ring, 0, n+1)
	for i := 0; i < n; i++ {
		a := 2 * math.Pi * float64(i) / float64(n)
		r = append(r, orb.Point{lon + radius*math.Cos(a), lat + radius*math.Sin(a)})
	}
	return append(r, r[0])
}

func TestSimplifyRing(t *testing.T) {
	tests := []struct {
		name    string
		r       orb.Ring
		wantOK  bool
		maxPts  int
		minArea float64 // km², of the result
	}{
		// A 0.002° island (≈ 0.04 km²) collapses at 0.003° and may go.
		{"islet dropped", circle(-3, 47, 0.002, 40), false, 0, 0},
		// A 0.01° island (≈ 0.9 km² > 0.5) must survive as a real ring
		// even though the tolerance is close to its size.
		{"small island kept", circle(-3, 47, 0.01, 40), true, 40, 0.3},
		// A big smooth ring loses most of its points.
		{"large ring simplified", circle(2, 46, 1, 400), true, 120, 20000},
	}
	for _, tt := range tests {
		in := tt.r.Clone()
		got, ok := simplifyRing(tt.r, 0.003, 0.5)
		if !in.Equal(tt.r) {
			t.Errorf("%s: input modified", tt.name)
		}
		if ok != tt.wantOK {
			t.Fatalf("%s: ok = %v, want %v", tt.name, ok, tt.wantOK)
		}
		if !ok {
			continue
		}
		if !ringValid(got) || len(got) > tt.maxPts {
			t.Errorf("%s: got %d points, valid %v", tt.name, len(got), ringValid(got))
		}
		if a := ringAreaKm2(got); a < tt.minArea {
			t.Errorf("%s: area %.2f km², want ≥ %.2f", tt.name, a, tt.minArea)
		}
	}
}

func TestSimplifyMultiPolygonOrientation(t *testing.T) {
	outer := orb.Ring{{0, 0}, {0, 1}, {1, 1}, {1, 0}, {0, 0}}                    // clockwise
	hole := orb.Ring{{0.4, 0.4}, {0.6, 0.4}, {0.6, 0.6}, {0.4, 0.6}, {0.4, 0.4}} // counter-clockwise
	var st geomStats
	got, land := simplifyMultiPolygon(orb.MultiPolygon{{outer, hole}}, []int{7}, nil, 0.003, 1, &st)
	if len(got) != 1 || len(got[0]) != 2 || len(land) != 1 || land[0] != 7 {
		t.Fatalf("got %v", got)
	}
	if planar.Area(got[0][0]) <= 0 || planar.Area(got[0][1]) >= 0 {
		t.Errorf("want exterior CCW and hole CW, got areas %v %v", planar.Area(got[0][0]), planar.Area(got[0][1]))
	}
	if st.PointsIn != 10 || st.PointsOut != 10 || st.DroppedRings != 0 {
		t.Errorf("stats %+v", st)
	}
}

func TestLabelPointInside(t *testing.T) {
	tests := []struct {
		name string
		mp   orb.MultiPolygon
	}{
		{
			// The centroid of a U lies in the notch, outside the shape.
			name: "U shape",
			mp: orb.MultiPolygon{{{
				{0, 0}, {3, 0}, {3, 3}, {2, 3}, {2, 1}, {1, 1}, {1, 3}, {0, 3}, {0, 0},
			}}},
		},
		{
			// The centroid of a ring falls in its hole.
			name: "square with hole",
			mp: orb.MultiPolygon{{
				{{0, 0}, {4, 0}, {4, 4}, {0, 4}, {0, 0}},
				{{1, 1}, {1, 3}, {3, 3}, {3, 1}, {1, 1}},
			}},
		},
		{
			name: "thin diagonal",
			mp:   orb.MultiPolygon{{{{0, 0}, {0.1, 0}, {5, 4.9}, {5, 5}, {4.9, 5}, {0, 0.1}, {0, 0}}}},
		},
		{
			name: "island and mainland",
			mp: orb.MultiPolygon{
				{{{10, 10}, {10.1, 10}, {10.1, 10.1}, {10, 10.1}, {10, 10}}},
				{{{0, 40}, {2, 40}, {2, 42}, {0, 42}, {0, 40}}},
			},
		},
	}
	for _, tt := range tests {
		p := labelPoint(tt.mp)
		if !planar.MultiPolygonContains(tt.mp, p) {
			t.Errorf("%s: label %v outside", tt.name, p)
		}
		if tt.name == "island and mainland" && (p[1] < 40 || p[1] > 42) {
			t.Errorf("%s: label %v not on the largest polygon", tt.name, p)
		}
		if tt.name == "square with hole" && distanceOutsideKm(orb.MultiPolygon{{tt.mp[0][1]}}, p) == 0 {
			t.Errorf("%s: label %v in the hole", tt.name, p)
		}
	}
}

func TestDistanceOutsideKm(t *testing.T) {
	sq := orb.MultiPolygon{{{{0, 45}, {1, 45}, {1, 46}, {0, 46}, {0, 45}}}}
	if d := distanceOutsideKm(sq, orb.Point{0.5, 45.5}); d != 0 {
		t.Errorf("inside point: %v km", d)
	}
	// 0.1° of latitude south of the square ≈ 11.1 km.
	if d := distanceOutsideKm(sq, orb.Point{0.5, 44.9}); math.Abs(d-11.12) > 0.05 {
		t.Errorf("south point: %v km, want ≈ 11.12", d)
	}
}

func TestEncodeDeptsRoundTrip(t *testing.T) {
	d := []*dept{
		{"2A", "Corse-du-Sud", "94", "Corse", orb.MultiPolygon{{{{8, 41}, {9, 41}, {9, 42}, {8, 41}}}}, []int{3}, orb.Point{8.7, 41.3}},
		{"971", "Guadeloupe", "01", "Guadeloupe", orb.MultiPolygon{
			{{{-61, 16}, {-60.9, 16}, {-60.9, 16.1}, {-61, 16}}},
			{{{-61.5, 16}, {-61.4, 16}, {-61.4, 16.1}, {-61.5, 16}}},
		}, []int{5, 6}, orb.Point{-61.45, 16.05}},
	}
	b, err := encodeDepts(d)
	if err != nil {
		t.Fatal(err)
	}
	got, err := geocodec.Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("%d départements decoded", len(got))
	}
	for i, g := range got {
		w := d[i]
		if g.Code != w.Code || g.Name != w.Name || g.RegionName != w.RegionName || g.Label != w.Label ||
			!reflect.DeepEqual(g.Land, w.Land) || !orb.Equal(g.Shape, w.Geom) {
			t.Errorf("département %d: got %+v, want %+v", i, g, w)
		}
	}
}

// Two départements sharing a wiggly border get the same simplified border,
// vertex for vertex, whichever way each ring runs.
func TestSharedSimplifyKeepsBordersCommon(t *testing.T) {
	// The border from (1, 0) to (1, 1), with small wiggles.
	border := []orb.Point{{1, 0}}
	for i := 1; i < 20; i++ {
		border = append(border, orb.Point{1 + 0.0004*float64(i%3), float64(i) / 20})
	}
	border = append(border, orb.Point{1, 1})
	west := orb.Ring{{0, 0}}
	west = append(west, border...)
	west = append(west, orb.Point{0, 1}, orb.Point{0, 0})
	east := orb.Ring{{2, 1}, {2, 0}}
	east = append(east, border...)
	east = append(east, orb.Point{2, 1})
	// east runs the border upwards too; reverse it so that the two rings
	// run it in opposite directions, as neighbours do.
	for i, j := 0, len(east)-1; i < j; i, j = i+1, j-1 {
		east[i], east[j] = east[j], east[i]
	}
	out := sharedSimplify(map[string]orb.MultiPolygon{"01": {{west}}, "02": {{east}}}, 0.003)
	onBorder := func(r orb.Ring) map[orb.Point]bool {
		m := map[orb.Point]bool{}
		for _, p := range r {
			if p[0] > 0.5 && p[0] < 1.5 {
				m[p] = true
			}
		}
		return m
	}
	w, e := onBorder(out["01"][0][0]), onBorder(out["02"][0][0])
	if !reflect.DeepEqual(w, e) || len(w) < 2 || len(w) >= len(border) {
		t.Errorf("border vertices: west %v, east %v (from %d)", w, e, len(border))
	}
	for _, r := range []orb.Ring{out["01"][0][0], out["02"][0][0]} {
		if !ringValid(roundRing(r)) {
			t.Errorf("ring %v broken", r)
		}
	}
}
