package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// FitText is one line of text that fits its width, cut with "…" when it is
// too long, placed as a widget.Label places its text. Unlike a truncating
// Label, it measures the text again only when the text, the width or the
// text size and style change: Fyne refreshes a widget once per container
// above it on a theme change, and results rows made of truncating labels,
// shaping their text at each refresh, froze the window for seconds.
type FitText struct {
	widget.BaseWidget
	Text      string
	TextStyle fyne.TextStyle
	// SizeName is the theme's text size (theme.SizeNameText when empty).
	SizeName fyne.ThemeSizeName

	text *canvas.Text
	fit  fitKey
}

// fitKey is what the cut depends on.
type fitKey struct {
	text  string
	width float32
	size  float32
	style fyne.TextStyle
}

// NewFitText creates a line of text.
func NewFitText(text string, style fyne.TextStyle) *FitText {
	t := &FitText{Text: text, TextStyle: style, text: canvas.NewText("", theme.Color(theme.ColorNameForeground))}
	t.ExtendBaseWidget(t)
	return t
}

// SetText changes the text.
func (t *FitText) SetText(s string) {
	t.Text = s
	t.Refresh()
}

// Shown is the text as drawn, cut or not.
func (t *FitText) Shown() string { return t.text.Text }

func (t *FitText) textSize() float32 {
	name := t.SizeName
	if name == "" {
		name = theme.SizeNameText
	}
	return theme.Size(name)
}

// place cuts the text for width (the room between the paddings).
func (t *FitText) place(width float32) {
	size := t.textSize()
	k := fitKey{t.Text, width, size, t.TextStyle}
	if k == t.fit {
		return
	}
	t.fit = k
	t.text.Text = cutToFit(t.Text, width, func(s string) float32 {
		return fyne.MeasureText(s, size, t.TextStyle).Width
	})
}

// cutToFit returns s, or its longest prefix followed by "…" that is no
// wider than width (just "…" when nothing fits).
func cutToFit(s string, width float32, measure func(string) float32) string {
	if measure(s) <= width {
		return s
	}
	runes := []rune(s)
	lo, hi := 0, len(runes) // runes[:lo]+"…" fits; runes[:hi]+"…" does not, or hi is all
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if measure(string(runes[:mid])+"…") <= width {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return string(runes[:lo]) + "…"
}

// CreateRenderer is a private method to Fyne which links this widget to
// its renderer.
func (t *FitText) CreateRenderer() fyne.WidgetRenderer { return &fitTextRenderer{t: t} }

type fitTextRenderer struct{ t *FitText }

func (r *fitTextRenderer) Layout(s fyne.Size) {
	pad := theme.InnerPadding()
	r.t.place(s.Width - 2*pad)
	r.t.text.Move(fyne.NewPos(pad, pad))
	r.t.text.Resize(fyne.NewSize(s.Width-2*pad, s.Height-2*pad))
}

func (r *fitTextRenderer) MinSize() fyne.Size {
	pad := theme.InnerPadding()
	m := fyne.MeasureText("…", r.t.textSize(), r.t.TextStyle)
	return fyne.NewSize(m.Width+2*pad, m.Height+2*pad)
}

func (r *fitTextRenderer) Refresh() {
	t := r.t
	t.text.TextSize = t.textSize()
	t.text.TextStyle = t.TextStyle
	t.text.Color = theme.Color(theme.ColorNameForeground)
	t.place(t.Size().Width - 2*theme.InnerPadding())
	t.text.Refresh()
}

func (r *fitTextRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.t.text} }
func (r *fitTextRenderer) Destroy()                     {}
