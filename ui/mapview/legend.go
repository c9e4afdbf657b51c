package mapview

import (
	"image"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Legend explains the map beside it, in the window's own text (the body
// size of the theme, translated, readable by screen readers and never
// covering a département): the shading's title and classes, then the
// symbols in use. It follows the map: create it with NewLegend and it
// updates itself whenever the map's content changes.
type Legend struct {
	widget.BaseWidget
	mv    *MapView
	title *widget.Label
	flow  *fyne.Container
	box   *fyne.Container
}

// NewLegend makes the legend of mv and stops mv drawing one over itself.
func NewLegend(mv *MapView) *Legend {
	l := &Legend{mv: mv}
	l.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.title.Wrapping = fyne.TextWrapWord
	flow := &flowLayout{}
	l.flow = container.New(flow)
	l.box = container.NewVBox(l.title, l.flow)
	mv.m.SetLegendOnMap(false)
	mv.legend = l
	l.ExtendBaseWidget(l)
	flow.owner = l
	l.update()
	return l
}

// Title returns the legend's title ("" without shading).
func (l *Legend) Title() string { return l.title.Text }

// Labels returns the legend's entries, in order.
func (l *Legend) Labels() []string {
	var out []string
	for _, o := range l.flow.Objects {
		if e, ok := o.(*fyne.Container); ok {
			for _, x := range e.Objects {
				if lb, ok := x.(*widget.Label); ok {
					out = append(out, lb.Text)
				}
			}
		}
	}
	return out
}

// update reads the legend from the map.
func (l *Legend) update() {
	scale := float32(1)
	if c := fyne.CurrentApp().Driver().CanvasForObject(l); c != nil {
		scale = c.Scale()
	}
	title, rows := l.mv.m.Legend(float64(scale))
	l.title.SetText(title)
	if title == "" {
		l.title.Hide()
	} else {
		l.title.Show()
	}
	side := theme.TextSize() + 4
	objs := make([]fyne.CanvasObject, 0, len(rows))
	for _, r := range rows {
		var mark fyne.CanvasObject
		if r.Symbol != nil {
			img := canvas.NewImageFromImage(trimmed(r.Symbol))
			img.FillMode = canvas.ImageFillContain
			mark = img
		} else {
			sw := canvas.NewRectangle(r.Colour)
			sw.StrokeWidth = 1
			sw.StrokeColor = theme.Color(theme.ColorNameForeground)
			mark = sw
		}
		box := container.NewGridWrap(fyne.NewSize(side*1.6, side), mark)
		objs = append(objs, container.NewBorder(nil, nil, container.NewCenter(box), nil, widget.NewLabel(r.Label)))
	}
	l.flow.Objects = objs
	l.flow.Refresh()
	l.box.Refresh()
}

// trimmed moves a sprite (centred on 0,0) to an image starting at 0,0.
func trimmed(src *image.RGBA) image.Image {
	dst := image.NewRGBA(image.Rect(0, 0, src.Rect.Dx(), src.Rect.Dy()))
	for y := 0; y < src.Rect.Dy(); y++ {
		copy(dst.Pix[y*dst.Stride:y*dst.Stride+4*src.Rect.Dx()], src.Pix[y*src.Stride:y*src.Stride+4*src.Rect.Dx()])
	}
	return dst
}

// CreateRenderer is a private method to Fyne which links this widget to
// its renderer.
func (l *Legend) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(l.box) }

// flowLayout places objects left to right at their minimum size, going
// to the next line when one does not fit. Its height depends on its
// width: it remembers the last width it was laid out at, and asks its
// parent for a new layout when the number of lines changes.
type flowLayout struct {
	width float32
	owner fyne.CanvasObject
}

func (f *flowLayout) place(objs []fyne.CanvasObject, width float32, move bool) float32 {
	x, y, lineH := float32(0), float32(0), float32(0)
	for _, o := range objs {
		m := o.MinSize()
		if x > 0 && x+m.Width > width {
			x, y, lineH = 0, y+lineH, 0
		}
		if move {
			o.Move(fyne.NewPos(x, y))
			o.Resize(fyne.NewSize(min(m.Width, width), m.Height))
		}
		x += m.Width + theme.Padding()
		lineH = max(lineH, m.Height)
	}
	return y + lineH
}

func (f *flowLayout) Layout(objs []fyne.CanvasObject, s fyne.Size) {
	old := f.place(objs, f.width, false)
	f.width = s.Width
	if h := f.place(objs, s.Width, true); h != old && f.owner != nil {
		f.owner.Refresh() // more or fewer lines: the parent lays out again
	}
}

// MinSize is one entry wide, and as high as the lines need at the last
// width (a single line before the first layout).
func (f *flowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w float32
	for _, o := range objs {
		w = max(w, o.MinSize().Width)
	}
	width := f.width
	if width <= 0 {
		width = 1 << 20
	}
	return fyne.NewSize(w, f.place(objs, width, false))
}
