package widgets

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// tipDelay is how long the pointer rests on a button before its tooltip
// shows, as in desktop toolkits.
const tipDelay = 600 * time.Millisecond

// TipButton is a button, usually an icon alone, that explains itself in a
// tooltip while the pointer rests on it.
type TipButton struct {
	widget.Button
	ring  focusRing
	Tip   string
	popup *widget.PopUp
	timer *time.Timer
}

var _ desktop.Hoverable = (*TipButton)(nil)

// NewTipButton creates an icon button with a tooltip.
func NewTipButton(icon fyne.Resource, tip string, tapped func()) *TipButton {
	b := &TipButton{Tip: tip}
	b.Icon = icon
	b.OnTapped = tapped
	b.ExtendBaseWidget(b)
	return b
}

// MouseIn starts the tooltip's delay.
func (b *TipButton) MouseIn(e *desktop.MouseEvent) {
	b.Button.MouseIn(e)
	b.stop()
	b.timer = time.AfterFunc(tipDelay, func() { fyne.Do(b.ShowTip) })
}

// MouseOut hides the tooltip.
func (b *TipButton) MouseOut() {
	b.Button.MouseOut()
	b.HideTip()
}

// TypedKey hands Escape to the window.
func (b *TipButton) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape {
		Escape(b)
		return
	}
	if pressWithEnter(&b.Button, k) {
		return
	}
	b.Button.TypedKey(k)
}

// TypedShortcut hands the window's shortcuts to the window.
func (b *TipButton) TypedShortcut(s fyne.Shortcut) { forwardShortcut(b, s) }

// FocusGained shows the focus ring.
func (b *TipButton) FocusGained() {
	b.Button.FocusGained()
	b.ring.set(true)
	reveal(b)
}

// FocusLost hides the focus ring.
func (b *TipButton) FocusLost() {
	b.Button.FocusLost()
	b.ring.set(false)
}

// CreateRenderer adds the focus ring to the button's look.
func (b *TipButton) CreateRenderer() fyne.WidgetRenderer {
	return b.ring.wrap(b.Button.CreateRenderer())
}

// Tapped hides the tooltip, then acts.
func (b *TipButton) Tapped(e *fyne.PointEvent) {
	b.HideTip()
	b.Button.Tapped(e)
}

// ShowTip shows the tooltip under the button.
func (b *TipButton) ShowTip() {
	cnv := fyne.CurrentApp().Driver().CanvasForObject(b)
	if cnv == nil || b.Tip == "" {
		return
	}
	if b.popup == nil {
		b.popup = widget.NewPopUp(widget.NewLabel(b.Tip), cnv)
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(b)
	b.popup.ShowAtPosition(pos.Add(fyne.NewPos(0, b.Size().Height+2)))
}

// TipVisible reports whether the tooltip shows.
func (b *TipButton) TipVisible() bool { return b.popup != nil && b.popup.Visible() }

// HideTip hides the tooltip and cancels a pending one.
func (b *TipButton) HideTip() {
	b.stop()
	if b.popup != nil {
		b.popup.Hide()
	}
}

func (b *TipButton) stop() {
	if b.timer != nil {
		b.timer.Stop()
		b.timer = nil
	}
}
