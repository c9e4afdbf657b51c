package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Theme choices of the settings.
const (
	ThemeSystem = "system"
	ThemeLight  = "light"
	ThemeDark   = "dark"
)

// variantTheme forces Fyne's default theme to one variant, whatever the
// operating system prefers.
type variantTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

func (t variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.variant)
}

// ApplyTheme sets the application's theme from a settings value.
func ApplyTheme(a fyne.App, choice string) {
	switch choice {
	case ThemeLight:
		a.Settings().SetTheme(variantTheme{theme.DefaultTheme(), theme.VariantLight})
	case ThemeDark:
		a.Settings().SetTheme(variantTheme{theme.DefaultTheme(), theme.VariantDark})
	default:
		a.Settings().SetTheme(theme.DefaultTheme())
	}
}
