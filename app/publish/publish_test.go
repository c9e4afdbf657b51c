package publish_test

import (
	"crypto/ed25519"
	"crypto/rand"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"atlasri/app"
	"atlasri/app/embedded"
	"atlasri/app/exchange"
	"atlasri/app/install"
	"atlasri/app/publish"
	"atlasri/app/search"
	"atlasri/app/update"
	"atlasri/model"
	"atlasri/resources"
)

var (
	once sync.Once
	geo  *exchange.Geography
	cat  model.Catalogue
	gerr error
)

func geography(t testing.TB) (*exchange.Geography, model.Catalogue) {
	t.Helper()
	once.Do(func() {
		if geo, gerr = embedded.Geography(); gerr == nil {
			cat, gerr = resources.Catalogue()
		}
	})
	if gerr != nil {
		t.Fatal(gerr)
	}
	return geo, cat
}

// The register package's synthetic feeds; every site is synthetic.
const (
	activities = "../register/testdata/activites-ri-synthetique.json"
	structures = "../register/testdata/structures-ri-synthetique.json"
	siteA      = "490999026" // S101, mention A
	siteD      = "350999058" // S105, mention D
	siteBa     = "490999034" // S102, mention B without the thoracic aorta
)

func write(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func build(t *testing.T, src publish.Sources) *publish.Result {
	t.Helper()
	g, c := geography(t)
	if src.Activities == "" {
		src.Activities, src.Structures = activities, structures
	}
	r, err := publish.Build(src, g, c.Procedures)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// The publisher's routine: build from the feeds, the survey and the
// corrections, sign, compare with the previous package; the package then
// installs in a practice through the signed-update path, and the
// practice's directory carries the mentions and the offers' origins.
func TestPublishThenInstall(t *testing.T) {
	pub, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	keys := update.NewKeyring(pub)
	g, _ := geography(t)
	first := build(t, publish.Sources{Version: "2027.1", Today: time.Date(2027, 1, 10, 0, 0, 0, 0, time.UTC)})
	if len(first.Directory.Centres) != 8 || len(first.Skipped) != 6 {
		t.Fatalf("%d centres, skipped %v", len(first.Directory.Centres), first.Skipped)
	}
	pkg1, err := publish.Sign(first, key)
	if err != nil {
		t.Fatal(err)
	}
	previous, err := publish.ReadPackage("annuaire-2027.1.zip", pkg1, keys, g)
	if err != nil {
		t.Fatal(err)
	}

	survey := write(t, "enquete.csv", "finess;gestes;date;source;referent\n"+
		siteA+";pose-picc-line;2027-01-15;Enquête de la fédération (synthétique);\n"+
		siteBa+";chimioembolisation-hepatique;2027-01-15;Enquête de la fédération (synthétique);\n")
	corrections := write(t, "corrections.csv", "finess;champ;valeur;motif\n"+
		siteD+";nom;CENTRE SYNTHETIQUE S105 RENOMME;nom d'usage (synthétique)\n"+
		"860999101;exclure;;site fermé selon l'ARS (synthétique)\n"+
		"750999997;telephone;0241000000;sans objet\n")
	second := build(t, publish.Sources{Version: "2027.2", Survey: survey, Corrections: corrections, Today: time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC)})
	if len(second.Corrections) != 2 || second.Survey.Declared != 2 || len(second.Survey.Beyond) != 1 {
		t.Errorf("corrections %v, survey %+v", second.Corrections, second.Survey)
	}
	if !strings.Contains(second.Warnings.Error(), "750999997 n'est pas dans l'annuaire") {
		t.Errorf("warnings: %v", second.Warnings)
	}
	ch := publish.Compare(previous, second.Directory)
	text := ch.Text(previous, second.Directory)
	for _, want := range []string{
		"Annuaire 2027.2", "comparé à 2027.1",
		"Sites retirés (1)", "− CENTRE SYNTHETIQUE S110 (finess-860999101",
		"Gestes changés (2)", "pose-picc-line : autorisation → déclaré", "+ chimioembolisation-hepatique (déclaré)",
		"Autres changements (1)", "CENTRE SYNTHETIQUE S105 RENOMME", "nom",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("diff lacks %q:\n%s", want, text)
		}
	}
	if len(ch.Mention) != 0 || len(ch.Added) != 0 {
		t.Errorf("changes %+v", ch)
	}
	pkg2, err := publish.Sign(second, key)
	if err != nil {
		t.Fatal(err)
	}

	// A practice installs the package: the existing signed-update path.
	dir := filepath.Join(t.TempDir(), "data")
	a, err := app.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	plan, err := a.PrepareImport(install.Request{Name: "annuaire-2027.2.zip", Data: pkg2, Keys: keys})
	if err != nil {
		t.Fatal(err)
	}
	if plan.Origin != install.OriginPackage {
		t.Fatalf("origin %q", plan.Origin)
	}
	if err := a.InstallDirectory(plan); err != nil {
		t.Fatal(err)
	}
	c, err := a.Centre("finess-" + siteD)
	if err != nil {
		t.Fatal(err)
	}
	if m, ok := c.RIAuthorisation(); !ok || m.Mention != model.MentionD || m.FeedDate != "2026-04-01" || c.Name != "CENTRE SYNTHETIQUE S105 RENOMME" {
		t.Errorf("centre %+v", c)
	}
	ca, err := a.Centre("finess-" + siteA)
	if err != nil {
		t.Fatal(err)
	}
	origins := map[string]model.OfferOrigin{}
	for _, o := range ca.Offers {
		origins[o.ProcedureID] = o.Origin
	}
	if origins["pose-picc-line"] != model.OfferDeclared || origins["pose-chambre-implantable"] != model.OfferAuthorised {
		t.Errorf("origins %v", origins)
	}
	// The search sees it: « autorisés » and « déclarés ».
	eng, err := a.SearchEngine()
	if err != nil {
		t.Fatal(err)
	}
	if !eng.HasAuthorisations() {
		t.Error("no authorisation seen by the search")
	}
	decl, err := eng.Nearest(search.Query{Procedure: "pose-picc-line", Origin: search.Declared, Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	if len(decl.Hits) != 1 || decl.Hits[0].Centre.FINESS != siteA || decl.Hits[0].Origin != model.OfferDeclared {
		t.Errorf("declared PICC lines: %+v", decl.Hits)
	}
	auth, err := eng.Nearest(search.Query{Procedure: "embolisation-hemorragie-post-partum", Origin: search.Authorised, Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	if len(auth.Hits) != 1 || auth.Hits[0].Centre.FINESS != siteD || !auth.Hits[0].Offers[0].RoundTheClock {
		t.Errorf("authorised post-partum haemorrhage: %+v", auth.Hits)
	}
	// The fibroid embolisation declared nowhere, but chemoembolisation
	// declared beyond a mention B: kept, flagged.
	cb, _ := a.Centre("finess-" + siteBa)
	for _, o := range cb.Offers {
		if o.ProcedureID == "chimioembolisation-hepatique" && (o.Origin != model.OfferDeclared || !strings.Contains(o.Review, "mention C")) {
			t.Errorf("beyond the mention: %+v", o)
		}
	}
}

// Survey and corrections files with errors stop the build, saying where.
func TestBuildRefusesBadFiles(t *testing.T) {
	g, c := geography(t)
	bad := write(t, "corrections.csv", "finess;champ;valeur;motif\n"+siteA+";couleur;bleu;\n")
	_, err := publish.Build(publish.Sources{Activities: activities, Structures: structures, Corrections: bad}, g, c.Procedures)
	if err == nil || !strings.Contains(err.Error(), "corrections.csv, ligne 2, colonne B (champ) : champ « couleur » inconnu") ||
		!strings.Contains(err.Error(), "ligne 2, colonne D (motif) : motif manquant") {
		t.Errorf("error: %v", err)
	}
	_, err = publish.Build(publish.Sources{Activities: "absent.json", Structures: structures}, g, c.Procedures)
	if err == nil || !strings.Contains(err.Error(), "fichier introuvable : « absent.json »") {
		t.Errorf("error: %v", err)
	}
}

// The publisher's report groups what was left out by kind, each record
// on its own line under it, and bounds the lines of a group when asked.
func TestReportText(t *testing.T) {
	r := build(t, publish.Sources{Version: "2027.1", Today: time.Date(2027, 1, 10, 0, 0, 0, 0, time.UTC)})
	text := r.ReportText(0)
	for _, want := range []string{
		"14 autorisations lues, 8 gardées, sur 8 sites (dont 1 rattaché(s) par leur numéro FINESS",
		"8 sites (mention A : 1, B : 3, C : 3, D : 1)",
		"Écartés (6) :",
		"  autorisation inactive : 1\n    activites-ri-synthetique.json, ligne ",
		"activité 810106 (site egeId S106, FINESS 720999143) : état « I »",
		"  autorisation sans site d'exercice : 1\n",
		"  combinaison absente de la nomenclature TRE_R392 : 1\n",
		"  autorisation terminée, arrêtée ou caduque : 1\n",
		"  établissement absent du flux Structures : 1\n",
		"  établissement fermé : 1\n",
		"À vérifier (1) :",
		"S112 (FINESS 2A0999124) : les coordonnées WGS84 et Lambert-93 du registre sont à 500 m",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("report lacks %q:\n%s", want, text)
		}
	}
	r.Skipped = append(r.Skipped, r.Skipped[0], r.Skipped[0])
	if short := r.ReportText(1); !strings.Contains(short, " : 3\n") || !strings.Contains(short, "    … et 2 autres\n") {
		t.Errorf("bounded report:\n%s", short)
	}
}
