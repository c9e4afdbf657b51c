package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"atlasri/ui/widgets"
)

// Dialogs are Fyne overlays of their window. Esc closes the innermost one
// only: each dialog the app opens registers how it is cancelled, keyed by
// its overlay, and the window's Escape handler cancels the top overlay if
// it knows it. Only the UI goroutine touches this.
var cancels = map[fyne.Canvas]map[fyne.CanvasObject]func(){}

// track registers the overlay just shown on c as cancelled by cancel.
func track(c fyne.Canvas, cancel func()) {
	top := c.Overlays().Top()
	if top == nil {
		return
	}
	forgetClosed(c)
	if cancels[c] == nil {
		cancels[c] = map[fyne.CanvasObject]func(){}
	}
	cancels[c][top] = cancel
}

// forgetClosed drops the dialogs of c that are no longer shown.
func forgetClosed(c fyne.Canvas) {
	open := map[fyne.CanvasObject]bool{}
	for _, o := range c.Overlays().List() {
		open[o] = true
	}
	for o := range cancels[c] {
		if !open[o] {
			delete(cancels[c], o)
			delete(dialogTitles, o)
		}
	}
}

// escapeDialog cancels the innermost dialog of c. It reports whether an
// overlay was open: then nothing beneath it must react to Esc.
func escapeDialog(c fyne.Canvas) bool {
	top := c.Overlays().Top()
	if top == nil {
		return false
	}
	forgetClosed(c)
	if cancel, ok := cancels[c][top]; ok {
		cancel()
	}
	return true
}

// dialogOpen reports whether one of the app's dialogs covers window w
// (a tooltip or a menu, also overlays, does not count).
func dialogOpen(w fyne.Window) bool {
	c := w.Canvas()
	forgetClosed(c)
	for _, o := range c.Overlays().List() {
		if _, ok := cancels[c][o]; ok {
			return true
		}
	}
	return false
}

// fitSize shrinks a dialog's wanted size to its window, keeping a margin.
func fitSize(w fyne.Window, want fyne.Size) fyne.Size {
	s := w.Canvas().Size()
	if s.Width <= 0 || s.Height <= 0 {
		return want
	}
	return fyne.NewSize(min(want.Width, s.Width-24), min(want.Height, s.Height-24))
}

// formDialog is a dialog with its own buttons, so that it can stay open
// when what was typed is wrong. Its content floats completion lists:
// create the dialog first, then its place fields on its layer, then set
// its body.
type formDialog struct {
	d      dialog.Dialog
	layer  *widgets.Layer
	win    fyne.Window
	title  string
	cancel func()
}

// newFormDialog prepares a dialog over w. cancel runs when the dialog is
// closed without acting (Esc, or the caller's cancel button).
func newFormDialog(w fyne.Window, title string, cancel func()) *formDialog {
	return &formDialog{win: w, title: title, cancel: cancel, layer: widgets.NewLayer(layout.NewSpacer())}
}

// setBody sets what the dialog shows: body (scrolled by the caller if
// long), then buttons at the bottom right.
func (f *formDialog) setBody(body fyne.CanvasObject, buttons ...fyne.CanvasObject) {
	for _, b := range buttons {
		if btn, ok := b.(*widgets.Button); ok {
			named(btn, "dialog:"+f.title+":"+btn.Text)
		}
	}
	named(f.layer, "dialog:"+f.title)
	row := container.NewHBox(append([]fyne.CanvasObject{layout.NewSpacer()}, buttons...)...)
	f.layer.SetContent(container.NewBorder(nil, row, nil, nil, body))
	f.d = dialog.NewCustomWithoutButtons(f.title, f.layer, f.win)
}

// show opens the dialog at (at most) size.
func (f *formDialog) show(size fyne.Size) {
	f.d.Resize(fitSize(f.win, size))
	f.d.Show()
	track(f.win.Canvas(), f.dismiss)
	if top := f.win.Canvas().Overlays().Top(); top != nil {
		dialogTitles[top] = f.title
	}
}

// close hides the dialog (after acting).
func (f *formDialog) close() { f.d.Hide() }

// dismiss closes the dialog without acting.
func (f *formDialog) dismiss() {
	f.d.Hide()
	if f.cancel != nil {
		f.cancel()
	}
}

// showMessage shows a message with a Close button; long messages scroll.
func showMessage(w fyne.Window, title, msg string) {
	text := wrapped(msg)
	var f *formDialog
	ok := widgets.NewButton(lang.L("Fermer"), func() { f.close() })
	ok.Importance = widget.HighImportance
	f = newFormDialog(w, title, nil)
	f.setBody(container.NewVScroll(text), ok)
	lines := float32(len(msg)/60 + 4)
	f.show(fyne.NewSize(520, min(160+lines*22, 560)))
	w.Canvas().Focus(ok)
}

// showError shows an error; its message is French and says what to do.
func showError(w fyne.Window, err error) {
	if err == nil {
		return
	}
	showMessage(w, lang.L("Erreur"), capitalizeFirst(err.Error()))
}

// showConfirm asks a yes/no question; answer gets the choice (false on Esc).
func showConfirm(w fyne.Window, title, msg, yes, no string, answer func(bool)) {
	var f *formDialog
	noBtn := widgets.NewButton(no, func() { f.close(); answer(false) })
	yesBtn := widgets.NewButtonWithIcon(yes, theme.ConfirmIcon(), func() { f.close(); answer(true) })
	yesBtn.Importance = widget.HighImportance
	f = newFormDialog(w, title, func() { answer(false) })
	f.setBody(container.NewVScroll(wrapped(msg)), noBtn, yesBtn)
	f.show(fyne.NewSize(520, 260))
	w.Canvas().Focus(yesBtn)
}
