package mapdraw

import (
	"image/color"
	"math"
)

// Theme holds the colours of the map. LightTheme and DarkTheme are tuned so
// that labels, markers and the legend stay readable on every shade of the
// palette.
type Theme struct {
	Dark       bool
	Background color.RGBA // the sea: sheet and inset backgrounds
	Land       color.RGBA // départements without data (or without shading)
	Border     color.RGBA // between départements
	Coast      color.RGBA // coasts and land borders
	// Palette runs from "few" to "many"; a light theme goes light to dark,
	// a dark one dark to bright, so that "many" always stands out.
	Palette []color.RGBA
	// Zero, when not transparent, sets apart the départements whose value
	// is zero (a count of none) from the palette.
	Zero       color.RGBA
	Frame      color.RGBA // inset frames, locator, scale bars
	Text       color.RGBA // titles and captions
	TextSoft   color.RGBA // attribution, scale bar text
	Hover      color.RGBA
	Selection  color.RGBA
	Public     color.RGBA // public centres: solid circles
	Private    color.RGBA // private centres: outlined squares
	MarkerFill color.RGBA // inside of the outlined squares
	Cluster    color.RGBA
	MarkerRing color.RGBA // outline separating markers from the fills
	Search     color.RGBA // search point and circle
	SearchFill color.RGBA // translucent (premultiplied) inside of the circle
	LegendFill color.RGBA // legend panel
}

// LightTheme is for light window themes: ColorBrewer's YlGnBu on a pale
// sea, warm markers that stand out from its greens and blues.
func LightTheme() Theme {
	return Theme{
		Background: rgb(0xe8, 0xee, 0xf3),
		Land:       rgb(0xd9, 0xd9, 0xd6),
		Border:     rgb(0xa4, 0xad, 0xb6),
		Coast:      rgb(0x7d, 0x87, 0x92),
		Palette:    ylGnBu[:8],
		Frame:      rgb(0x8a, 0x93, 0x9e),
		Text:       rgb(0x1f, 0x23, 0x29),
		TextSoft:   rgb(0x4f, 0x57, 0x61),
		Hover:      rgb(0x30, 0x33, 0x38),
		Selection:  rgb(0x10, 0x10, 0x10),
		Public:     rgb(0xc8, 0x3c, 0x00), // Okabe-Ito vermillion, darker
		Private:    rgb(0x8e, 0x1e, 0x5f), // Okabe-Ito reddish purple, darker
		MarkerFill: rgb(0xff, 0xff, 0xff),
		Cluster:    rgb(0x2e, 0x33, 0x3b),
		MarkerRing: rgb(0xff, 0xff, 0xff),
		Search:     rgb(0x16, 0x18, 0x1c),
		SearchFill: premul(0x16, 0x18, 0x1c, 0x1a),
		LegendFill: rgb(0xff, 0xff, 0xff),
	}
}

// DarkTheme is for dark window themes: viridis, with départements at zero
// in a neutral grey.
func DarkTheme() Theme {
	return Theme{
		Dark:       true,
		Background: rgb(0x14, 0x18, 0x1e),
		Land:       rgb(0x2c, 0x30, 0x37),
		Border:     rgb(0x14, 0x18, 0x1e),
		Coast:      rgb(0x5d, 0x65, 0x70),
		Palette:    viridis[2:],
		Zero:       rgb(0x4e, 0x54, 0x5d),
		Frame:      rgb(0x7c, 0x83, 0x8c),
		Text:       rgb(0xec, 0xee, 0xf1),
		TextSoft:   rgb(0xb4, 0xba, 0xc2),
		Hover:      rgb(0xd8, 0xdc, 0xe2),
		Selection:  rgb(0xff, 0xff, 0xff),
		Public:     rgb(0xf0, 0x8a, 0x3c), // Okabe-Ito orange, lighter
		Private:    rgb(0xe0, 0x8c, 0xc0), // Okabe-Ito reddish purple, lighter
		MarkerFill: rgb(0x1d, 0x20, 0x25),
		Cluster:    rgb(0xd4, 0xd8, 0xde),
		MarkerRing: rgb(0x10, 0x12, 0x15),
		Search:     rgb(0xf2, 0xf4, 0xf7),
		SearchFill: premul(0xf2, 0xf4, 0xf7, 0x1c),
		LegendFill: rgb(0x1d, 0x20, 0x25),
	}
}

// ThemeFor picks the light or dark theme from the window's background
// colour, so that the widget follows the application's theme.
func ThemeFor(background color.Color) Theme {
	r, g, b, _ := background.RGBA()
	if luminance(color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 0xff}) < 0.4 {
		return DarkTheme()
	}
	return LightTheme()
}

// viridis at every tenth, from matplotlib's colour map: perceptually
// uniform and readable with the common colour-vision deficiencies.
var viridis = []color.RGBA{
	rgb(0x44, 0x01, 0x54), rgb(0x48, 0x24, 0x75), rgb(0x41, 0x44, 0x87), rgb(0x35, 0x5f, 0x8d),
	rgb(0x2a, 0x78, 0x8e), rgb(0x21, 0x91, 0x8c), rgb(0x22, 0xa8, 0x84), rgb(0x44, 0xbf, 0x70),
	rgb(0x7a, 0xd1, 0x51), rgb(0xbd, 0xdf, 0x26), rgb(0xfd, 0xe7, 0x25),
}

// ylGnBu is ColorBrewer's 9-class YlGnBu (light to dark): sequential in
// lightness and safe for colour-blind readers.
var ylGnBu = []color.RGBA{
	rgb(0xff, 0xff, 0xd9), rgb(0xed, 0xf8, 0xb1), rgb(0xc7, 0xe9, 0xb4), rgb(0x7f, 0xcd, 0xbb), rgb(0x41, 0xb6, 0xc4),
	rgb(0x1d, 0x91, 0xc0), rgb(0x22, 0x5e, 0xa8), rgb(0x25, 0x34, 0x94), rgb(0x08, 0x1d, 0x58),
}

// sample interpolates a palette at t in [0, 1].
func sample(pal []color.RGBA, t float64) color.RGBA {
	t = math.Max(0, math.Min(1, t)) * float64(len(pal)-1)
	i := int(t)
	if i >= len(pal)-1 {
		return pal[len(pal)-1]
	}
	return mix(pal[i], pal[i+1], t-float64(i))
}

// ramp returns the colour of class i of n, spread over the palette.
func (th Theme) ramp(i, n int) color.RGBA {
	if n <= 1 {
		return sample(th.Palette, 0.5)
	}
	return sample(th.Palette, float64(i)/float64(n-1))
}

// luminance is the WCAG relative luminance of an opaque colour.
func luminance(c color.RGBA) float64 {
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// contrast is the WCAG contrast ratio of two opaque colours.
func contrast(a, b color.RGBA) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// inkOn returns the text and halo colours that read best on a fill.
func inkOn(fill color.RGBA) (ink, halo color.RGBA) {
	dark, light := rgb(0x15, 0x17, 0x1a), rgb(0xff, 0xff, 0xff)
	if contrast(fill, dark) >= contrast(fill, light) {
		return dark, premul(0xff, 0xff, 0xff, 0x99)
	}
	return light, premul(0x00, 0x00, 0x00, 0x80)
}

func rgb(r, g, b uint8) color.RGBA { return color.RGBA{r, g, b, 0xff} }

// premul builds a premultiplied colour from straight components.
func premul(r, g, b, a uint8) color.RGBA {
	m := func(v uint8) uint8 { return uint8((uint32(v)*uint32(a) + 127) / 255) }
	return color.RGBA{m(r), m(g), m(b), a}
}

// mix blends opaque a towards opaque b by t.
func mix(a, b color.RGBA, t float64) color.RGBA {
	f := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + t*(float64(y)-float64(x)))) }
	return rgb(f(a.R, b.R), f(a.G, b.G), f(a.B, b.B))
}
