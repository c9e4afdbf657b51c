package cli

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"atlasri/app/cda"
	"atlasri/internal/cdakit"
	"atlasri/internal/lettertest"
	"atlasri/model"
	"atlasri/model/sqlite"
)

var (
	patientJSON = filepath.Join("..", "app", "letter", "testdata", "patient.json")
	gpJSON      = filepath.Join("..", "app", "letter", "testdata", "gp.json")
)

func letterArgs(dir string, extra ...string) []string {
	return append([]string{"letter", "--data-dir", dir, "--centre", "chu-d-angers", "--procedure", "embolisation-fibromes-uterins",
		"--patient-file", patientJSON, "--date", "2026-03-12"}, extra...)
}

func TestLetterCommand(t *testing.T) {
	dir := t.TempDir()
	out := t.TempDir()
	letterPDF, sheetPDF := filepath.Join(out, "lettre.pdf"), filepath.Join(out, "fiche.pdf")

	t.Run("no identity yet names the GP's missing fields", func(t *testing.T) {
		code, _, errs := run(letterArgs(dir, "--out", letterPDF)...)
		if code != ExitFailure || !strings.Contains(errs, "nom du médecin (Paramètres)") || !strings.Contains(errs, "téléphone du médecin") {
			t.Errorf("exit %d, stderr %s", code, errs)
		}
		if _, err := os.Stat(letterPDF); err == nil {
			t.Error("a PDF was written for a refused letter")
		}
	})

	t.Run("letter and sheet", func(t *testing.T) {
		code, stdout, errs := run(letterArgs(dir, "--gp-file", gpJSON, "--save-gp", "--out", letterPDF, "--sheet", sheetPDF)...)
		if code != ExitOK {
			t.Fatalf("exit %d: %s", code, errs)
		}
		for _, w := range []string{"Lettre enregistrée : " + letterPDF + " (2 pages).", "Fiche patient enregistrée"} {
			if !strings.Contains(stdout, w) {
				t.Errorf("stdout lacks %q: %s", w, stdout)
			}
		}
		if !strings.Contains(errs, "Attention : ") || !strings.Contains(errs, "registre (FINESS 2020)") {
			t.Errorf("notices not shown: %s", errs)
		}
		// Nothing about the patient on the terminal.
		for _, secret := range []string{"DUPONT", "Dupont", "Hélène", "1975", "Ménorragies"} {
			if strings.Contains(stdout+errs, secret) {
				t.Errorf("output mentions %q", secret)
			}
		}
		for _, p := range []string{letterPDF, sheetPDF} {
			fi, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
				t.Errorf("%s mode %v, want 0600", filepath.Base(p), fi.Mode().Perm())
			}
		}
		if text := pdfToText(t, letterPDF); !strings.Contains(text, "Madame Hélène DUPONT") || !strings.Contains(text, "56,70 €") {
			t.Errorf("letter text:\n%s", text)
		}
		if hist := history(t, dir); len(hist) != 0 {
			t.Errorf("history kept without --keep-history: %d letters", len(hist))
		}
	})

	t.Run("saved identity and history on request", func(t *testing.T) {
		code, stdout, errs := run(letterArgs(dir, "--out", letterPDF, "--keep-history")...)
		if code != ExitOK || !strings.Contains(stdout, "conservée dans l'historique") {
			t.Fatalf("exit %d: %s %s", code, stdout, errs)
		}
		hist := history(t, dir)
		if len(hist) != 1 || hist[0].Delivery != model.DeliveryPDF || !strings.Contains(hist[0].Patient, "DUPONT") {
			t.Errorf("history = %+v", hist)
		}
	})

	t.Run("usage errors", func(t *testing.T) {
		for _, tt := range []struct {
			args []string
			want string
		}{
			{[]string{"letter", "--data-dir", dir}, "Options manquantes : --centre, --procedure, --patient-file et --out, --cda ou --print"},
			{letterArgs(dir, "--out", letterPDF, "--printer", "x"), "--printer ne sert qu'avec --print"},
			{letterArgs(dir, "--out", letterPDF, "--save-gp"), "--save-gp ne sert qu'avec --gp-file"},
			{letterArgs(dir, "--out", letterPDF, "--date", "12/03/2026"), "n'est pas une date AAAA-MM-JJ"},
		} {
			code, _, errs := run(tt.args...)
			if code != ExitUsage || !strings.Contains(errs, tt.want) {
				t.Errorf("%v: exit %d, stderr %q, want %q", tt.args[3:], code, errs, tt.want)
			}
		}
	})

	t.Run("emergency", func(t *testing.T) {
		args := letterArgs(dir, "--out", letterPDF)
		args[6] = "thrombectomie-avc"
		code, _, errs := run(args...)
		if code != ExitFailure || !strings.Contains(errs, "appeler immédiatement le 15") {
			t.Errorf("exit %d, stderr %s", code, errs)
		}
	})

	t.Run("bad patient file", func(t *testing.T) {
		bad := filepath.Join(out, "bad.json")
		os.WriteFile(bad, []byte("{\n\"patient\": {\"prenom\": \"x\"}\n}"), 0o600)
		args := letterArgs(dir, "--out", letterPDF)
		args[8] = bad
		code, _, errs := run(args...)
		if code != ExitFailure || !strings.Contains(errs, "champ inconnu « prenom » dans « patient » (ligne 2, colonne 13)") {
			t.Errorf("exit %d, stderr %s", code, errs)
		}
		args[8] = filepath.Join(out, "absent.json")
		if code, _, errs := run(args...); code != ExitFailure || !strings.Contains(errs, "introuvable") {
			t.Errorf("absent file: exit %d, stderr %s", code, errs)
		}
	})

	t.Run("CDA for MSSanté and the DMP", func(t *testing.T) {
		xmlOut := filepath.Join(out, "lettre.xml")
		code, stdout, errs := run(letterArgs(dir, "--out", letterPDF, "--cda", xmlOut)...)
		if code != ExitOK || !strings.Contains(stdout, "Lettre pour MSSanté / DMP enregistrée : "+xmlOut) {
			t.Fatalf("exit %d: %s %s", code, stdout, errs)
		}
		fi, err := os.Stat(xmlOut)
		if err != nil {
			t.Fatal(err)
		}
		if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
			t.Errorf("CDA mode %v, want 0600", fi.Mode().Perm())
		}
		data, _ := os.ReadFile(xmlOut)
		d, err := cda.Read(data)
		if err != nil {
			t.Fatal(err)
		}
		pdf, _ := os.ReadFile(letterPDF)
		// Same letter, written twice: the same text (the PDFs differ only
		// by their creation time).
		inCDA := filepath.Join(out, "from-cda.pdf")
		os.WriteFile(inCDA, d.PDF, 0o600)
		if a, b := pdfToText(t, inCDA), pdfToText(t, letterPDF); a != b || len(pdf) == 0 {
			t.Error("the CDA's PDF is not the letter")
		}
		if d.Patient.INS == nil || d.Patient.INS.Matricule != "275044900712365" || d.Patient.BirthName != "DURAND" || d.Author.RPPS != "10999999997" {
			t.Errorf("header read back: %+v %+v", d.Patient, d.Author)
		}
		for _, secret := range []string{"DUPONT", "Hélène", "1975"} {
			if strings.Contains(stdout+errs, secret) {
				t.Errorf("output mentions %q", secret)
			}
		}
	})

	// The letter of `atlas-ri letter` carries every element of a lettre de
	// liaison; the INS only for a qualified identity; both outputs read
	// back (internal/lettertest).
	for _, qualified := range []bool{true, false} {
		t.Run(fmt.Sprintf("every element, qualified identity %v", qualified), func(t *testing.T) {
			patient := patientJSON
			if !qualified {
				patient = filepath.Join(t.TempDir(), "patient.json")
				data := strings.Replace(string(lettertest.Read(t, lettertest.PatientFile)), `"qualified": true`, `"qualified": false`, 1)
				if err := os.WriteFile(patient, []byte(data), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			pdfOut, xmlOut := filepath.Join(t.TempDir(), "lettre.pdf"), filepath.Join(t.TempDir(), "lettre.xml")
			args := letterArgs(dir, "--gp-file", gpJSON, "--cda", xmlOut)
			args[8] = patient
			code, stdout, errs := run(args...)
			if code != ExitOK {
				t.Fatalf("exit %d: %s %s", code, stdout, errs)
			}
			if dmp := strings.Contains(errs, "le DMP n'accepte que les documents portant l'INS d'une identité qualifiée"); dmp == qualified {
				t.Errorf("qualified %v, DMP warning %v: %s", qualified, dmp, errs)
			}
			doc, err := os.ReadFile(xmlOut)
			if err != nil {
				t.Fatal(err)
			}
			d, err := cda.Read(doc)
			if err != nil {
				t.Fatal(err)
			}
			lettertest.CheckLetter(t, d.PDF, qualified)
			lettertest.CheckCDA(t, doc, d.PDF, qualified)
			cdakit.Find(t, lettertest.Root(t)).ValidateXSD(t, xmlOut)
			// The same letter as a PDF: the same text.
			if code, _, errs := run(append(args[:len(args)-2], "--out", pdfOut)...); code != ExitOK {
				t.Fatalf("exit %d: %s", code, errs)
			}
			if a, b := pdfToText(t, pdfOut), lettertest.Text(t, d.PDF); a != b {
				t.Errorf("--out and --cda wrote different letters:\n%s\n%s", a, b)
			}
		})
	}

	t.Run("format 1 patient file", func(t *testing.T) {
		args := letterArgs(dir, "--out", letterPDF)
		args[8] = filepath.Join("..", "app", "letter", "testdata", "patient-v1.json")
		code, _, errs := run(args...)
		for _, w := range []string{"Ancien format : format 1 : le NIR saisi devient un matricule INS non qualifié", "lieu de naissance (code INSEE) (patient.birthplace)", "(consent)"} {
			if !strings.Contains(errs, w) {
				t.Errorf("stderr lacks %q: %s", w, errs)
			}
		}
		if code != ExitFailure {
			t.Errorf("exit %d", code)
		}
	})

	t.Run("list work-up", func(t *testing.T) {
		code, stdout, errs := run("letter", "--data-dir", dir, "--procedure", "embolisation-fibromes-uterins", "--list-workup")
		if code != ExitOK || !strings.Contains(stdout, "  5. Frottis cervico-utérin à jour (à confirmer)") {
			t.Errorf("exit %d: %s %s", code, stdout, errs)
		}
	})
}

func history(t *testing.T, dir string) []model.LetterRecord {
	t.Helper()
	u, err := sqlite.OpenUser(filepath.Join(dir, "user.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer u.Close()
	h, err := u.Letters(0)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func pdfToText(t *testing.T, path string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) absent : vérification du texte du PDF non exécutée")
	}
	out, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// TestLetterPrintsThroughCUPS prints a letter with the command's own print
// path into a real CUPS queue whose cups-pdf backend writes PDFs to
// $ATLAS_RI_CUPS_PDF_DIR (.ci/run sets it up), then reads the printed PDF.
func TestLetterPrintsThroughCUPS(t *testing.T) {
	spool := os.Getenv("ATLAS_RI_CUPS_PDF_DIR")
	if spool == "" {
		t.Skip("ATLAS_RI_CUPS_PDF_DIR non défini : pas d'imprimante cups-pdf de test (.ci/run la configure) ; impression de bout en bout non vérifiée")
	}
	if _, err := exec.LookPath("lp"); err != nil {
		t.Skip("commande lp absente (CUPS non installé) : impression de bout en bout non vérifiée")
	}
	before := map[string]bool{}
	old, _ := filepath.Glob(filepath.Join(spool, "*.pdf"))
	for _, f := range old {
		before[f] = true
	}
	// The package's shared data folder: this letter is not kept, so it
	// leaves nothing there but the remembered options.
	dir := dataDir
	args := letterArgs(dir, "--gp-file", gpJSON, "--print")
	if p := os.Getenv("ATLAS_RI_CUPS_PRINTER"); p != "" {
		args = append(args, "--printer", p)
	}
	code, stdout, errs := run(args...)
	if code != ExitOK || !strings.Contains(stdout, "Lettre envoyée à l'imprimante (travail ") {
		t.Fatalf("exit %d: %s %s", code, stdout, errs)
	}
	var printed string
	for deadline := time.Now().Add(60 * time.Second); printed == "" && time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		files, _ := filepath.Glob(filepath.Join(spool, "*.pdf"))
		for _, f := range files {
			// cups-pdf writes the file, then closes it: wait until it parses.
			if !before[f] && exec.Command("pdfinfo", f).Run() == nil {
				printed = f
			}
		}
	}
	if printed == "" {
		t.Fatalf("no PDF appeared in %s within 60 s (job: %s)", spool, stdout)
	}
	t.Cleanup(func() { os.Remove(printed) })
	text := pdfToText(t, printed)
	for _, w := range []string{"Docteur Claire LEFÈVRE", "Madame Hélène DUPONT", "Chères Consœurs, chers Confrères,", "56,70 €", "Confidentiel – secret médical", "Page 2/2"} {
		if !strings.Contains(text, w) {
			t.Errorf("printed PDF lacks %q", w)
		}
	}
	if t.Failed() {
		t.Logf("printed text:\n%s", text)
	}
	if hist := history(t, dir); len(hist) != 0 {
		t.Errorf("printing kept the letter in the history without --keep-history")
	}
}
