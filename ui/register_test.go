package ui

import (
	"crypto/ed25519"
	"crypto/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"atlasri/app"
	"atlasri/app/embedded"
	"atlasri/app/install"
	"atlasri/app/publish"
	"atlasri/app/update"
	"atlasri/model"
)

// The register package's synthetic RI feeds: every site in them is
// synthetic (made-up FINESS numbers checked absent from the register).
const (
	synthActivities = "../app/register/testdata/activites-ri-synthetique.json"
	synthStructures = "../app/register/testdata/structures-ri-synthetique.json"
	synthSiteA      = "490999026" // S101, Angers, mention A
	synthSiteD      = "350999058" // S105, Rennes, mention D
)

// registerFolder is a data folder where a package published from the
// synthetic feeds (with one declared procedure) was installed through
// the signed-update path.
func registerFolder(t *testing.T) string {
	t.Helper()
	g, procs, err := embedded.GeographyAndCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	survey := filepath.Join(t.TempDir(), "enquete.csv")
	if err := os.WriteFile(survey, []byte("finess;gestes;date;source\n"+synthSiteA+";pose-picc-line;2026-04-15;Enquête (synthétique)\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	res, err := publish.Build(publish.Sources{Activities: synthActivities, Structures: synthStructures, Survey: survey,
		Version: "2026.4", Today: time.Date(2026, 4, 20, 0, 0, 0, 0, time.UTC)}, g, procs)
	if err != nil {
		t.Fatal(err)
	}
	pub, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	pkg, err := publish.Sign(res, key)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "data")
	a, err := app.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	plan, err := a.PrepareImport(install.Request{Name: "annuaire-2026.4.zip", Data: pkg, Keys: update.NewKeyring(pub)})
	if err != nil {
		t.Fatal(err)
	}
	if plan.Origin != install.OriginPackage {
		t.Fatalf("installed as %q, not as a signed package", plan.Origin)
	}
	if err := a.InstallDirectory(plan); err != nil {
		t.Fatal(err)
	}
	return dir
}

// The window on a directory built from the register: the card gives the
// site's ARS authorisation with the register's date, then its procedures
// by origin; mention D says « urgences 24 h/24 » for emergency
// haemostasis; the list filters « autorisés » / « déclarés ».
func TestRegisterDirectoryShowsMentionsAndOrigins(t *testing.T) {
	m, v := openWindowOn(t, registerFolder(t))
	if got := texts(m.Window.Content()); strings.Contains(got, "Annuaire de démonstration") || strings.Contains(got, "Registre des autorisations ARS (mentions A à D) non installé") {
		t.Errorf("the register's directory is labelled as the demonstration:\n%s", got)
	}

	pick(t, v.what, "hémorragie du post-partum", "post-partum")
	pick(t, v.where.entry, "35000", "Rennes")
	eventually(t, "centres around Rennes", func() bool { return settled(v) && v.place != nil })
	fyne.DoAndWait(func() { v.origin.SetSelectedIndex(1) }) // « Autorisés (ARS) »
	eventually(t, "the authorised centres", func() bool { return settled(v) && v.query().Origin != "" })
	if len(v.result.Hits) != 1 || v.result.Hits[0].Centre.FINESS != synthSiteD || v.result.Hits[0].Origin != model.OfferAuthorised {
		t.Fatalf("authorised post-partum haemorrhage: %+v", v.result.Hits)
	}
	if n := hitNotice(v.result.Hits[0]); n != "autorisé · mention D" {
		t.Errorf("row caption %q", n)
	}
	fyne.DoAndWait(func() { v.list.Select(0) })
	detail := texts(v.detail.content)
	for _, want := range []string{
		"CENTRE SYNTHETIQUE S105",
		"Autorisation ARS : radiologie interventionnelle, mention D (depuis le 01/06/2024)",
		"du 01/04/2026.", // the register's date
		"Autorisation n° SYN-",
		"Permis par l'autorisation du site (mention D), sans dire que le centre les pratique",
		"Embolisation pour hémorragie du post-partum — urgences 24 h/24",
		"Offre permise par l'autorisation du site",
	} {
		if !strings.Contains(detail, want) {
			t.Errorf("the card lacks %q:\n%s", want, detail)
		}
	}
	if strings.Contains(detail, "Déclarés par le centre") || strings.Contains(detail, "Indicatifs") {
		t.Errorf("the card shows origins the site does not have:\n%s", detail)
	}

	// « Déclarés »: the one declared PICC line, under its own heading,
	// the rest of the site's offer still shown as permitted.
	fyne.DoAndWait(v.clearAll)
	pick(t, v.what, "PICC", "PICC")
	pick(t, v.where.entry, "49000", "Angers")
	fyne.DoAndWait(func() { v.origin.SetSelectedIndex(2) })
	eventually(t, "the declared centres", func() bool {
		return settled(v) && v.target != nil && v.target.id == "pose-picc-line" && v.result.Hits[0].Origin == model.OfferDeclared
	})
	if len(v.result.Hits) != 1 || v.result.Hits[0].Centre.FINESS != synthSiteA {
		t.Fatalf("declared PICC lines: %+v", v.result.Hits)
	}
	fyne.DoAndWait(func() { v.list.Select(0) })
	detail = texts(v.detail.content)
	declared, permitted := strings.Index(detail, "Déclarés par le centre"), strings.Index(detail, "Permis par l'autorisation du site (mention A)")
	picc, port := strings.Index(detail, "Pose de PICC line"), strings.Index(detail, "Pose de chambre implantable")
	if declared < 0 || permitted < declared || picc < declared || picc > permitted || port < permitted {
		t.Errorf("the card does not list the PICC line as declared and the port as permitted:\n%s", detail)
	}
	if !strings.Contains(detail, "mention A (depuis le 01/06/2024)") {
		t.Errorf("the card lacks the mention A:\n%s", detail)
	}
}
