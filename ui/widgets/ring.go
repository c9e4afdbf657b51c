package widgets

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
)

// ringGap is how far outside its widget the focus ring is drawn: inside
// the padding between widgets, so that it never touches the widget's own
// colours (Fyne's focus tint is invisible on a primary-coloured button).
const ringGap = 3

// focusRing is the outline a button, a select or a check box wears while it
// has the keyboard, in the text colour: the colour of the theme that
// contrasts most with the background, in every variant.
type focusRing struct {
	rect    *canvas.Rectangle
	focused bool
}

// set shows or hides the ring.
func (f *focusRing) set(on bool) {
	f.focused = on
	if f.rect != nil {
		f.apply()
	}
}

func (f *focusRing) apply() {
	if !f.focused {
		f.rect.Hide()
		return
	}
	f.rect.StrokeColor = theme.Color(theme.ColorNameForeground)
	f.rect.Show()
	f.rect.Refresh()
}

// wrap adds the ring to a widget's own renderer.
func (f *focusRing) wrap(r fyne.WidgetRenderer) fyne.WidgetRenderer {
	f.rect = canvas.NewRectangle(color.Transparent)
	f.rect.StrokeWidth = 2
	f.rect.CornerRadius = theme.InputRadiusSize() + ringGap
	f.apply()
	return &ringRenderer{WidgetRenderer: r, ring: f}
}

// ringRenderer is a widget's renderer with the focus ring on top.
type ringRenderer struct {
	fyne.WidgetRenderer
	ring *focusRing
	objs []fyne.CanvasObject
}

func (r *ringRenderer) Layout(s fyne.Size) {
	r.WidgetRenderer.Layout(s)
	r.ring.rect.Move(fyne.NewPos(-ringGap, -ringGap))
	r.ring.rect.Resize(s.AddWidthHeight(2*ringGap, 2*ringGap))
}

func (r *ringRenderer) Refresh() {
	r.WidgetRenderer.Refresh()
	r.ring.apply()
}

// Objects returns the widget's objects and the ring, reusing the slice
// while the widget's own objects stay the same (it is called every frame).
func (r *ringRenderer) Objects() []fyne.CanvasObject {
	base := r.WidgetRenderer.Objects()
	same := len(r.objs) == len(base)+1
	for i := 0; same && i < len(base); i++ {
		same = r.objs[i] == base[i]
	}
	if !same {
		r.objs = append(append(r.objs[:0], base...), r.ring.rect)
	}
	return r.objs
}
