package e2e

import (
	"image"
	"image/png"
	"os"
	"strings"
	"testing"
	"time"
)

// TestFocusThemeLanguage plays what issue 11 found about the look of the
// window: no visible focus on « Autour de », the buttons or the list [22];
// a theme switch that left « Autour de » dark; an English that stopped at
// the menus [21]. One size is enough: these do not depend on the layout.
func TestFocusThemeLanguage(t *testing.T) {
	s := start(t, "apparence", 1440, 900)
	later(s)
	pick(s, "where", "cholet", "Cholet")
	st := pick(s, "what", "fibrome", "Embolisation")

	// The keyboard's place is visible: each target looks different once it
	// has the focus, on its outline [22].
	for _, c := range []struct {
		name, focus string
		reach       func()
	}{
		{"where", "where", func() { s.click("where") }},
		{"search_button", "button:Rechercher", func() {
			for i := 0; i < 6 && s.fresh().Focus != "button:Rechercher"; i++ {
				s.key("Tab")
			}
		}},
		{"results", "results", func() { s.key("ctrl+j") }},
	} {
		s.click("what")
		st = s.wait("le clavier dans « Geste ou motif »", func(st state) bool { return st.Focus == "what" && !st.What.Open })
		x, y, w, h := s.screenRect(st, c.name)
		before := s.capture("sans-focus-" + c.name)
		c.reach()
		st = s.wait("le clavier sur « "+c.name+" »", func(st state) bool { return st.Focus == c.focus })
		after := s.capture("focus-" + c.name)
		if changed := outlineChange(before, after, image.Rect(x, y, x+w, y+h)); changed < 0.5 {
			t.Errorf("« %s » a le clavier mais son contour ne change que sur %.0f %% de sa longueur [22]", c.name, changed*100)
		}
	}

	// Light theme: every field turns light at once, « Autour de » too [21].
	if lum := s.meanLuminance(st, "where"); lum > 0.4 {
		t.Errorf("thème sombre attendu au départ : luminance de « Autour de » %.2f", lum)
	}
	s.key("ctrl+comma")
	s.wait("les paramètres", func(st state) bool { return st.dialog("Paramètres") })
	s.chooseInSelect("settings:theme", 1, "Clair")
	s.click("dialog:Paramètres:Enregistrer")
	// Slow on a loaded machine: Fyne refreshes every widget.
	s.waitFor("le thème clair", 60*time.Second, func(st state) bool { return !st.dialog("Paramètres") && st.Theme == "light" })
	time.Sleep(time.Second) // and then paints them all
	st = s.settle()
	for _, name := range []string{"what", "where", "results", "detail"} {
		if lum := s.meanLuminance(st, name); lum < 0.6 {
			t.Errorf("thème clair : « %s » reste sombre (luminance %.2f) [21]", name, lum)
		}
	}
	s.shot("theme-clair")

	// English, at the next start (as the settings say): the menus, the
	// procedure, the answer and the legend [21].
	s.key("ctrl+comma")
	s.wait("les paramètres", func(st state) bool { return st.dialog("Paramètres") })
	s.chooseInSelect("settings:language", 1, "") // OCR reads « EngJlish »
	s.click("dialog:Paramètres:Enregistrer")
	s.wait("l'avis : au prochain démarrage", func(st state) bool { return st.dialog("Langue") })
	s.key("Return") // on « Fermer »
	s.wait("l'avis fermé", func(st state) bool { return len(st.Dialogs) == 0 })
	s.stopApp()
	s.launch()
	s.waitFor("la fenêtre prête", 60*time.Second, func(st state) bool { return st.Ready && st.Interactive != 0 })
	if st := s.settle(); len(st.Dialogs) > 0 { // the first-run question, once more
		s.key("Escape")
	}
	s.wait("la fenêtre seule, le clavier dans « Geste ou motif »", func(st state) bool { return len(st.Dialogs) == 0 && st.Focus == "what" })
	pick(s, "where", "cholet", "Cholet")
	pick(s, "what", "fibrome", "Uterine fibroid")
	st = s.wait("la recherche en anglais", func(st state) bool {
		return strings.HasPrefix(st.TargetLabel, "Uterine fibroid") && len(st.Results) > 0 && st.Search.Shown == st.Search.Seq
	})
	for _, french := range []string{"Aucun centre", "vol d'oiseau", "centres"} {
		if strings.Contains(st.Status, french) {
			t.Errorf("en anglais, le message reste en français : %q [21]", st.Status)
		}
	}
	if st.Map.LegendTitle == "" || strings.Contains(st.Map.LegendTitle, "Centres par") ||
		strings.Contains(strings.Join(st.Map.LegendLabels, " "), "sans donnée") {
		t.Errorf("en anglais, la légende reste en français : %q %q [21]", st.Map.LegendTitle, st.Map.LegendLabels)
	}
	if st.Map.Shade != "Number of centres per département" {
		t.Errorf("en anglais, le choix des couleurs de la carte reste en français : %q [21]", st.Map.Shade)
	}
	if st.Theme != "light" {
		t.Errorf("le thème clair choisi n'a pas tenu au redémarrage : %q", st.Theme)
	}
	s.seeText("anglais", "status", "km")
	words := s.words("menus-anglais")
	seen := map[string]bool{}
	for _, w := range words {
		seen[fold(w.text)] = true
	}
	for _, want := range []string{"file", "search", "help"} {
		if !seen[want] {
			t.Errorf("menu « %s » absent de l'écran en anglais [21]", want)
		}
	}
}

// capture takes a screenshot of the step and decodes it.
func (s *session) capture(step string) image.Image {
	s.t.Helper()
	path := s.shot(step)
	f, err := os.Open(path)
	if err != nil {
		s.t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		s.t.Fatalf("%s : %v", path, err)
	}
	return img
}

// outlineChange is the share of the outline of r (a band 3 pixels wide
// on each side of its edge) where before and after differ visibly.
func outlineChange(before, after image.Image, r image.Rectangle) float64 {
	changed := map[[2]int]bool{} // positions along the outline with a visible change
	total := map[[2]int]bool{}
	band := func(x, y int, key [2]int) {
		total[key] = total[key] || false
		if differs(before.At(x, y), after.At(x, y)) {
			changed[key] = true
		}
	}
	for x := r.Min.X; x < r.Max.X; x++ {
		for d := -3; d <= 3; d++ {
			band(x, r.Min.Y+d, [2]int{0, x})
			band(x, r.Max.Y-1+d, [2]int{1, x})
		}
	}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for d := -3; d <= 3; d++ {
			band(r.Min.X+d, y, [2]int{2, y})
			band(r.Max.X-1+d, y, [2]int{3, y})
		}
	}
	if len(total) == 0 {
		return 0
	}
	return float64(len(changed)) / float64(len(total))
}

func differs(a, b interface{ RGBA() (r, g, b, a uint32) }) bool {
	ar, ag, ab, _ := a.RGBA()
	br, bg, bb, _ := b.RGBA()
	d := func(x, y uint32) uint32 {
		if x > y {
			return (x - y) >> 8
		}
		return (y - x) >> 8
	}
	return d(ar, br)+d(ag, bg)+d(ab, bb) > 60
}

// meanLuminance is the mean relative luminance (0 black, 1 white) of a
// named widget on screen, its outline left out.
func (s *session) meanLuminance(st state, name string) float64 {
	s.t.Helper()
	img := s.capture("luminance-" + strings.ReplaceAll(name, ":", "-"))
	x, y, w, h := s.screenRect(st, name)
	in := image.Rect(x+w/10, y+h/10, x+w-w/10, y+h-h/10)
	var sum float64
	n := 0
	for py := in.Min.Y; py < in.Max.Y; py += 2 {
		for px := in.Min.X; px < in.Max.X; px += 2 {
			r, g, b, _ := img.At(px, py).RGBA()
			sum += (0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(b)) / 65535
			n++
		}
	}
	if n == 0 {
		s.t.Fatalf("« %s » n'a pas de surface à l'écran", name)
	}
	return sum / float64(n)
}

// chooseInSelect reaches a select of the settings with Tab (the form
// scrolls to what has the keyboard), opens it with Space and picks its
// option at index with the arrow keys and Enter, then reads the option's
// text on the select.
func (s *session) chooseInSelect(name string, index int, option string) {
	s.t.Helper()
	for i := 0; i < 40 && s.fresh().Focus != "select:"+name; i++ {
		s.key("Tab")
	}
	if s.last.Focus != "select:"+name {
		s.t.Fatalf("Tab n'atteint pas %s (focus %q)", name, s.last.Focus)
	}
	s.key("space")
	time.Sleep(300 * time.Millisecond) // the menu opens
	for i := 0; i <= index; i++ {
		s.key("Down")
	}
	s.key("Return")
	if option != "" {
		s.seeText("choix-"+strings.ReplaceAll(name, ":", "-"), name, option)
	}
}
