package ui

import (
	"fmt"
	"image"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"atlasri/app/letter"
	"atlasri/app/search"
	"atlasri/model"
	"atlasri/ui/widgets"
)

// letterForm is the referral letter window: the form on the left, a live
// preview of the printed page on the right. It remembers the last letter's
// options, never the patient.
type letterForm struct {
	v       *mainView
	svc     *letter.Service
	draft   *letter.Draft
	win     fyne.Window
	opts    letter.Options
	centre  model.Centre
	procIDs []string

	procedure                     *widgets.Select
	civility                      *widget.RadioGroup
	last, usedName, first, birth  *widgets.Field
	firsts, birthplace            *widgets.Field
	sex                           *widgets.Select
	ins, phone                    *widgets.Field
	insQualified                  *widgets.Check
	treating                      *widget.RadioGroup // oui / non; unanswered takes the settings' default
	consent, copyPatient, copyDMP *widgets.Check
	question                      *widgets.Field
	urgency                       *widgets.Select
	reason, history, treatments   *widgets.Field
	anticoag, antiplatelet        *widgets.Field
	iodine, latex                 *widget.RadioGroup
	otherAllergy                  *widgets.Field
	creat, egfr, renalDate        *widgets.Field
	request                       *widget.CheckGroup
	workup                        *fyne.Container
	workupChecks                  []*widgets.Check
	extra, comment                *widgets.Field
	sheet, keep                   *widgets.Check
	problems                      *widget.Label
	notices                       *fyne.Container
	preview                       *canvas.Image
	pageLabel                     *widget.Label
	page                          int
	seq                           int
	timer                         *time.Timer
	printBtn, saveBtn, cdaBtn     *widgets.Button
	complete                      bool
	formBox                       *fyne.Container
	gpTreating                    string // the settings' default for « médecin traitant »: oui, non or ""
}

// requestLabels are the request kinds as the form shows them.
var requestLabels = map[string]string{
	letter.RequestOpinion:      "Avis",
	letter.RequestProcedure:    "Réalisation du geste",
	letter.RequestConsultation: "Consultation",
}

// writeLetter opens the letter window for the selected centre and the
// searched procedure (Ctrl+L).
func (v *mainView) writeLetter() {
	if t := v.target; t != nil && t.emergency {
		v.showEmergency(t)
		showMessage(v.env.win, lang.L("Urgence"), lang.L("Urgence : pas de lettre d'adressage. Suivez la conduite indiquée (appeler le 15)."))
		return
	}
	if v.selected < 0 || v.selected >= len(v.result.Hits) {
		showMessage(v.env.win, lang.L("Lettre d'adressage"), lang.L("Choisissez d'abord un centre dans la liste."))
		return
	}
	c := v.result.Hits[v.selected].Centre
	var procIDs []string
	for _, o := range c.Offers {
		procIDs = append(procIDs, o.ProcedureID)
	}
	chosen := ""
	if t := v.target; t != nil {
		if t.kind == search.KindProcedure {
			chosen = t.id
			if slices.Index(procIDs, t.id) < 0 {
				procIDs = append([]string{t.id}, procIDs...)
			}
		} else {
			for _, id := range procIDs {
				if p, ok := v.env.engine.Procedure(id); ok && p.InFamily(t.id) {
					chosen = id
					break
				}
			}
		}
	}
	if len(procIDs) == 0 {
		showMessage(v.env.win, lang.L("Lettre d'adressage"), lang.L("Ce centre n'a aucun geste renseigné."))
		return
	}
	if chosen == "" {
		chosen = procIDs[0]
	}
	f := &letterForm{v: v, centre: c, procIDs: procIDs, svc: v.env.atlas.Letters()}
	// The draft is read before the window opens, so that the form does
	// not move under the GP's pointer when its notices arrive.
	async(func() {
		opts, _ := f.svc.LastOptions()
		if gp, err := f.svc.GP(); err == nil {
			f.gpTreating = gp.TreatingDefault
		}
		d, err := f.svc.Draft(c.ID, chosen)
		fyne.Do(func() {
			f.opts = opts
			f.build(chosen, d, err)
			v.lastLetter = f
		})
	})
}

func (f *letterForm) build(procID string, d *letter.Draft, derr error) {
	eng := f.v.env.engine
	names := make([]string, 0, len(f.procIDs))
	for _, id := range f.procIDs {
		p, _ := eng.Procedure(id)
		names = append(names, procedureName(eng, id, p.NameFR))
	}
	f.win = f.v.env.app.NewWindow(lang.L("Lettre d'adressage") + " · " + f.centre.Name)
	f.procedure = widgets.NewSelect(names, func(string) { f.loadDraft() })
	entry := func(ph string) *widgets.Field {
		e := widgets.NewField()
		e.SetPlaceHolder(ph)
		e.OnChanged = func(string) { f.changed() }
		return e
	}
	multi := func(ph string) *widgets.Field {
		e := widgets.NewMultiLineField()
		e.SetPlaceHolder(ph)
		e.SetMinRowsVisible(3)
		e.OnChanged = func(string) { f.changed() }
		return e
	}
	radio := func() *widget.RadioGroup {
		r := widget.NewRadioGroup([]string{letter.Yes, letter.No, letter.Unknown}, func(string) { f.changed() })
		r.Horizontal = true
		return r
	}
	// The sex (an INS trait) starts from the civility; the GP checks it.
	f.sex = widgets.NewSelect(sexLabels(), func(string) { f.changed() })
	f.civility = widget.NewRadioGroup([]string{letter.Madame, letter.Monsieur}, func(c string) {
		if f.sex.SelectedIndex() < 0 {
			f.sex.SetSelectedIndex(map[string]int{letter.Madame: 0, letter.Monsieur: 1}[c])
		}
		f.changed()
	})
	f.civility.Horizontal = true
	f.last, f.usedName, f.first = entry(lang.L("Nom de naissance")), entry(lang.L("Nom utilisé, s'il diffère")), entry(lang.L("Premier prénom de naissance"))
	f.firsts = entry(lang.L("Facultatif : tous les prénoms de naissance"))
	f.birth = entry(lang.L("JJ/MM/AAAA"))
	f.birthplace = entry(lang.L("Code INSEE de la commune de naissance (99… à l'étranger)"))
	f.ins, f.phone = entry(lang.L("Facultatif : matricule INS (NIR), 15 chiffres")), entry(lang.L("Facultatif"))
	f.insQualified = widgets.NewCheck(lang.L("Identité qualifiée (INSi et pièce d'identité) : l'INS sera transmis"), func(bool) { f.changed() })
	// « Médecin traitant » changes how the specialist bills: a yes or a
	// no, never a box left unticked by oversight. The settings may answer
	// it for every letter.
	f.treating = widget.NewRadioGroup([]string{letter.Yes, letter.No}, func(string) { f.changed() })
	f.treating.Horizontal = true
	f.treating.Selected = f.gpTreating
	f.consent = widgets.NewCheck(lang.L("Le patient est informé et accepte la transmission de ces informations"), func(bool) { f.changed() })
	f.question = multi(lang.L("Question posée à l'équipe (facultatif)"))
	f.urgency = widgets.NewSelect(urgencyLabels(), func(string) { f.changed() })
	f.urgency.SetSelectedIndex(0)
	f.copyPatient = widgets.NewCheck(lang.L("Copie au patient"), func(bool) { f.changed() })
	f.copyDMP = widgets.NewCheck(lang.L("Copie au DMP"), func(bool) { f.changed() })
	f.reason = multi(lang.L("Motif de l'adressage"))
	f.history = multi(lang.L("Antécédents utiles"))
	f.treatments = multi(lang.L("Traitements en cours"))
	f.anticoag, f.antiplatelet = entry(lang.L("« non » ou le nom et la dose")), entry(lang.L("« non » ou le nom et la dose"))
	f.iodine, f.latex = radio(), radio()
	for name, o := range map[string]fyne.CanvasObject{"civility": f.civility, "last": f.last, "first": f.first, "birth": f.birth, "reason": f.reason,
		"anticoag": f.anticoag, "antiplatelet": f.antiplatelet, "iodine": f.iodine, "latex": f.latex,
		"birthplace": f.birthplace, "sex": f.sex, "consent": f.consent, "treating": f.treating, "ins": f.ins, "insQualified": f.insQualified} {
		named(o, "letter:"+name)
	}
	f.otherAllergy = entry(lang.L("Autres allergies"))
	f.creat, f.egfr, f.renalDate = entry("µmol/L"), entry("mL/min/1,73 m²"), entry(lang.L("JJ/MM/AAAA"))
	reqs := make([]string, len(letter.RequestKinds))
	for i, k := range letter.RequestKinds {
		reqs[i] = lang.L(requestLabels[k])
	}
	f.request = widget.NewCheckGroup(reqs, func([]string) { f.changed() })
	f.request.Horizontal = true
	for _, k := range f.opts.Request {
		if l, ok := requestLabels[k]; ok {
			f.request.Selected = append(f.request.Selected, lang.L(l))
		}
	}
	f.workup = container.NewVBox()
	f.extra = multi(lang.L("Autres documents joints, un par ligne"))
	f.comment = multi(lang.L("Commentaire libre"))
	f.sheet = named(widgets.NewCheck(lang.L("Joindre la fiche d'information patient"), func(bool) {}), "letter:sheet")
	f.sheet.Checked = f.opts.PatientSheet
	f.keep = widgets.NewCheck(lang.L("Conserver dans l'historique (nom du patient compris)"), nil)
	f.problems = wrapped("")
	f.problems.Importance = widget.DangerImportance
	f.notices = container.NewVBox()

	f.formBox = container.NewVBox(
		heading(lang.L("Geste")), f.procedure, f.notices,
		heading(lang.L("Patient")), f.civility,
		widget.NewForm(
			widget.NewFormItem(lang.L("Nom de naissance"), f.last), widget.NewFormItem(lang.L("Nom utilisé"), f.usedName),
			widget.NewFormItem(lang.L("Premier prénom"), f.first), widget.NewFormItem(lang.L("Né(e) le"), f.birth),
			widget.NewFormItem(lang.L("Lieu de naissance"), f.birthplace),
			widget.NewFormItem("INS", f.ins), widget.NewFormItem(lang.L("Téléphone"), f.phone)),
		f.insQualified,
		widget.NewForm(widget.NewFormItem(lang.L("Sexe (état civil)"), f.sex), widget.NewFormItem(lang.L("Prénoms"), f.firsts)),
		widget.NewForm(widget.NewFormItem(lang.L("Je suis son médecin traitant"), f.treating)),
		f.consent,
		heading(lang.L("Motif et contexte")), f.reason, f.question, f.history, f.treatments,
		widget.NewForm(
			widget.NewFormItem(lang.L("Anticoagulant"), f.anticoag), widget.NewFormItem(lang.L("Antiagrégant"), f.antiplatelet),
			widget.NewFormItem(lang.L("Allergie à l'iode"), f.iodine), widget.NewFormItem(lang.L("Allergie au latex"), f.latex),
			widget.NewFormItem(lang.L("Autres"), f.otherAllergy)),
		heading(lang.L("Fonction rénale (si connue)")),
		widget.NewForm(widget.NewFormItem(lang.L("Créatininémie"), f.creat), widget.NewFormItem(lang.L("DFG"), f.egfr),
			widget.NewFormItem(lang.L("Date"), f.renalDate)),
		heading(lang.L("Demande")), f.request,
		widget.NewForm(widget.NewFormItem(lang.L("Délai"), f.urgency)),
		heading(lang.L("Bilan joint")), f.workup, f.extra,
		heading(lang.L("Commentaire")), f.comment,
		container.NewHBox(f.copyPatient, f.copyDMP),
		f.sheet, f.keep,
	)
	f.preview = named(canvas.NewImageFromImage(image.NewRGBA(image.Rect(0, 0, 1, 1))), "letter:preview")
	f.preview.FillMode = canvas.ImageFillContain
	f.pageLabel = widget.NewLabel("")
	prev := widgets.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { f.turn(-1) })
	next := widgets.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { f.turn(1) })
	previewPane := container.NewBorder(container.NewHBox(widget.NewLabelWithStyle(lang.L("Aperçu"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), prev, f.pageLabel, next),
		nil, nil, nil, f.preview)

	f.printBtn = named(widgets.NewButtonWithIcon(lang.L("Imprimer"), theme.DocumentPrintIcon(), func() { f.deliver(true) }), "letter:print")
	f.printBtn.Importance = widget.HighImportance
	f.saveBtn = named(widgets.NewButtonWithIcon(lang.L("Enregistrer le PDF"), theme.DocumentSaveIcon(), func() { f.deliver(false) }), "letter:save")
	f.cdaBtn = named(widgets.NewButtonWithIcon(lang.L("Enregistrer pour MSSanté / DMP"), theme.MailSendIcon(), f.saveCDA), "letter:cda")
	cancel := named(widgets.NewButton(lang.L("Annuler"), func() { f.win.Close() }), "letter:cancel")
	// The settings open over this window; the preview follows the change.
	identity := named(widgets.NewButton(lang.L("Mon identité…"), func() { f.v.showSettings(f.win, f.refreshPreview) }), "letter:identity")
	buttons := container.NewBorder(nil, nil, identity, container.NewHBox(cancel, f.cdaBtn, f.saveBtn, f.printBtn))

	formScroll := named(widgets.NewFollowScroll(container.NewPadded(f.formBox)), "letter:form")
	split := container.NewHSplit(formScroll, previewPane)
	split.Offset = 0.5
	f.win.SetContent(container.NewBorder(nil, container.NewVBox(f.problems, buttons), nil, nil, split))
	f.win.Resize(fitScreen(letterWindowSize))
	f.win.SetOnClosed(func() {
		if f.timer != nil {
			f.timer.Stop()
		}
		widgets.SetEscapeHandler(f.win.Canvas(), nil)
		letters = slices.DeleteFunc(letters, func(x *letterForm) bool { return x == f })
	})
	letters = append(letters, f)
	// Esc closes the letter window's dialogs, never the letter itself (it
	// would lose what was typed).
	esc := func() { escapeDialog(f.win.Canvas()) }
	widgets.SetEscapeHandler(f.win.Canvas(), esc)
	f.win.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		if k.Name == fyne.KeyEscape {
			esc()
		}
	})
	f.win.Canvas().AddShortcut(shortcut(fyne.KeyP), func(fyne.Shortcut) {
		if !dialogOpen(f.win) && !f.printBtn.Disabled() {
			f.deliver(true)
		}
	})
	f.win.Canvas().AddShortcut(shortcut(fyne.KeyS), func(fyne.Shortcut) {
		if !dialogOpen(f.win) && !f.saveBtn.Disabled() {
			f.deliver(false)
		}
	})
	f.procedure.Selected = f.procedure.Options[slices.Index(f.procIDs, procID)]
	f.showDraft(d, derr)
	f.win.Show()
	f.win.RequestFocus()
	f.win.Canvas().Focus(f.last)
}

// loadDraft starts the letter for the chosen procedure (read off the UI
// goroutine): its work-up list, all ticked, and what the GP should know.
func (f *letterForm) loadDraft() {
	id := f.procIDs[f.procedure.SelectedIndex()]
	f.seq++
	seq := f.seq
	async(func() {
		d, err := f.svc.Draft(f.centre.ID, id)
		fyne.Do(func() {
			if seq != f.seq {
				return
			}
			f.showDraft(d, err)
		})
	})
}

func (f *letterForm) showDraft(d *letter.Draft, err error) {
	if err != nil {
		f.draft = nil
		f.problems.SetText(capitalizeFirst(err.Error()))
		f.win.Content().Refresh()
		f.printBtn.Disable()
		f.saveBtn.Disable()
		f.cdaBtn.Disable()
		return
	}
	f.printBtn.Enable()
	f.saveBtn.Enable()
	f.cdaBtn.Enable()
	f.draft = d
	f.notices.RemoveAll()
	for _, n := range d.Notices {
		l := wrapped(n)
		l.Importance = widget.WarningImportance
		f.notices.Add(l)
	}
	f.workup.RemoveAll()
	f.workupChecks = nil
	if d.WorkupIndicative {
		f.workup.Add(muted(lang.L("Liste indicative, à confirmer : le centre peut demander d'autres examens.")))
	}
	for _, it := range d.Workup {
		text := it.Text
		if it.Uncertain {
			text += " (" + lang.L("à confirmer") + ")"
		}
		c := widgets.NewCheck(text, func(bool) { f.changed() })
		c.Checked = it.Attached
		f.workupChecks = append(f.workupChecks, c)
		f.workup.Add(c)
	}
	f.formBox.Refresh() // notices and work-up changed height
	f.refreshPreview()
}

// input reads the form.
func (f *letterForm) input() letter.Input {
	in := letter.Input{
		Version: letter.FormatVersion,
		Patient: letter.Patient{Civility: f.civility.Selected, BirthName: f.last.Text, UsedName: f.usedName.Text,
			FirstName: f.first.Text, BirthFirstNames: f.firsts.Text, BirthDate: f.birth.Text, Birthplace: f.birthplace.Text,
			Phone: f.phone.Text},
		Consent:  f.consent.Checked,
		Question: f.question.Text,
		Reason:   f.reason.Text, History: f.history.Text, Treatments: f.treatments.Text,
		Anticoagulant: f.anticoag.Text, Antiplatelet: f.antiplatelet.Text,
		Allergies: letter.Allergies{IodinatedContrast: f.iodine.Selected, Latex: f.latex.Selected, Other: f.otherAllergy.Text},
		Comment:   f.comment.Text,
	}
	if i := f.sex.SelectedIndex(); i >= 0 {
		in.Patient.Sex = []string{letter.Female, letter.Male}[i]
	}
	if f.treating.Selected != "" {
		in.TreatingDoctor = new(f.treating.Selected == letter.Yes)
	}
	if f.ins.Text != "" {
		in.Patient.INS = &letter.INS{Matricule: f.ins.Text, Qualified: f.insQualified.Checked}
	}
	if i := f.urgency.SelectedIndex(); i >= 0 {
		in.Urgency = letter.Urgencies[i]
	}
	if f.copyPatient.Checked {
		in.Copies = append(in.Copies, letter.CopyPatient)
	}
	if f.copyDMP.Checked {
		in.Copies = append(in.Copies, letter.CopyDMP)
	}
	for _, k := range letter.RequestKinds {
		if slices.Index(f.request.Selected, lang.L(requestLabels[k])) >= 0 {
			in.Request = append(in.Request, k)
		}
	}
	for i, c := range f.workupChecks {
		if !c.Checked {
			in.Workup.NotAttached = append(in.Workup.NotAttached, i+1)
		}
	}
	for _, line := range strings.Split(f.extra.Text, "\n") {
		if s := strings.TrimSpace(line); s != "" {
			in.Workup.Extra = append(in.Workup.Extra, s)
		}
	}
	if f.creat.Text != "" || f.egfr.Text != "" || f.renalDate.Text != "" {
		in.RenalFunction = &letter.RenalFunction{CreatinineUmolL: frenchFloat(f.creat.Text), EGFR: frenchFloat(f.egfr.Text), Date: f.renalDate.Text}
	}
	return in
}

func frenchFloat(s string) float64 {
	v, _ := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(s), ",", "."), 64)
	return v
}

// changed refreshes the preview shortly after the GP stops typing.
func (f *letterForm) changed() {
	if f.draft == nil || f.preview == nil {
		return
	}
	if f.timer != nil {
		f.timer.Stop()
	}
	f.timer = time.AfterFunc(250*time.Millisecond, func() { fyne.Do(f.refreshPreview) })
}

// refreshPreview lays the letter out off the UI goroutine and shows the
// current page; what is missing prints as "[à compléter]".
func (f *letterForm) refreshPreview() {
	if f.draft == nil {
		return
	}
	f.seq++
	seq, d, in, page := f.seq, f.draft, f.input(), f.page
	async(func() {
		gp, _ := f.svc.GP()
		l, verr := letter.Preview(d, gp, in, time.Now())
		var img image.Image
		pages := 0
		doc, err := l.Document()
		if err == nil {
			pages = len(doc.Pages)
			page = max(0, min(page, pages-1))
			img, err = doc.RenderPage(page, 96)
		}
		fyne.Do(func() {
			if seq != f.seq {
				return
			}
			if err != nil {
				f.problems.SetText(err.Error())
				return
			}
			f.page = page
			f.preview.Image = img
			f.preview.Refresh()
			f.pageLabel.SetText(fmt.Sprintf(lang.L("page %d sur %d"), page+1, pages))
			defer f.win.Content().Refresh() // the page label and the problems changed size
			f.complete = verr == nil
			if verr != nil {
				f.problems.SetText(problemsLine(verr))
			} else {
				f.problems.SetText("")
			}
		})
	})
}

func (f *letterForm) turn(delta int) {
	f.page = max(0, f.page+delta)
	f.refreshPreview()
}

// deliver prints or saves the letter (and the patient sheet when asked),
// then remembers the options and, only if asked, the history entry. When
// printing fails, one question offers to save both documents instead.
func (f *letterForm) deliver(print bool) {
	if f.draft == nil {
		return
	}
	d, in, opts, keep := f.deliveryRequest()
	name := "lettre-" + f.centre.ID + ".pdf"
	sheetName := "fiche-patient-" + f.centre.ID + ".pdf"
	async(func() {
		out, err := f.documents(d, in, opts.PatientSheet, false)
		l, pdf, sheet := out.letter, out.pdf, out.sheet
		fyne.Do(func() {
			if err != nil {
				showError(f.win, err)
				return
			}
			env := *f.v.env
			env.win = f.win
			delivered := func(delivery string) { f.recordDelivery(l, delivery, opts, keep) }
			saveAll := func() {
				env.savePDF(pdf, name, func() {
					delivered("pdf")
					if sheet != nil {
						env.savePDF(sheet, sheetName, nil)
					}
				})
			}
			if !print {
				saveAll()
				return
			}
			docs := []printJob{{lang.L("Lettre d'adressage"), pdf}}
			if sheet != nil {
				docs = append(docs, printJob{lang.L("Fiche patient"), sheet})
			}
			env.printAll(docs, func() { delivered("print") }, saveAll)
		})
	})
}

// letterOutputs are what the letter window's buttons deliver.
type letterOutputs struct {
	letter          *letter.Letter
	pdf, sheet, cda []byte
}

// documents builds, off the UI goroutine, the letter as the buttons
// deliver it: its PDF, the patient sheet when asked, the CDA document for
// MSSanté and the DMP when asked (the letter's PDF inside).
func (f *letterForm) documents(d *letter.Draft, in letter.Input, sheet, withCDA bool) (letterOutputs, error) {
	var out letterOutputs
	l, err := f.svc.Compose(d, in)
	if err != nil {
		return out, err
	}
	out.letter = l
	if out.pdf, err = l.PDF(); err != nil {
		return out, err
	}
	if sheet {
		if out.sheet, err = l.Sheet().PDF(); err != nil {
			return out, err
		}
	}
	if withCDA {
		if out.cda, err = l.CDA(out.pdf); err != nil {
			return out, err
		}
	}
	return out, nil
}

// deliveryRequest reads, on the UI goroutine, what printing or saving
// needs: the draft, the input, the options to remember, the history opt-in.
func (f *letterForm) deliveryRequest() (*letter.Draft, letter.Input, letter.Options, bool) {
	opts := f.opts
	opts.PatientSheet = f.sheet.Checked
	return f.draft, f.input(), opts, f.keep.Checked
}

// recordDelivery remembers the options and, only if asked, the history
// entry, off the UI goroutine.
func (f *letterForm) recordDelivery(l *letter.Letter, delivery string, opts letter.Options, keep bool) {
	svc := f.svc
	async(func() {
		if err := svc.Delivered(l, delivery, opts, keep); err != nil {
			fyne.Do(func() { showError(f.win, err) })
		}
	})
}

// saveCDA writes the letter for MSSanté and the DMP: a CDA R2 document
// with the PDF inside, which the GP attaches in their secure messaging.
func (f *letterForm) saveCDA() {
	if f.draft == nil {
		return
	}
	d, in, opts, keep := f.deliveryRequest()
	async(func() {
		out, err := f.documents(d, in, false, true)
		l, doc := out.letter, out.cda
		fyne.Do(func() {
			if err != nil {
				showError(f.win, err)
				return
			}
			env := *f.v.env
			env.win = f.win
			env.saveFile("lettre-"+f.centre.ID+".xml", func() ([]byte, error) { return doc, nil }, func() {
				if l.QualifiedINS() == nil && slices.Contains(l.Input.Copies, letter.CopyDMP) {
					showMessage(f.win, lang.L("DMP"), lang.L("Identité non qualifiée : le DMP n'accepte que les documents portant l'INS d'une identité qualifiée. L'envoi par MSSanté reste possible."))
				}
				f.recordDelivery(l, model.DeliveryPDF, opts, keep)
			})
		})
	})
}

func sexLabels() []string { return []string{lang.L("Féminin (F)"), lang.L("Masculin (M)")} }

func urgencyLabels() []string {
	return []string{lang.L("Habituel"), lang.L("Rapide"), lang.L("Urgent (me contacter)")}
}

// problemsLine says briefly what the letter still needs, by field label
// (the command line's message also names the file's keys).
func problemsLine(e *letter.ValidationError) string {
	var parts []string
	if len(e.Missing) > 0 {
		names := make([]string, len(e.Missing))
		for i, f := range e.Missing {
			names[i] = lang.L(f.Label) // the letter names its fields in French
		}
		parts = append(parts, lang.L("À compléter : ")+strings.Join(names, ", ")+".")
	}
	for _, p := range e.Problems {
		parts = append(parts, labelled(p.Field.Label, p.Message)+".")
	}
	return strings.Join(parts, " ")
}
