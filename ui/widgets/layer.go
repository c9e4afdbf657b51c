package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Layer holds a content and, above it, what floats over that content: the
// option lists of Completion fields. A list drawn in the same layer as its
// field leaves the keyboard with the field (Fyne gives the keyboard to the
// topmost overlay, which is how a pop-up list swallows typed letters) and
// lets a click elsewhere reach what is under the pointer. A window's content
// and every dialog holding a Completion are wrapped in a Layer.
type Layer struct {
	widget.BaseWidget
	content fyne.CanvasObject
	float   *fyne.Container
}

// NewLayer wraps content so that completion lists can float above it.
func NewLayer(content fyne.CanvasObject) *Layer {
	if content == nil {
		content = &fyne.Container{}
	}
	l := &Layer{content: content, float: &fyne.Container{}}
	l.ExtendBaseWidget(l)
	return l
}

// SetContent replaces the wrapped content.
func (l *Layer) SetContent(c fyne.CanvasObject) {
	l.content = c
	l.Refresh()
}

// Content returns the wrapped content.
func (l *Layer) Content() fyne.CanvasObject { return l.content }

// show puts o above the content at pos (relative to the layer), sized s.
func (l *Layer) show(o fyne.CanvasObject, pos fyne.Position, s fyne.Size) {
	found := false
	for _, x := range l.float.Objects {
		found = found || x == o
	}
	if !found {
		l.float.Add(o)
	}
	o.Move(pos)
	o.Resize(s)
	o.Show()
	l.float.Refresh()
}

// remove takes o off the layer.
func (l *Layer) remove(o fyne.CanvasObject) {
	l.float.Remove(o)
}

// CreateRenderer is a private method to Fyne which links this widget to
// its renderer.
func (l *Layer) CreateRenderer() fyne.WidgetRenderer {
	return &layerRenderer{l: l}
}

type layerRenderer struct{ l *Layer }

func (r *layerRenderer) Layout(s fyne.Size) {
	r.l.content.Resize(s)
	r.l.content.Move(fyne.Position{})
	r.l.float.Resize(s) // floating objects are placed by their owner
}

// MinSize is the content's: what floats never widens the window.
func (r *layerRenderer) MinSize() fyne.Size { return r.l.content.MinSize() }
func (r *layerRenderer) Refresh()           { r.l.content.Refresh(); r.l.float.Refresh() }
func (r *layerRenderer) Destroy()           {}

// Objects lists the floating container last: it is drawn above the content
// and found first under the pointer.
func (r *layerRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.l.content, r.l.float}
}
