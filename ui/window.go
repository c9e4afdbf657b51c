package ui

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"atlasri/app"
	"atlasri/app/search"
	"atlasri/model"
	"atlasri/resources"
	"atlasri/ui/widgets"
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

// Default sizes of the windows, shrunk to the screen's work area.
var (
	mainWindowSize   = fyne.NewSize(1440, 900)
	letterWindowSize = fyne.NewSize(1200, 820)
)

// workArea is the usable part of the screen (without task bars), in
// pixels; zero when unknown. main sets it before opening the window.
// screenScale is the main window's pixels per Fyne unit, once known.
var (
	workArea    fyne.Size
	screenScale float32 = 1
)

// SetWorkArea tells the windows how much of the screen they may take, in
// pixels.
func SetWorkArea(s fyne.Size) { workArea = s }

// fitScreen shrinks a window size (Fyne units) to the work area.
func fitScreen(s fyne.Size) fyne.Size {
	if workArea.Width > 0 && workArea.Height > 0 && screenScale > 0 {
		s = fyne.NewSize(min(s.Width, workArea.Width/screenScale), min(s.Height, workArea.Height/screenScale))
	}
	return s
}

// MainWindow is Atlas RI's main window.
type MainWindow struct {
	Window fyne.Window
	app    fyne.App
	open   func(dir string, waiting func(message string)) (*app.Atlas, error)
	atlas  *app.Atlas
	view   *mainView
	// dataDir is the data folder, kept to reopen it after a restore.
	dataDir string
	// ThemeOverride, when set, wins over the theme in the settings.
	ThemeOverride string
	// ready is closed once the data folder is open (or failed to open).
	ready chan struct{}
	// onView, if set, is called with each search view the window shows.
	onView func(*mainView)
	// noticesShown is set once the opening's notices were shown.
	noticesShown bool
}

// NewMainWindow creates the window and starts opening the data folder in
// the background: the first run builds reference.db, which takes a moment.
func NewMainWindow(a fyne.App, dataDir string) *MainWindow {
	m := &MainWindow{Window: a.NewWindow(app.Name), app: a, open: openData, dataDir: dataDir, ready: make(chan struct{})}
	m.Window.SetIcon(Icon)
	p := a.Preferences()
	size := fyne.NewSize(float32(p.FloatWithFallback(prefWidth, float64(mainWindowSize.Width))),
		float32(p.FloatWithFallback(prefHeight, float64(mainWindowSize.Height))))
	m.Window.Resize(fitScreen(size))
	m.Window.SetOnClosed(m.close)
	widgets.SetEscapeHandler(m.Window.Canvas(), m.escape)
	m.Window.Canvas().SetOnTypedKey(m.typedKey)
	startTestState(m)
	m.start(dataDir)
	return m
}

// loaded is what the window needs once the data folder is open.
type loaded struct {
	atlas      *app.Atlas
	engine     *search.Engine
	depts      []model.Departement
	label      string
	note       string
	lang       string
	theme      string
	place      string
	asked      string
	directory  string
	favourites []string
}

// openData opens the data folder; waiting is told when another program
// holds it locked and the opening waits for it (app.DefaultWait at most).
func openData(dir string, waiting func(message string)) (*app.Atlas, error) {
	return app.OpenWith(dir, app.Options{Waiting: waiting})
}

// start shows a progress bar and opens the data folder in the background.
// If another program holds the data locked, the wait is said under the
// bar (the opening gives up after a while and changes nothing).
func (m *MainWindow) start(dataDir string) {
	progress := widget.NewProgressBarInfinite()
	wait := widget.NewLabel("")
	wait.Wrapping = fyne.TextWrapWord
	wait.Alignment = fyne.TextAlignCenter
	waitBox := container.NewGridWrap(fyne.NewSize(520, 100), wait) // wrapped text needs a width
	waitBox.Hide()
	m.Window.SetContent(container.NewCenter(container.NewVBox(
		widget.NewLabelWithStyle("Préparation des données…", fyne.TextAlignCenter, fyne.TextStyle{Bold: true}),
		progress,
		waitBox,
	)))
	waiting := func(msg string) {
		fyne.Do(func() {
			wait.SetText(msg)
			waitBox.Show()
		})
	}
	async(func() {
		l, err := m.load(dataDir, waiting)
		fyne.Do(func() {
			progress.Stop()
			if l != nil {
				m.atlas = l.atlas
			}
			if err != nil {
				m.Window.SetContent(errorView(err))
			} else if err := m.show(l, nil); err != nil {
				m.Window.SetContent(errorView(err))
			}
			close(m.ready)
		})
	})
}

// load opens the data folder and prepares the search engine: all of it
// off the UI goroutine.
func (m *MainWindow) load(dataDir string, waiting func(string)) (*loaded, error) {
	atlas, err := m.open(dataDir, waiting)
	if err != nil {
		return nil, err
	}
	return prepare(atlas)
}

// prepare reads what the window needs from an open data folder.
func prepare(atlas *app.Atlas) (*loaded, error) {
	l := &loaded{atlas: atlas}
	var err error
	if l.engine, err = atlas.SearchEngine(); err != nil {
		return l, err
	}
	if l.depts, err = atlas.Departements(); err != nil {
		return l, err
	}
	info, infoErr := atlas.DirectoryInfo()
	if infoErr == nil && info.Indicative {
		l.label = info.Label
	}
	if cat, err := resources.Catalogue(); err == nil {
		l.note = cat.NoteFR
	}
	l.lang, _ = atlas.Setting(model.SettingLanguage)
	l.theme, _ = atlas.Setting(model.SettingTheme)
	l.place, _ = atlas.Setting(model.SettingCommune)
	l.asked, _ = atlas.Setting(model.SettingCommuneAsked)
	l.favourites, _ = atlas.Favourites()
	// Before any text is made: the language applies to the whole window.
	if err := LoadLanguage(l.lang); err != nil {
		fyne.LogError("langue", err)
	}
	if infoErr == nil { // once the language is known
		l.directory = fmt.Sprintf(lang.L("Annuaire %s du %s"), info.Version, frenchDate(info.Date))
	}
	return l, nil
}

// reload rebuilds the window on the data folder as it is now (after a
// directory update or a practice centre's change), keeping the search and
// its selection, or selecting centre select when not empty. after, if
// not nil, runs once the window is rebuilt.
func (m *MainWindow) reload(selectID string, after func()) {
	atlas := m.atlas
	var keep *searchState
	if m.view != nil {
		keep = m.view.state()
		if selectID != "" {
			keep.selectedID = selectID
		}
	}
	async(func() {
		l, err := prepare(atlas)
		fyne.Do(func() {
			if err == nil {
				err = m.show(l, keep)
			}
			if err != nil {
				showError(m.Window, err)
			}
			if after != nil {
				after()
			}
		})
	})
}

// show builds the search window on the opened data; keep, if not nil, is
// the search to restore.
func (m *MainWindow) show(l *loaded, keep *searchState) error {
	if m.ThemeOverride != "" {
		l.theme = m.ThemeOverride
	}
	ApplyTheme(m.app, l.theme)
	e := &env{app: m.app, win: m.Window, atlas: l.atlas, engine: l.engine, label: l.label, catalogueNote: l.note, directory: l.directory}
	v, err := newMainView(e, l.depts)
	if err != nil {
		return err
	}
	if m.view != nil {
		m.view.detail.flushNote()
	}
	m.view = v
	v.editCentre = m.editPracticeCentre
	for _, id := range l.favourites {
		v.favouriteIDs[id] = true
	}
	p := m.app.Preferences()
	v.splits[0].Offset = p.FloatWithFallback(prefSplitLeft, v.splits[0].Offset)
	v.splits[1].Offset = p.FloatWithFallback(prefSplitWhole, v.splits[1].Offset)
	m.Window.SetContent(v.content)
	m.Window.SetMainMenu(m.menu())
	// The scale is known now that the window exists: shrink it to the
	// screen if the first guess (scale 1) was too large.
	if sc := m.Window.Canvas().Scale(); sc > 0 && sc != screenScale {
		screenScale = sc
		m.Window.Resize(fitScreen(m.Window.Canvas().Size()))
	}
	if m.onView != nil {
		m.onView(v)
	}
	if keep == nil && !m.noticesShown {
		// What the opening had to say (a rebuilt database, a backup before
		// a migration), once per opening of the data folder.
		m.noticesShown = true
		for _, n := range l.atlas.Notices() {
			showMessage(m.Window, lang.L("Information"), n)
		}
	}
	switch {
	case keep != nil:
		v.restore(keep)
	case l.place != "":
		if c, ok := l.engine.Commune(l.place); ok {
			if loc, err := l.engine.LocationOf(search.Suggestion{Kind: search.KindCommune, ID: c.INSEE}); err == nil {
				v.setPlace(loc)
			}
		}
		v.runSearch()
	default:
		v.runSearch()
	}
	m.Window.Canvas().Focus(v.what)
	if keep == nil && l.asked == "" && l.place == "" {
		v.askPracticeCommune()
	}
	return nil
}

// shortcut is a key with the platform's shortcut modifier (Ctrl, or Cmd on
// macOS).
func shortcut(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

// item makes a menu entry; its action is ignored while a dialog covers the
// window (a menu shortcut would otherwise act behind it).
func (m *MainWindow) item(label string, key fyne.KeyName, f func()) *fyne.MenuItem {
	it := fyne.NewMenuItem(label, func() {
		if dialogOpen(m.Window) {
			return
		}
		f()
	})
	if key != "" {
		it.Shortcut = shortcut(key)
	}
	return it
}

// menu is the main menu. Its shortcuts work wherever the keyboard is in
// the window (Fyne tries menu shortcuts before the focused widget).
func (m *MainWindow) menu() *fyne.MainMenu {
	v := m.view
	file := fyne.NewMenu(lang.L("Fichier"),
		m.item(lang.L("Nouvelle recherche"), fyne.KeyN, v.clearAll),
		m.item(lang.L("Imprimer la liste…"), fyne.KeyP, v.printList),
		m.item(lang.L("Rédiger une lettre d'adressage…"), fyne.KeyL, v.writeLetter),
		fyne.NewMenuItemSeparator(),
		m.item(lang.L("Importer un annuaire…"), fyne.KeyO, m.importDirectory),
		m.item(lang.L("Exporter l'annuaire…"), "", m.exportDirectory),
		fyne.NewMenuItemSeparator(),
		m.item(lang.L("Sauvegarder les données du cabinet…"), "", m.backupUserData),
		m.item(lang.L("Restaurer une sauvegarde…"), "", m.restoreUserData),
		fyne.NewMenuItemSeparator(),
		m.item(lang.L("Paramètres…"), fyne.KeyComma, func() { v.showSettings(m.Window, nil) }),
	)
	find := fyne.NewMenu(lang.L("Recherche"),
		m.item(lang.L("Chercher un geste ou un motif"), fyne.KeyF, func() { m.focusField(v.what) }),
		m.item(lang.L("Changer de lieu"), fyne.KeyK, func() { m.focusField(v.where.entry) }),
		m.item(lang.L("Aller à la liste des centres"), fyne.KeyJ, func() { m.Window.Canvas().Focus(v.list) }),
	)
	centres := fyne.NewMenu(lang.L("Centres"),
		m.item(lang.L("Mes favoris"), "", v.showFavourites),
		m.item(lang.L("Ajouter un centre du cabinet…"), "", func() { m.editPracticeCentre(nil) }),
		m.item(lang.L("Notes orphelines…"), "", m.showOrphans),
	)
	help := fyne.NewMenu(lang.L("Aide"),
		m.item(lang.L("Fiche du geste recherché"), "", func() {
			if v.target != nil && v.target.kind == search.KindProcedure {
				v.openSheet(v.target.id)
			} else {
				showMessage(m.Window, lang.L("Fiche geste"), lang.L("Choisissez d'abord un geste dans le champ « Geste ou motif »."))
			}
		}),
		m.item(lang.L("Raccourcis clavier"), "", func() { showMessage(m.Window, lang.L("Raccourcis clavier"), shortcutsHelp()) }),
		fyne.NewMenuItemSeparator(),
		m.item(lang.L("À propos d'Atlas RI"), "", func() { ShowAbout(m.Window, m.atlas) }),
	)
	return fyne.NewMainMenu(file, find, centres, help)
}

// focusField gives a search field the keyboard, its text selected so that
// typing replaces it.
func (m *MainWindow) focusField(c *widgets.Completion) {
	m.Window.Canvas().Focus(c)
	c.TypedShortcut(&fyne.ShortcutSelectAll{})
}

func shortcutsHelp() string {
	return lang.L("Ctrl+F : chercher un geste ou un motif\nCtrl+K : changer de lieu\nCtrl+J : aller à la liste des centres\n" +
		"Entrée : lancer la recherche (dans une liste de propositions : choisir)\n" +
		"Flèches haut et bas : parcourir les propositions, ou les centres dans la liste\n" +
		"Tab : choisir la proposition et passer au champ suivant\n" +
		"Ctrl+L : lettre d'adressage pour le centre choisi\nCtrl+P : imprimer la liste\nCtrl+N : nouvelle recherche\n" +
		"Ctrl+O : importer un annuaire\nCtrl+, : paramètres\n" +
		"Échap : fermer la liste de propositions ou la fenêtre de dialogue ; dans un champ, l'effacer\n" +
		"Sur la carte : + et - pour zoomer, flèches pour se déplacer")
}

// typedKey handles keys no widget has the keyboard for.
func (m *MainWindow) typedKey(k *fyne.KeyEvent) {
	v := m.view
	if v == nil {
		return
	}
	switch k.Name {
	case fyne.KeyEscape:
		m.escape()
	case fyne.KeyDown, fyne.KeyUp:
		if !dialogOpen(m.Window) {
			m.Window.Canvas().Focus(v.list)
			v.list.TypedKey(k)
		}
	}
}

// escape closes the innermost thing open: a dialog, else the selected
// centre's sheet. (Completion lists and fields handle their own Esc.)
func (m *MainWindow) escape() {
	if escapeDialog(m.Window.Canvas()) {
		return
	}
	if m.view != nil && m.view.selected >= 0 {
		m.view.unselect()
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
	pending.Wait()
	if m.atlas != nil {
		m.atlas.Close()
		m.atlas = nil
	}
}

func errorView(err error) fyne.CanvasObject {
	msg := widget.NewLabel(err.Error())
	msg.Wrapping = fyne.TextWrapWord
	hint := ""
	var oe *model.OpenError
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
				v.setTarget(&target{kind: t.Kind, id: t.ID, label: v.targetLabel(t.Kind, t.ID, t.Label), emergency: t.Emergency})
			}
			if l, _, err := v.env.engine.Locate(where); err == nil {
				v.setPlace(l)
			}
			v.searchThen("", func() { v.list.Select(0) })
		})
	}()
}

// searchState is what a rebuilt window keeps of the search on screen.
type searchState struct {
	target               *target
	whatText             string
	place                *search.Location
	whereText            string
	radius, sector, dept int
	shade                int
	favourites           map[string]bool
	selectedID           string
}

func (v *mainView) state() *searchState {
	s := &searchState{target: v.target, whatText: v.what.Text, place: v.place, whereText: v.where.entry.Text,
		radius: v.radius.SelectedIndex(), sector: v.sector.SelectedIndex(), shade: v.shadeBy.SelectedIndex(),
		favourites: v.favourites}
	if i := v.dept.SelectedIndex(); i > 0 {
		s.dept = i
	}
	if v.selected >= 0 && v.selected < len(v.result.Hits) {
		s.selectedID = v.result.Hits[v.selected].Centre.ID
	}
	return s
}

// restore puts a kept search back and runs it, reselecting the centre.
func (v *mainView) restore(s *searchState) {
	for _, sel := range []struct {
		w *widgets.Select
		i int
	}{{v.radius, s.radius}, {v.sector, s.sector}, {v.dept, s.dept}, {v.shadeBy, s.shade}} {
		sel.w.OnChanged = nil
		if sel.i >= 0 && sel.i < len(sel.w.Options) {
			sel.w.SetSelectedIndex(sel.i)
		}
		sel.w.OnChanged = func(string) { v.runSearch() }
	}
	if s.target != nil {
		v.setTarget(s.target)
	} else {
		v.what.SetTextFromPick(s.whatText)
	}
	if s.place != nil {
		v.setPlace(*s.place)
	} else {
		v.where.entry.SetTextFromPick(s.whereText)
	}
	v.favourites = s.favourites
	v.searchThen("", func() {
		if s.selectedID != "" && !v.selectCentre(s.selectedID) && model.IsPracticeCentre(s.selectedID) {
			v.setStatus(lang.L("Centre du cabinet enregistré. Il n'apparaît pas dans la recherche en cours : élargissez-la pour le voir."))
		}
	})
}
