package letter

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"atlasri/app/embedded"
	"atlasri/app/pdfdoc"
	"atlasri/app/practice"
	"atlasri/model"
	"atlasri/model/sqlite"
)

// The reference data is built on first use only, so that fuzzing workers,
// which run no such test, do not pay for it.
var (
	sharedOnce sync.Once
	sharedRef  *sqlite.Reference
	sharedDir  string
	sharedErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if sharedRef != nil {
		sharedRef.Close()
	}
	if sharedDir != "" {
		os.RemoveAll(sharedDir)
	}
	os.Exit(code)
}

// ref returns the reference database of a data folder built once from the
// embedded data.
func ref(tb testing.TB) *sqlite.Reference {
	tb.Helper()
	sharedOnce.Do(func() {
		if sharedDir, sharedErr = os.MkdirTemp("", "atlas-ri-letter-test"); sharedErr == nil {
			path := filepath.Join(sharedDir, "reference.db")
			if sharedErr = embedded.BuildReference(path); sharedErr == nil {
				sharedRef, sharedErr = sqlite.OpenReference(path)
			}
		}
	})
	if sharedErr != nil {
		tb.Fatal(sharedErr)
	}
	return sharedRef
}

const (
	angers   = "chu-d-angers"
	fibroids = "embolisation-fibromes-uterins"
)

var letterDate = time.Date(2026, 3, 12, 10, 0, 0, 0, time.Local)

func gp() practice.GP {
	return practice.GP{FirstName: "Claire", LastName: "Lefèvre", Practice: "Cabinet médical des Mauges",
		Address: "12 rue Nationale", Postcode: "49300", City: "Cholet", Phone: "0241000000",
		Email: "cabinet.exemple@example.org", MSSante: "claire.lefevre@medecin.mssante.fr", RPPS: "10999999997"}
}

func compose(t testing.TB, centre, procedure string, in Input) *Letter {
	t.Helper()
	d, err := NewDraft(ref(t), centre, procedure)
	if err != nil {
		t.Fatal(err)
	}
	l, err := Compose(d, gp(), in, letterDate)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// pdfText extracts a PDF's text with poppler, flattened to one line with
// blanks collapsed, so that checks do not depend on where lines wrap.
// Tests that need it skip, saying so, without poppler.
func pdfText(t *testing.T, data []byte, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) absent : vérification du texte du PDF non exécutée")
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", append(append([]string{"-layout", "-enc", "UTF-8"}, args...), path, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

func TestLetterPrintsEveryField(t *testing.T) {
	l := compose(t, angers, fibroids, sample())
	data, err := l.PDF()
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, data)
	want := []string{
		// letterhead
		"Docteur Claire LEFÈVRE", "Médecin généraliste", "Cabinet médical des Mauges", "12 rue Nationale", "49300 Cholet",
		"Tél. 02 41 00 00 00", "Courriel : cabinet.exemple@example.org", "MSSanté : claire.lefevre@medecin.mssante.fr", "N° RPPS : 10999999997",
		// recipient: only what the directory knows
		"Équipe de radiologie interventionnelle", "CHU d'Angers", "4 RUE LARREY", "49933 ANGERS", "Standard : 02 41 35 36 37 (FINESS 2020)",
		// place, date, subject, patient
		"Cholet, le 12 mars 2026",
		"Objet : demande d'avis et de prise en charge en radiologie interventionnelle – embolisation des fibromes utérins",
		"Patiente : Madame Hélène DUPONT (née DURAND), née le 03/04/1975 (50 ans)",
		// identity by the INS rules: traits, and the INS of a qualified identity
		"Traits d'identité : nom de naissance DURAND ; prénom(s) de naissance Hélène ; né(e) le 03/04/1975 ; sexe F ; lieu de naissance (code INSEE) 49099",
		"INS (NIR) : 2 75 04 49 007 123 65 – identité qualifiée (INSi)", "Médecin traitant de la patiente : oui",
		"Coordonnées : 06 00 00 00 00",
		"Chères Consœurs, chers Confrères,", "Je vous adresse Madame Hélène DUPONT, âgée de 50 ans",
		// clinical
		"Motif de l'adressage", "Ménorragies abondantes avec anémie ferriprive ; myome interstitiel de 6 cm.",
		"Question posée : Une embolisation est-elle indiquée ?", "Délai : rapide : merci de recevoir la patiente dès que possible.",
		"Antécédents", "Deux grossesses. Appendicectomie à 12 ans.",
		"Traitements en cours", "Fer oral, acide tranexamique pendant les règles.",
		"Anticoagulant : aucun", "Antiagrégant plaquettaire : Kardégic 75 mg/j",
		"Produits de contraste iodés : non", "Latex : OUI", "Autres : pénicilline",
		"Fonction rénale", "Créatininémie 64 µmol/L, DFG estimé 98,5 mL/min/1,73 m² (bilan du 15/01/2026).",
		// work-up: sheet items ticked, the fifth unticked, an uncertain one marked, the GP's addition
		"Bilan joint", "X Échographie pelvienne", "X IRM pelvienne avec injection",
		"Frottis cervico-utérin à jour (à confirmer) – non joint", "X Échographie du 10/01/2026",
		// request
		"Ma demande", "X me donner votre avis sur l'indication ;", "X réaliser le geste si l'indication est retenue",
		"recevoir la patiente en consultation.", "Remarques", "Disponible le matin.",
		"Accord de la patiente. La patiente est informée de cet adressage et consent à la transmission",
		"Copie : patient / DMP",
		"sentiments confraternels", "Confidentiel – secret médical",
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("letter lacks %q", w)
		}
	}
	// Anticoagulants and antiplatelets come before the other treatments.
	if a, o := strings.Index(text, "Anticoagulant :"), strings.Index(text, "Autres traitements"); a < 0 || o < a {
		t.Error("anticoagulants are not first among the treatments")
	}
	for _, bad := range []string{"X recevoir la patiente", "X Frottis", "Décision en RCP", "non qualifiée"} {
		if strings.Contains(text, bad) {
			t.Errorf("letter wrongly contains %q", bad)
		}
	}
	if t.Failed() {
		t.Logf("extracted text:\n%s", text)
	}
}

func TestLongHistoryFlowsOntoSecondPage(t *testing.T) {
	in := sample()
	var sb strings.Builder
	for i := 1; i <= 40; i++ {
		sb.WriteString("Épisode n° ")
		sb.WriteString(strings.Repeat("I", i%5+1))
		sb.WriteString(" : hospitalisation pour décompensation, traitement ajusté, évolution favorable. ")
	}
	sb.WriteString("FIN-DES-ANTÉCÉDENTS.")
	in.History = sb.String()
	l := compose(t, angers, fibroids, in)
	doc, err := l.Document()
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Pages) < 2 {
		t.Fatalf("%d page(s) for a long history", len(doc.Pages))
	}
	data, err := doc.PDF()
	if err != nil {
		t.Fatal(err)
	}
	page1 := pdfText(t, data, "-f", "1", "-l", "1")
	page2 := pdfText(t, data, "-f", "2", "-l", "2")
	if !strings.Contains(page1, "Antécédents") || !strings.Contains(page1, "Page 1/") {
		t.Errorf("page 1 lacks the history heading or its number:\n%s", page1)
	}
	if !strings.Contains(page2, "FIN-DES-ANTÉCÉDENTS.") {
		t.Errorf("the end of the history is not on page 2:\n%s", page2)
	}
	for _, w := range []string{"Page 2/", "(suite)", "Madame Hélène DUPONT", "Confidentiel – secret médical"} {
		if !strings.Contains(page2, w) {
			t.Errorf("page 2 lacks %q", w)
		}
	}
	if strings.Count(page1+page2, "Lettre d'adressage – ") != 1 {
		t.Error("the continuation header must be on page 2 only")
	}
}

func TestEmergencyProcedureHasNoLetter(t *testing.T) {
	for _, id := range []string{"thrombectomie-avc", "embolisation-hemoptysie", "embolisation-hemorragie-post-partum"} {
		_, err := NewDraft(ref(t), angers, id)
		var ee *EmergencyError
		if !errors.As(err, &ee) {
			t.Errorf("%s: error %v, want an *EmergencyError", id, err)
			continue
		}
		if !strings.Contains(err.Error(), "15") || !strings.Contains(err.Error(), "Pas de lettre d'adressage") {
			t.Errorf("%s: message does not give the conduct: %v", id, err)
		}
	}
}

func TestOncologyLetterMentionsRCP(t *testing.T) {
	in := sample()
	in.Workup.NotAttached = nil
	l := compose(t, angers, "chimioembolisation-hepatique", in)
	text := pdfText(t, mustPDF(t, l))
	for _, w := range []string{"Décision en RCP.", "réunion de concertation pluridisciplinaire (RCP)", "Spécialistes concernés : hépato-gastro-entérologue, oncologue."} {
		if !strings.Contains(text, w) {
			t.Errorf("oncology letter lacks %q", w)
		}
	}
}

func mustPDF(t *testing.T, l *Letter) []byte {
	t.Helper()
	data, err := l.PDF()
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestUnknownIDs(t *testing.T) {
	if _, err := NewDraft(ref(t), "nulle-part", fibroids); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("unknown centre: %v", err)
	}
	if _, err := NewDraft(ref(t), angers, "geste-inconnu"); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("unknown procedure: %v", err)
	}
}

func TestComposeNamesEverythingMissing(t *testing.T) {
	d, err := NewDraft(ref(t), angers, fibroids)
	if err != nil {
		t.Fatal(err)
	}
	in := sample()
	in.Reason, in.Anticoagulant = "", ""
	in.Workup.NotAttached = []int{99}
	noPhone := gp()
	noPhone.Phone = ""
	_, err = Compose(d, noPhone, in, letterDate)
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("error %v, want *ValidationError", err)
	}
	for _, w := range []string{"motif de l'adressage (reason)", "traitement anticoagulant", "téléphone du médecin (Paramètres)", "n° 99 hors de la liste"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("message lacks %q: %v", w, err)
		}
	}
}

func TestPreviewOfIncompleteLetter(t *testing.T) {
	d, err := NewDraft(ref(t), angers, fibroids)
	if err != nil {
		t.Fatal(err)
	}
	in := Input{Patient: Patient{Civility: "Monsieur", FirstName: "Jean"}}
	l, ve := Preview(d, gp(), in, letterDate)
	if ve == nil || !l.Incomplete {
		t.Fatal("incomplete letter not flagged")
	}
	doc, err := l.Document()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := doc.RenderPage(0, 72); err != nil {
		t.Fatal(err)
	}
	all := strings.Join(doc.Text(), "\n")
	for _, w := range []string{"BROUILLON", Placeholder, "Monsieur Jean"} {
		if !strings.Contains(all, w) {
			t.Errorf("preview lacks %q", w)
		}
	}
	if _, err := l.PDF(); !errors.Is(err, ErrIncomplete) {
		t.Errorf("PDF of an incomplete preview: %v", err)
	}
	full, ve := Preview(d, gp(), sample(), letterDate)
	if ve != nil || full.Incomplete {
		t.Errorf("complete input previewed as incomplete: %v", ve)
	}
}

// fakeRef serves one centre whose contact details are known, to check that
// they print, and the rest (the catalogue) from the real reference.
type fakeRef struct {
	model.ReferenceReader
	centre model.Centre
}

func (f fakeRef) Centre(id string) (model.Centre, error) {
	if id != f.centre.ID {
		return model.Centre{}, model.ErrNotFound
	}
	return f.centre, nil
}
func (f fakeRef) DirectoryInfo() (model.DirectoryInfo, error) { return model.DirectoryInfo{}, nil }

func TestRecipientWithKnownAddress(t *testing.T) {
	// A fictitious centre: the directory's centres have no address yet.
	c := model.Centre{ID: "clinique-fictive", Name: "Clinique Fictive du Test", Commune: "Angers", Dept: "49",
		Address: "1 allée de l'Exemple\nBâtiment B", Postcode: "49000", Phone: "0200000000", MSSante: "ri@clinique-fictive.mssante.fr",
		Offers: []model.Offer{{ProcedureID: fibroids, Origin: model.OfferDeclared}}}
	d, err := NewDraft(fakeRef{ReferenceReader: ref(t), centre: c}, c.ID, fibroids)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range d.Notices {
		if strings.Contains(n, "adresse") || strings.Contains(n, "indicati") {
			t.Errorf("needless notice for a verified centre with an address: %s", n)
		}
	}
	l, err := Compose(d, gp(), sample(), letterDate)
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, mustPDF(t, l))
	for _, w := range []string{"Clinique Fictive du Test", "1 allée de l'Exemple", "Bâtiment B", "49000 ANGERS", "Tél. 02 00 00 00 00", "MSSanté : ri@clinique-fictive.mssante.fr"} {
		if !strings.Contains(text, w) {
			t.Errorf("recipient lacks %q", w)
		}
	}
}

func TestNoticesForIndicativeDirectory(t *testing.T) {
	d, err := NewDraft(ref(t), angers, fibroids)
	if err != nil {
		t.Fatal(err)
	}
	info, _ := ref(t).DirectoryInfo()
	label := info.Label
	all := strings.Join(d.Notices, "\n")
	if label == "" || !strings.Contains(all, label) {
		t.Errorf("notices do not carry the directory's label %q:\n%s", label, all)
	}
	if !strings.Contains(all, "registre (FINESS 2020)") {
		t.Errorf("no notice saying where the address comes from:\n%s", all)
	}
	// The register has no street for the CHU de la Guadeloupe.
	g, err := NewDraft(ref(t), "chu-de-la-guadeloupe", fibroids)
	if err != nil {
		t.Fatal(err)
	}
	if all := strings.Join(g.Notices, "\n"); !strings.Contains(all, "adresse postale") {
		t.Errorf("no notice about the unknown address:\n%s", all)
	}
	// The letter never says the centre performs the procedure.
	l := compose(t, angers, fibroids, sample())
	text := strings.ToLower(strings.Join(mustDoc(t, l).Text(), " "))
	for _, claim := range []string{"vous pratiquez", "votre centre pratique", "que vous réalisez"} {
		if strings.Contains(text, claim) {
			t.Errorf("the letter claims %q", claim)
		}
	}
}

func mustDoc(t *testing.T, l *Letter) interface{ Text() []string } {
	t.Helper()
	d, err := l.Document()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestSheetFitsOnePageForEveryProcedure(t *testing.T) {
	procs, err := ref(t).Procedures()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, p := range procs {
		if p.Emergency {
			continue
		}
		in := sample()
		in.Workup.NotAttached = nil
		l := compose(t, angers, p.ID, in)
		doc, err := l.Sheet().Document()
		if err != nil {
			t.Fatal(err)
		}
		if len(doc.Pages) != 1 {
			t.Errorf("%s: patient sheet has %d pages", p.ID, len(doc.Pages))
		}
		n++
	}
	if n < 30 {
		t.Errorf("only %d procedures checked", n)
	}
}

func TestSheetContent(t *testing.T) {
	l := compose(t, angers, fibroids, sample())
	sc := l.Sheet()
	data, err := sc.PDF()
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, data)
	for _, w := range []string{"Votre rendez-vous en radiologie interventionnelle", "Embolisation des fibromes utérins",
		"CHU d'Angers", "4 RUE LARREY, 49933 ANGERS", "Téléphone (standard, FINESS 2020) : 02 41 35 36 37",
		"annuaire indicatif", "Ce qu'il faut apporter", "carte Vitale", "IRM pelvienne avec injection",
		"Échographie du 10/01/2026", "Ne l'arrêtez jamais sans l'avis d'un médecin.", "Docteur Claire LEFÈVRE – tél. 02 41 00 00 00"} {
		if !strings.Contains(text, w) {
			t.Errorf("sheet lacks %q", w)
		}
	}
	// Documents not attached to the letter are not asked of the patient,
	// and the sheet never names the patient.
	for _, bad := range []string{"Frottis", "DUPONT", "Hélène"} {
		if strings.Contains(text, bad) {
			t.Errorf("sheet contains %q", bad)
		}
	}
}

// TestINSOnlyForAQualifiedIdentity: an unqualified INS is neither printed
// nor exported; the traits are.
func TestINSOnlyForAQualifiedIdentity(t *testing.T) {
	in := sample()
	in.Patient.INS.Qualified = false
	l := compose(t, angers, fibroids, in)
	data, err := l.PDF()
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, data)
	if strings.Contains(text, "123 65") || strings.Contains(text, "INS (NIR)") {
		t.Error("the INS of an unqualified identity is printed")
	}
	for _, w := range []string{"Traits d'identité : nom de naissance DURAND", "Identité non qualifiée : INS non transmis."} {
		if !strings.Contains(text, w) {
			t.Errorf("letter lacks %q", w)
		}
	}
	if !slices.ContainsFunc(l.Notices, func(n string) bool { return strings.Contains(n, "non qualifiée") }) {
		t.Errorf("no notice for the GP: %v", l.Notices)
	}
}

// TestSignatureAndStamp: the settings' signature image and stamp text are
// printed under the GP's name.
func TestSignatureAndStamp(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 240, 80))
	for x := 10; x < 230; x++ {
		img.Set(x, 40+(x%20)-10, color.Black)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	sig, err := practice.EncodeSignature(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	l := compose(t, angers, fibroids, sample())
	l.GP.Signature, l.GP.Stamp = sig, "Cabinet médical des Mauges – tampon de test"
	doc, err := l.Document()
	if err != nil {
		t.Fatal(err)
	}
	images := 0
	for _, p := range doc.Pages {
		for _, op := range p.Ops {
			if op.Kind == pdfdoc.OpImage {
				images++
			}
		}
	}
	if images != 1 {
		t.Errorf("%d images in the letter, want the signature", images)
	}
	pdf, err := doc.PDF()
	if err != nil {
		t.Fatal(err)
	}
	if text := pdfText(t, pdf); !strings.Contains(text, "Cabinet médical des Mauges – tampon de test") {
		t.Error("stamp not printed")
	}
	if _, err := practice.EncodeSignature([]byte("GIF89a")); err == nil {
		t.Error("a non-PNG signature was accepted")
	}
}

// TestTreatingDoctor: the letter says whether the GP is the médecin
// traitant; the settings' default answers when the input does not, and
// without either the letter is incomplete.
func TestTreatingDoctor(t *testing.T) {
	d, err := NewDraft(ref(t), angers, fibroids)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name     string
		input    *bool
		settings string
		want     string // printed answer; "" when missing
	}{
		{"answered yes", new(true), "", "oui"},
		{"answered no, default yes", new(false), practice.Yes, "non"},
		{"default yes", nil, practice.Yes, "oui"},
		{"default no", nil, practice.No, "non"},
		{"neither", nil, "", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			in := sample()
			in.TreatingDoctor = tt.input
			g := gp()
			g.TreatingDefault = tt.settings
			l, err := Compose(d, g, in, letterDate)
			if tt.want == "" {
				if err == nil || !strings.Contains(err.Error(), "médecin traitant du patient (oui ou non) (treating_doctor)") {
					t.Errorf("error %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if text := pdfText(t, mustPDF(t, l)); !strings.Contains(text, "Médecin traitant de la patiente : "+tt.want) {
				t.Errorf("letter lacks « Médecin traitant de la patiente : %s »", tt.want)
			}
		})
	}
}
