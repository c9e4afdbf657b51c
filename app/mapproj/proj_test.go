package mapproj

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

// IGN notice NTG_71 ("Projection cartographique conique conforme de
// Lambert"), test sets of ALG0001 and ALG0002.
func TestIsometricLatitudeIGN(t *testing.T) {
	const e = 0.08199188998
	tests := []struct{ phi, l float64 }{
		{0.872664626, 1.00552653649},
		{-0.3, -0.30261690063},
		{0.19998903370, 0.2},
	}
	for _, tc := range tests {
		if got := IsometricLatitude(tc.phi, e); math.Abs(got-tc.l) > 1e-10 {
			t.Errorf("IsometricLatitude(%v) = %.11f, IGN gives %.11f", tc.phi, got, tc.l)
		}
		if got := LatitudeFromIsometric(tc.l, e); math.Abs(got-tc.phi) > 1e-10 {
			t.Errorf("LatitudeFromIsometric(%v) = %.11f, IGN gives %.11f", tc.l, got, tc.phi)
		}
	}
}

// NTG_71, test set of ALG0003 (Lambert I carto-like constants, Paris
// meridian) and its inverse ALG0004.
func TestConicConformalIGN(t *testing.T) {
	p := ConicConformal{N: 0.7604059656, C: 11603796.98, Xs: 600000, Ys: 5657616.674, LambdaC: 0.04079234433, E: 0.0824832568}
	x, y := p.ForwardRad(0.145512099, 0.872664626)
	if math.Abs(x-1029705.083) > 0.01 || math.Abs(y-272723.849) > 0.01 {
		t.Errorf("ALG0003: got (%.3f, %.3f), IGN gives (1029705.083, 272723.849)", x, y)
	}
	l, f := p.InverseRad(1029705.083, 272723.849)
	if math.Abs(l-0.145512099) > 1e-9 || math.Abs(f-0.872664626) > 1e-9 {
		t.Errorf("ALG0004: got (%.10f, %.10f), IGN gives (0.145512099, 0.872664626)", l, f)
	}
}

// The constants IGN publishes for Lambert-93 (RGF93 notice): n, C, Xs, Ys.
func TestLambert93Constants(t *testing.T) {
	tests := []struct {
		name      string
		got, want float64
		tol       float64
	}{
		{"n", Lambert93.N, 0.7256077650532670, 1e-12},
		{"C", Lambert93.C, 11754255.426096, 1e-4},
		{"Xs", Lambert93.Xs, 700000, 0},
		{"Ys", Lambert93.Ys, 12655612.049876, 1e-4},
	}
	for _, tc := range tests {
		if math.Abs(tc.got-tc.want) > tc.tol {
			t.Errorf("%s = %.10f, want %.10f", tc.name, tc.got, tc.want)
		}
	}
}

// Reference values computed by PROJ 9.1 (cs2cs EPSG:4171 EPSG:2154 for
// Lambert-93; the RGAF09, RGFG95, RGR92 and RGM04 UTM systems overseas),
// to the millimetre.
var projCases = []struct {
	name string
	p    Projection
	ll   orb.Point // lon, lat
	xy   orb.Point
}{
	{"origine Lambert-93", Lambert93, orb.Point{3, 46.5}, orb.Point{700000, 6600000}},
	{"Paris", Lambert93, orb.Point{2.3499, 48.853}, orb.Point{652296.973, 6861636.359}},
	{"Angers", Lambert93, orb.Point{-0.5542, 47.4736}, orb.Point{432387.091, 6714161.686}},
	{"Brest", Lambert93, orb.Point{-4.4861, 48.3904}, orb.Point{146632.979, 6836262.327}},
	{"Strasbourg", Lambert93, orb.Point{7.7521, 48.5734}, orb.Point{1050362.695, 6840899.647}},
	{"Ajaccio", Lambert93, orb.Point{8.7386, 41.9192}, orb.Point{1176667.561, 6108273.283}},
	{"Dunkerque", Lambert93, orb.Point{2.3768, 51.0343}, orb.Point{656187.429, 7104461.774}},
	{"Perpignan", Lambert93, orb.Point{2.8948, 42.6887}, orb.Point{691368.107, 6176570.588}},
	{"Nice", Lambert93, orb.Point{7.2620, 43.7102}, orb.Point{1043410.160, 6299400.043}},
	{"Pointe-à-Pitre (UTM 20N)", UTM(20, false), orb.Point{-61.5331, 16.2411}, orb.Point{656770.897, 1796166.176}},
	{"Fort-de-France (UTM 20N)", UTM(20, false), orb.Point{-61.0588, 14.6161}, orb.Point{709096.316, 1616759.733}},
	{"Cayenne (UTM 22N)", UTM(22, false), orb.Point{-52.3260, 4.9372}, orb.Point{352980.205, 545868.922}},
	{"Saint-Denis (UTM 40S)", UTM(40, true), orb.Point{55.4504, -20.8823}, orb.Point{338811.239, 7690101.360}},
	{"Mamoudzou (UTM 38S)", UTM(38, true), orb.Point{45.2279, -12.7806}, orb.Point{524735.375, 8587115.812}},
}

func TestProjectionsAgainstPROJ(t *testing.T) {
	for _, tc := range projCases {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.p.Forward(tc.ll)
			if math.Abs(got[0]-tc.xy[0]) > 0.002 || math.Abs(got[1]-tc.xy[1]) > 0.002 {
				t.Errorf("Forward(%v) = (%.3f, %.3f), want %v", tc.ll, got[0], got[1], tc.xy)
			}
			back := tc.p.Inverse(tc.xy)
			// 1e-8 degree is about a millimetre.
			if math.Abs(back[0]-tc.ll[0]) > 1e-8 || math.Abs(back[1]-tc.ll[1]) > 1e-8 {
				t.Errorf("Inverse(%v) = (%.10f, %.10f), want %v", tc.xy, back[0], back[1], tc.ll)
			}
		})
	}
}

func TestLatitudeFromIsometricExtremes(t *testing.T) {
	e := GRS80.E()
	for _, phi := range []float64{-1.5, -1, 0, 0.5, 1.2, 1.55} {
		if got := LatitudeFromIsometric(IsometricLatitude(phi, e), e); math.Abs(got-phi) > 1e-12 {
			t.Errorf("round trip of %v gives %v", phi, got)
		}
	}
}
