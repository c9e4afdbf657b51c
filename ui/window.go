package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"atlasri/app"
	"atlasri/app/search"
	"atlasri/model"
	"atlasri/resources"
)

// Icon is the application icon as a Fyne resource.
var Icon = fyne.NewStaticResource("icon.png", resources.IconPNG)

// Preference keys of the window's geometry (Fyne's preferences file).
const (
	prefWidth      = "window.width"
	prefHeight     = "window.height"
	prefSplitLeft  = "window.split.results"
	prefSplitWhole = "window.split.detail"
)

// MainWindow is Atlas RI's main window.
type MainWindow struct {
	Window fyne.Window
	app    fyne.App
	open   func(dir string) (*app.Atlas, error)
	atlas  *app.Atlas
	view   *mainView
	// dataDir is the data folder, kept to reopen it after a restore.
	dataDir string
	// ThemeOverride, when set, wins over the theme in the settings.
	ThemeOverride string
	// ready is closed once the data folder is open (or failed to open).
	ready chan struct{}
}

// NewMainWindow creates the window and starts opening the data folder in
// the background: the first run builds reference.db, which takes a moment.
func NewMainWindow(a fyne.App, dataDir string) *MainWindow {
	m := &MainWindow{Window: a.NewWindow(app.Name), app: a, open: app.Open, dataDir: dataDir, ready: make(chan struct{})}
	m.Window.SetIcon(Icon)
	p := a.Preferences()
	m.Window.Resize(fyne.NewSize(float32(p.FloatWithFallback(prefWidth, 1440)), float32(p.FloatWithFallback(prefHeight, 900))))
	m.Window.SetOnClosed(m.close)
	m.start(dataDir)
	return m
}

// loaded is what the window needs once the data folder is open.
type loaded struct {
	atlas     *app.Atlas
	engine    *search.Engine
	depts     []model.Departement
	label     string
	note      string
	lang      string
	theme     string
	place     string
	directory string
}

// start shows a progress bar and opens the data folder in the background.
func (m *MainWindow) start(dataDir string) {
	progress := widget.NewProgressBarInfinite()
	m.Window.SetContent(container.NewCenter(container.NewVBox(
		widget.NewLabelWithStyle("Préparation des données…", fyne.TextAlignCenter, fyne.TextStyle{Bold: true}),
		progress,
	)))
	async(func() {
		l, err := m.load(dataDir)
		fyne.Do(func() {
			progress.Stop()
			if l != nil {
				m.atlas = l.atlas
			}
			if err != nil {
				m.Window.SetContent(errorView(err))
			} else if err := m.show(l); err != nil {
				m.Window.SetContent(errorView(err))
			}
			close(m.ready)
		})
	})
}

// load opens the data folder and prepares the search engine: all of it
// off the UI goroutine.
func (m *MainWindow) load(dataDir string) (*loaded, error) {
	atlas, err := m.open(dataDir)
	if err != nil {
		return nil, err
	}
	return prepare(atlas)
}

// prepare reads what the window needs from an open data folder.
func prepare(atlas *app.Atlas) (*loaded, error) {
	l := &loaded{atlas: atlas}
	fail := func(err error) (*loaded, error) { return l, err }
	var err error
	if l.engine, err = atlas.SearchEngine(); err != nil {
		return fail(err)
	}
	if l.depts, err = atlas.Departements(); err != nil {
		return fail(err)
	}
	if info, _ := atlas.DirectoryInfo(); info.Indicative {
		l.label = info.Label
	}
	if cat, err := resources.Catalogue(); err == nil {
		l.note = cat.NoteFR
	}
	l.lang, _ = atlas.Setting(model.SettingLanguage)
	l.theme, _ = atlas.Setting(model.SettingTheme)
	l.place, _ = atlas.Setting(model.SettingCommune)
	// Before any text is made: the language applies to the whole window.
	if err := LoadLanguage(l.lang); err != nil {
		fyne.LogError("langue", err)
	}
	l.directory = directoryLine(atlas)
	return l, nil
}

// reload rebuilds the window on the data folder as it is now (after a
// directory update or a practice centre's change).
func (m *MainWindow) reload() {
	atlas := m.atlas
	async(func() {
		l, err := prepare(atlas)
		fyne.Do(func() {
			if err == nil {
				err = m.show(l)
			}
			if err != nil {
				dialog.ShowError(err, m.Window)
			}
		})
	})
}

// show builds the search window on the opened data.
func (m *MainWindow) show(l *loaded) error {
	if m.ThemeOverride != "" {
		l.theme = m.ThemeOverride
	}
	ApplyTheme(m.app, l.theme)
	e := &env{app: m.app, win: m.Window, atlas: l.atlas, engine: l.engine, label: l.label, catalogueNote: l.note, directory: l.directory}
	v, err := newMainView(e, l.depts)
	if err != nil {
		return err
	}
	m.view = v
	v.editCentre = m.editPracticeCentre
	p := m.app.Preferences()
	v.splits[0].Offset = p.FloatWithFallback(prefSplitLeft, v.splits[0].Offset)
	v.splits[1].Offset = p.FloatWithFallback(prefSplitWhole, v.splits[1].Offset)
	m.Window.SetContent(v.content)
	m.Window.SetMainMenu(m.menu())
	m.shortcuts()
	for _, n := range l.atlas.Notices() {
		dialog.ShowInformation(lang.L("Information"), n, m.Window)
	}
	if l.place != "" {
		if c, ok := l.engine.Commune(l.place); ok {
			if loc, err := l.engine.LocationOf(search.Suggestion{Kind: search.KindCommune, ID: c.INSEE}); err == nil {
				v.setPlace(loc)
			}
		}
	}
	v.runSearch()
	m.Window.Canvas().Focus(v.what)
	v.askPracticeCommune()
	return nil
}

func (m *MainWindow) menu() *fyne.MainMenu {
	v := m.view
	file := fyne.NewMenu(lang.L("Fichier"),
		fyne.NewMenuItem(lang.L("Imprimer la liste…"), v.printList),
		fyne.NewMenuItem(lang.L("Rédiger une lettre d'adressage…"), v.writeLetter),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(lang.L("Importer un annuaire…"), m.importDirectory),
		fyne.NewMenuItem(lang.L("Exporter l'annuaire…"), m.exportDirectory),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(lang.L("Sauvegarder les données du cabinet…"), m.backupUserData),
		fyne.NewMenuItem(lang.L("Restaurer une sauvegarde…"), m.restoreUserData),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(lang.L("Paramètres…"), v.showSettings),
	)
	centres := fyne.NewMenu(lang.L("Centres"),
		fyne.NewMenuItem(lang.L("Mes favoris"), v.showFavourites),
		fyne.NewMenuItem(lang.L("Ajouter un centre du cabinet…"), func() { m.editPracticeCentre(nil) }),
		fyne.NewMenuItem(lang.L("Notes orphelines…"), m.showOrphans),
	)
	help := fyne.NewMenu(lang.L("Aide"),
		fyne.NewMenuItem(lang.L("Fiche du geste recherché"), func() {
			if v.target != nil && v.target.kind == search.KindProcedure {
				v.openSheet(v.target.id)
			} else {
				dialog.ShowInformation(lang.L("Fiche geste"), lang.L("Choisissez d'abord un geste dans le champ « Geste ou motif »."), m.Window)
			}
		}),
		fyne.NewMenuItem(lang.L("Raccourcis clavier"), func() { dialog.ShowInformation(lang.L("Raccourcis clavier"), shortcutsHelp(), m.Window) }),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(lang.L("À propos d'Atlas RI"), func() { ShowAbout(m.Window, m.atlas) }),
	)
	return fyne.NewMainMenu(file, centres, help)
}

func shortcutsHelp() string {
	return lang.L("Ctrl+F : chercher un geste\nEntrée : lancer la recherche\nFlèches haut et bas : parcourir les résultats\n" +
		"Ctrl+P : imprimer la liste\nCtrl+L : lettre d'adressage pour le centre choisi\nÉchap : effacer la recherche\n" +
		"Sur la carte : + et - pour zoomer, flèches pour se déplacer")
}

// shortcuts installs the window's keyboard shortcuts.
func (m *MainWindow) shortcuts() {
	v := m.view
	c := m.Window.Canvas()
	add := func(key fyne.KeyName, f func()) {
		c.AddShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { f() })
	}
	add(fyne.KeyF, func() { c.Focus(v.what) })
	add(fyne.KeyP, v.printList)
	add(fyne.KeyL, v.writeLetter)
	c.SetOnTypedKey(func(k *fyne.KeyEvent) {
		switch k.Name {
		case fyne.KeyEscape:
			v.clearAll()
		case fyne.KeyDown:
			v.moveSelection(1)
		case fyne.KeyUp:
			v.moveSelection(-1)
		case fyne.KeyReturn, fyne.KeyEnter:
			v.writeLetterIfSelected()
		}
	})
}

// writeLetterIfSelected lets Enter on a selected result open its letter.
func (v *mainView) writeLetterIfSelected() {
	if v.selected >= 0 {
		v.writeLetter()
	}
}

func (m *MainWindow) close() {
	if v := m.view; v != nil {
		v.detail.flushNote()
		p := m.app.Preferences()
		size := m.Window.Canvas().Size()
		p.SetFloat(prefWidth, float64(size.Width))
		p.SetFloat(prefHeight, float64(size.Height))
		p.SetFloat(prefSplitLeft, v.splits[0].Offset)
		p.SetFloat(prefSplitWhole, v.splits[1].Offset)
	}
	if m.atlas != nil {
		m.atlas.Close()
		m.atlas = nil
	}
}

func errorView(err error) fyne.CanvasObject {
	msg := widget.NewLabel(err.Error())
	msg.Wrapping = fyne.TextWrapWord
	var oe *model.OpenError
	hint := ""
	if errors.As(err, &oe) {
		hint = lang.L("Vos données n'ont pas été modifiées. Contactez la personne qui gère l'informatique du cabinet, en lui donnant ce message.")
	}
	return container.NewBorder(
		widget.NewLabelWithStyle("Atlas RI ne peut pas ouvrir ses données", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		wrapped(hint), widget.NewIcon(theme.ErrorIcon()), nil, msg)
}

// Search runs a search as a GP would type it, once the window is ready,
// and selects the first result: for demonstrations and screenshots.
func (m *MainWindow) Search(what, where string) {
	go func() {
		<-m.ready
		fyne.Do(func() {
			v := m.view
			if v == nil {
				return
			}
			if t, err := v.env.engine.ResolveCatalogue(what); err == nil {
				v.setTarget(&target{kind: t.Kind, id: t.ID, label: t.Label, emergency: t.Emergency})
			}
			if l, _, err := v.env.engine.Locate(where); err == nil {
				v.setPlace(l)
			}
			v.searchThen(func() { v.list.Select(0) })
		})
	}()
}
