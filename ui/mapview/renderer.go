package mapview

import (
	"image/color"

	"strings"

	"atlasri/ui/widgets"
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// renderer lays the map raster out with the zoom buttons, the focus ring
// and the tooltip.
type renderer struct {
	v       *MapView
	raster  *canvas.Raster
	focus   *canvas.Rectangle
	buttons *fyne.Container
	tip     *fyne.Container
	tipBg   *canvas.Rectangle
	lines   []*canvas.Text
}

func newRenderer(v *MapView) *renderer {
	r := &renderer{v: v}
	r.raster = canvas.NewRaster(v.generate)
	r.raster.ScaleMode = canvas.ImageScalePixels
	r.focus = canvas.NewRectangle(color.Transparent)
	r.focus.StrokeWidth = 3
	r.focus.Hide()
	zoomIn := widgets.NewButtonWithIcon("", theme.ZoomInIcon(), v.ZoomIn)
	zoomOut := widgets.NewButtonWithIcon("", theme.ZoomOutIcon(), v.ZoomOut)
	reset := widgets.NewButtonWithIcon("", theme.ZoomFitIcon(), v.ResetView)
	r.buttons = container.NewVBox(zoomIn, zoomOut, reset)
	r.tipBg = canvas.NewRectangle(color.Transparent)
	r.tipBg.CornerRadius = 4
	r.tipBg.StrokeWidth = 1
	r.tip = container.NewWithoutLayout(r.tipBg)
	r.tip.Hide()
	r.applyColours()
	return r
}

func (r *renderer) applyColours() {
	th := r.v.Theme()
	variant := fyne.CurrentApp().Settings().ThemeVariant()
	r.focus.StrokeColor = th.Color(theme.ColorNamePrimary, variant)
	r.tipBg.FillColor = th.Color(theme.ColorNameOverlayBackground, variant)
	r.tipBg.StrokeColor = th.Color(theme.ColorNameInputBorder, variant)
	for _, l := range r.lines {
		l.Color = th.Color(theme.ColorNameForeground, variant)
	}
}

// Layout places the map under everything, the buttons at the middle of
// the right edge (clear of the insets and the legend in both layouts of
// the sheet).
func (r *renderer) Layout(size fyne.Size) {
	r.raster.Move(fyne.NewPos(0, 0))
	r.raster.Resize(size)
	r.focus.Move(fyne.NewPos(1, 1))
	r.focus.Resize(size.SubtractWidthHeight(2, 2))
	bs := r.buttons.MinSize()
	pad := theme.Padding() * 2
	y := (size.Height - bs.Height) / 2
	// Keep clear of the legend, which sits in a right-hand corner.
	if lg := r.v.m.LegendBounds(r.v.view); !lg.Empty() && r.v.view.Pixel > 0 {
		top, bottom := float32(float64(lg.Min.Y)/r.v.view.Pixel), float32(float64(lg.Max.Y)/r.v.view.Pixel)
		if y+bs.Height > top-pad && y < bottom+pad {
			if top > size.Height/2 {
				y = max(pad, top-pad-bs.Height)
			} else {
				y = min(size.Height-bs.Height-pad, bottom+pad)
			}
		}
	}
	r.buttons.Move(fyne.NewPos(size.Width-bs.Width-pad, y))
	r.buttons.Resize(bs)
	r.layoutTip(size)
}

// layoutTip sizes the tooltip to its text and puts it beside the
// pointer, on the side where it fits.
func (r *renderer) layoutTip(size fyne.Size) {
	if r.v.tip == "" {
		return
	}
	pad := theme.Padding() * 1.5
	var w, h float32
	for _, l := range r.lines {
		if !l.Visible() {
			continue
		}
		ms := l.MinSize()
		l.Move(fyne.NewPos(pad, pad+h))
		l.Resize(ms)
		w = max(w, ms.Width)
		h += ms.Height
	}
	ts := fyne.NewSize(w+2*pad, h+2*pad)
	r.tipBg.Resize(ts)
	r.tip.Resize(ts)
	p := r.v.pointer.AddXY(16, 20)
	if p.X+ts.Width > size.Width {
		p.X = r.v.pointer.X - ts.Width - 8
	}
	if p.Y+ts.Height > size.Height {
		p.Y = r.v.pointer.Y - ts.Height - 8
	}
	r.tip.Move(fyne.NewPos(max(0, p.X), max(0, p.Y)))
}

// setTip rebuilds the tooltip's lines; the first is bold.
func (r *renderer) setTip(text string) {
	if text == "" {
		r.tip.Hide()
		return
	}
	parts := strings.Split(text, "\n")
	for len(r.lines) < len(parts) {
		t := canvas.NewText("", nil)
		r.lines = append(r.lines, t)
		r.tip.Add(t)
	}
	for i, l := range r.lines {
		if i >= len(parts) {
			l.Hide()
			l.Text = ""
			continue
		}
		l.Text = parts[i]
		l.TextSize = theme.TextSize() - 1
		l.TextStyle = fyne.TextStyle{Bold: i == 0}
		l.Show()
	}
	r.applyColours()
	r.tip.Show()
}

func (r *renderer) MinSize() fyne.Size { return r.v.MinSize() }

// Refresh redraws the map (the base layer only when needed, see
// mapdraw) and the tooltip.
func (r *renderer) Refresh() {
	r.applyColours()
	if r.v.focused {
		r.focus.Show()
	} else {
		r.focus.Hide()
	}
	r.setTip(r.v.tip)
	r.Layout(r.v.Size())
	r.raster.Refresh()
	r.focus.Refresh()
	r.tip.Refresh()
}

func (r *renderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.raster, r.focus, r.buttons, r.tip}
}

func (r *renderer) Destroy() {}
