package e2e

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestRegisterOnTheCard plays issue 16 through the window: a directory
// built from the register's synthetic RI feeds (`atlas-ri register
// import`), a search for a post-partum haemorrhage around Rennes, the
// « Autorisés (ARS) » filter chosen with the keyboard, then the card of the
// site, which gives its ARS authorisation and mention. At 1024×700: the
// filter bar gained a select, and must still fit.
func TestRegisterOnTheCard(t *testing.T) {
	s := start(t, "registre", 1024, 700)
	s.stopApp()
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	feeds := filepath.Join(root, "app", "register", "testdata")
	out, err := exec.Command(binary, "register", "import",
		filepath.Join(feeds, "activites-ri-synthetique.json"), filepath.Join(feeds, "structures-ri-synthetique.json"),
		"--data-dir", filepath.Join(s.dir, "data")).CombinedOutput()
	if err != nil {
		t.Fatalf("register import : %v\n%s", err, out)
	}
	s.launch()
	s.waitFor("la fenêtre prête", 60e9, func(st state) bool { return st.Ready && st.Interactive != 0 })
	s.frenchKeyboard()                         // again: a new program reads keys with the layout it finds
	if st := s.settle(); len(st.Dialogs) > 0 { // the first-run question
		s.key("Escape")
	}
	s.wait("la fenêtre seule", func(st state) bool { return len(st.Dialogs) == 0 && st.Focus == "what" })
	pick(s, "what", "hémorragie du post-partum", "post-partum")
	pick(s, "where", "35000", "Rennes")

	// « Autorisés (ARS) », the second choice of the origin filter.
	s.click("origin")
	s.key("Down", "Down", "Return")
	st := s.wait("le seul site autorisé", func(st state) bool {
		return len(st.Results) == 1 && strings.Contains(st.Results[0].Name, "S105") && st.Search.Shown == st.Search.Seq
	})
	fits(s, st)
	s.click("result_0")
	s.wait("sa fiche", func(st state) bool { return strings.Contains(st.Detail, "S105") })
	s.seeText("fiche", "detail", "Autorisation", "mention")
}
