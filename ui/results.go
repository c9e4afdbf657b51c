package ui

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"atlasri/app/mapdraw"
	"atlasri/app/search"
	"atlasri/model"
	"atlasri/ui/widgets"
)

// newResultsList builds the numbered list of centres; its numbers are the
// map markers' numbers.
func (v *mainView) newResultsList() *widgets.RowList {
	l := widgets.NewRowList(
		func() int { return len(v.result.Hits) },
		func() fyne.CanvasObject { return newResultRow(v) },
		func(i int, o fyne.CanvasObject) { o.(*resultRow).set(i, v.result.Hits[i]) },
	)
	l.OnSelected = v.selectResult
	return l
}

// resultRow is one line of the results list. It tells the map which centre
// the pointer is over, so that its marker stands out.
type resultRow struct {
	widget.BaseWidget
	v       *mainView
	index   int
	number  *canvas.Text
	badge   *canvas.Circle
	name    *widgets.FitText
	place   *widgets.FitText
	offers  *widgets.FitText
	notice  *widget.Label
	content *fyne.Container
}

var _ desktop.Hoverable = (*resultRow)(nil)

func newResultRow(v *mainView) *resultRow {
	r := &resultRow{v: v, index: -1}
	r.number = canvas.NewText("00", color.White)
	r.number.TextStyle.Bold = true
	r.number.Alignment = fyne.TextAlignCenter
	r.badge = canvas.NewCircle(theme.Color(theme.ColorNamePrimary))
	r.name = widgets.NewFitText("", fyne.TextStyle{Bold: true})
	r.place = widgets.NewFitText("", fyne.TextStyle{})
	r.offers = widgets.NewFitText("", fyne.TextStyle{})
	r.offers.SizeName = theme.SizeNameCaptionText
	r.notice = widget.NewLabel("")
	r.notice.Importance = widget.WarningImportance
	r.notice.SizeName = theme.SizeNameCaptionText
	r.notice.TextStyle.Italic = true
	badge := container.NewStack(r.badge, container.NewCenter(r.number))
	num := container.NewCenter(container.NewGridWrap(fyne.NewSize(28, 28), badge))
	// The notice keeps its whole width; the procedures give way.
	r.content = container.NewBorder(nil, nil, num, nil,
		container.New(&tightColumn{}, r.name, r.place, container.NewBorder(nil, nil, r.notice, nil, r.offers)))
	r.ExtendBaseWidget(r)
	return r
}

func (r *resultRow) set(i int, h search.Hit) {
	r.index = i
	r.number.Text = fmt.Sprint(i + 1)
	r.badge.FillColor = markerColor(h.Centre.Sector.Public())
	r.name.SetText(h.Centre.Name)
	place := fmt.Sprintf("%s (%s)", h.Centre.Commune, h.Centre.Dept)
	if r.v.result.FromPoint {
		place += " · " + formatDistance(h.DistanceKm)
	}
	r.place.SetText(place)
	names := make([]string, len(h.Offers))
	for j, o := range h.Offers {
		names[j] = procedureName(r.v.env.engine, o.Procedure, o.NameFR)
		if o.RoundTheClock {
			names[j] += " (" + lang.L("urgences 24 h/24") + ")"
		}
	}
	r.offers.SetText(strings.Join(names, " · "))
	r.notice.SetText(hitNotice(h))
	switch {
	case model.IsPracticeCentre(h.Centre.ID):
		r.notice.Importance = widget.SuccessImportance
	case h.Origin == model.OfferDeclared:
		r.notice.Importance = widget.SuccessImportance
	case h.Origin == model.OfferAuthorised:
		r.notice.Importance = widget.HighImportance
	default:
		r.notice.Importance = widget.WarningImportance
	}
	if r.notice.Text == "" {
		r.notice.Hide()
	} else {
		r.notice.Show()
		r.notice.Refresh()
	}
	r.number.Refresh()
	r.badge.Refresh()
}

// hitNotice is the short caption of a result saying what backs its
// offer: « offre indicative », « autorisé · mention C », « déclaré ».
func hitNotice(h search.Hit) string {
	if model.IsPracticeCentre(h.Centre.ID) {
		return lang.L("centre du cabinet")
	}
	mention := ""
	if a, ok := h.Centre.RIAuthorisation(); ok {
		mention = " · " + mentionLabel(a)
	}
	switch h.Origin {
	case model.OfferDeclared:
		return lang.L("déclaré") + mention
	case model.OfferAuthorised:
		return lang.L("autorisé") + mention
	}
	return lang.L("offre indicative")
}

// hitCaveat says, for a printed list, what the offer of a centre the
// centre did not declare rests on; "" for a declared one.
func hitCaveat(h search.Hit) string {
	switch h.Origin {
	case model.OfferDeclared:
		return ""
	case model.OfferAuthorised:
		a, _ := h.Centre.RIAuthorisation()
		return fmt.Sprintf(lang.L("permis par l'autorisation ARS du site, %s ; à confirmer auprès du centre"), mentionLabel(a))
	}
	return lang.L("offre indicative, à confirmer auprès du centre")
}

// MouseIn highlights the row's marker on the map.
func (r *resultRow) MouseIn(*desktop.MouseEvent) {
	if r.index >= 0 && r.index < len(r.v.result.Hits) {
		r.v.mapv.SetHover(r.v.result.Hits[r.index].Centre.ID)
	}
}

// MouseMoved is part of desktop.Hoverable.
func (r *resultRow) MouseMoved(*desktop.MouseEvent) {}

// MouseOut removes the highlight.
func (r *resultRow) MouseOut() { r.v.mapv.SetHover("") }

// CreateRenderer is a private method to Fyne which links this widget to
// its renderer.
func (r *resultRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(r.content)
}

// markerColor matches the map's colours for public and private centres.
func markerColor(public bool) color.Color {
	t := mapdraw.ThemeFor(theme.Color(theme.ColorNameBackground))
	if public {
		return t.Public
	}
	return t.Private
}

// formatDistance writes a distance the French way: "8,4 km", "120 km".
func formatDistance(km float64) string {
	if km < 10 {
		return strings.Replace(fmt.Sprintf("%.1f km", km), ".", ",", 1)
	}
	return fmt.Sprintf("%.0f km", km)
}

// tightColumn stacks objects vertically without the padding of a VBox, so
// a three-line row stays compact.
type tightColumn struct{}

func (tightColumn) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		h := o.MinSize().Height - theme.Padding()
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, o.MinSize().Height))
		y += h
	}
}

func (tightColumn) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		w = max(w, m.Width)
		h += m.Height - theme.Padding()
	}
	return fyne.NewSize(w, h+theme.Padding())
}
