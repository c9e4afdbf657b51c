package ui

import (
	"testing"

	"fyne.io/fyne/v2"
)

// BenchmarkThemeSwitch measures a theme change with a search on screen:
// Fyne then refreshes every widget of the window, each once per container
// above it (48 results rows of truncating labels took 5 s a switch here).
func BenchmarkThemeSwitch(b *testing.B) {
	m, v := openWindowTB(b)
	pick(b, v.what, "fibrome", "Embolisation des fibromes utérins")
	pick(b, v.where.entry, "49300", "Cholet")
	eventually(b, "centres around Cholet", func() bool { return settled(v) && v.place != nil })
	b.Logf("%d results", len(v.result.Hits))
	a := fyne.CurrentApp()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		choice := ThemeLight
		if i%2 == 1 {
			choice = ThemeDark
		}
		fyne.DoAndWait(func() {
			ApplyTheme(a, choice)
			m.Window.Canvas().Content().Refresh()
		})
	}
}
