package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
)

// Theme choices of the settings.
const (
	ThemeSystem       = "system"
	ThemeLight        = "light"
	ThemeDark         = "dark"
	ThemeHighContrast = "contrast"
)

// themeChoices are the settings' values, in the order of themeLabels.
var themeChoices = []string{ThemeSystem, ThemeLight, ThemeDark, ThemeHighContrast}

func themeLabels() []string {
	return []string{lang.L("Comme le système"), lang.L("Clair"), lang.L("Sombre"), lang.L("Contraste élevé")}
}

// atlasTheme is Fyne's default theme with colours that keep text readable
// (WCAG AA, 4.5:1, for the warning, success and error texts and the
// links), a focus indication that stands out, and an optional
// high-contrast palette. variant < 0 follows the system.
type atlasTheme struct {
	fyne.Theme
	variant  fyne.ThemeVariant
	follow   bool
	contrast bool
}

func rgb(hex uint32) color.NRGBA {
	return color.NRGBA{R: uint8(hex >> 16), G: uint8(hex >> 8), B: uint8(hex), A: 0xff}
}

// palettes override Fyne's colours per variant.
var (
	lightColours = map[fyne.ThemeColorName]color.Color{
		theme.ColorNamePrimary:             rgb(0x1558b0),
		theme.ColorNameHyperlink:           rgb(0x1558b0),
		theme.ColorNameForegroundOnPrimary: rgb(0xffffff),
		theme.ColorNameWarning:             rgb(0x9a4f00),
		theme.ColorNameSuccess:             rgb(0x1e7031),
		theme.ColorNameError:               rgb(0xb3261e),
		theme.ColorNameFocus:               color.NRGBA{R: 0x15, G: 0x58, B: 0xb0, A: 0x66},
		theme.ColorNameSelection:           color.NRGBA{R: 0x15, G: 0x58, B: 0xb0, A: 0x40},
	}
	darkColours = map[fyne.ThemeColorName]color.Color{
		theme.ColorNamePrimary:             rgb(0x8ab4f8),
		theme.ColorNameHyperlink:           rgb(0x8ab4f8),
		theme.ColorNameForegroundOnPrimary: rgb(0x0b1a30),
		theme.ColorNameWarning:             rgb(0xffb74d),
		theme.ColorNameSuccess:             rgb(0x81c995),
		theme.ColorNameError:               rgb(0xf28b82),
		theme.ColorNameFocus:               color.NRGBA{R: 0x8a, G: 0xb4, B: 0xf8, A: 0x70},
		theme.ColorNameSelection:           color.NRGBA{R: 0x8a, G: 0xb4, B: 0xf8, A: 0x48},
	}
	// contrastColours: black on white, saturated dark accents, hard
	// borders, a focus that cannot be missed.
	contrastColours = map[fyne.ThemeColorName]color.Color{
		theme.ColorNameBackground:          rgb(0xffffff),
		theme.ColorNameOverlayBackground:   rgb(0xffffff),
		theme.ColorNameMenuBackground:      rgb(0xffffff),
		theme.ColorNameForeground:          rgb(0x000000),
		theme.ColorNamePlaceHolder:         rgb(0x3a3a3a),
		theme.ColorNameDisabled:            rgb(0x4a4a4a),
		theme.ColorNameInputBackground:     rgb(0xffffff),
		theme.ColorNameInputBorder:         rgb(0x000000),
		theme.ColorNameButton:              rgb(0xe6e6e6),
		theme.ColorNameSeparator:           rgb(0x000000),
		theme.ColorNamePrimary:             rgb(0x0033a0),
		theme.ColorNameHyperlink:           rgb(0x0033a0),
		theme.ColorNameForegroundOnPrimary: rgb(0xffffff),
		theme.ColorNameWarning:             rgb(0x7a3e00),
		theme.ColorNameSuccess:             rgb(0x005a1e),
		theme.ColorNameError:               rgb(0x9b0000),
		theme.ColorNameFocus:               color.NRGBA{R: 0xff, G: 0xd4, B: 0x00, A: 0xff},
		theme.ColorNameSelection:           color.NRGBA{R: 0xff, G: 0xd4, B: 0x00, A: 0xb0},
		theme.ColorNameHover:               color.NRGBA{R: 0x00, G: 0x33, B: 0xa0, A: 0x30},
		theme.ColorNameShadow:              color.NRGBA{A: 0x99},
	}
)

// Color picks the variant (forced unless following the system), then the
// app's colour for it, else Fyne's.
func (t atlasTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if !t.follow {
		v = t.variant
	}
	palette := lightColours
	switch {
	case t.contrast:
		palette = contrastColours
		v = theme.VariantLight
	case v == theme.VariantDark:
		palette = darkColours
	}
	if c, ok := palette[n]; ok {
		return c
	}
	return t.Theme.Color(n, v)
}

// ApplyTheme sets the application's theme from a settings value.
// Changing the theme redraws every widget of every window (seconds with
// the map): nothing is done when the choice is the one in use.
func ApplyTheme(a fyne.App, choice string) {
	t := themeFor(choice)
	if cur, ok := a.Settings().Theme().(atlasTheme); ok && cur == t.(atlasTheme) {
		return
	}
	a.Settings().SetTheme(t)
}

func themeFor(choice string) fyne.Theme {
	t := atlasTheme{Theme: theme.DefaultTheme()}
	switch choice {
	case ThemeLight:
		t.variant = theme.VariantLight
	case ThemeDark:
		t.variant = theme.VariantDark
	case ThemeHighContrast:
		t.contrast = true
	default:
		t.follow = true
	}
	return t
}
