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

// tip is a button's tooltip: shown while the pointer rests on it.
type tip struct {
	Tip   string
	popup *widget.PopUp
	timer *time.Timer
}

var _ desktop.Hoverable = (*Button)(nil)

// NewTipButton creates a button, usually an icon alone, that explains
// itself in a tooltip while the pointer rests on it.
func NewTipButton(icon fyne.Resource, tip string, tapped func()) *Button {
	b := NewButtonWithIcon("", icon, tapped)
	b.Tip = tip
	return b
}

// MouseIn starts the tooltip's delay.
func (b *Button) MouseIn(e *desktop.MouseEvent) {
	b.Button.MouseIn(e)
	b.stop()
	if b.Tip != "" {
		b.timer = time.AfterFunc(tipDelay, func() { fyne.Do(b.ShowTip) })
	}
}

// MouseOut hides the tooltip.
func (b *Button) MouseOut() {
	b.Button.MouseOut()
	b.HideTip()
}

// Tapped hides the tooltip, then acts.
func (b *Button) Tapped(e *fyne.PointEvent) {
	b.HideTip()
	b.Button.Tapped(e)
}

// ShowTip shows the tooltip under the button.
func (b *Button) ShowTip() {
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
func (b *Button) TipVisible() bool { return b.popup != nil && b.popup.Visible() }

// HideTip hides the tooltip and cancels a pending one.
func (b *Button) HideTip() {
	b.stop()
	if b.popup != nil {
		b.popup.Hide()
	}
}

func (b *Button) stop() {
	if b.timer != nil {
		b.timer.Stop()
		b.timer = nil
	}
}
