package mapdraw

import (
	"math"

	"github.com/paulmach/orb"
)

// MaxZoom limits how far the view enlarges the sheet: at 64× a
// département fills the window and the simplified outlines show their
// corners.
const MaxZoom = 64.0

// View maps the sheet (metres, northing up) to the pixels of an image of
// W×H, at a zoom factor about a centre point. At zoom 1 the whole sheet
// fits the image. Values are small and copied freely; every method returns
// a new View.
type View struct {
	W, H   int
	Pixel  float64 // device pixels per logical unit (HiDPI), for line widths and text
	Zoom   float64
	Center orb.Point // sheet point at the middle of the image
	Sheet  orb.Bound
}

// NewView returns the initial view of a sheet in a W×H image.
func NewView(sheet orb.Bound, w, h int, pixel float64) View {
	if !(pixel > 0) || pixel > 16 { // NaN too
		pixel = 1
	}
	return View{W: w, H: h, Pixel: pixel, Zoom: 1, Center: sheet.Center(), Sheet: sheet}
}

// Scale is the number of pixels per sheet unit.
func (v View) Scale() float64 {
	sw, sh := v.Sheet.Max[0]-v.Sheet.Min[0], v.Sheet.Max[1]-v.Sheet.Min[1]
	if sw <= 0 || sh <= 0 || v.W <= 0 || v.H <= 0 {
		return 0
	}
	return math.Min(float64(v.W)/sw, float64(v.H)/sh) * v.Zoom
}

// ToPixel converts a sheet point to image coordinates (y down).
func (v View) ToPixel(p orb.Point) orb.Point {
	s := v.Scale()
	return orb.Point{float64(v.W)/2 + (p[0]-v.Center[0])*s, float64(v.H)/2 - (p[1]-v.Center[1])*s}
}

// FromPixel converts image coordinates to a sheet point.
func (v View) FromPixel(px orb.Point) orb.Point {
	s := v.Scale()
	if s == 0 {
		return v.Center
	}
	return orb.Point{v.Center[0] + (px[0]-float64(v.W)/2)/s, v.Center[1] - (px[1]-float64(v.H)/2)/s}
}

// ZoomAt multiplies the zoom by factor, keeping the sheet point under the
// pixel px where it is (the mouse wheel zooms about the pointer).
func (v View) ZoomAt(px orb.Point, factor float64) View {
	if factor <= 0 || math.IsNaN(factor) || math.IsInf(factor, 0) {
		return v
	}
	anchor := v.FromPixel(px)
	v.Zoom = math.Max(1, math.Min(MaxZoom, v.Zoom*factor))
	s := v.Scale()
	if s == 0 {
		return v
	}
	v.Center = orb.Point{anchor[0] - (px[0]-float64(v.W)/2)/s, anchor[1] + (px[1]-float64(v.H)/2)/s}
	return v.clamp()
}

// Pan moves the sheet by dx, dy pixels (a drag to the right shows what was
// on the left).
func (v View) Pan(dx, dy float64) View {
	s := v.Scale()
	if s == 0 || math.IsNaN(dx+dy) || math.IsInf(dx+dy, 0) {
		return v
	}
	v.Center = orb.Point{v.Center[0] - dx/s, v.Center[1] + dy/s}
	return v.clamp()
}

// Resize keeps the zoom and centre for a new image size.
func (v View) Resize(w, h int) View {
	v.W, v.H = w, h
	return v.clamp()
}

// Reset returns to the whole sheet.
func (v View) Reset() View {
	return NewView(v.Sheet, v.W, v.H, v.Pixel)
}

// FitBound zooms on a sheet rectangle, with a margin, within the zoom
// limits.
func (v View) FitBound(b orb.Bound) View {
	v = v.Reset()
	bw, bh := b.Max[0]-b.Min[0], b.Max[1]-b.Min[1]
	s := v.Scale()
	if s == 0 {
		return v
	}
	z := math.Min(float64(v.W)/(math.Max(bw, 1)*s), float64(v.H)/(math.Max(bh, 1)*s)) * 0.8
	v.Zoom = math.Max(1, math.Min(MaxZoom, z))
	v.Center = b.Center()
	return v.clamp()
}

// clamp keeps the zoom in range and the sheet in sight: along an axis where
// the image is wider than the sheet the sheet stays centred, otherwise no
// empty band may open beyond the sheet's edge.
func (v View) clamp() View {
	if math.IsNaN(v.Zoom) || v.Zoom < 1 {
		v.Zoom = 1
	}
	v.Zoom = math.Min(v.Zoom, MaxZoom)
	s := v.Scale()
	if s == 0 {
		v.Center = v.Sheet.Center()
		return v
	}
	for axis, size := range [2]int{v.W, v.H} {
		half := float64(size) / 2 / s
		lo, hi := v.Sheet.Min[axis]+half, v.Sheet.Max[axis]-half
		if lo >= hi || math.IsNaN(v.Center[axis]) {
			v.Center[axis] = (v.Sheet.Min[axis] + v.Sheet.Max[axis]) / 2
			continue
		}
		v.Center[axis] = math.Max(lo, math.Min(hi, v.Center[axis]))
	}
	return v
}

// sane repairs a view built by hand with impossible values (the exported
// fields allow it): negative sizes, a pixel ratio that is not a small
// positive number, a zoom or centre out of range.
func (v View) sane() View {
	v.W, v.H = max(v.W, 0), max(v.H, 0)
	if !(v.Pixel > 0) || v.Pixel > 16 {
		v.Pixel = 1
	}
	return v.clamp()
}
