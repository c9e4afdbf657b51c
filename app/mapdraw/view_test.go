package mapdraw

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

var testSheet = orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{2000, 1000}}

func near(a, b orb.Point, tol float64) bool {
	return math.Abs(a[0]-b[0]) <= tol && math.Abs(a[1]-b[1]) <= tol
}

func TestViewInitial(t *testing.T) {
	v := NewView(testSheet, 1000, 1000, 0)
	if v.Scale() != 0.5 || v.Pixel != 1 || v.Zoom != 1 {
		t.Fatalf("scale %v pixel %v zoom %v", v.Scale(), v.Pixel, v.Zoom)
	}
	tests := []struct{ sheet, px orb.Point }{
		{orb.Point{0, 1000}, orb.Point{0, 250}}, // top left; northing up, pixels down
		{orb.Point{2000, 0}, orb.Point{1000, 750}},
		{orb.Point{1000, 500}, orb.Point{500, 500}},
	}
	for _, tc := range tests {
		if got := v.ToPixel(tc.sheet); !near(got, tc.px, 1e-9) {
			t.Errorf("ToPixel(%v) = %v, want %v", tc.sheet, got, tc.px)
		}
		if got := v.FromPixel(tc.px); !near(got, tc.sheet, 1e-9) {
			t.Errorf("FromPixel(%v) = %v, want %v", tc.px, got, tc.sheet)
		}
	}
}

// The point under the pointer stays under it when the wheel zooms.
func TestViewZoomAtKeepsAnchor(t *testing.T) {
	tests := []struct {
		name   string
		px     orb.Point
		factor float64
	}{
		{"centre", orb.Point{500, 500}, 2},
		{"off centre", orb.Point{300, 420}, 3},
		{"zoom back", orb.Point{610, 480}, 0.75},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := NewView(testSheet, 1000, 1000, 1).ZoomAt(orb.Point{500, 500}, 4)
			anchor := v.FromPixel(tc.px)
			z := v.ZoomAt(tc.px, tc.factor)
			if math.Abs(z.Zoom-4*tc.factor) > 1e-9 {
				t.Errorf("zoom %v, want %v", z.Zoom, 4*tc.factor)
			}
			if got := z.ToPixel(anchor); !near(got, tc.px, 1e-6) {
				t.Errorf("anchor moved from %v to %v", tc.px, got)
			}
		})
	}
}

func TestViewZoomLimits(t *testing.T) {
	v := NewView(testSheet, 1000, 1000, 1)
	if z := v.ZoomAt(orb.Point{100, 300}, 0.5); z.Zoom != 1 || z.Center != testSheet.Center() {
		t.Errorf("zooming out below 1: zoom %v centre %v", z.Zoom, z.Center)
	}
	if z := v.ZoomAt(orb.Point{500, 500}, 1e9); z.Zoom != MaxZoom {
		t.Errorf("zoom %v, want the maximum %v", z.Zoom, MaxZoom)
	}
	for _, f := range []float64{0, -2, math.NaN(), math.Inf(1)} {
		if z := v.ZoomAt(orb.Point{500, 500}, f); z != v {
			t.Errorf("factor %v changed the view: %+v", f, z)
		}
	}
}

func TestViewPan(t *testing.T) {
	v := NewView(testSheet, 1000, 1000, 1)
	// At zoom 1 the sheet is narrower than the image vertically: it stays
	// centred; horizontally it fits exactly, so it cannot move either.
	if p := v.Pan(100, 80); p.Center != v.Center {
		t.Errorf("pan at zoom 1 moved the centre to %v", p.Center)
	}
	z := v.ZoomAt(orb.Point{500, 500}, 4) // 2 px per sheet unit
	p := z.Pan(100, -60)
	want := orb.Point{z.Center[0] - 50, z.Center[1] - 30}
	if !near(p.Center, want, 1e-9) {
		t.Errorf("Pan(100, -60) centre %v, want %v", p.Center, want)
	}
	// Dragging far stops at the sheet's edge: no empty band opens.
	far := z.Pan(1e6, 1e6)
	if got := far.ToPixel(orb.Point{testSheet.Min[0], testSheet.Max[1]}); !near(got, orb.Point{0, 0}, 1e-6) {
		t.Errorf("after a long drag the top-left corner is at %v, want (0, 0)", got)
	}
	if q := z.Pan(math.NaN(), 3); q != z {
		t.Errorf("NaN pan changed the view")
	}
}

func TestViewResetResizeFit(t *testing.T) {
	v := NewView(testSheet, 1000, 1000, 2).ZoomAt(orb.Point{200, 200}, 8).Pan(30, 30)
	r := v.Reset()
	if r.Zoom != 1 || r.Center != testSheet.Center() || r.Pixel != 2 {
		t.Errorf("Reset: %+v", r)
	}
	s := v.Resize(500, 300)
	if s.W != 500 || s.H != 300 || s.Zoom != v.Zoom {
		t.Errorf("Resize: %+v", s)
	}
	b := orb.Bound{Min: orb.Point{100, 100}, Max: orb.Point{200, 150}}
	f := v.FitBound(b)
	p0, p1 := f.ToPixel(b.Min), f.ToPixel(b.Max)
	if p0[0] < 0 || p1[0] > 1000 || p1[1] < 0 || p0[1] > 1000 || f.Zoom <= 1 {
		t.Errorf("FitBound does not show the bound: zoom %v, corners %v %v", f.Zoom, p0, p1)
	}
	if e := NewView(testSheet, 0, 0, 1); e.Scale() != 0 || e.FromPixel(orb.Point{1, 1}) != testSheet.Center() {
		t.Errorf("empty view: scale %v", e.Scale())
	}
}
