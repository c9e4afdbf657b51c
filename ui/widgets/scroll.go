package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// Fyne's scroll containers do not follow the keyboard: tabbing into a field
// below the fold leaves it out of sight while the GP types. Scrolls made
// with NewFollowScroll move to show whichever of this package's widgets
// gains the keyboard inside them.

// followers are the scrolls that follow the focus (UI goroutine only).
var followers = map[*container.Scroll]bool{}

// NewFollowScroll is a vertical scroll that brings the focused field into
// view.
func NewFollowScroll(content fyne.CanvasObject) *container.Scroll {
	s := container.NewVScroll(content)
	followers[s] = true
	return s
}

// reveal scrolls the follower holding o, if any, just enough to show o.
func reveal(o fyne.CanvasObject) {
	d := fyne.CurrentApp().Driver()
	c := d.CanvasForObject(o)
	if c == nil {
		return
	}
	p := d.AbsolutePositionForObject(o)
	for s := range followers {
		if d.CanvasForObject(s) == nil {
			if !s.Visible() {
				delete(followers, s) // its dialog or window is gone
			}
			continue
		}
		if d.CanvasForObject(s) != c {
			continue
		}
		sp := d.AbsolutePositionForObject(s)
		cp := d.AbsolutePositionForObject(s.Content)
		// o must lie inside the scroll's content, across its whole height.
		if p.X < sp.X || p.X > sp.X+s.Size().Width || p.Y < cp.Y || p.Y > cp.Y+s.Content.Size().Height {
			continue
		}
		top := p.Y - cp.Y
		bottom := top + o.Size().Height
		view := s.Size().Height
		switch {
		case top < s.Offset.Y:
			s.Offset.Y = top
		case bottom > s.Offset.Y+view:
			s.Offset.Y = min(bottom-view, top)
		default:
			return
		}
		s.Refresh()
		return
	}
}
