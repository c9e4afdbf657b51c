// Package mapproj projects longitude/latitude onto the map sheet: the
// Lambert-93 conic projection (EPSG:2154) for metropolitan France, the UTM
// zones of the overseas départements, and the layout that places the
// metropolitan frame and its insets side by side. It knows nothing about
// drawing or Fyne.
package mapproj

import (
	"math"

	"github.com/paulmach/orb"
)

// Projection turns longitude/latitude in degrees (orb.Point{lon, lat})
// into planar metres and back. Implementations are comparable values, so
// that boxes sharing a projection can tell.
type Projection interface {
	Forward(lonLat orb.Point) orb.Point
	Inverse(xy orb.Point) orb.Point
}

// Ellipsoid is a reference ellipsoid given by its semi-major axis and
// flattening.
type Ellipsoid struct {
	A float64 // semi-major axis, metres
	F float64 // flattening
}

// GRS80 is the ellipsoid of RGF93 (and, to the millimetre at map scale,
// of WGS84), the datum of Lambert-93 and of the overseas UTM systems.
var GRS80 = Ellipsoid{A: 6378137, F: 1 / 298.257222101}

// E returns the first eccentricity.
func (el Ellipsoid) E() float64 { return math.Sqrt(el.F * (2 - el.F)) }

// IsometricLatitude is IGN's algorithm ALG0001 (notice NTG_71): the
// isometric latitude of latitude phi (radians) on an ellipsoid of first
// eccentricity e.
func IsometricLatitude(phi, e float64) float64 {
	// ln(tan(π/4 + φ/2)) is atanh(sin φ) and ln((1 − s)/(1 + s))/2 is
	// −atanh(s): the same formula with two logarithms instead of a
	// tangent, a power and a logarithm (the map projects thousands of
	// centres at each search).
	sin := math.Sin(phi)
	return math.Atanh(sin) - e*math.Atanh(e*sin)
}

// LatitudeFromIsometric is IGN's algorithm ALG0002: the latitude (radians)
// whose isometric latitude is l, by fixed-point iteration.
func LatitudeFromIsometric(l, e float64) float64 {
	phi := 2*math.Atan(math.Exp(l)) - math.Pi/2
	for range 20 {
		s := e * math.Sin(phi)
		next := 2*math.Atan(math.Pow((1+s)/(1-s), e/2)*math.Exp(l)) - math.Pi/2
		if math.Abs(next-phi) < 1e-12 {
			return next
		}
		phi = next
	}
	return phi
}

// ConicConformal is a Lambert conformal conic projection in IGN's form
// (algorithms ALG0003 and ALG0004): exponent N, constant C, pole
// coordinates Xs/Ys, central meridian LambdaC (radians), eccentricity E.
type ConicConformal struct {
	N, C, Xs, Ys, LambdaC, E float64
}

// NewConicConformalSecant computes the constants of a secant Lambert
// projection (IGN's ALG0054) from its defining parameters in degrees: the
// two standard parallels, the latitude and longitude of origin, and the
// false easting and northing of that origin.
func NewConicConformalSecant(el Ellipsoid, phi1, phi2, phi0, lambda0, x0, y0 float64) ConicConformal {
	e := el.E()
	r1, r2, r0 := rad(phi1), rad(phi2), rad(phi0)
	gn := func(phi float64) float64 { // radius of the parallel
		s := e * math.Sin(phi)
		return el.A * math.Cos(phi) / math.Sqrt(1-s*s)
	}
	l1, l2 := IsometricLatitude(r1, e), IsometricLatitude(r2, e)
	n := math.Log(gn(r2)/gn(r1)) / (l1 - l2)
	c := gn(r1) / n * math.Exp(n*l1)
	return ConicConformal{
		N: n, C: c, Xs: x0,
		Ys:      y0 + c*math.Exp(-n*IsometricLatitude(r0, e)),
		LambdaC: rad(lambda0), E: e,
	}
}

// Lambert93 is the official projection of metropolitan France (EPSG:2154):
// RGF93 on GRS80, standard parallels 44°N and 49°N, origin 46°30'N 3°E at
// (700 000 m, 6 600 000 m).
var Lambert93 = NewConicConformalSecant(GRS80, 44, 49, 46.5, 3, 700000, 6600000)

// ForwardRad is ALG0003: projected coordinates of longitude lambda and
// latitude phi in radians.
func (p ConicConformal) ForwardRad(lambda, phi float64) (x, y float64) {
	r := p.C * math.Exp(-p.N*IsometricLatitude(phi, p.E))
	sin, cos := math.Sincos(p.N * (lambda - p.LambdaC))
	return p.Xs + r*sin, p.Ys - r*cos
}

// InverseRad is ALG0004: longitude and latitude in radians of a projected
// point.
func (p ConicConformal) InverseRad(x, y float64) (lambda, phi float64) {
	dx, dy := x-p.Xs, y-p.Ys
	r := math.Hypot(dx, dy)
	g := math.Atan2(dx, -dy)
	l := -1 / p.N * math.Log(math.Abs(r/p.C))
	return p.LambdaC + g/p.N, LatitudeFromIsometric(l, p.E)
}

// Forward projects a lon/lat point in degrees.
func (p ConicConformal) Forward(ll orb.Point) orb.Point {
	x, y := p.ForwardRad(rad(ll[0]), rad(ll[1]))
	return orb.Point{x, y}
}

// Inverse returns the lon/lat in degrees of a projected point.
func (p ConicConformal) Inverse(xy orb.Point) orb.Point {
	l, f := p.InverseRad(xy[0], xy[1])
	return orb.Point{deg(l), deg(f)}
}

func rad(d float64) float64 { return d * math.Pi / 180 }
func deg(r float64) float64 { return r * 180 / math.Pi }
