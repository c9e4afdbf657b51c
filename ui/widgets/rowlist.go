package widgets

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// RowList is a scrolling list of rows drawn by the caller, with at most one
// selected row. Unlike widget.List, Up and Down move the selection itself
// (not a separate focus highlight), a click on the selected row selects it
// again (OnSelected fires), and the whole list wears a focus ring while it
// has the keyboard. It suits short lists (search results): every row
// exists, none is recycled.
type RowList struct {
	widget.BaseWidget

	// Length, CreateRow and UpdateRow draw the rows, as in widget.List.
	Length    func() int
	CreateRow func() fyne.CanvasObject
	UpdateRow func(i int, row fyne.CanvasObject)
	// OnSelected is called when the user or the program selects row i.
	OnSelected func(i int)

	selected int
	focused  bool
	cells    []*rowCell
	box      *fyne.Container
	scroll   *container.Scroll
	ring     *canvas.Rectangle
}

var (
	_ fyne.Focusable = (*RowList)(nil)
)

// NewRowList creates a list; call Reload when its data changes.
func NewRowList(length func() int, create func() fyne.CanvasObject, update func(int, fyne.CanvasObject)) *RowList {
	l := &RowList{Length: length, CreateRow: create, UpdateRow: update, selected: -1}
	l.box = container.New(&rowsLayout{})
	l.scroll = container.NewVScroll(l.box)
	l.ring = canvas.NewRectangle(color.Transparent)
	l.ring.StrokeWidth = 2
	l.ExtendBaseWidget(l)
	l.rebuild()
	return l
}

// rebuild makes one cell per row and draws them.
func (l *RowList) rebuild() {
	n := 0
	if l.Length != nil {
		n = l.Length()
	}
	for len(l.cells) < n {
		l.cells = append(l.cells, newRowCell(l, len(l.cells), l.CreateRow()))
	}
	objs := make([]fyne.CanvasObject, n)
	for i := 0; i < n; i++ {
		c := l.cells[i]
		l.UpdateRow(i, c.row)
		c.setSelected(i == l.selected)
		objs[i] = c
	}
	l.box.Objects = objs
	l.box.Refresh()
}

// Reload reads the rows again from the data and draws them. Refresh (a
// theme change) only redraws them: reading them from the data on every
// refresh made a theme switch take seconds, as Fyne refreshes the list
// once per container above it.
func (l *RowList) Reload() {
	l.rebuild()
	l.BaseWidget.Refresh()
}

// Rows returns the rows shown, in order (for tests and the test state).
func (l *RowList) Rows() []fyne.CanvasObject { return l.box.Objects }

// Selected returns the selected row, -1 if none.
func (l *RowList) Selected() int { return l.selected }

// Select selects row i, shows it and calls OnSelected.
func (l *RowList) Select(i int) {
	if i < 0 || i >= len(l.box.Objects) {
		return
	}
	l.mark(i)
	l.ScrollTo(i)
	if l.OnSelected != nil {
		l.OnSelected(i)
	}
}

// UnselectAll removes the selection, without calling OnSelected.
func (l *RowList) UnselectAll() { l.mark(-1) }

func (l *RowList) mark(i int) {
	if l.selected >= 0 && l.selected < len(l.cells) {
		l.cells[l.selected].setSelected(false)
	}
	l.selected = i
	if i >= 0 {
		l.cells[i].setSelected(true)
	}
}

// ScrollTo scrolls just enough to show row i whole.
func (l *RowList) ScrollTo(i int) {
	if i < 0 || i >= len(l.box.Objects) {
		return
	}
	o := l.box.Objects[i]
	top, bottom := o.Position().Y, o.Position().Y+o.Size().Height
	view := l.scroll.Size().Height
	switch {
	case top < l.scroll.Offset.Y:
		l.scroll.Offset.Y = top
	case bottom > l.scroll.Offset.Y+view:
		l.scroll.Offset.Y = bottom - view
	default:
		return
	}
	l.scroll.Refresh()
}

// ScrollToTop shows the first rows.
func (l *RowList) ScrollToTop() { l.scroll.ScrollToTop() }

// FocusGained shows the focus ring.
func (l *RowList) FocusGained() { l.focused = true; l.BaseWidget.Refresh() }

// FocusLost hides the focus ring.
func (l *RowList) FocusLost() { l.focused = false; l.BaseWidget.Refresh() }

// Focused reports whether the list has the keyboard.
func (l *RowList) Focused() bool { return l.focused }

// TypedRune is part of fyne.Focusable.
func (l *RowList) TypedRune(rune) {}

// TypedKey moves the selection: arrows, Home, End, Page Up and Down.
func (l *RowList) TypedKey(k *fyne.KeyEvent) {
	n := len(l.box.Objects)
	if n == 0 {
		return
	}
	page := 5
	next := l.selected
	switch k.Name {
	case fyne.KeyDown:
		next++
	case fyne.KeyUp:
		next--
		if l.selected < 0 {
			next = 0
		}
	case fyne.KeyHome:
		next = 0
	case fyne.KeyEnd:
		next = n - 1
	case fyne.KeyPageDown:
		next += page
	case fyne.KeyPageUp:
		next -= page
	case fyne.KeyEscape:
		Escape(l)
		return
	default:
		return
	}
	next = max(0, min(n-1, next))
	if next != l.selected {
		l.Select(next)
	}
}

// TypedShortcut hands the window's shortcuts to the window.
func (l *RowList) TypedShortcut(s fyne.Shortcut) { forwardShortcut(l, s) }

func (l *RowList) CreateRenderer() fyne.WidgetRenderer { return &rowListRenderer{l: l} }

type rowListRenderer struct{ l *RowList }

func (r *rowListRenderer) Layout(s fyne.Size) {
	r.l.scroll.Resize(s)
	r.l.ring.Resize(s)
}
func (r *rowListRenderer) MinSize() fyne.Size {
	return fyne.NewSize(r.l.box.MinSize().Width, 3*rowHeightOf(r.l.box))
}
func (r *rowListRenderer) Refresh() {
	r.l.ring.StrokeColor = theme.Color(theme.ColorNameFocus)
	if r.l.focused {
		r.l.ring.StrokeColor = theme.Color(theme.ColorNamePrimary)
		r.l.ring.Show()
	} else {
		r.l.ring.Hide()
	}
	r.l.ring.Refresh()
	r.l.scroll.Refresh()
}
func (r *rowListRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.l.scroll, r.l.ring}
}
func (r *rowListRenderer) Destroy() {}

func rowHeightOf(box *fyne.Container) float32 {
	if len(box.Objects) == 0 {
		return 40
	}
	return box.Objects[0].MinSize().Height
}

// rowsLayout stacks rows at their own height, full width.
type rowsLayout struct{}

func (rowsLayout) Layout(objs []fyne.CanvasObject, s fyne.Size) {
	y := float32(0)
	for _, o := range objs {
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(s.Width, h))
		y += h
	}
}

func (rowsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for _, o := range objs {
		m := o.MinSize()
		w, h = max(w, m.Width), h+m.Height
	}
	return fyne.NewSize(w, h)
}

// rowCell holds one caller's row with its selection background; a click
// selects it and gives the list the keyboard.
type rowCell struct {
	widget.BaseWidget
	l     *RowList
	index int
	row   fyne.CanvasObject
	// selected paints the selection background.
	selected bool
	bg       *canvas.Rectangle
	line     *canvas.Rectangle
}

func newRowCell(l *RowList, i int, row fyne.CanvasObject) *rowCell {
	c := &rowCell{l: l, index: i, row: row, bg: canvas.NewRectangle(color.Transparent), line: canvas.NewRectangle(color.Transparent)}
	c.ExtendBaseWidget(c)
	return c
}

func (c *rowCell) setSelected(on bool) {
	c.selected = on
	c.paint()
}

func (c *rowCell) paint() {
	if c.selected {
		c.bg.FillColor = theme.Color(theme.ColorNameSelection)
	} else {
		c.bg.FillColor = color.Transparent
	}
	c.bg.Refresh()
}

// Tapped selects the row, even when it is already selected.
func (c *rowCell) Tapped(*fyne.PointEvent) {
	if cnv := canvasOf(c.l); cnv != nil {
		cnv.Focus(c.l)
	}
	c.l.Select(c.index)
}

func (c *rowCell) CreateRenderer() fyne.WidgetRenderer { return &rowCellRenderer{c: c} }

type rowCellRenderer struct{ c *rowCell }

func (r *rowCellRenderer) Layout(s fyne.Size) {
	r.c.bg.Resize(s)
	r.c.row.Resize(s)
	r.c.line.Move(fyne.NewPos(0, s.Height-1))
	r.c.line.Resize(fyne.NewSize(s.Width, 1))
}
func (r *rowCellRenderer) MinSize() fyne.Size { return r.c.row.MinSize() }
func (r *rowCellRenderer) Refresh() {
	r.c.paint()
	r.c.line.FillColor = theme.Color(theme.ColorNameSeparator)
	r.c.line.Refresh()
	r.c.row.Refresh()
}
func (r *rowCellRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.c.bg, r.c.row, r.c.line}
}
func (r *rowCellRenderer) Destroy() {}
