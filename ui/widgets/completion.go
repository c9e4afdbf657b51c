// Package widgets holds Atlas RI's small reusable Fyne widgets.
package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Completion is a text entry that proposes choices in a list under it while
// the user types: Down and Up move through the list, Enter picks the
// highlighted choice (or submits the text when the list is closed), Esc
// closes the list, and a second Esc clears the field.
type Completion struct {
	widget.Entry

	// OnPick is called with the index of the chosen option.
	OnPick func(index int)
	// OnEnter is called when Enter is pressed with no list open.
	OnEnter func(text string)
	// OnClear is called when Esc empties the field.
	OnClear func()

	options []string
	hi      int
	popup   *widget.PopUp
	list    *widget.List
	// picking is set while the entry's text is replaced by a pick, so
	// that the change is not taken for typing.
	picking bool
	// highlighting is set while the list's selection follows the keys.
	highlighting bool
}

var (
	_ fyne.Widget    = (*Completion)(nil)
	_ fyne.Focusable = (*Completion)(nil)
)

// NewCompletion creates an empty completion entry with a placeholder.
func NewCompletion(placeholder string) *Completion {
	c := &Completion{}
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

// SetOptions shows these options under the entry, the first one
// highlighted, or hides the list when there are none.
func (c *Completion) SetOptions(options []string) {
	c.options = options
	c.hi = 0
	if len(options) == 0 {
		c.HideOptions()
		return
	}
	cnv := fyne.CurrentApp().Driver().CanvasForObject(c)
	if cnv == nil {
		return
	}
	if c.popup == nil {
		c.list = widget.NewList(
			func() int { return len(c.options) },
			func() fyne.CanvasObject { return widget.NewLabel("option") },
			func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(c.options[i]) },
		)
		c.list.OnSelected = func(i widget.ListItemID) {
			if !c.highlighting {
				c.pick(i) // a click in the list
			}
		}
		c.popup = widget.NewPopUp(c.list, cnv)
	}
	c.list.Refresh()
	c.highlight(0)
	c.place()
	c.popup.Show()
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
	return c.popup != nil && c.popup.Visible() && len(c.options) > 0
}

// HideOptions closes the list.
func (c *Completion) HideOptions() {
	if c.popup != nil {
		c.popup.Hide()
	}
}

// place sizes the list under the entry, as wide as the entry.
func (c *Completion) place() {
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(c)
	rowH := widget.NewLabel("X").MinSize().Height
	h := rowH * float32(min(len(c.options), 8))
	c.popup.Resize(fyne.NewSize(max(c.Size().Width, 280), h+4))
	c.popup.ShowAtPosition(pos.Add(fyne.NewPos(0, c.Size().Height)))
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

// TypedKey handles the list's keys before the entry's own.
func (c *Completion) TypedKey(k *fyne.KeyEvent) {
	open := c.OptionsVisible()
	switch {
	case k.Name == fyne.KeyDown && open:
		c.highlight(min(c.hi+1, len(c.options)-1))
	case k.Name == fyne.KeyUp && open:
		c.highlight(max(c.hi-1, 0))
	case (k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter) && open:
		c.pick(c.hi)
	case k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter:
		if c.OnEnter != nil {
			c.OnEnter(c.Text)
		}
	case k.Name == fyne.KeyEscape && open:
		c.HideOptions()
	case k.Name == fyne.KeyEscape:
		c.SetText("")
		if c.OnClear != nil {
			c.OnClear()
		}
	default:
		c.Entry.TypedKey(k)
	}
}

// highlight marks option i in the list without picking it.
func (c *Completion) highlight(i int) {
	c.hi = i
	c.highlighting = true
	c.list.Select(i)
	c.highlighting = false
	c.list.ScrollTo(i)
}
