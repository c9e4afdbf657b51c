// Package mapview is the map widget: France by département, drawn from the
// embedded outlines (no tiles, no network), with centres, a shading, the
// search point and its radius. It draws with app/mapdraw and knows nothing
// about SQL: the caller hands it plain values.
package mapview

import (
	"fmt"
	"image"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"atlasri/app/mapdraw"
	"atlasri/model"

	"github.com/paulmach/orb"
)

// Marker, Shading and SearchPoint are the values the map shows; see
// app/mapdraw.
type (
	Marker      = mapdraw.Marker
	Shading     = mapdraw.Shading
	SearchPoint = mapdraw.SearchPoint
)

// Zoom steps of the buttons and keys, and of one wheel notch (the
// desktop driver reports 25 units per notch).
const (
	zoomStep      = 1.5
	wheelPerHalve = 100.0 // wheel units that double the zoom
	panFraction   = 0.15  // arrow keys move by this part of the view
)

// MapView is the map widget. Create it with New; set what it shows with
// SetCentres, SetShading, SetSelection and SetSearchPoint.
type MapView struct {
	widget.BaseWidget

	// OnDepartementTapped is called with the code of a clicked département.
	OnDepartementTapped func(code string)
	// OnCentreTapped is called with the ID of a clicked centre.
	OnCentreTapped func(id string)
	// OnGroupTapped is called with the centres of a clicked group that no
	// zoom can split (same site, or the largest zoom), and where the click
	// was in the window, so that the caller lets the GP choose one.
	OnGroupTapped func(ids []string, at fyne.Position)

	m       *mapdraw.Map
	view    mapdraw.View
	sized   bool // view matches the raster's pixel size
	focused bool
	hover   mapdraw.Hit
	pointer fyne.Position // last pointer position, for the tooltip
	tip     string
	dark    *bool // theme of the last render

	renderer *renderer
	legend   *Legend
}

var (
	_ fyne.Widget        = (*MapView)(nil)
	_ fyne.Tappable      = (*MapView)(nil)
	_ fyne.Scrollable    = (*MapView)(nil)
	_ fyne.Draggable     = (*MapView)(nil)
	_ fyne.Focusable     = (*MapView)(nil)
	_ desktop.Hoverable  = (*MapView)(nil)
	_ desktop.Cursorable = (*MapView)(nil)
)

// New creates the map of the given départements, drawing its labels with
// the current theme's font.
func New(depts []model.Departement) (*MapView, error) {
	m, err := mapdraw.New(depts, mapdraw.Fonts{
		Regular: theme.DefaultTextFont().Content(),
		Bold:    theme.DefaultTextBoldFont().Content(),
	})
	if err != nil {
		return nil, fmt.Errorf("carte : %w", err)
	}
	v := &MapView{m: m}
	v.ExtendBaseWidget(v)
	return v, nil
}

// Classes returns the shading's legend classes.
func (v *MapView) Classes() []mapdraw.Class { return v.m.Classes() }

// SetLegendText sets the legend's wording (the interface's language).
func (v *MapView) SetLegendText(t mapdraw.LegendText) {
	v.m.SetLegendText(t)
	v.changed()
}

// SetCentres replaces the centres shown. Markers with a Number show it,
// to match a numbered list.
func (v *MapView) SetCentres(ms []Marker) {
	v.m.SetMarkers(ms)
	v.changed()
}

// changed redraws the map and its legend.
func (v *MapView) changed() {
	if v.legend != nil {
		v.legend.update()
	}
	v.Refresh()
}

// SetShading colours the départements (nil removes the colours).
func (v *MapView) SetShading(s *Shading) {
	v.m.SetShading(s)
	v.changed()
}

// SetSelection highlights a centre and a département ("" for none).
func (v *MapView) SetSelection(centreID, deptCode string) {
	v.m.SetSelection(centreID, deptCode)
	v.Refresh()
}

// SetSearchPoint shows the place searched from and its radius (nil hides
// them).
func (v *MapView) SetSearchPoint(p *SearchPoint) {
	v.m.SetSearch(p)
	v.changed()
}

// Selection returns the selected centre and département ("" for none).
func (v *MapView) Selection() (centreID, deptCode string) { return v.m.Selection() }

// SetHover rings a centre's marker, for instance while the pointer is
// over its row in a list ("" for none).
func (v *MapView) SetHover(centreID string) {
	v.m.SetHoverCentre(centreID)
	v.Refresh()
}

// Export draws the map for a printout or a file: the whole map at W×H
// pixels in the light theme, without the screen's zoom, selection or
// hover.
func (v *MapView) Export(w, h int) *image.RGBA {
	return v.m.Export(w, h, mapdraw.LightTheme(), "", "")
}

// ResetView shows the whole map again.
func (v *MapView) ResetView() {
	v.view = v.view.Reset()
	v.Refresh()
}

// ZoomIn enlarges the map about its centre.
func (v *MapView) ZoomIn() { v.zoomAtCentre(zoomStep) }

// ZoomOut reduces the map about its centre.
func (v *MapView) ZoomOut() { v.zoomAtCentre(1 / zoomStep) }

// Zoom returns the current zoom factor (1 shows the whole map).
func (v *MapView) Zoom() float64 { return v.view.Zoom }

func (v *MapView) zoomAtCentre(f float64) {
	v.view = v.view.ZoomAt(orb.Point{float64(v.view.W) / 2, float64(v.view.H) / 2}, f)
	v.hideTip()
	v.Refresh()
}

// CreateRenderer is a private method to Fyne which links this widget to
// its renderer.
func (v *MapView) CreateRenderer() fyne.WidgetRenderer {
	v.renderer = newRenderer(v)
	return v.renderer
}

// MinSize keeps the map large enough to read.
func (v *MapView) MinSize() fyne.Size {
	return fyne.NewSize(240, 160)
}

// generate draws the map at the raster's pixel size.
func (v *MapView) generate(w, h int) image.Image {
	size := v.Size()
	pixel := 1.0
	if size.Width > 0 {
		pixel = float64(w) / float64(size.Width)
	}
	if !v.sized || v.view.Pixel != pixel || v.m.LayoutFor(w, h) != v.m.LayoutFor(v.view.W, v.view.H) {
		v.view = v.m.NewView(w, h, pixel)
		v.sized = true
	} else if v.view.W != w || v.view.H != h {
		v.view = v.view.Resize(w, h)
	}
	v.applyTheme()
	return v.m.Render(v.view)
}

// applyTheme follows the window's light or dark theme.
func (v *MapView) applyTheme() {
	bg := v.Theme().Color(theme.ColorNameBackground, fyne.CurrentApp().Settings().ThemeVariant())
	th := mapdraw.ThemeFor(bg)
	if v.dark == nil || *v.dark != th.Dark {
		v.m.SetTheme(th)
		v.dark = &th.Dark
		if l := v.legend; l != nil {
			fyne.Do(l.update) // its colours follow; not while drawing
		}
	}
}

// px converts a widget position to image pixels.
func (v *MapView) px(p fyne.Position) orb.Point {
	return orb.Point{float64(p.X) * v.view.Pixel, float64(p.Y) * v.view.Pixel}
}

// HitAt returns what lies under a widget position.
func (v *MapView) HitAt(p fyne.Position) mapdraw.Hit {
	return v.m.HitTest(v.view, v.px(p))
}

// PositionOf returns where a lon/lat point is drawn in the widget (in the
// main frame when an inset shows it too), false when nothing shows it.
func (v *MapView) PositionOf(ll orb.Point) (fyne.Position, bool) {
	px := v.m.PixelsOf(v.view, ll)
	if len(px) == 0 || v.view.Pixel == 0 {
		return fyne.Position{}, false
	}
	return fyne.NewPos(float32(px[0][0]/v.view.Pixel), float32(px[0][1]/v.view.Pixel)), true
}

// TooltipAt returns the tooltip text for a widget position ("" for none).
func (v *MapView) TooltipAt(p fyne.Position) string {
	return v.m.Tooltip(v.HitAt(p))
}

// Tapped selects the centre or département under the pointer; a group of
// centres is enlarged until it splits.
func (v *MapView) Tapped(ev *fyne.PointEvent) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(v); c != nil {
		c.Focus(v)
	}
	h := v.HitAt(ev.Position)
	centre, dept := v.m.Selection()
	switch h.Kind {
	case mapdraw.HitMarker:
		v.m.SetSelection(h.MarkerIDs[0], dept)
		if v.OnCentreTapped != nil {
			v.OnCentreTapped(h.MarkerIDs[0])
		}
	case mapdraw.HitGroup:
		z := v.view.FitBound(h.Bound)
		if z.Zoom <= v.view.Zoom*1.01 {
			// Centres at the same place never split: the GP chooses.
			if v.OnGroupTapped != nil {
				v.OnGroupTapped(h.MarkerIDs, ev.AbsolutePosition)
			}
			return
		}
		v.view = z
		v.hideTip()
	case mapdraw.HitDepartement:
		v.m.SetSelection(centre, h.Code)
		if v.OnDepartementTapped != nil {
			v.OnDepartementTapped(h.Code)
		}
	default:
		return
	}
	v.Refresh()
}

// Scrolled zooms about the pointer.
func (v *MapView) Scrolled(ev *fyne.ScrollEvent) {
	f := math.Pow(2, float64(ev.Scrolled.DY)/wheelPerHalve)
	v.view = v.view.ZoomAt(v.px(ev.Position), f)
	v.hideTip()
	v.Refresh()
}

// Dragged pans the map.
func (v *MapView) Dragged(ev *fyne.DragEvent) {
	v.view = v.view.Pan(float64(ev.Dragged.DX)*v.view.Pixel, float64(ev.Dragged.DY)*v.view.Pixel)
	v.hideTip()
	v.Refresh()
}

// DragEnd ends a pan.
func (v *MapView) DragEnd() {}

// FocusGained shows the focus ring.
func (v *MapView) FocusGained() { v.focused = true; v.Refresh() }

// FocusLost hides the focus ring.
func (v *MapView) FocusLost() { v.focused = false; v.Refresh() }

// TypedRune zooms with + and -, and shows the whole map with 0.
func (v *MapView) TypedRune(r rune) {
	switch r {
	case '+', '=':
		v.ZoomIn()
	case '-', '_':
		v.ZoomOut()
	case '0':
		v.ResetView()
	}
}

// TypedKey pans with the arrow keys.
func (v *MapView) TypedKey(ev *fyne.KeyEvent) {
	dx := float64(v.view.W) * panFraction
	dy := float64(v.view.H) * panFraction
	switch ev.Name {
	case fyne.KeyLeft:
		v.view = v.view.Pan(dx, 0)
	case fyne.KeyRight:
		v.view = v.view.Pan(-dx, 0)
	case fyne.KeyUp:
		v.view = v.view.Pan(0, dy)
	case fyne.KeyDown:
		v.view = v.view.Pan(0, -dy)
	default:
		return
	}
	v.Refresh()
}

// MouseIn starts tooltips.
func (v *MapView) MouseIn(ev *desktop.MouseEvent) { v.MouseMoved(ev) }

// MouseMoved updates the tooltip and the outline of the hovered
// département.
func (v *MapView) MouseMoved(ev *desktop.MouseEvent) {
	v.pointer = ev.Position
	h := v.HitAt(ev.Position)
	tip := v.m.Tooltip(h)
	code := ""
	if h.Kind == mapdraw.HitDepartement {
		code = h.Code
	}
	changed := tip != v.tip || code != v.hover.Code
	v.hover, v.tip = h, tip
	v.m.SetHover(code)
	if changed {
		v.Refresh()
	} else if tip != "" {
		v.refreshTip()
	}
}

// MouseOut hides the tooltip.
func (v *MapView) MouseOut() {
	v.hideTip()
	v.Refresh()
}

// Cursor shows a pointing hand over what can be clicked.
func (v *MapView) Cursor() desktop.Cursor {
	if v.hover.Kind != mapdraw.HitNone {
		return desktop.PointerCursor
	}
	return desktop.DefaultCursor
}

func (v *MapView) hideTip() {
	v.tip = ""
	v.hover = mapdraw.Hit{}
	v.m.SetHover("")
}

// Tooltip returns the text of the tooltip shown ("" when hidden).
func (v *MapView) Tooltip() string { return v.tip }

// refreshTip moves the tooltip along with the pointer, without drawing
// the map again.
func (v *MapView) refreshTip() {
	if r := v.renderer; r != nil {
		r.layoutTip(v.Size())
		canvas.Refresh(r.tip)
	}
}
