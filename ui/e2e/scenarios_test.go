package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The eight stories of ../shared/spec/SCENARIOS.md, played through real
// input at each screen size. Each step checks what is on screen; the
// comments [n] name the defect of issue 11 the step would catch if it came
// back.

type scenario struct {
	name string
	play func(*session)
}

var scenarios = []scenario{
	{"1-fibromes-cholet", fibroidsCholet},
	{"1-clavier-seul", fibroidsKeyboardOnly},
	{"2-tassement-ajaccio", fractureAjaccio},
	{"3-varicocele-reunion", varicoceleReunion},
	{"4-hemorroides-lozere", haemorrhoidsLozere},
	{"5-hbp-paris", prostateParis},
	{"6-avc", stroke},
	{"7-reseau-du-cabinet", practiceNetwork},
	{"8-deploiement", deployment},
}

func TestScenarios(t *testing.T) {
	needTools(t)
	for _, size := range sizes {
		for _, sc := range scenarios {
			t.Run(fmt.Sprintf("%dx%d/%s", size.w, size.h, sc.name), func(t *testing.T) {
				s := start(t, sc.name, size.w, size.h)
				sc.play(s)
			})
		}
	}
	t.Logf("captures d'écran : %s", shotsRoot)
}

// fits checks that the window, and everything it needs, is on the screen
// [20].
func fits(s *session, st state) {
	s.t.Helper()
	sc := st.Window.Scale
	if int(st.Window.Width*sc) > s.w || int(st.Window.Height*sc) > s.h {
		s.t.Errorf("la fenêtre (%.0f×%.0f) dépasse l'écran %d×%d", st.Window.Width*sc, st.Window.Height*sc, s.w, s.h)
	}
	for _, name := range []string{"what", "where", "search_button", "results", "map", "detail", "legend", "colours", "new_search"} {
		r, ok := st.Rects[name]
		if !ok {
			s.t.Errorf("« %s » n'est pas à l'écran", name)
			continue
		}
		if r[2] < 40 || r[3] < 20 || r[0]+r[2] > st.Window.Width+1 || r[1]+r[3] > st.Window.Height+1 {
			s.t.Errorf("« %s » hors de la fenêtre ou trop petit : %v (fenêtre %.0f×%.0f)", name, r, st.Window.Width, st.Window.Height)
		}
	}
}

// answerWelcome answers the first-run question by typing a commune and
// picking it with Enter, then saving with Enter [5].
func answerWelcome(s *session, typed, want string) {
	s.t.Helper()
	s.wait("la question du premier lancement, son champ prêt à écrire", func(st state) bool {
		return st.dialog("Bienvenue") && st.Focus == "completion:Commune ou code postal du cabinet"
	})
	s.shot("bienvenue")
	s.typeText(typed)
	st := s.wait("« "+typed+" » tapé en entier et des communes proposées", func(st state) bool {
		l := st.Lists["welcome"]
		return l.Text == typed && l.offers()
	})
	if !strings.Contains(st.Lists["welcome"].Options[0], want) {
		s.t.Errorf("première proposition %q, attendu %s", st.Lists["welcome"].Options[0], want)
	}
	s.seeText("bienvenue-propositions", "welcome_option_0", strings.Fields(want)[0])
	s.key("Return")
	s.wait("la commune choisie dans la liste", func(st state) bool {
		return strings.Contains(st.Texts["welcome"], want) && !st.Lists["welcome"].Open && st.dialog("Bienvenue")
	})
	s.key("Return")
	s.wait("la commune du cabinet enregistrée", func(st state) bool {
		return !st.dialog("Bienvenue") && strings.Contains(st.Place, want) && st.Search.Shown == st.Search.Seq
	})
}

// fibroidsCholet is scenario 1 with the mouse and the keyboard.
func fibroidsCholet(s *session) {
	t := s.t
	answerWelcome(s, "cholet", "Cholet (49)")
	fits(s, s.last)

	// A click gives « Geste ou motif » the keyboard [4]; three letters
	// typed at a normal pace all land [1].
	s.click("what")
	s.wait("le clavier dans « Geste ou motif »", func(st state) bool { return st.Focus == "what" })
	s.typeText("fib")
	st := s.wait("« fib » entier et ses propositions", func(st state) bool {
		return st.What.Text == "fib" && st.What.offers()
	})
	if !strings.Contains(st.What.Options[0], "fibromes") {
		t.Errorf("première proposition pour « fib » : %q", st.What.Options[0])
	}
	// The arrows move in the suggestions, not in the results [1].
	s.key("Down")
	st = s.wait("la deuxième proposition en surbrillance", func(st state) bool { return st.What.Highlighted == 1 })
	if st.Selected != -1 || st.Focus != "what" {
		t.Errorf("Bas a agi hors de la liste de propositions : sélection %d, focus %q", st.Selected, st.Focus)
	}
	s.key("Up")
	s.wait("la première proposition en surbrillance", func(st state) bool { return st.What.Highlighted == 0 })
	// A click on the highlighted suggestion picks it [2].
	s.click("what_option_0")
	st = s.wait("le geste choisi et les centres autour de Cholet", func(st state) bool {
		return st.Target == "embolisation-fibromes-uterins" && !st.What.Open && st.Search.Shown == st.Search.Seq && len(st.Results) > 0
	})
	if st.Results[0].Commune != "Angers" {
		t.Errorf("centre le plus proche de Cholet : %s (%s), attendu Angers", st.Results[0].Name, st.Results[0].Commune)
	}
	for i := 1; i < len(st.Results); i++ {
		if st.Results[i].Distance < st.Results[i-1].Distance {
			t.Errorf("liste non triée par distance au rang %d", i+1)
		}
	}
	s.seeText("resultats", "results", "Angers", "km")

	// The detail pane opens at its top for each centre [14].
	s.click("result_0")
	st = s.wait("la fiche du premier centre", func(st state) bool { return st.Selected == 0 && st.Detail == st.Results[0].Name })
	s.wheelOver("detail", 5, 12)
	s.wait("la fiche défilée", func(st state) bool { return !st.DetailTop })
	s.click("result_1")
	st = s.wait("la fiche du deuxième centre, en haut", func(st state) bool { return st.Selected == 1 && st.Detail == st.Results[1].Name })
	if !st.DetailTop {
		t.Error("la fiche d'un nouveau centre s'ouvre au milieu [14]")
	}
	s.seeText("fiche", "detail", strings.Fields(st.Results[1].Name)[0], "Note")
	s.click("result_0")
	s.wait("le premier centre", func(st state) bool { return st.Selected == 0 })

	// The procedure sheet; Esc closes it and nothing else [9].
	s.reveal("detail_procedure_0", "detail")
	s.click("detail_procedure_0")
	st = s.wait("la fiche du geste", func(st state) bool { return st.dialog("Fiche geste") })
	s.seeText("fiche-geste", "dialog:Fiche geste", "IRM")
	s.key("Escape")
	st = s.wait("la fiche du geste fermée", func(st state) bool { return !st.dialog("Fiche geste") })
	if st.Target != "embolisation-fibromes-uterins" || !strings.Contains(st.Where.Text, "Cholet") || st.Selected != 0 {
		t.Errorf("Échap dans la fiche a touché la recherche : cible %q, lieu %q, sélection %d", st.Target, st.Where.Text, st.Selected)
	}

	// The letter, to the Angers centre, MRI ticked.
	s.reveal("letter_button", "detail")
	s.click("letter_button")
	st = s.wait("la fenêtre de la lettre", func(st state) bool { return len(st.Letters) == 1 && st.Letters[0].Procedure != "" })
	l := st.Letters[0]
	if !strings.Contains(l.Procedure, "fibromes") || !strings.Contains(l.Centre, "Angers") {
		t.Errorf("lettre pour %q à %q", l.Procedure, l.Centre)
	}
	if int(l.Width*st.Window.Scale) > s.w || int(l.Height*st.Window.Scale) > s.h {
		t.Errorf("la fenêtre de la lettre (%.0f×%.0f) dépasse l'écran [20]", l.Width, l.Height)
	}
	s.focusWindow("Lettre d'adressage")
	st = s.wait("le clavier dans le nom du patient", func(st state) bool {
		return len(st.Letters) == 1 && strings.Contains(st.Letters[0].Focus, "field:Nom")
	})
	fillPatient(s)

	// « Mon identité… » opens the settings over the letter; a wrong RPPS
	// keeps the form and what was typed [10, 11].
	s.click("letter:identity")
	s.wait("les paramètres sur la fenêtre de la lettre", func(st state) bool {
		return len(st.Letters) == 1 && len(st.Letters[0].Dialogs) > 0 && strings.Contains(st.Letters[0].Dialogs[0], "Paramètres")
	})
	// The form's fields in Tab order (a fictional GP of the scenario).
	for i, text := range []string{"Dr", "Claire", "Lefèvre", "", "Cabinet des Mauges", "12 rue Nationale", "49300", "Cholet", "02 41 00 00 00"} {
		if i > 0 {
			s.key("Tab")
		}
		if text != "" {
			s.typeFast(text)
		}
	}
	s.click("settings:gp.rpps")
	s.typeText("123")
	s.click("dialog:Paramètres:Enregistrer")
	st = s.wait("le RPPS refusé, le formulaire resté ouvert", func(st state) bool {
		return len(st.Letters) == 1 && len(st.Letters[0].Dialogs) > 0 && st.Texts["settings:gp.last_name"] != ""
	})
	time.Sleep(300 * time.Millisecond)
	st, _ = s.read()
	if st.Texts["settings:gp.first_name"] != "Claire" || st.Texts["settings:gp.last_name"] != "Lefèvre" {
		t.Errorf("le formulaire a perdu la saisie : %q %q [11]", st.Texts["settings:gp.first_name"], st.Texts["settings:gp.last_name"])
	}
	s.seeText("rpps-refuse", "dialog:Paramètres", "RPPS")
	s.click("settings:gp.rpps")
	s.key("ctrl+a", "BackSpace")
	s.click("dialog:Paramètres:Enregistrer")
	st = s.wait("l'identité enregistrée et l'aperçu à jour", func(st state) bool {
		return len(st.Letters) == 1 && len(st.Letters[0].Dialogs) == 0 && !strings.Contains(st.Letters[0].Problems, "médecin")
	})
	if r := st.Rects["letter:preview"]; r[2] >= 380 { // smaller, the page is not legible
		s.seeText("apercu", "letter:preview", "Lefèvre")
	}

	// Print, with the patient sheet: one answer, not two [15].
	s.click("letter:sheet")
	s.click("letter:print")
	st = s.wait("une seule réponse à l'impression", func(st state) bool {
		return len(st.Letters) == 1 && len(st.Letters[0].Dialogs) > 0
	})
	time.Sleep(1500 * time.Millisecond) // a second dialog would show by now
	st, _ = s.read()
	if n := len(st.Letters[0].Dialogs); n != 1 {
		t.Errorf("%d dialogues après l'impression : %v [15]", n, st.Letters[0].Dialogs)
	}
	s.shot("impression")
	s.key("Escape")
	s.wait("la réponse fermée", func(st state) bool { return len(st.Letters) == 1 && len(st.Letters[0].Dialogs) == 0 })

	// Save as PDF: the file dialog, a name, Enter.
	s.click("letter:save")
	s.wait("le choix du fichier", func(st state) bool { return len(st.Letters) == 1 && len(st.Letters[0].Dialogs) > 0 })
	time.Sleep(500 * time.Millisecond)
	s.key("ctrl+a")
	s.typeText("lettre-angers.pdf")
	s.key("Return")
	pdf := s.waitFile(filepath.Join(s.dir, "home"), "lettre-angers.pdf")
	text := pdfText(s, pdf)
	for _, want := range []string{"DUPONT", "Hélène", "IRM pelvienne", "LEFÈVRE", "Angers"} {
		if !strings.Contains(text, want) {
			t.Errorf("la lettre enregistrée ne dit pas %q", want)
		}
	}
	info, err := os.Stat(pdf)
	if err == nil && info.Mode().Perm() != 0o600 {
		t.Errorf("la lettre est lisible par d'autres : %v", info.Mode().Perm())
	}
}

// fillPatient fills the letter's required patient fields by clicking on
// them and typing.
func fillPatient(s *session) {
	s.t.Helper()
	for _, f := range []struct{ name, text string }{
		{"letter:last", "Dupont"}, {"letter:first", "Hélène"}, {"letter:birth", "03/04/1975"},
		{"letter:reason", "Ménorragies sur fibromes, souhaite garder l'utérus."},
		{"letter:anticoag", "non"}, {"letter:antiplatelet", "non"},
	} {
		s.reveal(f.name, "letter:form")
		s.click(f.name)
		s.typeFast(f.text)
		s.wait(f.name+" rempli", func(st state) bool { return st.Texts[f.name] == "(rempli)" })
	}
	// Radio buttons the way a keyboard user sets them: the first choice
	// by a click on its circle, the next one with Tab and Space.
	for _, radio := range []string{"letter:iodine", "letter:latex"} {
		s.reveal(radio, "letter:form")
		s.clickLeft(radio, 18)
		s.key("Tab", "space")
	}
	s.reveal("letter:civility", "letter:form")
	s.clickLeft("letter:civility", 18)
	s.wait("le formulaire du patient rempli", func(st state) bool {
		return len(st.Letters) == 1 && !strings.Contains(st.Letters[0].Problems, "patient")
	})
}

// clickLeft clicks a named widget dx pixels from its left edge, halfway
// down: the first choice of a row of radio buttons.
func (s *session) clickLeft(name string, dx int) {
	s.t.Helper()
	st := s.wait("« "+name+" » à l'écran", func(st state) bool { _, ok := st.Rects[name]; return ok })
	x, y, _, h := s.screenRect(st, name)
	s.clickAt(x+dx, y+h/2)
}

// waitFile waits for a file named name under dir and returns its path.
func (s *session) waitFile(dir, name string) string {
	s.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		var found string
		filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
			if err == nil && info.Name() == name && info.Size() > 0 {
				found = p
			}
			return nil
		})
		if found != "" {
			time.Sleep(200 * time.Millisecond)
			return found
		}
		time.Sleep(100 * time.Millisecond)
	}
	s.shot("fichier-absent")
	s.t.Fatalf("%s n'a pas été écrit sous %s", name, dir)
	return ""
}

func pdfText(s *session, path string) string {
	s.t.Helper()
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		s.t.Fatalf("pdftotext %s : %v", path, err)
	}
	return string(out)
}

func fibroidsKeyboardOnly(s *session) { s.t.Skip("à écrire") }
func fractureAjaccio(s *session)      { s.t.Skip("à écrire") }
func varicoceleReunion(s *session)    { s.t.Skip("à écrire") }
func haemorrhoidsLozere(s *session)   { s.t.Skip("à écrire") }
func prostateParis(s *session)        { s.t.Skip("à écrire") }
func stroke(s *session)               { s.t.Skip("à écrire") }
func practiceNetwork(s *session)      { s.t.Skip("à écrire") }
func deployment(s *session)           { s.t.Skip("à écrire") }
