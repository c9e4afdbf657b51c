package widgets

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Link is text in the link colour that runs an action when clicked
// anywhere on it (widget.Hyperlink only reacts over the glyphs it measured,
// and missed clicks on wrapped names), or with Space or Enter when it has
// the keyboard. Its text wraps.
type Link struct {
	widget.BaseWidget
	OnTapped func()
	label    *widget.Label
	ring     *canvas.Rectangle
	focused  bool
}

var (
	_ fyne.Tappable      = (*Link)(nil)
	_ fyne.Focusable     = (*Link)(nil)
	_ desktop.Cursorable = (*Link)(nil)
)

// NewLink creates a link that runs tapped.
func NewLink(text string, tapped func()) *Link {
	l := &Link{OnTapped: tapped, label: widget.NewLabel(text), ring: canvas.NewRectangle(color.Transparent)}
	l.label.Wrapping = fyne.TextWrapWord
	l.label.Importance = widget.HighImportance
	l.ring.StrokeWidth = 2
	l.ring.CornerRadius = 3
	l.ExtendBaseWidget(l)
	return l
}

// Text returns the link's text.
func (l *Link) Text() string { return l.label.Text }

// Tapped runs the action.
func (l *Link) Tapped(*fyne.PointEvent) {
	if c := canvasOf(l); c != nil {
		c.Focus(l)
	}
	if l.OnTapped != nil {
		l.OnTapped()
	}
}

// Cursor is a pointing hand.
func (l *Link) Cursor() desktop.Cursor { return desktop.PointerCursor }

// FocusGained shows the focus ring.
func (l *Link) FocusGained() { l.focused = true; l.Refresh(); reveal(l) }

// FocusLost hides it.
func (l *Link) FocusLost() { l.focused = false; l.Refresh() }

// TypedRune is part of fyne.Focusable.
func (l *Link) TypedRune(rune) {}

// TypedKey runs the action on Space or Enter, and hands Escape to the
// window.
func (l *Link) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeySpace, fyne.KeyReturn, fyne.KeyEnter:
		if l.OnTapped != nil {
			l.OnTapped()
		}
	case fyne.KeyEscape:
		Escape(l)
	}
}

// TypedShortcut hands the window's shortcuts to the window.
func (l *Link) TypedShortcut(s fyne.Shortcut) { forwardShortcut(l, s) }

func (l *Link) CreateRenderer() fyne.WidgetRenderer { return &linkRenderer{l: l} }

type linkRenderer struct{ l *Link }

func (r *linkRenderer) Layout(s fyne.Size) {
	r.l.label.Resize(s)
	r.l.ring.Resize(s)
}
func (r *linkRenderer) MinSize() fyne.Size { return r.l.label.MinSize() }
func (r *linkRenderer) Refresh() {
	r.l.ring.StrokeColor = color.Transparent
	if r.l.focused {
		r.l.ring.StrokeColor = theme.Color(theme.ColorNamePrimary)
	}
	r.l.ring.Refresh()
	r.l.label.Refresh()
}
func (r *linkRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.l.label, r.l.ring} }
func (r *linkRenderer) Destroy()                     {}
