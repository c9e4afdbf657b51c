package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// Fyne hands every key and shortcut to the focused widget. An entry uses
// Escape for nothing and drops the shortcuts it does not know (Ctrl+L,
// Ctrl+P), so a window's own keys would die in its text fields. The fields
// of this package pass them on to the window: Escape to the handler the
// window registered with SetEscapeHandler, shortcuts to the canvas's own
// shortcut table (Canvas.AddShortcut).

// escapeHandlers maps a canvas to what Escape does there when no widget
// used it. Only the UI goroutine reads or writes it.
var escapeHandlers = map[fyne.Canvas]func(){}

// SetEscapeHandler sets what Escape does in canvas c when the focused
// widget has no use for it (nil removes it). The handler typically closes
// the innermost dialog.
func SetEscapeHandler(c fyne.Canvas, f func()) {
	if f == nil {
		delete(escapeHandlers, c)
		return
	}
	escapeHandlers[c] = f
}

// Escape runs the Escape handler of the canvas holding o.
func Escape(o fyne.CanvasObject) {
	if c := canvasOf(o); c != nil {
		if f := escapeHandlers[c]; f != nil {
			f()
		}
	}
}

func canvasOf(o fyne.CanvasObject) fyne.Canvas {
	if a := fyne.CurrentApp(); a != nil {
		return a.Driver().CanvasForObject(o)
	}
	return nil
}

// shortcutTyper is the canvas's side of Canvas.AddShortcut.
type shortcutTyper interface{ TypedShortcut(fyne.Shortcut) }

// editingKeys are the keys an entry's own custom shortcuts use
// (word moves, word deletion).
var editingKeys = map[fyne.KeyName]bool{
	fyne.KeyLeft: true, fyne.KeyRight: true, fyne.KeyUp: true, fyne.KeyDown: true,
	fyne.KeyHome: true, fyne.KeyEnd: true, fyne.KeyBackspace: true, fyne.KeyDelete: true,
}

// forwardShortcut gives the window the shortcuts an entry does not use;
// it reports whether s was one of them.
func forwardShortcut(o fyne.CanvasObject, s fyne.Shortcut) bool {
	cs, ok := s.(*desktop.CustomShortcut)
	if !ok || editingKeys[cs.KeyName] {
		return false
	}
	if t, ok := canvasOf(o).(shortcutTyper); ok {
		t.TypedShortcut(s)
	}
	return true
}

// Field is a text entry that passes Escape and the window's shortcuts on
// to the window instead of dropping them. Every text field of the app is
// one (or a Completion).
type Field struct {
	widget.Entry
}

// NewField creates a one-line field.
func NewField() *Field {
	f := &Field{}
	f.ExtendBaseWidget(f)
	return f
}

// NewMultiLineField creates a field of several lines.
func NewMultiLineField() *Field {
	f := &Field{}
	f.MultiLine = true
	f.Wrapping = fyne.TextWrapWord
	f.ExtendBaseWidget(f)
	return f
}

// FocusGained shows the field if a follow scroll hides it.
func (f *Field) FocusGained() {
	f.Entry.FocusGained()
	reveal(f)
}

// AcceptsTab is false even for several lines: Tab moves to the next field,
// so that the keyboard never gets stuck in a text box.
func (f *Field) AcceptsTab() bool { return false }

// TypedKey hands Escape to the window.
func (f *Field) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape {
		Escape(f)
		return
	}
	f.Entry.TypedKey(k)
}

// TypedShortcut hands the window's shortcuts to the window.
func (f *Field) TypedShortcut(s fyne.Shortcut) {
	if !forwardShortcut(f, s) {
		f.Entry.TypedShortcut(s)
	}
}

// Fyne's buttons, selects, checks and links drop Escape when they have the
// keyboard. The app's own are these, which hand it to the window: Esc then
// closes a dialog whatever has the keyboard in it.

// Button is a widget.Button that passes Escape and shortcuts on, wears a
// focus ring, takes Enter, and may explain itself in a tooltip (Tip).
type Button struct {
	widget.Button
	ring focusRing
	tip
}

// NewButton creates a button with a label.
func NewButton(label string, tapped func()) *Button {
	return NewButtonWithIcon(label, nil, tapped)
}

// NewButtonWithIcon creates a button with a label and an icon.
func NewButtonWithIcon(label string, icon fyne.Resource, tapped func()) *Button {
	b := &Button{}
	b.Text, b.Icon, b.OnTapped = label, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

// TypedKey hands Escape to the window.
func (b *Button) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape {
		Escape(b)
		return
	}
	if pressWithEnter(&b.Button, k) {
		return
	}
	b.Button.TypedKey(k)
}

// pressWithEnter presses a focused button with Enter, as native toolkits
// do (Fyne's buttons take only Space): « Fermer » focused in a message box
// did nothing on Enter.
func pressWithEnter(b *widget.Button, k *fyne.KeyEvent) bool {
	if k.Name != fyne.KeyReturn && k.Name != fyne.KeyEnter {
		return false
	}
	if !b.Disabled() && b.OnTapped != nil {
		b.OnTapped()
	}
	return true
}

// TypedShortcut hands the window's shortcuts to the window.
func (b *Button) TypedShortcut(s fyne.Shortcut) { forwardShortcut(b, s) }

// FocusGained shows the focus ring, and the button if a follow scroll hides
// it.
func (b *Button) FocusGained() {
	b.Button.FocusGained()
	b.ring.set(true)
	reveal(b)
}

// FocusLost hides the focus ring.
func (b *Button) FocusLost() {
	b.Button.FocusLost()
	b.ring.set(false)
}

// CreateRenderer adds the focus ring to the button's look.
func (b *Button) CreateRenderer() fyne.WidgetRenderer {
	return b.ring.wrap(b.Button.CreateRenderer())
}

// Select is a widget.Select that passes Escape and shortcuts on.
type Select struct {
	widget.Select
	ring focusRing
}

// NewSelect creates a select.
func NewSelect(options []string, changed func(string)) *Select {
	s := &Select{}
	s.Options, s.OnChanged = options, changed
	s.ExtendBaseWidget(s)
	return s
}

// TypedKey hands Escape to the window.
func (s *Select) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape {
		Escape(s)
		return
	}
	s.Select.TypedKey(k)
}

// TypedShortcut hands the window's shortcuts to the window.
func (s *Select) TypedShortcut(sc fyne.Shortcut) { forwardShortcut(s, sc) }

// FocusGained shows the focus ring, and the select if a follow scroll hides
// it.
func (s *Select) FocusGained() {
	s.Select.FocusGained()
	s.ring.set(true)
	reveal(s)
}

// FocusLost hides the focus ring.
func (s *Select) FocusLost() {
	s.Select.FocusLost()
	s.ring.set(false)
}

// CreateRenderer adds the focus ring to the select's look.
func (s *Select) CreateRenderer() fyne.WidgetRenderer {
	return s.ring.wrap(s.Select.CreateRenderer())
}

// Check is a widget.Check that passes Escape and shortcuts on.
type Check struct {
	widget.Check
	ring focusRing
}

// NewCheck creates a check box.
func NewCheck(label string, changed func(bool)) *Check {
	c := &Check{}
	c.Text, c.OnChanged = label, changed
	c.ExtendBaseWidget(c)
	return c
}

// TypedKey hands Escape to the window.
func (c *Check) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape {
		Escape(c)
		return
	}
	c.Check.TypedKey(k)
}

// TypedShortcut hands the window's shortcuts to the window.
func (c *Check) TypedShortcut(s fyne.Shortcut) { forwardShortcut(c, s) }

// FocusGained shows the focus ring, and the check box if a follow scroll
// hides it.
func (c *Check) FocusGained() {
	c.Check.FocusGained()
	c.ring.set(true)
	reveal(c)
}

// FocusLost hides the focus ring.
func (c *Check) FocusLost() {
	c.Check.FocusLost()
	c.ring.set(false)
}

// CreateRenderer adds the focus ring to the check's look.
func (c *Check) CreateRenderer() fyne.WidgetRenderer {
	return c.ring.wrap(c.Check.CreateRenderer())
}
