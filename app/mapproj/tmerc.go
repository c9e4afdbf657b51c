package mapproj

import (
	"math"

	"github.com/paulmach/orb"
)

// TransverseMercator is the ellipsoidal transverse Mercator projection in
// Krüger's series form (fourth order in n, well under a millimetre inside
// a UTM zone).
type TransverseMercator struct {
	el               Ellipsoid
	lon0, k0, x0, y0 float64
	a                float64 // rectifying radius
	alpha, beta      [4]float64
}

// NewTransverseMercator builds the projection with central meridian lon0
// (degrees), scale factor k0 and false easting/northing x0/y0.
func NewTransverseMercator(el Ellipsoid, lon0, k0, x0, y0 float64) TransverseMercator {
	n := el.F / (2 - el.F)
	n2, n3, n4 := n*n, n*n*n, n*n*n*n
	return TransverseMercator{
		el: el, lon0: rad(lon0), k0: k0, x0: x0, y0: y0,
		a: el.A / (1 + n) * (1 + n2/4 + n4/64),
		alpha: [4]float64{
			n/2 - 2*n2/3 + 5*n3/16 + 41*n4/180,
			13*n2/48 - 3*n3/5 + 557*n4/1440,
			61*n3/240 - 103*n4/140,
			49561 * n4 / 161280,
		},
		beta: [4]float64{
			n/2 - 2*n2/3 + 37*n3/96 - n4/360,
			n2/48 + n3/15 - 437*n4/1440,
			17*n3/480 - 37*n4/840,
			4397 * n4 / 161280,
		},
	}
}

// UTM returns the Universal Transverse Mercator projection of a zone
// (1 to 60), northern or southern hemisphere.
func UTM(zone int, south bool) TransverseMercator {
	y0 := 0.0
	if south {
		y0 = 10000000
	}
	return NewTransverseMercator(GRS80, float64(zone*6-183), 0.9996, 500000, y0)
}

// Forward projects a lon/lat point in degrees.
func (p TransverseMercator) Forward(ll orb.Point) orb.Point {
	e := p.el.E()
	dl := rad(ll[0]) - p.lon0
	// Conformal latitude through the isometric latitude: tan(chi) = sinh(L).
	t := math.Sinh(IsometricLatitude(rad(ll[1]), e))
	xi := math.Atan2(t, math.Cos(dl))
	eta := math.Atanh(math.Sin(dl) / math.Sqrt(1+t*t))
	x, y := eta, xi
	for j, a := range p.alpha {
		k := float64(2 * (j + 1))
		x += a * math.Cos(k*xi) * math.Sinh(k*eta)
		y += a * math.Sin(k*xi) * math.Cosh(k*eta)
	}
	return orb.Point{p.x0 + p.k0*p.a*x, p.y0 + p.k0*p.a*y}
}

// Inverse returns the lon/lat in degrees of a projected point.
func (p TransverseMercator) Inverse(xy orb.Point) orb.Point {
	xi := (xy[1] - p.y0) / (p.k0 * p.a)
	eta := (xy[0] - p.x0) / (p.k0 * p.a)
	xi1, eta1 := xi, eta
	for j, b := range p.beta {
		k := float64(2 * (j + 1))
		xi1 -= b * math.Sin(k*xi) * math.Cosh(k*eta)
		eta1 -= b * math.Cos(k*xi) * math.Sinh(k*eta)
	}
	chi := math.Asin(math.Sin(xi1) / math.Cosh(eta1))
	// Back from the conformal latitude: its isometric latitude is the
	// ellipsoid's, so ALG0002 finishes the job.
	phi := LatitudeFromIsometric(math.Atanh(math.Sin(chi)), p.el.E())
	lambda := p.lon0 + math.Atan2(math.Sinh(eta1), math.Cos(xi1))
	return orb.Point{deg(lambda), deg(phi)}
}
