// Package lettertest checks, for tests only, that a referral letter
// written from the sample files (app/letter/testdata/patient.json by the
// GP of gp.json, to the CHU d'Angers, for the embolisation of uterine
// fibroids) carries every element of a lettre de liaison, and reads its
// two outputs back: the PDF (with poppler's pdftotext and pdfimages) and
// the CDA document (with app/cda). The library, the command line and the
// window are held to the same list.
package lettertest

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"atlasri/app/cda"
)

// The sample letter, paths relative to the repository root.
const (
	PatientFile = "app/letter/testdata/patient.json"
	GPFile      = "app/letter/testdata/gp.json"
	Centre      = "chu-d-angers"
	Procedure   = "embolisation-fibromes-uterins"
	// Matricule is the sample's INS (a NIR with a valid key), without blanks.
	Matricule = "275044900712365"
)

// Element is one thing a lettre de liaison says, and how the sample
// letter prints it (blanks collapsed, as Text returns it).
type Element struct{ What, Text string }

// Elements are the sample letter's elements, whatever the identity's
// status (see QualifiedINS and UnqualifiedINS) and the letter's date.
var Elements = []Element{
	{"expéditeur", "Docteur Claire LEFÈVRE"},
	{"expéditeur : cabinet et adresse", "Médecin généraliste Cabinet médical des Mauges 12 rue Nationale 49300 Cholet"},
	{"téléphone de l'expéditeur", "Tél. 02 41 00 00 00"},
	{"adresse MSSanté de l'expéditeur", "MSSanté : claire.lefevre@medecin.mssante.fr"},
	{"RPPS de l'expéditeur", "N° RPPS : 10999999997"},
	{"destinataire : l'équipe", "Équipe de radiologie interventionnelle CHU d'Angers"},
	{"destinataire : adresse postale", "4 RUE LARREY 49933 ANGERS"},
	{"objet", "Objet : demande d'avis et de prise en charge en radiologie interventionnelle – embolisation des fibromes utérins"},
	{"patiente", "Patiente : Madame Hélène DUPONT (née DURAND), née le 03/04/1975"},
	{"traits d'identité", "Traits d'identité : nom de naissance DURAND ; prénom(s) de naissance Hélène Marie ; né(e) le 03/04/1975 ; sexe F ; lieu de naissance (code INSEE) 49099"},
	{"médecin traitant", "Médecin traitant de la patiente : oui"},
	{"motif", "Motif de l'adressage Ménorragies abondantes depuis dix-huit mois"},
	{"question posée", "Question posée : Une embolisation des fibromes est-elle indiquée, et pouvez-vous la réaliser ?"},
	{"délai", "Délai : habituel."},
	{"antécédents", "Antécédents Deux grossesses, deux accouchements par voie basse."},
	{"traitements, anticoagulant et antiagrégant d'abord", "Traitements en cours Anticoagulant : aucun Antiagrégant plaquettaire : aucun Autres traitements : Fer oral (Tardyferon 80 mg/j)"},
	{"allergies", "Allergies Produits de contraste iodés : non Latex : non Autres : pénicilline (urticaire)"},
	{"fonction rénale", "Créatininémie 64 µmol/L, DFG estimé 98 mL/min/1,73 m² (bilan du 15/01/2026)."},
	{"bilan joint", "Bilan joint X Échographie pelvienne"},
	{"bilan : pièce non jointe", "Frottis cervico-utérin à jour (à confirmer) – non joint"},
	{"bilan : pièce ajoutée", "X Compte-rendu d'échographie pelvienne du 10/01/2026 (coût : 56,70 €)"},
	{"demande", "X me donner votre avis sur l'indication ; X réaliser le geste si l'indication est retenue"},
	{"remarques", "Remarques Patiente disponible en semaine, de préférence le matin."},
	{"accord de la patiente", "Accord de la patiente. La patiente est informée de cet adressage et consent à la transmission de ces informations à l'équipe qui la prendra en charge (art. R4127-45 du code de la santé publique)."},
	{"copies", "Copie : patient / DMP"},
	{"formule de politesse", "à l'assurance de mes sentiments confraternels les meilleurs."},
	{"tampon du cabinet", "Cabinet médical des Mauges – Dr Claire Lefèvre Conventionnée secteur 1"},
	{"confidentialité", "Confidentiel – secret médical"},
}

// How the identity line reads, qualified or not.
const (
	QualifiedINS   = "INS (NIR) : 2 75 04 49 007 123 65 – identité qualifiée (INSi)"
	UnqualifiedINS = "Identité non qualifiée : INS non transmis."
)

// Root is the repository root seen from a package directory two levels
// down (app/letter, ui/…) or one (cli).
func Root(t testing.TB) string {
	t.Helper()
	for _, r := range []string{".", "..", filepath.Join("..", "..")} {
		if _, err := os.Stat(filepath.Join(r, "go.mod")); err == nil {
			return r
		}
	}
	t.Fatal("racine du dépôt introuvable")
	return ""
}

// Read returns a sample file.
func Read(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(Root(t), path))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func need(t testing.TB, tool string) {
	t.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		t.Skipf("%s (poppler-utils) absent : lecture du PDF non vérifiée", tool)
	}
}

func poppler(t testing.TB, pdf []byte, tool string, args ...string) string {
	t.Helper()
	need(t, tool)
	path := filepath.Join(t.TempDir(), "lettre.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, append(args, path, "-")...).Output()
	if err != nil {
		t.Fatalf("%s : %v", tool, err)
	}
	return string(out)
}

// Text is a PDF's text as pdftotext reads it, blanks collapsed so that
// checks do not depend on where lines wrap.
func Text(t testing.TB, pdf []byte) string {
	t.Helper()
	return strings.Join(strings.Fields(poppler(t, pdf, "pdftotext", "-layout", "-enc", "UTF-8")), " ")
}

// images counts a PDF's images (pdfimages -list prints two header lines).
func images(t testing.TB, pdf []byte) int {
	t.Helper()
	need(t, "pdfimages")
	path := filepath.Join(t.TempDir(), "lettre.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdfimages", "-list", path).Output()
	if err != nil {
		t.Fatalf("pdfimages : %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	return max(0, len(lines)-2)
}

// CheckLetter reads the sample letter's PDF back and checks every element,
// the INS rule (the INS printed only for a qualified identity) and the
// signature image.
func CheckLetter(t testing.TB, pdf []byte, qualified bool) {
	t.Helper()
	text := Text(t, pdf)
	for _, e := range Elements {
		if !strings.Contains(text, e.Text) {
			t.Errorf("la lettre n'a pas l'élément « %s » : %q", e.What, e.Text)
		}
	}
	if a, o := strings.Index(text, "Anticoagulant :"), strings.Index(text, "Autres traitements"); a < 0 || o < a {
		t.Error("les anticoagulants ne viennent pas en premier dans les traitements")
	}
	grouped := strings.ReplaceAll(QualifiedINS[len("INS (NIR) : "):len(QualifiedINS)-len(" – identité qualifiée (INSi)")], " ", "")
	if grouped != Matricule {
		t.Fatalf("QualifiedINS %q ne porte pas le matricule %s", QualifiedINS, Matricule)
	}
	hasINS := strings.Contains(text, "123 65") || strings.Contains(text, Matricule) || strings.Contains(text, "INS (N")
	switch {
	case qualified && !strings.Contains(text, QualifiedINS):
		t.Errorf("identité qualifiée : la lettre n'a pas %q", QualifiedINS)
	case !qualified && hasINS:
		t.Error("identité non qualifiée : l'INS est imprimé")
	case !qualified && !strings.Contains(text, UnqualifiedINS):
		t.Errorf("identité non qualifiée : la lettre n'a pas %q", UnqualifiedINS)
	case qualified && strings.Contains(text, UnqualifiedINS):
		t.Errorf("identité qualifiée : la lettre dit %q", UnqualifiedINS)
	}
	if n := images(t, pdf); n != 1 {
		t.Errorf("%d images dans la lettre : la signature attendue seule", n)
	}
	if t.Failed() {
		t.Logf("texte de la lettre :\n%s", text)
	}
}

// CheckCDA reads the sample letter's CDA document back: the PDF inside is
// pdf, byte for byte; the header names the patient by the INS rules, the
// GP (RPPS, MSSanté, structure), médecin traitant, and the recipient.
func CheckCDA(t testing.TB, doc, pdf []byte, qualified bool) {
	t.Helper()
	d, err := cda.Read(doc)
	if err != nil {
		t.Fatalf("relecture du CDA : %v", err)
	}
	if !bytes.Equal(d.PDF, pdf) {
		t.Error("le PDF du CDA n'est pas celui de la lettre")
	}
	p := d.Patient
	if p.BirthName != "DURAND" || p.FirstName != "Hélène" || p.BirthFirstNames != "Hélène Marie" || p.UsedName != "DUPONT" ||
		p.Sex != "F" || p.Birthplace != "49099" || p.BirthDate.Format("2006-01-02") != "1975-04-03" {
		t.Errorf("traits relus du CDA : %+v", p)
	}
	switch {
	case qualified && (p.INS == nil || p.INS.Matricule != Matricule || p.INS.NIA):
		t.Errorf("identité qualifiée : INS relu %+v", p.INS)
	case !qualified && (p.INS != nil || bytes.Contains(doc, []byte(Matricule))):
		t.Error("identité non qualifiée : l'INS est dans le CDA")
	}
	if !d.TreatingDoctor {
		t.Error("le CDA ne dit pas « médecin traitant »")
	}
	a := d.Author
	if a.RPPS != "10999999997" || a.Family != "LEFÈVRE" || a.Given != "Claire" || a.MSSante != "claire.lefevre@medecin.mssante.fr" || a.StructureID != "499999999" {
		t.Errorf("auteur relu du CDA : %+v", a)
	}
	if r := d.Recipient; !strings.Contains(r.Name, "CHU d'Angers") || r.Address.Postcode != "49933" || !strings.Contains(strings.Join(r.Address.Lines, " "), "LARREY") {
		t.Errorf("destinataire relu du CDA : %+v", r)
	}
	if strings.Contains(d.Title, "DUPONT") || strings.Contains(d.Title, "DURAND") {
		t.Errorf("le titre du CDA nomme la patiente : %q", d.Title)
	}
}
