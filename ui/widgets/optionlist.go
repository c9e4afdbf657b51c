package widgets

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// optionList is the list a Completion floats under its entry.
type optionList struct {
	widget.BaseWidget
	c    *Completion
	bg   *canvas.Rectangle
	rows []*optionRow
	objs []fyne.CanvasObject
}

func newOptionList(c *Completion) *optionList {
	l := &optionList{c: c, bg: canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))}
	l.bg.StrokeWidth = 1
	l.bg.StrokeColor = theme.Color(theme.ColorNamePrimary)
	l.ExtendBaseWidget(l)
	return l
}

func (l *optionList) setOptions(options []string, hi int) {
	n := min(len(options), maxOptions)
	for len(l.rows) < n {
		l.rows = append(l.rows, newOptionRow(l.c, len(l.rows)))
	}
	l.objs = []fyne.CanvasObject{l.bg}
	for i, r := range l.rows[:n] {
		r.label.SetText(options[i])
		r.setHighlighted(i == hi)
		l.objs = append(l.objs, r)
	}
	l.Refresh()
}

func (l *optionList) setHighlight(hi int) {
	for i, r := range l.rows {
		r.setHighlighted(i == hi)
	}
}

func (l *optionList) CreateRenderer() fyne.WidgetRenderer { return &optionListRenderer{l: l} }

type optionListRenderer struct{ l *optionList }

func (r *optionListRenderer) Layout(s fyne.Size) {
	r.l.bg.Resize(s)
	y := float32(1)
	for _, o := range r.l.objs[1:] {
		h := o.MinSize().Height
		o.Move(fyne.NewPos(1, y))
		o.Resize(fyne.NewSize(s.Width-2, h))
		y += h
	}
}

func (r *optionListRenderer) MinSize() fyne.Size {
	var w, h float32
	for _, o := range r.l.objs[1:] {
		m := o.MinSize()
		w, h = max(w, m.Width), h+m.Height
	}
	return fyne.NewSize(w+2, h+2)
}

func (r *optionListRenderer) Refresh() {
	r.l.bg.FillColor = theme.Color(theme.ColorNameOverlayBackground)
	r.l.bg.StrokeColor = theme.Color(theme.ColorNamePrimary)
	r.l.bg.Refresh()
	r.Layout(r.l.Size())
	for _, o := range r.l.objs[1:] {
		o.Refresh()
	}
}

func (r *optionListRenderer) Objects() []fyne.CanvasObject { return r.l.objs }
func (r *optionListRenderer) Destroy()                     {}

// optionRow is one choice. It is Focusable only so that a click on it
// does not take the keyboard from the entry (Fyne unfocuses the entry when
// the pointer presses on something that cannot take focus); if it ever
// gets the focus, it gives it back.
type optionRow struct {
	widget.BaseWidget
	c     *Completion
	index int
	bg    *canvas.Rectangle
	label *FitText
	on    bool
}

var (
	_ fyne.Tappable     = (*optionRow)(nil)
	_ fyne.Focusable    = (*optionRow)(nil)
	_ desktop.Hoverable = (*optionRow)(nil)
)

func newOptionRow(c *Completion, i int) *optionRow {
	r := &optionRow{c: c, index: i, bg: canvas.NewRectangle(color.Transparent), label: NewFitText("", fyne.TextStyle{})}
	r.ExtendBaseWidget(r)
	return r
}

func (r *optionRow) setHighlighted(on bool) {
	r.on = on
	r.Refresh()
}

// Tapped picks this choice, highlighted or not.
func (r *optionRow) Tapped(*fyne.PointEvent) { r.c.pick(r.index) }

// MouseIn highlights the choice under the pointer.
func (r *optionRow) MouseIn(*desktop.MouseEvent)    { r.c.highlight(r.index) }
func (r *optionRow) MouseMoved(*desktop.MouseEvent) {}
func (r *optionRow) MouseOut()                      {}

func (r *optionRow) FocusGained() {
	if cnv := canvasOf(r); cnv != nil {
		cnv.Focus(r.c)
	}
}
func (r *optionRow) FocusLost()                          {}
func (r *optionRow) TypedRune(ch rune)                   { r.c.TypedRune(ch) }
func (r *optionRow) TypedKey(k *fyne.KeyEvent)           { r.c.TypedKey(k) }
func (r *optionRow) CreateRenderer() fyne.WidgetRenderer { return &optionRowRenderer{r: r} }

type optionRowRenderer struct{ r *optionRow }

func (x *optionRowRenderer) Layout(s fyne.Size) {
	x.r.bg.Resize(s)
	x.r.label.Resize(s)
}
func (x *optionRowRenderer) MinSize() fyne.Size { return x.r.label.MinSize() }
func (x *optionRowRenderer) Refresh() {
	if x.r.on {
		x.r.bg.FillColor = theme.Color(theme.ColorNameSelection)
		x.r.label.TextStyle.Bold = true
	} else {
		x.r.bg.FillColor = color.Transparent
		x.r.label.TextStyle.Bold = false
	}
	x.r.bg.Refresh()
	x.r.label.Refresh()
}
func (x *optionRowRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{x.r.bg, x.r.label}
}
func (x *optionRowRenderer) Destroy() {}
