// Package widgets holds Atlas RI's small reusable Fyne widgets.
package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// maxOptions is how many choices the list shows at most.
const maxOptions = 8

// Completion is a text entry that proposes choices in a list under it while
// the user types. The keyboard stays with the entry at all times (the list
// floats in the entry's Layer, not in a Fyne overlay), so typed letters land
// in the field at any pace. While the list is open: Down and Up move the
// highlight, Enter picks the highlighted choice, Tab picks it and moves on
// (Shift+Tab moves back), Esc closes the list. A click on any choice picks
// it, highlighted or not; a click elsewhere closes the list and reaches what
// was clicked. With the list closed, Enter submits the text, Down reopens
// the list, and Esc goes to OnEscape (or to the window).
type Completion struct {
	widget.Entry

	// OnPick is called with the index of the chosen option.
	OnPick func(index int)
	// OnSubmit is called when Enter is pressed and no current option is
	// offered (the list is closed, or still answers older text).
	OnSubmit func(text string)
	// OnEscape is called when Esc is pressed with the list closed; when
	// nil, Esc goes to the window's handler.
	OnEscape func()

	host       *Layer
	options    []string
	optionsFor string // the text the options answer
	hi         int
	list       *optionList
	// picking is set while the entry's text is replaced by a pick, so that
	// the change is not taken for typing.
	picking bool
	shift   bool
}

var (
	_ fyne.Widget     = (*Completion)(nil)
	_ fyne.Focusable  = (*Completion)(nil)
	_ fyne.Tabbable   = (*Completion)(nil)
	_ desktop.Keyable = (*Completion)(nil)
)

// NewCompletion creates an empty completion entry whose list floats in
// host (the Layer wrapping the window's or the dialog's content).
func NewCompletion(placeholder string, host *Layer) *Completion {
	c := &Completion{host: host}
	c.PlaceHolder = placeholder
	c.ExtendBaseWidget(c)
	return c
}

// Picking reports whether the current text change comes from a pick rather
// than from the user typing.
func (c *Completion) Picking() bool { return c.picking }

// SetTextFromPick replaces the text without reopening the list.
func (c *Completion) SetTextFromPick(s string) {
	c.picking = true
	c.SetText(s)
	c.CursorColumn = len([]rune(s))
	c.picking = false
	c.HideOptions()
}

// Offer shows options as the answer to text, the first one highlighted.
// An answer to text the user has typed on from is dropped, and so is one
// that arrives after the field lost the keyboard.
func (c *Completion) Offer(text string, options []string) {
	if text != c.Text {
		return
	}
	c.options, c.optionsFor, c.hi = options, text, 0
	if len(options) == 0 || !c.hasFocus() {
		c.HideOptions()
		return
	}
	c.showList()
}

// SetOptions offers options for the current text.
func (c *Completion) SetOptions(options []string) { c.Offer(c.Text, options) }

// OptionsFor returns the text the options answer.
func (c *Completion) OptionsFor() string { return c.optionsFor }

// OptionRows returns the rows of the open list, in order.
func (c *Completion) OptionRows() []fyne.CanvasObject {
	if !c.OptionsVisible() {
		return nil
	}
	return c.list.objs[1:]
}

// Options returns the options currently offered.
func (c *Completion) Options() []string { return c.options }

// Highlighted returns the index of the highlighted option, -1 if none.
func (c *Completion) Highlighted() int {
	if !c.OptionsVisible() {
		return -1
	}
	return c.hi
}

// OptionsVisible reports whether the list is open.
func (c *Completion) OptionsVisible() bool {
	return c.list != nil && c.list.Visible() && len(c.options) > 0
}

// HideOptions closes the list.
func (c *Completion) HideOptions() {
	if c.list != nil && c.list.Visible() {
		c.list.Hide()
		if c.host != nil {
			c.host.remove(c.list)
		}
	}
}

func (c *Completion) hasFocus() bool {
	cnv := canvasOf(c)
	return cnv != nil && cnv.Focused() == c
}

// showList places the list under the entry (above it when there is no
// room below), inside the host layer.
func (c *Completion) showList() {
	if c.host == nil {
		return
	}
	d := fyne.CurrentApp().Driver()
	if c.list == nil {
		c.list = newOptionList(c)
	}
	c.list.setOptions(c.options, c.hi)
	rel := d.AbsolutePositionForObject(c).Subtract(d.AbsolutePositionForObject(c.host))
	hostSize := c.host.Size()
	size := c.list.MinSize()
	size.Width = min(max(c.Size().Width, 320), hostSize.Width)
	x := min(rel.X, hostSize.Width-size.Width)
	y := rel.Y + c.Size().Height
	if y+size.Height > hostSize.Height && rel.Y-size.Height >= 0 {
		y = rel.Y - size.Height
	}
	c.host.show(c.list, fyne.NewPos(max(x, 0), y), size)
}

func (c *Completion) pick(i int) {
	if i < 0 || i >= len(c.options) {
		return
	}
	c.HideOptions()
	if c.OnPick != nil {
		c.OnPick(i)
	}
}

// highlight marks option i without picking it.
func (c *Completion) highlight(i int) {
	if i < 0 || i >= len(c.options) {
		return
	}
	c.hi = i
	if c.list != nil {
		c.list.setHighlight(i)
	}
}

// current reports whether the options answer the text as it is now.
func (c *Completion) current() bool { return len(c.options) > 0 && c.optionsFor == c.Text }

// AcceptsTab keeps Tab while the list is open: it picks, then moves on.
func (c *Completion) AcceptsTab() bool { return c.OptionsVisible() }

// TypedKey handles the list's keys before the entry's own.
func (c *Completion) TypedKey(k *fyne.KeyEvent) {
	open := c.OptionsVisible()
	switch k.Name {
	case fyne.KeyDown:
		if open {
			c.highlight(min(c.hi+1, len(c.options)-1))
		} else if c.current() {
			c.showList()
		}
	case fyne.KeyUp:
		if open {
			c.highlight(max(c.hi-1, 0))
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		if open && c.current() {
			c.pick(c.hi)
			return
		}
		c.HideOptions()
		if c.OnSubmit != nil {
			c.OnSubmit(c.Text)
		}
	case fyne.KeyTab:
		back := c.shift
		if open && c.current() {
			c.pick(c.hi)
		}
		c.HideOptions()
		if cnv := canvasOf(c); cnv != nil {
			if back {
				cnv.FocusPrevious()
			} else {
				cnv.FocusNext()
			}
		}
	case fyne.KeyEscape:
		switch {
		case open:
			c.HideOptions()
		case c.OnEscape != nil:
			c.OnEscape()
		default:
			Escape(c)
		}
	default:
		c.Entry.TypedKey(k)
	}
}

// TypedShortcut hands the window's shortcuts to the window.
func (c *Completion) TypedShortcut(s fyne.Shortcut) {
	if !forwardShortcut(c, s) {
		c.Entry.TypedShortcut(s)
	}
}

// KeyDown notes Shift, for Shift+Tab.
func (c *Completion) KeyDown(k *fyne.KeyEvent) {
	if k.Name == desktop.KeyShiftLeft || k.Name == desktop.KeyShiftRight {
		c.shift = true
	}
	c.Entry.KeyDown(k)
}

// KeyUp notes Shift's release.
func (c *Completion) KeyUp(k *fyne.KeyEvent) {
	if k.Name == desktop.KeyShiftLeft || k.Name == desktop.KeyShiftRight {
		c.shift = false
	}
	c.Entry.KeyUp(k)
}

// FocusGained shows the field if a follow scroll hides it.
func (c *Completion) FocusGained() {
	c.Entry.FocusGained()
	reveal(c)
}

// FocusLost closes the list: the GP went elsewhere.
func (c *Completion) FocusLost() {
	c.shift = false
	c.HideOptions()
	c.Entry.FocusLost()
}

// Hide closes the list with the entry.
func (c *Completion) Hide() {
	c.HideOptions()
	c.Entry.Hide()
}
