package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"atlasri/app"
	"atlasri/resources"
)

// Icon is the application icon as a Fyne resource.
var Icon = fyne.NewStaticResource("icon.png", resources.IconPNG)

// MainWindow is Atlas RI's main window. Until the real search window
// exists it shows what the data folder holds.
type MainWindow struct {
	Window fyne.Window
	open   func(dir string) (*app.Atlas, error)
	atlas  *app.Atlas
	// ready is closed once the data folder is open (or failed to open).
	ready chan struct{}
}

// NewMainWindow creates the window and starts opening the data folder in
// the background: the first run builds reference.db, which takes a moment.
func NewMainWindow(a fyne.App, dataDir string) *MainWindow {
	m := &MainWindow{Window: a.NewWindow(app.Name), open: app.Open, ready: make(chan struct{})}
	m.Window.SetIcon(Icon)
	m.Window.Resize(fyne.NewSize(1024, 700))
	m.Window.SetOnClosed(m.close)
	m.start(dataDir)
	return m
}

// start shows a progress bar and opens the data folder in the background.
func (m *MainWindow) start(dataDir string) {
	progress := widget.NewProgressBarInfinite()
	m.Window.SetContent(container.NewCenter(container.NewVBox(
		widget.NewLabelWithStyle("Préparation des données…", fyne.TextAlignCenter, fyne.TextStyle{Bold: true}),
		progress,
	)))
	go func() {
		atlas, err := m.open(dataDir)
		var r app.Report
		if err == nil {
			r, err = atlas.Check()
		}
		fyne.Do(func() {
			progress.Stop()
			m.atlas = atlas
			if err != nil {
				m.Window.SetContent(errorView(err))
			} else {
				m.Window.SetContent(summaryView(r))
			}
			close(m.ready)
		})
	}()
}

func (m *MainWindow) close() {
	if m.atlas != nil {
		m.atlas.Close()
		m.atlas = nil
	}
}

func errorView(err error) fyne.CanvasObject {
	msg := widget.NewLabel(err.Error())
	msg.Wrapping = fyne.TextWrapWord
	return container.NewBorder(
		widget.NewLabelWithStyle("Atlas RI ne peut pas ouvrir ses données", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		nil, widget.NewIcon(theme.ErrorIcon()), nil, msg)
}

func summaryView(r app.Report) fyne.CanvasObject {
	title := widget.NewLabelWithStyle(app.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	intro := widget.NewLabel("Trouver où se pratique la radiologie interventionnelle près de vos patients.")
	intro.Wrapping = fyne.TextWrapWord
	items := []fyne.CanvasObject{title, intro}
	if r.DirectoryLabel != "" {
		label := widget.NewLabelWithStyle(r.DirectoryLabel, fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
		label.Wrapping = fyne.TextWrapWord
		label.Importance = widget.WarningImportance
		items = append(items, label)
	}
	c := r.Counts
	form := widget.NewForm(
		widget.NewFormItem("Annuaire", widget.NewLabel(fmt.Sprintf("%s du %s", r.DirectoryVersion, r.DirectoryDate))),
		widget.NewFormItem("Centres", widget.NewLabel(fmt.Sprint(c.Centres))),
		widget.NewFormItem("Gestes", widget.NewLabel(fmt.Sprintf("%d, en %d familles", c.Procedures, c.Families))),
		widget.NewFormItem("Communes", widget.NewLabel(fmt.Sprint(c.Communes))),
		widget.NewFormItem("Départements", widget.NewLabel(fmt.Sprint(c.Departements))),
	)
	items = append(items, form)
	for _, n := range r.Notices {
		l := widget.NewLabel(n)
		l.Wrapping = fyne.TextWrapWord
		l.Importance = widget.WarningImportance
		items = append(items, l)
	}
	return container.NewPadded(container.NewVBox(items...))
}
